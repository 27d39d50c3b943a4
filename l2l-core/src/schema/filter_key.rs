//! The one parser of filter keys, `field__lookup=value`, with the docs' rules.
//!
//! - No suffix is equality: `code=M-100`.
//! - `__lt`, `__lte`, `__gt`, `__gte` compare; `__isnull` takes `True` or `False` only
//!   (the docs: "value must be 'True' or 'False'").
//! - `custom__NAME` (and `custom__NAME__lookup`) names a custom property.
//! - Anything else is refused: an unknown suffix (with a "did you mean" when one is close),
//!   an empty field, a trailing `__`, white space, more than one lookup.
//!
//! ```
//! use l2l_core::{FilterKey, Lookup};
//!
//! let k = FilterKey::parse("code__gte").unwrap();
//! assert_eq!((k.field, k.lookup, k.custom), ("code", Lookup::Gte, false));
//! let k = FilterKey::parse("custom__color").unwrap();
//! assert_eq!((k.field, k.lookup, k.custom), ("color", Lookup::Eq, true));
//!
//! let e = FilterKey::parse("code__gtee").unwrap_err();
//! assert_eq!(e.suggestion.as_deref(), Some("__gte"));
//! assert_eq!(e.to_string(), "filter `code__gtee`: unknown lookup `__gtee`; did you mean `__gte`?");
//! assert!(FilterKey::isnull("code", "true").is_err());
//! ```

use std::fmt;

use crate::schema::Lookup;

/// The prefix of a custom property's filter key.
pub const CUSTOM_PREFIX: &str = "custom__";

/// The lookup suffixes the docs list, without the leading `__`.
const SUFFIXES: [(&str, Lookup); 5] = [
    ("lt", Lookup::Lt),
    ("lte", Lookup::Lte),
    ("gt", Lookup::Gt),
    ("gte", Lookup::Gte),
    ("isnull", Lookup::IsNull),
];

/// A parsed filter key: the field (or custom property) and the lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FilterKey<'a> {
    /// The field's API name, or the custom property's name (without `custom__`).
    pub field: &'a str,
    /// The lookup; [`Lookup::Eq`] when the key has no suffix.
    pub lookup: Lookup,
    /// Whether the key names a custom property (`custom__NAME`).
    pub custom: bool,
}

/// Why a filter key or an `__isnull` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FilterKeyReason {
    /// The key is empty.
    EmptyKey,
    /// The field before the lookup is empty (`__lt`, `custom__`).
    EmptyField,
    /// The key ends with `__` and names no lookup.
    TrailingSeparator,
    /// The key holds white space.
    Whitespace,
    /// The suffix is not one of the docs' lookups.
    UnknownLookup(String),
    /// The key has more than one lookup (`code__lt__gte`).
    TooManyLookups,
    /// An `__isnull` value other than `True` or `False`.
    IsNullValue(String),
}

impl fmt::Display for FilterKeyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterKeyReason::EmptyKey => f.write_str("the key is empty"),
            FilterKeyReason::EmptyField => f.write_str("no field before the lookup"),
            FilterKeyReason::TrailingSeparator => {
                f.write_str("the key ends with `__`; name a lookup or drop the `__`")
            }
            FilterKeyReason::Whitespace => f.write_str("the key holds white space"),
            FilterKeyReason::UnknownLookup(s) => write!(
                f,
                "unknown lookup `__{}`",
                s.chars().take(40).collect::<String>()
            ),
            FilterKeyReason::TooManyLookups => {
                f.write_str("more than one lookup; use one of __lt, __lte, __gt, __gte, __isnull")
            }
            FilterKeyReason::IsNullValue(v) => write!(
                f,
                "`__isnull` takes True or False, not {:?}",
                v.chars().take(40).collect::<String>()
            ),
        }
    }
}

/// A refused filter key or value: the key as sent, the field it names (as far as it could
/// be read), the reason, and a suggestion when one is close.
///
/// Display says it in one line: ``filter `code__gtee`: unknown lookup `__gtee`; did you mean `__gte`?``.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FilterKeyError {
    /// The key as sent (at most 80 characters of it).
    pub key: String,
    /// The field the key names, possibly empty.
    pub field: String,
    /// Why it was refused.
    pub reason: FilterKeyReason,
    /// What was probably meant (`__gte`, `True`), if anything is close.
    pub suggestion: Option<String>,
}

impl fmt::Display for FilterKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "filter `{}`: {}", self.key, self.reason)?;
        match &self.suggestion {
            Some(s) => write!(f, "; did you mean `{s}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for FilterKeyError {}

fn error(key: &str, field: &str, reason: FilterKeyReason) -> FilterKeyError {
    FilterKeyError {
        key: key.chars().take(80).collect(),
        field: field.to_owned(),
        reason,
        suggestion: None,
    }
}

/// The lookup name closest to `suffix`, when it is a likely misspelling (the crate's one
/// "did you mean").
fn closest_lookup(suffix: &str) -> Option<&'static str> {
    let lower = suffix.to_ascii_lowercase();
    l2l_schema::closest(&lower, SUFFIXES.iter().map(|(name, _)| *name))
}

impl<'a> FilterKey<'a> {
    /// Parses `key` (`code__gte`, `custom__color`) with the docs' rules; see the module.
    pub fn parse(key: &'a str) -> Result<FilterKey<'a>, FilterKeyError> {
        if key.is_empty() {
            return Err(error(key, "", FilterKeyReason::EmptyKey));
        }
        let (custom, rest) = match key.strip_prefix(CUSTOM_PREFIX) {
            Some(rest) => (true, rest),
            None => (false, key),
        };
        let mut parts = rest.split("__");
        let field = parts.next().unwrap_or("");
        let suffix = parts.next();
        if key.chars().any(char::is_whitespace) {
            return Err(error(key, field, FilterKeyReason::Whitespace));
        }
        if field.is_empty() {
            let reason = if rest.is_empty() && custom {
                FilterKeyReason::EmptyField
            } else if rest.is_empty() || rest == "__" {
                FilterKeyReason::TrailingSeparator
            } else {
                FilterKeyReason::EmptyField
            };
            return Err(error(key, field, reason));
        }
        if parts.next().is_some() {
            return Err(error(key, field, FilterKeyReason::TooManyLookups));
        }
        let lookup = match suffix {
            None => Lookup::Eq,
            Some("") => return Err(error(key, field, FilterKeyReason::TrailingSeparator)),
            Some(s) => match SUFFIXES.iter().find(|(name, _)| *name == s) {
                Some((_, l)) => *l,
                None => {
                    let mut e = error(key, field, FilterKeyReason::UnknownLookup(s.to_owned()));
                    e.suggestion = closest_lookup(s).map(|n| format!("__{n}"));
                    return Err(e);
                }
            },
        };
        Ok(FilterKey {
            field,
            lookup,
            custom,
        })
    }

    /// Reads the value of an `__isnull` filter on `field`: `True` or `False` only, as the docs
    /// say; anything else is refused with the spelling that was probably meant.
    ///
    /// ```
    /// use l2l_core::FilterKey;
    /// assert_eq!(FilterKey::isnull("end", "True"), Ok(true));
    /// let e = FilterKey::isnull("end", "false").unwrap_err();
    /// assert_eq!(e.suggestion.as_deref(), Some("False"));
    /// ```
    pub fn isnull(field: &str, value: &str) -> Result<bool, FilterKeyError> {
        match value {
            "True" => Ok(true),
            "False" => Ok(false),
            other => {
                let key = format!("{field}__isnull");
                let mut e = error(&key, field, FilterKeyReason::IsNullValue(other.to_owned()));
                e.suggestion = match other.trim().to_ascii_lowercase().as_str() {
                    "true" | "t" | "1" | "yes" => Some("True".to_owned()),
                    "false" | "f" | "0" | "no" => Some("False".to_owned()),
                    _ => None,
                };
                Err(e)
            }
        }
    }

    /// The key written back: `custom__` when custom, the field, and the lookup's suffix.
    pub fn key(&self) -> String {
        format!(
            "{}{}{}",
            if self.custom { CUSTOM_PREFIX } else { "" },
            self.field,
            self.lookup.suffix()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(key: &str) -> (&str, Lookup, bool) {
        let k = FilterKey::parse(key).unwrap_or_else(|e| panic!("{key}: {e}"));
        (k.field, k.lookup, k.custom)
    }

    fn reason(key: &str) -> FilterKeyReason {
        FilterKey::parse(key).expect_err(key).reason
    }

    #[test]
    fn reads_every_documented_lookup() {
        assert_eq!(ok("code"), ("code", Lookup::Eq, false));
        assert_eq!(ok("id__lt"), ("id", Lookup::Lt, false));
        assert_eq!(ok("id__lte"), ("id", Lookup::Lte, false));
        assert_eq!(ok("created__gt"), ("created", Lookup::Gt, false));
        assert_eq!(ok("created__gte"), ("created", Lookup::Gte, false));
        assert_eq!(
            ok("completed__isnull"),
            ("completed", Lookup::IsNull, false)
        );
        assert_eq!(ok("line_id"), ("line_id", Lookup::Eq, false));
        for l in Lookup::ALL {
            let key = format!("x{}", l.suffix());
            assert_eq!(FilterKey::parse(&key).unwrap().lookup, l);
            assert_eq!(FilterKey::parse(&key).unwrap().key(), key);
        }
    }

    #[test]
    fn reads_custom_properties() {
        assert_eq!(ok("custom__color"), ("color", Lookup::Eq, true));
        assert_eq!(ok("custom__color__isnull"), ("color", Lookup::IsNull, true));
        assert_eq!(ok("custom__size__gte"), ("size", Lookup::Gte, true));
        assert_eq!(
            FilterKey::parse("custom__a__lt").unwrap().key(),
            "custom__a__lt"
        );
        // `customer` is an ordinary field.
        assert_eq!(ok("customer"), ("customer", Lookup::Eq, false));
    }

    #[test]
    fn refuses_malformed_keys() {
        assert_eq!(reason(""), FilterKeyReason::EmptyKey);
        assert_eq!(reason("__lt"), FilterKeyReason::EmptyField);
        assert_eq!(reason("custom__"), FilterKeyReason::EmptyField);
        assert_eq!(reason("custom____lt"), FilterKeyReason::EmptyField);
        assert_eq!(reason("code__"), FilterKeyReason::TrailingSeparator);
        assert_eq!(reason("__"), FilterKeyReason::TrailingSeparator);
        assert_eq!(reason("code lt"), FilterKeyReason::Whitespace);
        assert_eq!(reason(" code"), FilterKeyReason::Whitespace);
        assert_eq!(reason("code\t"), FilterKeyReason::Whitespace);
        assert_eq!(reason("code__lt__gte"), FilterKeyReason::TooManyLookups);
        assert_eq!(
            reason("code__exact"),
            FilterKeyReason::UnknownLookup("exact".into())
        );
    }

    #[test]
    fn suggests_the_lookup_meant() {
        let e = FilterKey::parse("code__gtee").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.suggestion.as_deref()),
            ("code", Some("__gte"))
        );
        let e = FilterKey::parse("end__isnul").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("__isnull"));
        let e = FilterKey::parse("id__LT").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("__lt"));
        // Nothing close: no suggestion, and the message says so in one line.
        let e = FilterKey::parse("code__contains").unwrap_err();
        assert_eq!(e.suggestion, None);
        assert_eq!(
            e.to_string(),
            "filter `code__contains`: unknown lookup `__contains`"
        );
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn isnull_takes_true_or_false_only() {
        assert_eq!(FilterKey::isnull("end", "True"), Ok(true));
        assert_eq!(FilterKey::isnull("end", "False"), Ok(false));
        for (bad, meant) in [
            ("true", Some("True")),
            ("1", Some("True")),
            ("T", Some("True")),
            ("false", Some("False")),
            ("0", Some("False")),
            ("maybe", None),
            ("", None),
        ] {
            let e = FilterKey::isnull("end", bad).unwrap_err();
            assert_eq!(e.suggestion.as_deref(), meant, "{bad:?}");
            assert_eq!(e.field, "end");
            assert_eq!(e.reason, FilterKeyReason::IsNullValue(bad.into()));
            assert!(
                e.to_string()
                    .starts_with("filter `end__isnull`: `__isnull` takes True or False")
            );
        }
    }

    #[test]
    fn long_keys_are_cut_in_messages() {
        let key = format!("code__{}", "x".repeat(500));
        let e = FilterKey::parse(&key).unwrap_err();
        assert!(e.to_string().len() < 200, "{e}");
    }
}
