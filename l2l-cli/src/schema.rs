//! Declared areas and their fields by name, checked against the built-in schema before
//! anything is sent: an unknown field gets "did you mean ...". Filters are checked by
//! l2l-core's one parser.

use std::str::FromStr as _;

use l2l_areas::{AreaSchema, FieldKind, FieldSchema};
use l2l_schema::closest;

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
    let hint = match f.kind {
        FieldKind::Bool => bool_guess(v).map(|b| format!("did you mean `{b}`?")),
        _ => None,
    };
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
    .hint(hint.unwrap_or_else(|| format!("give {example}"))))
}

/// The bool a near miss stands for (`ture`, `Flase`, `yes`, `off`), if it is one.
fn bool_guess(v: &str) -> Option<&'static str> {
    let lower = v.to_ascii_lowercase();
    let mut letters: Vec<char> = lower.chars().collect();
    letters.sort_unstable();
    let same = |word: &str| {
        let mut w: Vec<char> = word.chars().collect();
        w.sort_unstable();
        w == letters
    };
    match lower.as_str() {
        "yes" | "y" | "on" => return Some("true"),
        "no" | "n" | "off" => return Some("false"),
        _ => {}
    }
    if lower.is_empty() {
        None
    } else if "true".starts_with(&lower) || same("true") {
        Some("true")
    } else if "false".starts_with(&lower) || same("false") {
        Some("false")
    } else {
        None
    }
}

/// The value of a `--where` filter on field `f` of a declared area, checked against the
/// field's kind before anything is sent, as it goes out: a datetime with an offset (`Z`,
/// `+02:00`) is converted to UTC, as L2L compares datetimes in UTC; a date is taken for a
/// datetime field as the docs allow; anything else as given.
pub fn filter_value(area: &AreaSchema, f: &FieldSchema, key: &str, value: &str) -> Result<String> {
    let v = value.trim();
    let refuse = |what: &str| {
        CliError::usage(format!(
            "--where {key}: `{}` of `{}` is {}, and {value:?} is not {what}",
            f.api_name,
            area.path,
            f.kind.name()
        ))
    };
    match f.kind {
        FieldKind::DateTime => {
            if has_offset(v) {
                let ts = v
                    .replace(' ', "T")
                    .parse::<jiff::Timestamp>()
                    .map_err(|_| {
                        refuse("a date and time with an offset").hint(
                            "give a date and time such as 2024-05-05T22:39:47+02:00, or in UTC \
                             without an offset",
                        )
                    })?;
                return Ok(utc_text(ts));
            }
            if l2l_areas::DateTime::from_str(v).is_ok() {
                return Ok(v.to_owned());
            }
            Err(refuse("a date and time").hint(
                "give a UTC date and time, YYYY-MM-DDTHH:MM:SS, or a date, YYYY-MM-DD (a time \
                 with an offset such as +02:00 is converted to UTC)",
            ))
        }
        FieldKind::Integer
        | FieldKind::Float
        | FieldKind::Decimal
        | FieldKind::Bool
        | FieldKind::Date => {
            check_value(area, f, v).map_err(|e| {
                let hint = e.hint;
                let e = refuse(match f.kind {
                    FieldKind::Integer => "a whole number",
                    FieldKind::Bool => "true or false",
                    FieldKind::Date => "a date",
                    _ => "a number",
                });
                match hint {
                    Some(h) => e.hint(h),
                    None => e,
                }
            })?;
            Ok(v.to_owned())
        }
        _ => Ok(value.to_owned()),
    }
}

/// Whether a datetime as written carries an offset after its time (`Z`, `+02:00`, `-0500`).
fn has_offset(v: &str) -> bool {
    let Some(time) = v.get(11..) else {
        return false;
    };
    time.ends_with(['Z', 'z']) || time.contains(['+', '-'])
}

/// An instant as L2L's filters take it: `YYYY-MM-DDTHH:MM:SS` in UTC, with the fraction
/// of a second when there is one.
fn utc_text(ts: jiff::Timestamp) -> String {
    let dt = jiff::tz::TimeZone::UTC.to_datetime(ts);
    if dt.subsec_nanosecond() == 0 {
        dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        dt.strftime("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }
}

/// A `--set FIELD=VALUE` of a create or update, checked: the field exists, may be written,
/// and the value has its kind (an empty value clears a nullable field).
pub fn check_set(area: &'static AreaSchema, key: &str, value: &str) -> Result<()> {
    if let Some(prop) = key.strip_prefix(CUSTOM) {
        return check_custom(area, key, prop);
    }
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

/// The prefix of a custom property's name (`custom__color`), as L2L writes it in filters,
/// fields and records.
pub const CUSTOM: &str = "custom__";

/// Checks a custom property named as `custom__<prop>`: the area has custom properties, and
/// the name is one (letters, digits and `_`). Its values are text.
pub fn check_custom(area: &AreaSchema, key: &str, prop: &str) -> Result<()> {
    if !area.custom_properties {
        let with: Vec<&str> = all()
            .iter()
            .filter(|a| a.custom_properties)
            .map(|a| a.path)
            .collect();
        return Err(CliError::usage(format!(
            "area `{}` has no custom properties, so `{key}` is not a field",
            area.path
        ))
        .hint(format!(
            "custom properties are kept by: {}",
            with.join(", ")
        )));
    }
    if prop.is_empty() || !prop.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(CliError::usage(format!(
            "`{key}` is not a custom property name (`custom__` then letters, digits and `_`)"
        )));
    }
    Ok(())
}

/// The columns to show for an area: the fields L2L returns, in declaration order.
pub fn columns(area: &AreaSchema) -> Vec<String> {
    area.fields
        .iter()
        .filter(|f| !f.write_only)
        .map(|f| f.api_name.to_owned())
        .collect()
}
