//! What a record area is: the [`RecordArea`] trait and the static [`AreaSchema`]
//! description that the `#[record_area]` macro emits for each area.
//!
//! Everything dynamic (the sandbox's tables, the CLI's filters, `schema/l2l-areas.json`)
//! reads these values, so the Rust declaration of an area is the one source of truth.

use serde::de::DeserializeOwned;

/// The kind of an API property: decides how its values are written in a query and which
/// lookups it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldKind {
    /// A whole number (`i64`, `i32`, `u32`, ...).
    Integer,
    /// A floating-point number (`f64`, `f32`).
    Float,
    /// A decimal number, which L2L often sends as a string (`"3903.00"`).
    Decimal,
    /// Text (`String`).
    Text,
    /// A boolean (`true`/`false`; L2L also accepts `True`, `1`, `T`).
    Bool,
    /// A calendar date, `2016-05-05`.
    Date,
    /// A date and time of day, `2016-05-05T22:39:47`.
    DateTime,
    /// Anything else (lists, nested objects): returned, never filtered or ordered on.
    Json,
}

impl FieldKind {
    /// The kind's name as written in `#[l2l(kind = "...")]` and in `schema/l2l-areas.json`.
    pub const fn name(self) -> &'static str {
        match self {
            FieldKind::Integer => "integer",
            FieldKind::Float => "float",
            FieldKind::Decimal => "decimal",
            FieldKind::Text => "text",
            FieldKind::Bool => "bool",
            FieldKind::Date => "date",
            FieldKind::DateTime => "datetime",
            FieldKind::Json => "json",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [FieldKind; 8] = [
        FieldKind::Integer,
        FieldKind::Float,
        FieldKind::Decimal,
        FieldKind::Text,
        FieldKind::Bool,
        FieldKind::Date,
        FieldKind::DateTime,
        FieldKind::Json,
    ];

    /// Parses a kind name (`"integer"`, `"datetime"`, ...).
    pub fn from_name(name: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether `__lt`, `__lte`, `__gt` and `__gte` make sense for this kind.
    pub const fn is_ordered(self) -> bool {
        matches!(
            self,
            FieldKind::Integer
                | FieldKind::Float
                | FieldKind::Decimal
                | FieldKind::Text
                | FieldKind::Date
                | FieldKind::DateTime
        )
    }
}

/// A filter lookup: the suffix after the field name in a query argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// `field=value`
    Eq,
    /// `field__lt=value`
    Lt,
    /// `field__lte=value`
    Lte,
    /// `field__gt=value`
    Gt,
    /// `field__gte=value`
    Gte,
    /// `field__isnull=True|False`
    IsNull,
}

impl Lookup {
    /// Every lookup, in the order the docs list them.
    pub const ALL: [Lookup; 6] = [
        Lookup::Eq,
        Lookup::Lt,
        Lookup::Lte,
        Lookup::Gt,
        Lookup::Gte,
        Lookup::IsNull,
    ];

    /// The lookup's name: `eq`, `lt`, `lte`, `gt`, `gte`, `isnull`.
    pub const fn name(self) -> &'static str {
        match self {
            Lookup::Eq => "eq",
            Lookup::Lt => "lt",
            Lookup::Lte => "lte",
            Lookup::Gt => "gt",
            Lookup::Gte => "gte",
            Lookup::IsNull => "isnull",
        }
    }

    /// The suffix written after the field name: empty for `Eq`, else `__lt` and so on.
    pub const fn suffix(self) -> &'static str {
        match self {
            Lookup::Eq => "",
            Lookup::Lt => "__lt",
            Lookup::Lte => "__lte",
            Lookup::Gt => "__gt",
            Lookup::Gte => "__gte",
            Lookup::IsNull => "__isnull",
        }
    }

    /// Parses a lookup name (`"gte"`), as the CLI's `--where code__gte=...` uses.
    pub fn from_name(name: &str) -> Option<Lookup> {
        Lookup::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// Whether list queries of an area must name a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The area is global (sites themselves).
    None,
    /// Every query names the site number (`site=1`).
    Site,
}

/// The CRUD operations an area supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operations {
    /// `GET <area>/<id>/`
    pub get: bool,
    /// `GET <area>/?...`
    pub list: bool,
    /// `POST <area>/` without an id
    pub create: bool,
    /// `POST <area>/<id>/` (or PUT)
    pub update: bool,
    /// `DELETE <area>/<id>/` (or `_action=delete`)
    pub delete: bool,
}

impl Operations {
    /// Every operation.
    pub const ALL: Operations = Operations {
        get: true,
        list: true,
        create: true,
        update: true,
        delete: true,
    };

    /// Reading only: `get` and `list`.
    pub const READ_ONLY: Operations = Operations {
        get: true,
        list: true,
        create: false,
        update: false,
        delete: false,
    };

    /// The names of the operations that are on, in the order `get, list, create, update, delete`.
    pub fn names(&self) -> Vec<&'static str> {
        [
            (self.get, "get"),
            (self.list, "list"),
            (self.create, "create"),
            (self.update, "update"),
            (self.delete, "delete"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }
}

/// One API property of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSchema {
    /// The API property, as sent and received (`valuestream`, `dispatch_type`).
    pub api_name: &'static str,
    /// The Rust field name (differs from `api_name` only where the property is no valid Rust name).
    pub rust_name: &'static str,
    /// The field's kind.
    pub kind: FieldKind,
    /// Whether the field may be null (an `Option` in Rust).
    pub nullable: bool,
    /// Whether the field is the record's id.
    pub id: bool,
    /// Returned by the API, never sent (`id`, `created`, `lastupdated`).
    pub read_only: bool,
    /// Sent by the client, never returned (`linecode` when creating a machine).
    pub write_only: bool,
    /// Whether the field can be filtered on.
    pub filter: bool,
    /// Whether the field can be used in `order_by`.
    pub order: bool,
    /// The label L2L's screens may show for this property ("Defect" for `scrap`).
    pub label: Option<&'static str>,
}

impl FieldSchema {
    /// A filterable, orderable field whose Rust name is its API property; the other flags
    /// off. For areas declared by hand (tests, dynamic code); the macro writes the struct.
    ///
    /// ```
    /// use l2l_core::{FieldKind, FieldSchema};
    /// const ID: FieldSchema = FieldSchema::new("id", FieldKind::Integer, false).id().read_only();
    /// assert!(ID.id && ID.read_only && ID.filter);
    /// ```
    pub const fn new(api_name: &'static str, kind: FieldKind, nullable: bool) -> FieldSchema {
        FieldSchema {
            api_name,
            rust_name: api_name,
            kind,
            nullable,
            id: false,
            read_only: false,
            write_only: false,
            filter: true,
            order: true,
            label: None,
        }
    }

    /// The same field, marked as the record's id.
    pub const fn id(self) -> FieldSchema {
        FieldSchema { id: true, ..self }
    }

    /// The same field, marked read-only.
    pub const fn read_only(self) -> FieldSchema {
        FieldSchema {
            read_only: true,
            ..self
        }
    }

    /// The lookups this field allows: `eq` when filterable, the ordering lookups for
    /// ordered kinds, and `isnull` for nullable fields.
    pub fn lookups(&self) -> Vec<Lookup> {
        if !self.filter || self.kind == FieldKind::Json {
            return Vec::new();
        }
        let mut out = vec![Lookup::Eq];
        if self.kind.is_ordered() {
            out.extend([Lookup::Lt, Lookup::Lte, Lookup::Gt, Lookup::Gte]);
        }
        if self.nullable {
            out.push(Lookup::IsNull);
        }
        out
    }

    /// Whether `lookup` is allowed on this field.
    pub fn allows(&self, lookup: Lookup) -> bool {
        self.lookups().contains(&lookup)
    }
}

/// The static description of a record area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaSchema {
    /// The Rust type's name (`Machine`).
    pub name: &'static str,
    /// The URL segment (`machines`).
    pub path: &'static str,
    /// Whether queries name a site.
    pub scope: Scope,
    /// The largest page size the area accepts (2000 unless the area says otherwise).
    pub max_limit: u32,
    /// Whether the area supports `custom__<property>` filters (machines).
    pub custom_properties: bool,
    /// The operations the area supports.
    pub operations: Operations,
    /// The fields, in declaration order.
    pub fields: &'static [FieldSchema],
}

impl AreaSchema {
    /// The field with this API property, if any.
    pub fn field(&self, api_name: &str) -> Option<&'static FieldSchema> {
        self.fields.iter().find(|f| f.api_name == api_name)
    }

    /// The id field, if the area has one.
    pub fn id_field(&self) -> Option<&'static FieldSchema> {
        self.fields.iter().find(|f| f.id)
    }

    /// The API property names of every field, in declaration order.
    pub fn field_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.api_name)
    }

    /// The fields that identify a record apart from its id, used to find a record that a
    /// failed create may have stored: `loginid` for users; `site` and `code` where the area
    /// has a required `code`; none otherwise.
    pub fn natural_key(&self) -> Vec<&'static str> {
        let required = |name: &str| {
            self.field(name)
                .is_some_and(|f| !f.nullable && !f.read_only && f.filter)
        };
        if required("loginid") {
            return vec!["loginid"];
        }
        if required("code") {
            let mut key = Vec::new();
            if self.scope == Scope::Site && required("site") {
                key.push("site");
            }
            key.push("code");
            return key;
        }
        Vec::new()
    }

    /// The area as JSON, in the shape of `schema/l2l-areas.json`.
    pub fn to_json(&self) -> serde_json::Value {
        let fields: Vec<serde_json::Value> = self
            .fields
            .iter()
            .map(|f| {
                serde_json::json!({
                    "api_name": f.api_name,
                    "rust_name": f.rust_name,
                    "kind": f.kind.name(),
                    "nullable": f.nullable,
                    "id": f.id,
                    "read_only": f.read_only,
                    "write_only": f.write_only,
                    "order": f.order,
                    "lookups": f.lookups().iter().map(|l| l.name()).collect::<Vec<_>>(),
                    "label": f.label,
                })
            })
            .collect();
        serde_json::json!({
            "name": self.name,
            "path": self.path,
            "scope": match self.scope { Scope::None => "none", Scope::Site => "site" },
            "max_limit": self.max_limit,
            "custom_properties": self.custom_properties,
            "operations": self.operations.names(),
            "natural_key": self.natural_key(),
            "fields": fields,
        })
    }
}

/// A record that paging can walk by key: it knows its own id.
///
/// The macro implements it for each area's record and partial record; it is also
/// implemented for [`serde_json::Value`] so that dynamic code (the CLI) can page untyped.
pub trait Record: DeserializeOwned + Send + 'static {
    /// The record's id, when the record carries one.
    fn record_id(&self) -> Option<i64>;
}

impl Record for serde_json::Value {
    fn record_id(&self) -> Option<i64> {
        match self.get("id")? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }
}

/// A record area: implemented by `#[record_area]` for each area's record type.
pub trait RecordArea: Record {
    /// The area's field enum (`MachineField`).
    type Field: Copy + 'static;
    /// The static description of the area.
    const SCHEMA: &'static AreaSchema;
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: FieldSchema = FieldSchema::new("active", FieldKind::Bool, false);

    #[test]
    fn lookups_follow_kind_and_nullability() {
        assert_eq!(F.lookups(), vec![Lookup::Eq]);
        let text = FieldSchema {
            kind: FieldKind::Text,
            nullable: true,
            ..F
        };
        assert_eq!(text.lookups(), Lookup::ALL.to_vec());
        let off = FieldSchema { filter: false, ..F };
        assert!(off.lookups().is_empty());
    }

    #[test]
    fn names_round_trip() {
        for k in FieldKind::ALL {
            assert_eq!(FieldKind::from_name(k.name()), Some(k));
        }
        for l in Lookup::ALL {
            assert_eq!(Lookup::from_name(l.name()), Some(l));
        }
    }
}
