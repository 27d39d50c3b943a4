//! Dates and datetimes: the forms L2L sends, their text, their serde.

use super::*;

#[test]
fn every_form_l2l_sends_parses() {
    let base = DateTime::new(2010, 12, 30, 11, 52, 50).unwrap();
    for s in [
        "2010-12-30 11:52:50",
        "2010-12-30T11:52:50",
        "2010-12-30T11:52:50.000",
        "2010-12-30 11:52:50.000000",
        "2010-12-30T11:52:50Z",
    ] {
        assert_eq!(s.parse::<DateTime>().unwrap(), base, "{s}");
    }
    let ms: DateTime = "2016-05-05T22:39:47.123".parse().unwrap();
    assert_eq!(ms.0.subsec_nanosecond(), 123_000_000);
    let us: DateTime = "2016-05-05T22:39:47.123456".parse().unwrap();
    assert_eq!(us.to_string(), "2016-05-05T22:39:47.123456");
    let minutes: DateTime = "2021-04-24 15:30".parse().unwrap();
    assert_eq!(minutes.to_string(), "2021-04-24T15:30:00");
    let day: DateTime = "2016-05-05".parse().unwrap();
    assert_eq!(day.to_string(), "2016-05-05T00:00:00");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for s in [
        "",
        "None",
        "2010-13-01",
        "2010-12-30X11:52",
        "2010-12-30 25:00",
        "2010-12-30 1:2:3",
        "2010-12-30 11:52:50.",
        "2010-12-30 11:52:50.1234567890",
        "ééééééééééé",
    ] {
        assert!(s.parse::<DateTime>().is_err(), "{s}");
    }
    assert!("2016-5-5".parse::<Date>().is_err());
    let err = "nope".parse::<Date>().unwrap_err().to_string();
    assert!(
        err.contains("\"nope\"") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn watermarks_keep_their_fraction() {
    let t: UtcTime = "2024-01-01T10:00:00.123456".parse().unwrap();
    assert_eq!(t.to_string(), "2024-01-01 10:00:00.123456");
    let t: SiteTime = "2024-01-01 10:00".parse().unwrap();
    assert_eq!(t.to_string(), "2024-01-01 10:00:00");
}

#[test]
fn serde_reads_strings_and_null() {
    let v: Option<DateTime> = serde_json::from_str("null").unwrap();
    assert_eq!(v, None);
    let v: DateTime = serde_json::from_str("\"2011-01-10 17:26:47\"").unwrap();
    assert_eq!(v.to_space_seconds(), "2011-01-10 17:26:47");
    let d: Date = serde_json::from_str("\"2011-01-10\"").unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"2011-01-10\"");
}
