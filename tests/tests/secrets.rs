//! Every public operation, run against the sandbox with tracing at TRACE level, a known
//! API key and a known signing secret: neither appears in any log line, error or Debug
//! string.

use std::io::Write;
use std::sync::{Arc, Mutex};

use l2l_areas::*;
use l2l_sandbox::Sandbox;

const KEY: &str = "known-api-key-3f9a7c21";
const SECRET: &str = "known-signing-secret-77e1";

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Formats an outcome as a user would see it: the value's Debug, or the error's Display
/// and Debug.
fn show<T: std::fmt::Debug>(out: &mut Vec<String>, what: &str, r: Result<T, Error>) {
    match r {
        Ok(v) => out.push(format!("{what}: {v:?}")),
        Err(e) => out.push(format!("{what}: {e} / {e:?}")),
    }
}

#[tokio::test]
async fn no_operation_leaks_the_key_or_the_secret() {
    let logs = Buf::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sandbox = Sandbox::builder()
        .api_key(KEY)
        .signing_secret("HR", SECRET)
        .signed_endpoint("users/set_externalid")
        .start()
        .await
        .unwrap();
    let mut out = Vec::new();
    for placement in [
        AuthPlacement::Header,
        AuthPlacement::Query,
        AuthPlacement::Body,
    ] {
        let c = sandbox
            .client_builder()
            .api_key(KEY)
            .auth_placement(placement)
            .signing("HR", SECRET)
            .throttle(Throttle::off())
            .build()
            .unwrap();
        out.push(format!("{c:?}"));
        run_everything(&c, &mut out).await;
        // The same with a wrong key and a wrong secret, so that every refusal is formatted.
        let wrong = sandbox
            .client_builder()
            .api_key(format!("{KEY}-wrong"))
            .auth_placement(placement)
            .signing("HR", format!("{SECRET}-wrong"))
            .build()
            .unwrap();
        show(&mut out, "wrong key", Site::query().all(&wrong).await);
        show(
            &mut out,
            "wrong secret",
            c.call::<serde_json::Value>(
                Request::post("users/set_externalid/jsmith")
                    .form("externalid", "B1")
                    .signed(),
            )
            .await,
        );
    }
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("l2l.request"), "nothing was traced");
    out.push(logs);
    let mut checked = 0;
    for text in &out {
        for secret in [KEY, SECRET] {
            assert!(!text.contains(secret), "leaked {secret}: {text}");
        }
        checked += text.len();
    }
    assert!(
        checked > 10_000,
        "too little output to mean anything: {checked} bytes"
    );
}

async fn run_everything(c: &Client, out: &mut Vec<String>) {
    // Every area: a page, and one record by id.
    for area in AREAS {
        let mut q = Query::new(area);
        if area.scope == Scope::Site {
            q.site(1);
        }
        q.limit(2);
        let page = q.page::<serde_json::Value>(c).await;
        if let Ok(p) = &page
            && let Some(id) = p.records.first().and_then(|r| r["id"].as_i64())
        {
            show(
                out,
                area.path,
                crud::get::<serde_json::Value>(c, area, id).await,
            );
        }
        show(out, area.path, page);
    }
    // Typed CRUD, custom properties, partial records.
    let created = Machine::create(
        c,
        &NewMachine {
            site: 1,
            code: "SECRETS-1".into(),
            description: Some("Leak test".into()),
            linecode: Some("Line1".into()),
            active: true,
            ..NewMachine::default()
        },
    )
    .await;
    if let Ok(m) = &created {
        show(
            out,
            "update",
            Machine::update(c, m.id, &MachinePatch::default().description("x")).await,
        );
        show(out, "delete", Machine::delete(c, m.id).await);
    }
    show(out, "create", created);
    show(
        out,
        "custom",
        Machine::query(1).custom("color", "red").all(c).await,
    );
    show(
        out,
        "fields",
        Machine::query(1)
            .fields([MachineField::Id, MachineField::Code])
            .all(c)
            .await,
    );
    show(out, "site", Site::get(c, 3).await);
    show(out, "first", Line::query(1).first(c).await);
    // Every action endpoint.
    let opened = Dispatch::open(
        c,
        &OpenDispatch::new(1, "Code Red", "M-100", "secrets test"),
    )
    .await;
    if let Ok(d) = &opened {
        show(
            out,
            "describe",
            Dispatch::set_description(c, 1, d.id, "still down").await,
        );
        show(out, "status", Dispatch::change_status(c, 1, d.id, 2).await);
        show(
            out,
            "type",
            Dispatch::change_type(c, 1, d.id, d.dispatchtype).await,
        );
        show(out, "close", Dispatch::close(c, 1, d.id).await);
        show(out, "complete", Dispatch::complete(c, 1, d.id).await);
    }
    show(out, "open", opened);
    let t = |s: &str| s.parse::<SiteTime>().unwrap();
    show(
        out,
        "add",
        Dispatch::add(
            c,
            &AddDispatch {
                site: 1,
                dispatch_type: "Maintenance".into(),
                machine: "M-101".into(),
                description: "done".into(),
                reported: t("2024-03-01 10:00"),
                completed: t("2024-03-01 10:05"),
                trade: Some("Mechanic".into()),
                retry: false,
            },
        )
        .await,
    );
    show(
        out,
        "events",
        Dispatch::get_event_data(
            c,
            &EventDataQuery {
                site: 1,
                lastupdated: Some("2000-01-01 00:00:00".parse().unwrap()),
                ..Default::default()
            },
        )
        .await,
    );
    show(
        out,
        "set count",
        Machine::set_cycle_count(c, &CycleCount::new(1, "M-100", 100)).await,
    );
    show(
        out,
        "increment",
        Machine::increment_cycle_count(c, &CycleCount::new(1, 1, 5)).await,
    );
    show(
        out,
        "record",
        PitchDetail::record_details(
            c,
            &RecordDetails::new(1, "Line1", "SECRET-P", When::Now, When::Now, 3.into()),
        )
        .await,
    );
    show(
        out,
        "clock in",
        User::clock_in(c, "jsmith", &ClockIn::now(1, "Line1")).await,
    );
    show(
        out,
        "clock out",
        User::clock_out(c, "jsmith", 1, None).await,
    );
    show(
        out,
        "badge",
        User::clock_in_by_externalid(c, "NOPE", &ClockIn::now(1, "Line1")).await,
    );
    show(
        out,
        "backdated",
        User::clock_in(
            c,
            "operator",
            &ClockIn::backdated(1, "Line2", t("2024-03-01 06:00"), t("2024-03-01 14:00")),
        )
        .await,
    );
    show(
        out,
        "externalid",
        User::set_externalid(c, "jsmith", 1, "B-7").await,
    );
    show(
        out,
        "signed",
        c.call::<serde_json::Value>(
            Request::post("users/set_externalid/jsmith")
                .form("externalid", "B-8")
                .signed(),
        )
        .await,
    );
    show(
        out,
        "current order",
        BuildSequence::get_current_order_on_line(c, 1, "Line1").await,
    );
    let co = ChangeOver {
        site: 1,
        line: "Line1".into(),
        product: Some(ProductRef::Code("PROD-B".into())),
        build_sequence: None,
    };
    show(
        out,
        "start change-over",
        BuildSequence::start_change_over(c, &co).await,
    );
    show(
        out,
        "finish change-over",
        BuildSequence::finish_change_over(c, &co).await,
    );
    show(
        out,
        "ekanban",
        ProductOrder::sync_ekanban_order(
            c,
            &EkanbanOrder {
                site: 1,
                productcode: "PROD-A".into(),
                name: "SO-1".into(),
                order_quantity: 100.into(),
                card_size: 25.into(),
                externalid: Some("SO-1".into()),
            },
        )
        .await,
    );
    let day = SummaryQuery {
        site: 1,
        start: t("2000-01-01 00:00"),
        end: t("2100-01-01 00:00"),
        linecodes: vec!["Line1".into()],
        show_products: true,
        show_shifts: false,
    };
    show(out, "daily", LineSummary::daily(c, &day).await);
    show(
        out,
        "weekly",
        LineSummary::weekly(c, 1, "2024-03-04".parse().unwrap()).await,
    );
    show(
        out,
        "oee",
        SiteOee::fetch(c, 1, t("2000-01-01 00:00"), t("2100-01-01 00:00")).await,
    );
    out.push(c.display_url(&Request::get("sites").query("auth", KEY)));
}
