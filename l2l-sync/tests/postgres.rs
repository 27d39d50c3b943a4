//! Sync into a real PostgreSQL server, started by the test (see common/pg.rs); skipped
//! with a message where PostgreSQL is not installed, failed when `CI` is set.

mod common;

use common::pg::Pg;
use common::{Db as _, Env, Postgres, feed, scenarios};

#[test]
fn every_scenario_against_postgres() {
    let Some(pg) = Pg::start("scenarios") else {
        return;
    };
    let env = Env::machines("pg-full", 3_000);
    let db = Postgres(pg.database("full"));
    scenarios::full_incremental_and_growth(&env, &db, "bigint", "text");
    assert_eq!(
        db.column_type("machines", "lastupdated").as_deref(),
        Some("timestamp without time zone")
    );
    assert_eq!(
        db.column_type("machines", "active").as_deref(),
        Some("boolean")
    );
    assert_eq!(
        db.column_type("machines", "_extra").as_deref(),
        Some("jsonb")
    );
    assert_eq!(
        db.int("SELECT count(*) FROM pg_indexes WHERE tablename = 'machines' AND indexdef LIKE '%(lastupdated)%'"),
        Some(1),
        "an index on lastupdated"
    );

    let env = Env::machines("pg-type", 10);
    scenarios::changed_type(&env, &Postgres(pg.database("changed")), "bigint");
    scenarios::id_not_primary_key(&env, &Postgres(pg.database("nokey")), "bigint");

    let env = Env::with(
        "pg-refused",
        l2l_sandbox::Sandbox::builder().forbid("scrapdetail"),
    );
    scenarios::a_refused_area_leaves_no_table(&env, &Postgres(pg.database("refused")), "bigint");

    let env = Env::machines("pg-deleted", 100);
    scenarios::deletions(&env, &Postgres(pg.database("deleted")));

    let env = Env::machines("pg-fail", 3_000);
    let db = Postgres(pg.database("fail"));
    scenarios::failure_mid_sync(&env, &db, "bigint");

    // A read-only database is refused before anything is downloaded.
    let url = pg.database("readonly");
    Postgres(pg.admin_url()).exec("ALTER DATABASE readonly SET default_transaction_read_only = on");
    let before = env.requests();
    let err = env
        .sync(&l2l_sync::Target::Postgres(url), None)
        .expect_err("read-only");
    assert!(err.to_string().contains("read-only transaction"), "{err}");
    assert_eq!(env.requests(), before, "nothing was downloaded");
}

#[test]
fn the_change_feed_deletes_and_marks_dispatches() {
    let Some(pg) = Pg::start("feed") else {
        return;
    };
    let env = Env::seeded("pg-feed", "dispatches", feed::DISPATCHES);
    feed::deletes_what_the_feed_reports(&env, &Postgres(pg.database("feed")));
    let env = Env::seeded("pg-feed-mark", "dispatches", 20);
    feed::marks_what_the_feed_reports(&env, &Postgres(pg.database("feedmark")));
}

#[test]
fn labels_become_column_comments() {
    let Some(pg) = Pg::start("comments") else {
        return;
    };
    let env = Env::machines("pg-comments", 0);
    let db = Postgres(pg.database("comments"));
    let area = l2l_areas::AREAS
        .iter()
        .copied()
        .find(|a| a.operations.list && a.fields.iter().any(|f| f.label.is_some() && !f.write_only))
        .expect("an area with labels");
    env.sync_area(area, &db.target(), None).expect("a sync");
    let labelled: Vec<(&str, &str)> = area
        .fields
        .iter()
        .filter(|f| !f.write_only)
        .filter_map(|f| f.label.map(|l| (f.api_name, l)))
        .collect();
    assert!(!labelled.is_empty());
    for (col, label) in &labelled {
        let n = db.int(&format!(
            "SELECT count(*) FROM pg_description d JOIN pg_attribute a ON a.attrelid = d.objoid AND a.attnum = d.objsubid \
             WHERE d.objoid = '{}'::regclass AND a.attname = '{col}' AND d.description = '{}'",
            area.path,
            label.replace('\'', "''")
        ));
        assert_eq!(n, Some(1), "comment on {col}");
    }
}

#[test]
fn an_unreachable_server_fails_before_downloading() {
    let env = Env::machines("pg-unreachable", 10);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let before = env.requests();
    let url = format!("postgres://sync:secret-pw@127.0.0.1:{port}/plant");
    let err = env
        .sync(&l2l_sync::Target::Postgres(url), None)
        .expect_err("nothing listens there");
    let msg = err.to_string();
    assert!(msg.contains(&format!("127.0.0.1:{port}")), "{msg}");
    assert!(
        !msg.contains("secret-pw"),
        "the password never shows: {msg}"
    );
    assert_eq!(env.requests(), before);
}
