//! What a record area is: the static [`AreaSchema`] description that the `#[record_area]`
//! macro emits for each area, its [`Scope`] and its [`Operations`].
//!
//! Everything dynamic (the sandbox's tables, the CLI's filters, `schema/l2l-areas.json`)
//! reads these values, so the Rust declaration of an area is the one source of truth.

use crate::field::FieldSchema;

/// Whether list queries of an area must name a site.
///
/// ```
/// use l2l_schema::{AreaSchema, Scope};
/// static MACHINES: AreaSchema = AreaSchema::new("Machine", "machines", Scope::Site, &[]);
/// assert_eq!(MACHINES.scope, Scope::Site);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scope {
    /// The area is global (sites themselves).
    None,
    /// Every query names the site number (`site=1`).
    Site,
}

/// The CRUD operations an area supports. Built with [`Operations::new`] or the constants
/// ([`Operations::ALL`], [`Operations::READ_ONLY`]).
///
/// ```
/// use l2l_schema::Operations;
/// let ops = Operations::READ_ONLY;
/// assert!(ops.get && ops.list && !ops.create);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
    ///
    /// ```
    /// use l2l_schema::{Operations};
    /// assert_eq!(Operations::ALL.names().len(), 5);
    /// ```
    pub const ALL: Operations = Operations {
        get: true,
        list: true,
        create: true,
        update: true,
        delete: true,
    };

    /// Reading only: `get` and `list`.
    ///
    /// ```
    /// use l2l_schema::{Operations};
    /// assert_eq!(Operations::READ_ONLY.names(), ["get", "list"]);
    /// ```
    pub const READ_ONLY: Operations = Operations {
        get: true,
        list: true,
        create: false,
        update: false,
        delete: false,
    };

    /// The operations that are on: `get`, `list`, `create`, `update`, `delete`.
    ///
    /// ```
    /// use l2l_schema::Operations;
    /// const OPS: Operations = Operations::new(true, true, false, false, false);
    /// assert_eq!(OPS, Operations::READ_ONLY);
    /// ```
    pub const fn new(get: bool, list: bool, create: bool, update: bool, delete: bool) -> Self {
        Operations {
            get,
            list,
            create,
            update,
            delete,
        }
    }

    /// The names of the operations that are on, in the order `get, list, create, update, delete`.
    ///
    /// ```
    /// use l2l_schema::{Operations};
    /// assert_eq!(Operations::new(true, false, true, false, false).names(), ["get", "create"]);
    /// ```
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

/// The static description of a record area. Built with [`AreaSchema::new`] and its
/// `const` builder methods, so that an area can gain a property without breaking any
/// declaration.
///
/// ```
/// use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
/// static WIDGETS: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
///     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
///     FieldSchema::new("code", FieldKind::Text, false),
/// ])
/// .max_limit(500)
/// .operations(Operations::READ_ONLY);
/// assert_eq!(WIDGETS.natural_key(), ["code"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
    /// An area with these fields: all five operations, a maximum page size of 2000, no
    /// custom properties.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
    ///     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
    ///     FieldSchema::new("site", FieldKind::Integer, false),
    ///     FieldSchema::new("code", FieldKind::Text, false),
    /// ]);
    /// assert_eq!((W.max_limit, W.custom_properties, W.operations), (2000, false, Operations::ALL));
    /// ```
    pub const fn new(
        name: &'static str,
        path: &'static str,
        scope: Scope,
        fields: &'static [FieldSchema],
    ) -> AreaSchema {
        AreaSchema {
            name,
            path,
            scope,
            max_limit: 2000,
            custom_properties: false,
            operations: Operations::ALL,
            fields,
        }
    }

    /// The same area with this largest page size.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[]).max_limit(500);
    /// assert_eq!(W.max_limit, 500);
    /// ```
    pub const fn max_limit(self, max_limit: u32) -> AreaSchema {
        AreaSchema { max_limit, ..self }
    }

    /// The same area, with custom properties (`custom__<name>`).
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[]).custom_properties();
    /// assert!(W.custom_properties);
    /// ```
    pub const fn custom_properties(self) -> AreaSchema {
        AreaSchema {
            custom_properties: true,
            ..self
        }
    }

    /// The same area with these operations.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, Operations, Scope};
    /// static W: AreaSchema =
    ///     AreaSchema::new("Widget", "widgets", Scope::None, &[]).operations(Operations::READ_ONLY);
    /// assert!(!W.operations.delete);
    /// ```
    pub const fn operations(self, operations: Operations) -> AreaSchema {
        AreaSchema { operations, ..self }
    }

    /// The field with this API property, if any.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
    ///     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
    ///     FieldSchema::new("site", FieldKind::Integer, false),
    ///     FieldSchema::new("code", FieldKind::Text, false),
    /// ]);
    /// assert_eq!(W.field("code").map(|f| f.kind), Some(FieldKind::Text));
    /// assert!(W.field("cod").is_none());
    /// ```
    pub fn field(&self, api_name: &str) -> Option<&'static FieldSchema> {
        self.fields.iter().find(|f| f.api_name == api_name)
    }

    /// The id field, if the area has one.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
    ///     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
    ///     FieldSchema::new("site", FieldKind::Integer, false),
    ///     FieldSchema::new("code", FieldKind::Text, false),
    /// ]);
    /// assert_eq!(W.id_field().map(|f| f.api_name), Some("id"));
    /// ```
    pub fn id_field(&self) -> Option<&'static FieldSchema> {
        self.fields.iter().find(|f| f.id)
    }

    /// The API property names of every field, in declaration order.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
    ///     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
    ///     FieldSchema::new("site", FieldKind::Integer, false),
    ///     FieldSchema::new("code", FieldKind::Text, false),
    /// ]);
    /// assert_eq!(W.field_names().collect::<Vec<_>>(), ["id", "site", "code"]);
    /// ```
    pub fn field_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.api_name)
    }

    /// The fields that identify a record apart from its id, used to find a record that a
    /// failed create may have stored: `loginid` for users; `site` and `code` where the area
    /// has a required `code`; none otherwise.
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
    ///     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
    ///     FieldSchema::new("site", FieldKind::Integer, false),
    ///     FieldSchema::new("code", FieldKind::Text, false),
    /// ]);
    /// assert_eq!(W.natural_key(), ["site", "code"]);
    /// ```
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

    /// The area as JSON, in the shape of `schema/l2l-areas.json` (feature `json`).
    ///
    /// ```
    /// use l2l_schema::{AreaSchema, Scope};
    /// static W: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[]);
    /// let j = W.to_json();
    /// assert_eq!((j["path"].as_str(), j["scope"].as_str()), (Some("widgets"), Some("site")));
    /// ```
    #[cfg(feature = "json")]
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
