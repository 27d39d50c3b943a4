//! Strict where the docs are strict: `__isnull` takes True or False only, malformed filter
//! keys are refused by l2l-core's one parser, `site_id` names the site for custom
//! properties, JSON datetimes are written as the docs' example (`2010-12-30 11:52:50`),
//! and action times are the site's wall-clock time.

mod common;

use common::{Raw, column, sandbox};
use l2l_sandbox::Sandbox;

#[tokio::test]
async fn isnull_and_filter_keys_follow_the_docs() {
    // B14: "value must be 'True' or 'False'".
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw.ok("machines/?site=1&description__isnull=False").await;
    assert!(!column(&v, "code").is_empty());
    for bad in ["true", "false", "1", "T"] {
        let e = raw
            .refused(&format!("machines/?site=1&description__isnull={bad}"))
            .await;
        assert!(e.contains("takes True or False"), "{bad}: {e}");
        assert!(e.contains("did you mean"), "{bad}: {e}");
    }
    for (key, needle) in [
        ("code__exact=M-100", "unknown lookup `__exact`"),
        ("code__gtee=M", "did you mean `__gte`"),
        ("code__=M", "ends with `__`"),
        ("__lt=5", "no field before the lookup"),
        ("code__lt__gt=M", "more than one lookup"),
        ("custom__=red", "no field before the lookup"),
    ] {
        let e = raw.refused(&format!("machines/?site=1&{key}")).await;
        assert!(e.contains(needle), "{key}: {e}");
    }
    // A space in a key (escaped, so it reaches the parser).
    let e = raw.refused("machines/?site=1&co%20de=M-100").await;
    assert!(e.contains("white space"), "{e}");
}

#[tokio::test]
async fn site_id_names_the_site_for_custom_properties() {
    // B24 with the docs' word: "a site_id must be included in the request".
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw.ok("machines/?site_id=1&code=M-100").await;
    assert_eq!(v["data"][0]["custom__color"], "red");
    let v = raw.ok("machines/?site_id=1&custom__color=red").await;
    assert_eq!(column(&v, "code"), ["M-100", "WLD-01"]);
    // site_id filters on the site as `site` does.
    let v = raw.ok("machines/?site_id=43").await;
    assert_eq!(column(&v, "code"), ["M-4301"]);
    let e = raw.refused("machines/?site=1&site_id=43").await;
    assert!(e.contains("different sites"), "{e}");
    let e = raw.refused("machines/?custom__color=red").await;
    assert!(e.contains("site"), "{e}");
    // On a write, site_id names the site too.
    let v = raw
        .post(
            "machines/",
            &[
                ("site_id", "1"),
                ("code", "M-900"),
                ("description", "Press 900"),
                ("linecode", "Line1"),
                ("custom__color", "green"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(v["data"]["site"], 1);
    let v = raw.ok("machines/?site_id=1&custom__color=green").await;
    assert_eq!(column(&v, "code"), ["M-900"]);
}

#[tokio::test]
async fn json_datetimes_are_written_as_the_docs_example() {
    // The docs' JSON example: "created": "2010-12-30 11:52:50".
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw.ok("sites/?site=43").await;
    assert_eq!(v["data"][0]["created"], "2010-12-30 11:52:50.000");
    let v = raw.ok("sites/?site=43&l2lfmt_microseconds=true").await;
    assert_eq!(v["data"][0]["created"], "2010-12-30 11:52:50.000000");
    // The typed client in l2l-core reads them.
    let sites = l2l_areas::Site::query()
        .site_eq(43)
        .all(&sb.client())
        .await
        .unwrap();
    assert_eq!(sites[0].created.unwrap().to_string(), "2010-12-30T11:52:50");
}

/// The minutes between a stored site-local time and now in `zone`.
fn minutes_from_now(stored: &str, zone: &str) -> i64 {
    let at: l2l_core::DateTime = stored.parse().unwrap();
    let zone = l2l_sandbox::site_zone(zone).unwrap();
    let now = jiff::Timestamp::now().to_zoned_datetime(zone).datetime();
    (now.duration_since(at.0).as_secs() / 60).abs()
}

#[tokio::test]
async fn action_times_are_the_sites_wall_clock() {
    let sb = Sandbox::start().await.unwrap();
    let raw = Raw::new(&sb);
    // Site 1 is in America/Los_Angeles, site 43 in GMT+4 (four hours ahead of UTC).
    for (site, line, user) in [("1", "Line1", "jsmith"), ("43", "Line43", "plant43")] {
        let v = raw
            .post(
                &format!("users/clock_in/{user}/"),
                &[("site", site), ("linecode", line)],
            )
            .await;
        assert_eq!(v["success"], true, "{v}");
        let zone = raw.ok(&format!("sites/?site={site}")).await["data"][0]["timezone"]
            .as_str()
            .unwrap()
            .to_owned();
        let open = raw
            .ok(&format!("usertimes/?site={site}&end__isnull=True"))
            .await;
        let start = open["data"][0]["start"].as_str().unwrap();
        // Within the test's own run time of the site's clock, and hours away from UTC's
        // (Los Angeles is 7 or 8 hours behind, GMT+4 four ahead).
        assert!(
            minutes_from_now(start, &zone) < 60,
            "{site}: {start} in {zone}"
        );
        assert!(
            minutes_from_now(start, "UTC") >= 180,
            "{site}: {start} is UTC"
        );
    }
    // Record stamps stay UTC.
    let v = raw.ok("usertimes/?site=1&end__isnull=True").await;
    let stamp = v["data"][0]["lastupdated"].as_str().unwrap();
    assert!(minutes_from_now(stamp, "UTC") < 60, "{stamp}");
}
