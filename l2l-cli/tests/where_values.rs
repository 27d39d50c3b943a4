//! `--where` values checked against their field's kind before anything is sent, with a
//! suggestion where one is close; datetimes with an offset sent in UTC.

mod common;

use common::{Env, jsonl, stderr};

/// The mistake is refused with exit 2, these lines on stderr, and no request sent.
fn refused(env: &Env, filter: &str, error: &str, hint: &str) {
    let before = env.requests();
    let args = ["list", "machines", "--site", "1", "--where", filter];
    let out = env.fails(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{filter}: {err}");
    assert_eq!(err, format!("error: {error}\nhint: {hint}\n"), "{filter}");
    assert!(out.stdout.is_empty());
    assert_eq!(env.requests(), before, "{filter} sent a request");
}

#[test]
fn where_values_are_checked_before_sending() {
    let env = Env::demo("where-values");
    refused(
        &env,
        "active=maybe",
        "--where active: `active` of `machines` is bool, and \"maybe\" is not true or false",
        "give true or false",
    );
    refused(
        &env,
        "active=ture",
        "--where active: `active` of `machines` is bool, and \"ture\" is not true or false",
        "did you mean `true`?",
    );
    refused(
        &env,
        "cyclecount__gte=abc",
        "--where cyclecount__gte: `cyclecount` of `machines` is integer, and \"abc\" is not \
         a whole number",
        "give a whole number such as 42",
    );
    refused(
        &env,
        "created__gte=yesterday",
        "--where created__gte: `created` of `machines` is datetime, and \"yesterday\" is not \
         a date and time",
        "give a UTC date and time, YYYY-MM-DDTHH:MM:SS, or a date, YYYY-MM-DD (a time with \
         an offset such as +02:00 is converted to UTC)",
    );
    refused(
        &env,
        "created__gte=2024-01-01T25:00:00+02:00",
        "--where created__gte: `created` of `machines` is datetime, and \
         \"2024-01-01T25:00:00+02:00\" is not a date and time with an offset",
        "give a date and time such as 2024-05-05T22:39:47+02:00, or in UTC without an offset",
    );
    // __isnull takes True or False only (l2l-core's check), also before sending.
    let before = env.requests();
    let out = env.fails(&[
        "list",
        "machines",
        "--site",
        "1",
        "--where",
        "description__isnull=maybe",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("takes True or False"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.requests(), before);

    // Good values go out: numbers, bools, a date for a datetime field.
    for ok in [
        "cyclecount__gte=0",
        "active=true",
        "active=False",
        "created__gte=2000-01-01",
        "created__lt=2100-01-01T00:00:00",
    ] {
        let out = env.ok(&["list", "machines", "--site", "1", "--where", ok]);
        let n = jsonl(&out).len();
        assert!(n > 0 || ok == "active=False", "{ok}: {n} records");
    }

    // An undeclared area's values are not checked (its fields are unknown): sent as given.
    let out = env.fails(&["list", "widgets", "--where", "active=maybe"]);
    let err = stderr(&out);
    assert!(err.contains("not declared in l2l-areas"), "{err}");
    assert!(!err.contains("is not true or false"), "{err}");
}

#[test]
fn datetimes_with_an_offset_are_sent_in_utc() {
    let env = Env::demo("where-utc");
    let run = |value: &str| {
        let out = env
            .l2l()
            .args([
                "--verbose",
                "list",
                "machines",
                "--site",
                "1",
                "--where",
                &format!("created__gte={value}"),
            ])
            .output()
            .expect("l2l runs");
        assert!(out.status.success(), "{}", stderr(&out));
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr(&out),
        )
    };
    let (plus2, err) = run("2020-06-01T10:00:00+02:00");
    assert!(
        err.contains("created__gte=2020-06-01T08%3A00%3A00"),
        "sent in UTC: {err}"
    );
    assert!(!err.contains("%2B02"), "{err}");
    let (utc, _) = run("2020-06-01T08:00:00");
    assert_eq!(plus2, utc, "the same records as the UTC time");
    let (_, err) = run("2020-06-01 03:30:00-0500");
    assert!(
        err.contains("created__gte=2020-06-01T08%3A30%3A00"),
        "{err}"
    );
    let (_, err) = run("2020-06-01T08:00:00Z");
    assert!(
        err.contains("created__gte=2020-06-01T08%3A00%3A00&"),
        "{err}"
    );
}

#[test]
fn sync_filters_are_checked_and_sent_in_utc_too() {
    let env = Env::demo("where-sync");
    let to = format!("jsonl:{}", env.path("m.jsonl").display());
    let before = env.requests();
    let out = env.fails(&[
        "sync",
        "machines",
        "--site",
        "1",
        "--where",
        "active=maybe",
        "--to",
        &to,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not true or false"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.requests(), before);
    let out = env
        .l2l()
        .args([
            "--verbose",
            "sync",
            "machines",
            "--site",
            "1",
            "--where",
            "created__gte=2020-06-01T10:00:00+02:00",
            "--to",
            &to,
        ])
        .output()
        .expect("l2l runs");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("created__gte=2020-06-01T08%3A00%3A00"),
        "{err}"
    );
    assert!(!err.contains("%2B02"), "{err}");
}
