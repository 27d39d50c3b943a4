//! Values as stored: what each field kind accepts from a query or a form, and how it is
//! kept in SQLite so that SQL comparisons and ordering mean what the API means.
//!
//! | kind     | stored as                                    | accepted                             |
//! |----------|----------------------------------------------|--------------------------------------|
//! | integer  | INTEGER                                      | `-12`                                |
//! | float    | REAL                                         | `1.5`, `2`                           |
//! | decimal  | REAL (written back as a string, `"3.50"`)    | `3.5`, `3.50`                        |
//! | text     | TEXT                                         | anything                             |
//! | bool     | INTEGER 0/1                                  | `true True 1 T` / `false False 0 F`  |
//! | date     | TEXT `YYYY-MM-DD`                            | ISO 8601 date (a datetime keeps its date) |
//! | datetime | TEXT `YYYY-MM-DDTHH:MM:SS.ffffff` (sortable) | ISO 8601 with `T` or space, minutes to microseconds, or a plain date (midnight) |
//! | json     | TEXT holding JSON                            | JSON text                            |

use l2l_core::FieldKind;
use rusqlite::types::{ToSql, ToSqlOutput, Value, ValueRef};

/// A value bound into SQL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// NULL.
    Null,
    /// An integer (also booleans as 0/1).
    Int(i64),
    /// A float or decimal.
    Real(f64),
    /// Text, dates, datetimes and JSON.
    Text(String),
}

impl ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Null => ToSqlOutput::Owned(Value::Null),
            Val::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Val::Real(f) => ToSqlOutput::Owned(Value::Real(*f)),
            Val::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}

impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_owned())
    }
}

impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}

impl From<bool> for Val {
    fn from(v: bool) -> Val {
        Val::Int(v as i64)
    }
}

impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::Real(v)
    }
}

impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Val {
        v.map(Into::into).unwrap_or(Val::Null)
    }
}

/// Reads a boolean in any spelling L2L accepts.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "1" | "T" => Some(true),
        "false" | "False" | "0" | "F" => Some(false),
        _ => None,
    }
}

/// A datetime in the stored form, `YYYY-MM-DDTHH:MM:SS.ffffff`.
pub(crate) fn stored_datetime(dt: jiff::civil::DateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.subsec_nanosecond() / 1000
    )
}

thread_local! {
    /// The time zone of the site the call on this thread names, if any.
    static SITE_ZONE: std::cell::RefCell<Option<jiff::tz::TimeZone>> =
        const { std::cell::RefCell::new(None) };
}

/// Restores the previous site zone when a call ends (or panics).
struct ZoneGuard(Option<jiff::tz::TimeZone>);

impl Drop for ZoneGuard {
    fn drop(&mut self) {
        let prev = self.0.take();
        SITE_ZONE.with(|z| *z.borrow_mut() = prev);
    }
}

/// Runs `f` (one call, on this thread) with `zone` as the site's time zone: [`now`] and
/// `now` in action arguments are then the site's wall-clock time, as L2L's action
/// endpoints take and store site-local times.
pub(crate) fn in_site_zone<T>(zone: Option<jiff::tz::TimeZone>, f: impl FnOnce() -> T) -> T {
    let prev = SITE_ZONE.with(|z| z.replace(zone));
    let _guard = ZoneGuard(prev);
    f()
}

/// Reads a site's `timezone`: an IANA name (`America/Los_Angeles`), or `GMT+4`, `UTC-05:30`
/// as written (four hours ahead of UTC, not the POSIX reading); `None` when unknown.
pub fn site_zone(name: &str) -> Option<jiff::tz::TimeZone> {
    let name = name.trim();
    let offset = name
        .strip_prefix("GMT")
        .or_else(|| name.strip_prefix("UTC"))
        .filter(|rest| !rest.is_empty());
    if let Some(rest) = offset {
        let (sign, rest) = match rest.as_bytes()[0] {
            b'+' => (1, &rest[1..]),
            b'-' => (-1, &rest[1..]),
            _ => return None,
        };
        let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        if !(0..=14).contains(&h) || !(0..60).contains(&m) {
            return None;
        }
        let offset = jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?;
        return Some(jiff::tz::TimeZone::fixed(offset));
    }
    jiff::tz::TimeZone::get(name).ok()
}

/// The current time where the call's site is ([`in_site_zone`]); UTC outside a call with a
/// site.
pub(crate) fn now() -> jiff::civil::DateTime {
    let zone = SITE_ZONE
        .with(|z| z.borrow().clone())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned_datetime(zone).datetime()
}

/// The current UTC time (record stamps, signatures).
pub(crate) fn utc_now() -> jiff::civil::DateTime {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .datetime()
}

/// The current site time ([`now`]) in the stored form.
pub(crate) fn now_stored() -> String {
    stored_datetime(now())
}

/// The current UTC time in the stored form (`created`, `lastupdated`).
pub(crate) fn utc_now_stored() -> String {
    stored_datetime(utc_now())
}

/// Parses a datetime as the API accepts it (also `now`, as action endpoints do: the site's
/// time).
pub(crate) fn parse_datetime(s: &str) -> Option<jiff::civil::DateTime> {
    if s.trim().eq_ignore_ascii_case("now") {
        return Some(now());
    }
    let padded = pad_date(s.trim());
    padded.parse::<l2l_core::DateTime>().ok().map(|d| d.0)
}

/// `2026-1-5 7:05` as `2026-01-05 07:05`: L2L reads times as Django's `parse_datetime` does,
/// whose pattern takes one or two digits for the month, day, hour, minute and second, and
/// L2L's JavaScript sample (`apiDateFormat`) writes months and days without the zero. Hour 24
/// stays refused, as there. Anything that is not such a time is returned as it is.
fn pad_date(s: &str) -> std::borrow::Cow<'_, str> {
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
    };
    let end = s.find([' ', 'T']).unwrap_or(s.len());
    let date: Vec<&str> = s[..end].split('-').collect();
    let [y, m, d] = date[..] else {
        return s.into();
    };
    if !digits(y, 4..=4) || !digits(m, 1..=2) || !digits(d, 1..=2) {
        return s.into();
    }
    let mut out = format!("{y}-{m:0>2}-{d:0>2}");
    if end < s.len() {
        out.push_str(&s[end..=end]);
        let rest = &s[end + 1..];
        let (hms, frac) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
        let parts: Vec<&str> = hms.split(':').collect();
        if (2..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p, 1..=2)) {
            let padded: Vec<String> = parts.iter().map(|p| format!("{p:0>2}")).collect();
            out.push_str(&padded.join(":"));
            out.push_str(frac);
        } else {
            out.push_str(rest);
        }
    }
    if out == s { s.into() } else { out.into() }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Parses `raw` as a value of `kind`. Null spellings (`None`, `null`, and the empty string
/// for kinds other than text) give [`Val::Null`]; the caller decides whether null is allowed.
pub(crate) fn parse(kind: FieldKind, raw: &str) -> Result<Val, String> {
    if kind != FieldKind::Text && matches!(raw, "" | "None" | "null") {
        return Ok(Val::Null);
    }
    let bad = |what: &str| format!("expected {what}, got {:?}", short(raw));
    Ok(match kind {
        FieldKind::Integer => Val::Int(raw.trim().parse().map_err(|_| bad("a whole number"))?),
        FieldKind::Float => {
            let f: f64 = raw.trim().parse().map_err(|_| bad("a number"))?;
            if !f.is_finite() {
                return Err(bad("a finite number"));
            }
            Val::Real(f)
        }
        FieldKind::Decimal => {
            let d: rust_decimal::Decimal =
                raw.trim().parse().map_err(|_| bad("a decimal number"))?;
            Val::Real(d.try_into().map_err(|_| bad("a decimal number"))?)
        }
        FieldKind::Text => Val::Text(raw.to_owned()),
        FieldKind::Bool => Val::Int(
            parse_bool(raw).ok_or_else(|| bad("true, True, 1, T, false, False, 0 or F"))? as i64,
        ),
        FieldKind::Date => Val::Text(
            raw.parse::<l2l_core::Date>()
                .map_err(|_| bad("a date as YYYY-MM-DD"))?
                .to_string(),
        ),
        FieldKind::DateTime => Val::Text(stored_datetime(
            parse_datetime(raw).ok_or_else(|| bad("a datetime as YYYY-MM-DDTHH:MM:SS"))?,
        )),
        _ => {
            serde_json::from_str::<serde::de::IgnoredAny>(raw).map_err(|_| bad("JSON"))?;
            Val::Text(raw.to_owned())
        }
    })
}

/// The SQL type of a column of `kind`.
pub(crate) fn sql_type(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Integer | FieldKind::Bool => "INTEGER",
        FieldKind::Float | FieldKind::Decimal => "REAL",
        _ => "TEXT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_refuse_clearly() {
        assert_eq!(parse(FieldKind::Bool, "T"), Ok(Val::Int(1)));
        let unpadded = parse_datetime("2026-1-5 7:05").map(stored_datetime);
        assert_eq!(unpadded.as_deref(), Some("2026-01-05T07:05:00.000000"));
        let seconds = parse_datetime("2026-1-5T7:5:9.25").map(stored_datetime);
        assert_eq!(seconds.as_deref(), Some("2026-01-05T07:05:09.250000"));
        assert_eq!(pad_date("2026-11-29 10:00:00"), "2026-11-29 10:00:00");
        assert_eq!(pad_date("2026-11-29 24:00"), "2026-11-29 24:00");
        assert_eq!(
            parse_datetime("2026-11-29 24:00"),
            None,
            "strptime refuses hour 24"
        );
        assert_eq!(parse_datetime("2026-1-"), None);
        assert_eq!(parse(FieldKind::Bool, "False"), Ok(Val::Int(0)));
        assert!(parse(FieldKind::Bool, "yes").unwrap_err().contains("True"));
        assert_eq!(
            parse(FieldKind::DateTime, "2016-05-05"),
            Ok(Val::Text("2016-05-05T00:00:00.000000".into()))
        );
        assert_eq!(
            parse(FieldKind::DateTime, "2016-05-05 22:39:47.5"),
            Ok(Val::Text("2016-05-05T22:39:47.500000".into()))
        );
        assert_eq!(
            parse(FieldKind::Date, "2016-05-05T10:00:00"),
            Ok(Val::Text("2016-05-05".into()))
        );
        assert_eq!(parse(FieldKind::Integer, "None"), Ok(Val::Null));
        assert_eq!(parse(FieldKind::Text, ""), Ok(Val::Text(String::new())));
        assert!(
            parse(FieldKind::Integer, "12a")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(parse(FieldKind::Float, "inf").is_err());
        assert_eq!(parse(FieldKind::Decimal, "3.50"), Ok(Val::Real(3.5)));
        assert!(parse(FieldKind::Json, "{").is_err());
        assert_eq!(
            site_zone("GMT+4").map(|z| z.to_fixed_offset().ok()),
            Some(jiff::tz::Offset::from_seconds(4 * 3600).ok())
        );
        assert!(site_zone("UTC-05:30").is_some());
        assert!(site_zone("GMT+99").is_none());
        assert!(site_zone("Nowhere/Town").is_none());
        let long = "x".repeat(500);
        assert!(parse(FieldKind::Integer, &long).unwrap_err().len() < 100);
    }
}
