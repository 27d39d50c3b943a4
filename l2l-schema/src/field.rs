//! One API property of an area: the static [`FieldSchema`] that `#[record_area]` emits for it.

use crate::kind::{FieldKind, Lookup};

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
    /// use l2l_schema::{FieldKind, FieldSchema};
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
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("id", FieldKind::Integer, false).id();
    /// assert!(f.id);
    /// ```
    pub const fn id(self) -> FieldSchema {
        FieldSchema { id: true, ..self }
    }

    /// The same field, marked read-only.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("created", FieldKind::DateTime, true).read_only();
    /// assert!(f.read_only && !f.write_only);
    /// ```
    pub const fn read_only(self) -> FieldSchema {
        FieldSchema {
            read_only: true,
            ..self
        }
    }

    /// The same field, marked write-only (sent, never returned).
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("linecode", FieldKind::Text, true).write_only();
    /// assert!(f.write_only);
    /// ```
    pub const fn write_only(self) -> FieldSchema {
        FieldSchema {
            write_only: true,
            ..self
        }
    }

    /// The same field with this Rust name (when the API property is no valid Rust name).
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("type", FieldKind::Text, true).rust_name("r#type");
    /// assert_eq!((f.api_name, f.rust_name), ("type", "r#type"));
    /// ```
    pub const fn rust_name(self, rust_name: &'static str) -> FieldSchema {
        FieldSchema { rust_name, ..self }
    }

    /// The same field, without filters.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("notes", FieldKind::Text, true).no_filter();
    /// assert!(!f.filter && f.lookups().is_empty());
    /// ```
    pub const fn no_filter(self) -> FieldSchema {
        FieldSchema {
            filter: false,
            ..self
        }
    }

    /// The same field, which L2L cannot order by.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("notes", FieldKind::Text, true).no_order();
    /// assert!(!f.order && f.filter);
    /// ```
    pub const fn no_order(self) -> FieldSchema {
        FieldSchema {
            order: false,
            ..self
        }
    }

    /// The same field with the label L2L's screens show for it.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema};
    /// let f = FieldSchema::new("scrap", FieldKind::Integer, true).label("Defect");
    /// assert_eq!(f.label, Some("Defect"));
    /// ```
    pub const fn label(self, label: &'static str) -> FieldSchema {
        FieldSchema {
            label: Some(label),
            ..self
        }
    }

    /// The lookups this field allows: `eq` when filterable, the ordering lookups for
    /// ordered kinds, and `isnull` for nullable fields.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema, Lookup};
    /// let code = FieldSchema::new("code", FieldKind::Text, false);
    /// assert_eq!(code.lookups(), [Lookup::Eq, Lookup::Lt, Lookup::Lte, Lookup::Gt, Lookup::Gte]);
    /// assert!(code.no_filter().lookups().is_empty());
    /// ```
    pub fn lookups(&self) -> Vec<Lookup> {
        self.allowed().to_vec()
    }

    /// Whether `lookup` is allowed on this field.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, FieldSchema, Lookup};
    /// let active = FieldSchema::new("active", FieldKind::Bool, false);
    /// assert!(active.allows(Lookup::Eq) && !active.allows(Lookup::Gt));
    /// ```
    pub fn allows(&self, lookup: Lookup) -> bool {
        self.allowed().contains(&lookup)
    }

    /// The kind's lookups ([`FieldKind::lookups`]), none when the field is not filtered on.
    fn allowed(&self) -> &'static [Lookup] {
        if self.filter {
            self.kind.lookups(self.nullable)
        } else {
            &[]
        }
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
        let json = FieldSchema::new("list", FieldKind::Json, true);
        assert!(json.lookups().is_empty());
    }
}
