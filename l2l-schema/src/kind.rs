//! The kind of a field and the filter lookups: which lookups each kind allows is written
//! here, and only here.

/// The kind of an API property: decides how its values are written in a query and which
/// lookups it allows.
///
/// ```
/// use l2l_schema::FieldKind;
/// assert_eq!(FieldKind::from_name("datetime"), Some(FieldKind::DateTime));
/// assert!(FieldKind::Text.is_ordered() && !FieldKind::Bool.is_ordered());
/// assert!(!FieldKind::Json.is_filterable());
/// ```
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

/// The lookups of a filterable kind, with and without `isnull` (slices of one table, so
/// that every answer of [`FieldKind::lookups`] is `'static`).
const ORDERED: [Lookup; 6] = [
    Lookup::Eq,
    Lookup::Lt,
    Lookup::Lte,
    Lookup::Gt,
    Lookup::Gte,
    Lookup::IsNull,
];
const UNORDERED: [Lookup; 2] = [Lookup::Eq, Lookup::IsNull];

impl FieldKind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert_eq!(FieldKind::ALL.len(), 8);
    /// assert_eq!(FieldKind::ALL[0], FieldKind::Integer);
    /// ```
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

    /// The kind's name as written in `#[l2l(kind = "...")]` and in `schema/l2l-areas.json`.
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert_eq!(FieldKind::DateTime.name(), "datetime");
    /// ```
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

    /// The names of every kind, in declaration order (for "expected one of ..." messages).
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert_eq!(FieldKind::names()[..3], ["integer", "float", "decimal"]);
    /// ```
    pub fn names() -> [&'static str; 8] {
        FieldKind::ALL.map(FieldKind::name)
    }

    /// The name of the kind's variant as written in Rust (`"DateTime"`), for code that
    /// generates `FieldKind::DateTime`.
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert_eq!(FieldKind::DateTime.variant_name(), "DateTime");
    /// ```
    pub const fn variant_name(self) -> &'static str {
        match self {
            FieldKind::Integer => "Integer",
            FieldKind::Float => "Float",
            FieldKind::Decimal => "Decimal",
            FieldKind::Text => "Text",
            FieldKind::Bool => "Bool",
            FieldKind::Date => "Date",
            FieldKind::DateTime => "DateTime",
            FieldKind::Json => "Json",
        }
    }

    /// Parses a kind name (`"integer"`, `"datetime"`, ...).
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert_eq!(FieldKind::from_name("bool"), Some(FieldKind::Bool));
    /// assert_eq!(FieldKind::from_name("boolean"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether a field of this kind can be filtered on at all (`json` fields are only
    /// returned).
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert!(FieldKind::Bool.is_filterable() && !FieldKind::Json.is_filterable());
    /// ```
    pub const fn is_filterable(self) -> bool {
        !matches!(self, FieldKind::Json)
    }

    /// Whether `__lt`, `__lte`, `__gt` and `__gte` make sense for this kind.
    ///
    /// ```
    /// use l2l_schema::FieldKind;
    /// assert!(FieldKind::Date.is_ordered());
    /// assert!(!FieldKind::Bool.is_ordered() && !FieldKind::Json.is_ordered());
    /// ```
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

    /// The lookups a filterable field of this kind allows: `eq`; the ordering lookups for
    /// ordered kinds; `isnull` when the field is nullable. None for `json`.
    ///
    /// ```
    /// use l2l_schema::{FieldKind, Lookup};
    /// assert_eq!(FieldKind::Bool.lookups(false), [Lookup::Eq]);
    /// assert_eq!(FieldKind::Bool.lookups(true), [Lookup::Eq, Lookup::IsNull]);
    /// assert_eq!(FieldKind::Text.lookups(true), Lookup::ALL);
    /// assert!(FieldKind::Json.lookups(true).is_empty());
    /// ```
    pub const fn lookups(self, nullable: bool) -> &'static [Lookup] {
        let all: &'static [Lookup] = if !self.is_filterable() {
            return &[];
        } else if self.is_ordered() {
            &ORDERED
        } else {
            &UNORDERED
        };
        match all.split_last() {
            // `isnull` is last in both tables.
            Some((_, rest)) if !nullable => rest,
            _ => all,
        }
    }
}

/// A filter lookup: the suffix after the field name in a query argument.
///
/// ```
/// use l2l_schema::Lookup;
/// assert_eq!(Lookup::from_name("gte").map(Lookup::suffix), Some("__gte"));
/// assert_eq!(Lookup::Eq.suffix(), "");
/// ```
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
    ///
    /// ```
    /// use l2l_schema::Lookup;
    /// assert_eq!(Lookup::ALL.map(Lookup::name), ["eq", "lt", "lte", "gt", "gte", "isnull"]);
    /// ```
    pub const ALL: [Lookup; 6] = ORDERED;

    /// The lookup's name: `eq`, `lt`, `lte`, `gt`, `gte`, `isnull`.
    ///
    /// ```
    /// use l2l_schema::Lookup;
    /// assert_eq!(Lookup::IsNull.name(), "isnull");
    /// ```
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
    ///
    /// ```
    /// use l2l_schema::Lookup;
    /// assert_eq!(format!("code{}", Lookup::Lte.suffix()), "code__lte");
    /// ```
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
    ///
    /// ```
    /// use l2l_schema::Lookup;
    /// assert_eq!(Lookup::from_name("lt"), Some(Lookup::Lt));
    /// assert_eq!(Lookup::from_name("__lt"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Lookup> {
        Lookup::ALL.into_iter().find(|l| l.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in FieldKind::ALL {
            assert_eq!(FieldKind::from_name(k.name()), Some(k));
        }
        for l in Lookup::ALL {
            assert_eq!(Lookup::from_name(l.name()), Some(l));
        }
    }

    #[test]
    fn lookups_follow_the_kind() {
        for k in FieldKind::ALL {
            let with = k.lookups(true);
            let without = k.lookups(false);
            assert_eq!(with.contains(&Lookup::Eq), k.is_filterable());
            assert_eq!(with.contains(&Lookup::Gte), k.is_ordered());
            assert_eq!(with.contains(&Lookup::IsNull), k.is_filterable());
            assert!(!without.contains(&Lookup::IsNull));
            assert_eq!(without.len() + usize::from(k.is_filterable()), with.len());
        }
    }
}
