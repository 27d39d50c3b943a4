//! Queries built from strings, as dynamic code writes them (the CLI, a user's config): filter
//! keys such as `code__gte`, order and field names, and areas that no declaration knows.
//!
//! Against a declared area every name is checked against its schema and a wrong one is an
//! [`Error::InvalidRequest`] that names the field, the reason and the closest valid name.
//! Against an undeclared area ([`Query::dynamic`]) the names go out as written, and only
//! their syntax is checked.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::Query;
use crate::error::Error;
use crate::schema::filter_key::{FilterKey, FilterKeyError};
use crate::schema::{AreaSchema, Lookup, Scope};

impl Query {
    /// A query of any area path, declared or not (`workorders`, `dispatchnotes`): filters,
    /// order and fields are sent as written, after a check of their syntax. Name a site with
    /// [`Query::site`] for areas scoped by site.
    ///
    /// ```
    /// use l2l_core::Query;
    /// let mut q = Query::dynamic("workorders")?;
    /// q.site(1);
    /// q.filter_str("cost__gte", "10.5")?;
    /// q.order_by_str("-lastupdated")?;
    /// assert_eq!(q.to_query_string(), "site=1&cost__gte=10.5&order_by=-lastupdated");
    /// assert!(Query::dynamic("work orders").is_err());
    /// assert!(Query::dynamic("workorders/5").is_err());
    /// # Ok::<(), l2l_core::Error>(())
    /// ```
    pub fn dynamic(path: &str) -> Result<Query, Error> {
        let schema = dynamic_schema(path)?;
        let mut q = Query::new(schema);
        q.checked = false;
        Ok(q)
    }

    /// Whether names are checked against a declared schema (false for [`Query::dynamic`]).
    pub fn is_checked(&self) -> bool {
        self.checked
    }

    /// Adds a filter written as a query argument: `code__gte`, `active`, `custom__color`.
    /// Lookups are the docs' (`__lt`, `__lte`, `__gt`, `__gte`, `__isnull`); `__isnull`
    /// takes `True` or `False`. On a declared area the field must exist and allow the lookup.
    pub fn filter_str(&mut self, key: &str, value: &str) -> Result<(), Error> {
        let (name, lookup, custom) = parse_key(key)?;
        if custom {
            if self.checked && !self.schema.custom_properties {
                return Err(Error::invalid_field(
                    key,
                    format!(
                        "area `{}` has no custom properties, so `{key}` cannot be filtered on",
                        self.schema.path
                    ),
                    None,
                ));
            }
            self.custom(name, &value);
            return Ok(());
        }
        if self.checked {
            let field = self.checked_field(name)?;
            if !field.allows(lookup) {
                return Err(Error::invalid_field(
                    key,
                    format!(
                        "field `{name}` of `{}` ({}{}) does not allow `{}`",
                        self.schema.path,
                        field.kind.name(),
                        if field.nullable { ", nullable" } else { "" },
                        if lookup == Lookup::Eq {
                            "filtering".to_owned()
                        } else {
                            format!("__{}", lookup.name())
                        },
                    ),
                    None,
                ));
            }
        }
        if lookup == Lookup::IsNull {
            let v = match value {
                "True" => "True",
                "False" => "False",
                _ => {
                    return Err(Error::invalid_field(
                        key,
                        format!("`{key}` takes True or False, not {value:?}"),
                        ["True", "False"]
                            .into_iter()
                            .find(|c| c.eq_ignore_ascii_case(value)),
                    ));
                }
            };
            self.filters
                .push((Cow::Owned(key.to_owned()), v.to_owned()));
        } else {
            self.filters
                .push((Cow::Owned(key.to_owned()), value.to_owned()));
        }
        Ok(())
    }

    /// Orders by a field written as the docs write it: `code`, or `-code` for descending.
    pub fn order_by_str(&mut self, spec: &str) -> Result<(), Error> {
        let (name, desc) = match spec.strip_prefix('-') {
            Some(n) => (n, true),
            None => (spec, false),
        };
        let name = self.checked_name(name, "order_by")?;
        self.order.push((name, desc));
        Ok(())
    }

    /// Returns only these fields, written as names (`["id", "code"]`); a custom property as
    /// `custom__<name>`, on an area with custom properties.
    pub fn fields_str<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Error> {
        let mut out = Vec::new();
        for n in names {
            if let Some(prop) = n.strip_prefix(crate::schema::filter_key::CUSTOM_PREFIX) {
                check_name(prop, "fields")?;
                if self.checked && !self.schema.custom_properties {
                    return Err(Error::invalid_field(
                        n,
                        format!(
                            "area `{}` has no custom properties, so `{n}` is not a field",
                            self.schema.path
                        ),
                        None,
                    ));
                }
                out.push(Cow::Owned(n.to_owned()));
                continue;
            }
            out.push(self.checked_name(n, "fields")?);
        }
        self.fields = Some(out);
        Ok(())
    }

    fn checked_field(&self, name: &str) -> Result<&'static crate::schema::FieldSchema, Error> {
        self.schema.field(name).ok_or_else(|| {
            Error::invalid_field(
                name,
                format!("area `{}` has no field `{name}`", self.schema.path),
                l2l_schema::closest(name, self.schema.field_names()),
            )
        })
    }

    fn checked_name(&self, name: &str, what: &str) -> Result<Cow<'static, str>, Error> {
        check_name(name, what)?;
        if self.checked {
            Ok(Cow::Borrowed(self.checked_field(name)?.api_name))
        } else {
            Ok(Cow::Owned(name.to_owned()))
        }
    }
}

/// A field name as the API writes them: letters, digits and `_`, not empty.
fn check_name(name: &str, what: &str) -> Result<(), Error> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::invalid_field(
            name,
            format!("{what}: `{name}` is not a field name (letters, digits and `_`)"),
            None,
        ));
    }
    Ok(())
}

/// Splits a filter key into field, lookup and whether it names a custom property, by the
/// one parser of filter keys ([`FilterKey`]).
fn parse_key(key: &str) -> Result<(&str, Lookup, bool), Error> {
    let k = FilterKey::parse(key).map_err(Error::from)?;
    Ok((k.field, k.lookup, k.custom))
}

impl From<FilterKeyError> for Error {
    fn from(e: FilterKeyError) -> Error {
        Error::InvalidRequest {
            field: Some(e.key.clone()),
            reason: format!("filter `{}`: {}", e.key, e.reason),
            suggestion: e.suggestion,
        }
    }
}

/// The schema of an undeclared area: its path, no fields, every operation. One per path for
/// the life of the process (paths are few: the areas of one tenant).
fn dynamic_schema(path: &str) -> Result<&'static AreaSchema, Error> {
    if path.is_empty()
        || !path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Error::invalid_field(
            path,
            format!(
                "`{path}` is not an area path (letters, digits, `_` and `-`; no slash or space)"
            ),
            None,
        ));
    }
    static AREAS: OnceLock<Mutex<HashMap<String, &'static AreaSchema>>> = OnceLock::new();
    let mut areas = AREAS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(s) = areas.get(path) {
        return Ok(s);
    }
    let leaked: &'static str = Box::leak(path.to_owned().into_boxed_str());
    let schema: &'static AreaSchema = Box::leak(Box::new(
        AreaSchema::new(leaked, leaked, Scope::None, &[]).custom_properties(),
    ));
    areas.insert(path.to_owned(), schema);
    Ok(schema)
}
