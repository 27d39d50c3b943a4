//! One API property of an area: its [`FieldKind`], the filter [`Lookup`]s it allows and
//! the static [`FieldSchema`] that `#[record_area]` emits for it.

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
#[non_exhaustive]
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

/// One API property of an area. Built with [`FieldSchema::new`] and its `const` builder
/// methods, so that a field can gain a property without breaking any declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
    /// off. The builder methods below set the rest; `#[record_area]` calls them too.
    ///
    /// ```
    /// use l2l_core::{FieldKind, FieldSchema};
    /// const ID: FieldSchema = FieldSchema::new("id", FieldKind::Integer, false).id().read_only();
    /// assert!(ID.id && ID.read_only && ID.filter);
    /// const TYPE: FieldSchema = FieldSchema::new("type", FieldKind::Text, true)
    ///     .rust_name("r#type").no_order().label("Dispatch Type");
    /// assert!(!TYPE.order && TYPE.label == Some("Dispatch Type"));
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

    /// The same field, marked write-only (sent, never returned).
    pub const fn write_only(self) -> FieldSchema {
        FieldSchema {
            write_only: true,
            ..self
        }
    }

    /// The same field with this Rust name (when the API property is no valid Rust name).
    pub const fn rust_name(self, rust_name: &'static str) -> FieldSchema {
        FieldSchema { rust_name, ..self }
    }

    /// The same field, without filters.
    pub const fn no_filter(self) -> FieldSchema {
        FieldSchema {
            filter: false,
            ..self
        }
    }

    /// The same field, which L2L cannot order by.
    pub const fn no_order(self) -> FieldSchema {
        FieldSchema {
            order: false,
            ..self
        }
    }

    /// The same field with the label L2L's screens show for it.
    pub const fn label(self, label: &'static str) -> FieldSchema {
        FieldSchema {
            label: Some(label),
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
