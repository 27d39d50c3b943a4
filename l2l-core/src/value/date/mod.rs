//! [`Date`] and [`DateTime`]: the naive (zone-less) dates L2L sends and receives.
//!
//! L2L writes datetimes as `2010-12-30 11:52:50` or `2016-05-05T22:39:47`, with
//! milliseconds or microseconds, and `None`/`null` for no value. Both types read every one
//! of those forms and write ISO 8601 in filters.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::value::QueryValue;

mod parse;

use parse::parse_datetime;

/// Why a date or datetime could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {input:?}: expected {expected}")]
pub struct DateParseError {
    what: &'static str,
    input: String,
    expected: &'static str,
}

/// A calendar date, written `2016-05-05`.
///
/// ```
/// use l2l_core::Date;
/// let d: Date = "2016-05-05".parse().unwrap();
/// assert_eq!(d.to_string(), "2016-05-05");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

/// A date and time of day without a zone, written `2016-05-05T22:39:47` (with a fraction
/// of a second only when it has one).
///
/// Which zone it is in depends on the field: record areas compare datetimes in UTC, action
/// endpoints take the site's wall-clock time. See each field's docs.
///
/// ```
/// use l2l_core::DateTime;
/// let a: DateTime = "2010-12-30 11:52:50".parse().unwrap();
/// let b: DateTime = "2010-12-30T11:52:50.000".parse().unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a.to_string(), "2010-12-30T11:52:50");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub jiff::civil::DateTime);

impl Date {
    /// A date from year, month and day; `None` when no such day exists.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }
}

impl DateTime {
    /// A datetime from its parts; `None` when no such time exists.
    pub fn new(year: i16, month: i8, day: i8, hour: i8, minute: i8, second: i8) -> Option<Self> {
        jiff::civil::DateTime::new(year, month, day, hour, minute, second, 0)
            .ok()
            .map(DateTime)
    }

    /// The current time in UTC, without its zone.
    pub fn now_utc() -> DateTime {
        DateTime(
            jiff::Timestamp::now()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .datetime(),
        )
    }

    /// The date part.
    pub fn date(&self) -> Date {
        Date(self.0.date())
    }

    /// Written `YYYY-MM-DD HH:MM:SS`, the form signed expirations and action endpoints use.
    pub fn to_space_seconds(&self) -> String {
        self.0.strftime("%Y-%m-%d %H:%M:%S").to_string()
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // A datetime where a date was expected keeps its date part.
        let day = s
            .get(..10)
            .filter(|_| s.len() == 10 || is_sep(s.as_bytes()[10]));
        day.and_then(|d| d.parse::<jiff::civil::Date>().ok())
            .map(Date)
            .ok_or_else(|| DateParseError {
                what: "date",
                input: s.chars().take(40).collect(),
                expected: "YYYY-MM-DD",
            })
    }
}

fn is_sep(b: u8) -> bool {
    b == b'T' || b == b' '
}

impl FromStr for DateTime {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_datetime(s.trim())
            .map(DateTime)
            .ok_or_else(|| DateParseError {
                what: "datetime",
                input: s.chars().take(40).collect(),
                expected: "YYYY-MM-DD[T| ]HH:MM[:SS[.ffffff]]",
            })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.strftime("%Y-%m-%d"))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.strftime("%Y-%m-%dT%H:%M:%S"))?;
        let nanos = self.0.subsec_nanosecond();
        if nanos != 0 {
            let micros = format!("{:09}", nanos);
            write!(f, ".{}", micros.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl QueryValue for Date {
    fn write_value(&self, out: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(out, "{self}");
    }
}

impl QueryValue for DateTime {
    fn write_value(&self, out: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(out, "{self}");
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(d: jiff::civil::Date) -> Self {
        Date(d)
    }
}

impl From<jiff::civil::DateTime> for DateTime {
    fn from(d: jiff::civil::DateTime) -> Self {
        DateTime(d)
    }
}

impl From<Date> for DateTime {
    /// Midnight at the start of the date.
    fn from(d: Date) -> Self {
        DateTime(d.0.to_datetime(jiff::civil::Time::midnight()))
    }
}

struct StrVisitor<T>(std::marker::PhantomData<T>, &'static str);

impl<T: FromStr<Err = DateParseError>> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(std::marker::PhantomData, "a date as YYYY-MM-DD"))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(
            std::marker::PhantomData,
            "a datetime as YYYY-MM-DD HH:MM:SS",
        ))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A wall-clock time at the site, as action endpoints take it (`2021-04-24 15:30:00`):
/// L2L reads it in the site's own time zone, not UTC.
///
/// ```
/// use l2l_core::SiteTime;
/// let t: SiteTime = "2021-04-24 15:30".parse().unwrap();
/// assert_eq!(t.to_string(), "2021-04-24 15:30:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SiteTime(pub jiff::civil::DateTime);

/// A time in UTC, for the few action arguments that take UTC (`get_event_data`'s
/// `lastupdated`), written `YYYY-MM-DD HH:MM:SS`.
///
/// ```
/// use l2l_core::UtcTime;
/// let t: UtcTime = "2016-05-05T22:39:47".parse().unwrap();
/// assert_eq!(t.to_string(), "2016-05-05 22:39:47");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(pub jiff::civil::DateTime);

impl UtcTime {
    /// Now, in UTC.
    pub fn now() -> UtcTime {
        UtcTime(DateTime::now_utc().0)
    }
}

impl SiteTime {
    /// A site time from its parts; `None` when no such time exists.
    pub fn new(year: i16, month: i8, day: i8, hour: i8, minute: i8, second: i8) -> Option<Self> {
        DateTime::new(year, month, day, hour, minute, second).map(|d| SiteTime(d.0))
    }

    /// The current wall-clock time in `tz` (an IANA name such as `America/Los_Angeles`).
    pub fn now_in(tz: &str) -> Result<SiteTime, DateParseError> {
        jiff::Timestamp::now()
            .in_tz(tz)
            .map(|z| SiteTime(z.datetime()))
            .map_err(|_| DateParseError {
                what: "time zone",
                input: tz.chars().take(40).collect(),
                expected: "an IANA time zone name",
            })
    }
}

macro_rules! space_seconds_time {
    ($($t:ident),*) => {$(
        impl FromStr for $t {
            type Err = DateParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse::<DateTime>().map(|d| $t(d.0))
            }
        }
        impl fmt::Display for $t {
            /// `YYYY-MM-DD HH:MM:SS`, with microseconds only when the time has a fraction
            /// (a watermark such as `max_lastupdated` keeps its precision).
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0.strftime("%Y-%m-%d %H:%M:%S"))?;
                let micros = self.0.subsec_nanosecond() / 1000;
                if micros != 0 {
                    write!(f, ".{micros:06}")?;
                }
                Ok(())
            }
        }
        impl QueryValue for $t {
            fn write_value(&self, out: &mut String) {
                use std::fmt::Write as _;
                let _ = write!(out, "{self}");
            }
        }
        impl From<jiff::civil::DateTime> for $t {
            fn from(d: jiff::civil::DateTime) -> Self {
                $t(d)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                DateTime::deserialize(d).map(|v| $t(v.0))
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}

space_seconds_time!(SiteTime, UtcTime);

#[cfg(test)]
mod tests;
