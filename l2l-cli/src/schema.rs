//! Areas and fields by name, checked against the built-in schema before anything is sent:
//! an unknown area, field or lookup gets "did you mean ...".

use std::str::FromStr as _;

use l2l_areas::__private::closest;
use l2l_areas::{AreaSchema, FieldKind, FieldSchema, Lookup};

use crate::error::{CliError, Result};

/// Every built-in area.
pub fn all() -> &'static [&'static AreaSchema] {
    l2l_areas::AREAS
}

fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The area named by its URL segment (`machines`) or type name (`Machine`), in any case.
pub fn area(name: &str) -> Result<&'static AreaSchema> {
    let lower = name.trim().trim_matches('/').to_ascii_lowercase();
    if let Some(a) = all()
        .iter()
        .find(|a| a.path == lower || a.name.eq_ignore_ascii_case(&lower))
    {
        return Ok(a);
    }
    let hint = did_you_mean(&lower, all().iter().map(|a| a.path))
        .or_else(|| {
            closest(&lower, all().iter().map(|a| a.name))
                .and_then(|n| all().iter().find(|a| a.name == n))
                .map(|a| format!("did you mean `{}`?", a.path))
        })
        .unwrap_or_else(|| "`l2l areas` lists the areas".to_owned());
    Err(CliError::usage(format!("there is no area `{name}`")).hint(hint))
}

/// The field of `area` with this API name.
pub fn field(area: &'static AreaSchema, name: &str) -> Result<&'static FieldSchema> {
    area.field(name).ok_or_else(|| unknown_field(area, name))
}

fn unknown_field(area: &AreaSchema, name: &str) -> CliError {
    CliError::usage(format!("area `{}` has no field `{name}`", area.path)).hint(
        did_you_mean(name, area.field_names())
            .unwrap_or_else(|| format!("`l2l areas {}` lists its fields", area.path)),
    )
}

/// Splits `KEY=VALUE` (of `--where` or `--set`).
pub fn split_pair<'a>(arg: &'a str, flag: &str) -> Result<(&'a str, &'a str)> {
    match arg.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim(), v)),
        _ => Err(
            CliError::usage(format!("{flag} takes FIELD=VALUE, not {arg:?}"))
                .hint(format!("for example: {flag} code=WLD0001")),
        ),
    }
}

/// A `--where` filter checked against the schema: the field exists, can be filtered on,
/// allows the lookup, and the value has the field's kind. Returns the query key.
pub fn check_filter(area: &'static AreaSchema, key: &str, value: &str) -> Result<()> {
    if let Some(prop) = key.strip_prefix("custom__") {
        if !area.custom_properties {
            return Err(CliError::usage(format!(
                "area `{}` has no custom properties, so `{key}` cannot be filtered on",
                area.path
            ))
            .hint("custom__<property> filters work on areas with custom properties (machines)"));
        }
        if prop.is_empty() {
            return Err(CliError::usage(
                "`custom__` needs a property name: custom__color=red",
            ));
        }
        return Ok(());
    }
    let (name, lookup) = match key.rsplit_once("__") {
        Some((name, suffix)) => match Lookup::from_name(suffix) {
            Some(l) if l != Lookup::Eq => (name, l),
            _ => {
                // `code__gtee` or a field name with a double underscore that is unknown.
                if area.field(key).is_some() {
                    (key, Lookup::Eq)
                } else {
                    return Err(
                        CliError::usage(format!("unknown lookup `__{suffix}` in `{key}`")).hint(
                            did_you_mean(suffix, ["lt", "lte", "gt", "gte", "isnull"])
                                .unwrap_or_else(|| {
                                    "lookups: __lt, __lte, __gt, __gte, __isnull".to_owned()
                                }),
                        ),
                    );
                }
            }
        },
        None => (key, Lookup::Eq),
    };
    let f = field(area, name)?;
    if !f.allows(lookup) {
        let allowed: Vec<String> = f
            .lookups()
            .iter()
            .map(|l| match l {
                Lookup::Eq => format!("{name}="),
                l => format!("{name}__{}", l.name()),
            })
            .collect();
        let what = if lookup == Lookup::Eq {
            "filtering".to_owned()
        } else {
            format!("__{}", lookup.name())
        };
        return Err(CliError::usage(format!(
            "field `{name}` of `{}` ({}{}) does not allow {what}",
            area.path,
            f.kind.name(),
            if f.nullable { ", nullable" } else { "" },
        ))
        .hint(if allowed.is_empty() {
            format!("`{name}` cannot be filtered on")
        } else {
            format!("it allows: {}", allowed.join(", "))
        }));
    }
    if lookup == Lookup::IsNull {
        if !matches!(
            value,
            "True" | "true" | "1" | "T" | "False" | "false" | "0" | "F"
        ) {
            return Err(CliError::usage(format!(
                "`{key}` takes True or False, not {value:?}"
            )));
        }
        return Ok(());
    }
    check_value(area, f, value)
}

/// Checks that `value` is a value of the field's kind (as L2L writes it).
pub fn check_value(area: &AreaSchema, f: &FieldSchema, value: &str) -> Result<()> {
    let v = value.trim();
    let ok = match f.kind {
        FieldKind::Integer => v.parse::<i64>().is_ok(),
        FieldKind::Float | FieldKind::Decimal => v.parse::<f64>().is_ok_and(f64::is_finite),
        FieldKind::Bool => matches!(
            v,
            "true" | "True" | "false" | "False" | "1" | "0" | "T" | "F"
        ),
        FieldKind::Date => l2l_areas::Date::from_str(v).is_ok(),
        FieldKind::DateTime => l2l_areas::DateTime::from_str(v).is_ok(),
        FieldKind::Text | FieldKind::Json => true,
        _ => true,
    };
    if ok {
        return Ok(());
    }
    let example = match f.kind {
        FieldKind::Integer => "a whole number such as 42",
        FieldKind::Float | FieldKind::Decimal => "a number such as 12.5",
        FieldKind::Bool => "true or false",
        FieldKind::Date => "a date, YYYY-MM-DD",
        FieldKind::DateTime => "a UTC date and time, YYYY-MM-DDTHH:MM:SS",
        _ => "text",
    };
    Err(CliError::usage(format!(
        "`{}` of `{}` is {}, and {value:?} is not",
        f.api_name,
        area.path,
        f.kind.name()
    ))
    .hint(format!("give {example}")))
}

/// Field names of `--fields`, checked.
pub fn check_fields(area: &'static AreaSchema, names: &[String]) -> Result<Vec<&'static str>> {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| field(area, n).map(|f| f.api_name))
        .collect()
}

/// One `--order-by` item (`code` or `-code`), checked.
pub fn check_order(area: &'static AreaSchema, spec: &str) -> Result<(&'static str, bool)> {
    let spec = spec.trim();
    let (name, desc) = match spec.strip_prefix('-') {
        Some(n) => (n, true),
        None => (spec.strip_prefix('+').unwrap_or(spec), false),
    };
    let f = field(area, name)?;
    if !f.order {
        return Err(CliError::usage(format!(
            "`{name}` of `{}` cannot be ordered by",
            area.path
        )));
    }
    Ok((f.api_name, desc))
}

/// A `--set FIELD=VALUE` of a create or update, checked: the field exists, may be written,
/// and the value has its kind (an empty value clears a nullable field).
pub fn check_set(area: &'static AreaSchema, key: &str, value: &str) -> Result<()> {
    let f = field(area, key)?;
    if f.id {
        return Err(CliError::usage(format!(
            "`{key}` is the id of `{}` and cannot be set",
            area.path
        ))
        .hint("the id of a record to update is given as the argument after the area"));
    }
    if f.read_only {
        return Err(CliError::usage(format!(
            "`{key}` of `{}` is read-only: L2L sets it",
            area.path
        )));
    }
    if value.is_empty() {
        if f.nullable || f.kind == FieldKind::Text {
            return Ok(());
        }
        return Err(CliError::usage(format!(
            "`{key}` of `{}` cannot be empty (it is not nullable)",
            area.path
        )));
    }
    check_value(area, f, value)
}

/// The columns to show for an area: the fields L2L returns, in declaration order.
pub fn columns(area: &AreaSchema) -> Vec<String> {
    area.fields
        .iter()
        .filter(|f| !f.write_only)
        .map(|f| f.api_name.to_owned())
        .collect()
}
