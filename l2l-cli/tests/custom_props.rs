//! Custom properties (`custom__<name>`, machines) in `--fields`, `--set`, `--where` and every
//! output format; CSV columns from the schema and the request, never from the first record.

mod common;

use common::{Env, json, jsonl, stderr};

#[test]
fn custom_properties_are_fields_like_any_other() {
    let env = Env::demo("custom-props");
    // The highest demo id: the records made here come after it.
    let out = env.ok(&[
        "list",
        "machines",
        "--site",
        "1",
        "--order-by",
        "-id",
        "--limit",
        "1",
    ]);
    let top = jsonl(&out)[0]["id"].as_i64().expect("an id");

    // Created: one without the property, then one with it (--set custom__color).
    let plain = json(&env.ok(&[
        "create",
        "machines",
        "--site",
        "1",
        "--set",
        "code=CP-1",
        "--format",
        "json",
    ]));
    let colored = json(&env.ok(&[
        "create",
        "machines",
        "--site",
        "1",
        "--set",
        "code=CP-2",
        "--set",
        "custom__color=teal",
        "--format",
        "json",
    ]));
    let (a, b) = (
        plain["id"].as_i64().unwrap(),
        colored["id"].as_i64().unwrap(),
    );
    assert!(a > top && b > a);
    let got = json(&env.ok(&["get", "machines", &b.to_string(), "--format", "json"]));
    assert_eq!(got["custom__color"], "teal", "{got}");

    // Updated with --set.
    env.ok(&[
        "update",
        "machines",
        &b.to_string(),
        "--set",
        "custom__color=navy",
    ]);
    let got = json(&env.ok(&["get", "machines", &b.to_string(), "--format", "json"]));
    assert_eq!(got["custom__color"], "navy", "{got}");

    let newer = format!("id__gt={top}");
    let list = |extra: &[&str]| {
        let mut args = vec!["list", "machines", "--site", "1", "--where", &newer];
        args.extend_from_slice(extra);
        env.ok(&args)
    };

    // --fields with a custom property, in every format; the first record lacks it.
    let csv = list(&["--fields", "id,code,custom__color", "--format", "csv"]);
    assert_eq!(
        csv,
        format!("id,code,custom__color\n{a},CP-1,\n{b},CP-2,navy\n")
    );
    let lines = jsonl(&list(&[
        "--fields",
        "id,custom__color",
        "--format",
        "jsonl",
    ]));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["custom__color"], "navy");
    assert!(lines[0].get("code").is_none(), "only the fields asked for");
    let arr = json(&list(&["--fields", "id,custom__color", "--format", "json"]));
    assert_eq!(arr[1]["custom__color"], "navy", "{arr}");
    let table = list(&["--fields", "id,custom__color", "--format", "table"]);
    assert!(
        table.lines().next().unwrap().contains("custom__color"),
        "{table}"
    );
    assert!(table.contains("navy"), "{table}");

    // A filter on a custom property: its column is in the CSV header.
    let csv = list(&["--where", "custom__color=navy", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("id,site,code,"), "{header}");
    assert!(header.ends_with(",custom__color"), "{header}");
    assert!(csv.lines().nth(1).unwrap().ends_with(",navy"), "{csv}");

    // Without --fields: the header is the schema's, whatever the first record holds, and
    // the custom properties left out are named once on stderr.
    let out = env
        .l2l()
        .args([
            "list", "machines", "--site", "1", "--where", &newer, "--format", "csv",
        ])
        .output()
        .expect("l2l runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout.clone()).unwrap();
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "id,site,code,description,shortdescription,line,linecode,costcentercode,externalid,\
         cyclecount,active,created,lastupdated"
    );
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!(r.matches(',').count(), header.matches(',').count(), "{r}");
    }
    let err = stderr(&out);
    assert!(err.contains("`custom__color` left out"), "{err}");
    assert!(err.contains("--fields"), "{err}");

    // Refused before sending: a custom property where the area has none.
    let before = env.requests();
    let out = env.fails(&["list", "sites", "--fields", "site,custom__color"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("has no custom properties"),
        "{}",
        stderr(&out)
    );
    let out = env.fails(&[
        "create",
        "lines",
        "--site",
        "1",
        "--set",
        "code=L9",
        "--set",
        "custom__color=red",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("has no custom properties"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.requests(), before);
}
