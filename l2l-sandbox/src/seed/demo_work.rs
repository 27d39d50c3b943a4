//! The demo plant's working morning, after its master data (`demo.rs`): the rest of the
//! Line1 pitches, the technicians, the documents, a cycle time and a checklist with its
//! tasks and answers. Seeded in this order, after `demo::seed`'s records, so ids stay as
//! they were.

use crate::store::Val;

use super::Seeder;
use super::demo::{b, t};

/// Seeds the records `demo::seed` ends with.
pub(super) fn seed(s: &Seeder<'_>) {
    // The rest of that morning on Line1: 07:00-08:00 holds the break.
    for (name, start, end, nonproduction) in [
        ("07:00-08:00", "07", "08", 15.0),
        ("08:00-09:00", "08", "09", 0.0),
    ] {
        s.put(
            "pitches",
            &[
                ("site", Val::Int(1)),
                ("line", s.id("lines", "Line1")),
                ("area", s.id("areas", "ASSY")),
                ("name", t(name)),
                ("active", b(true)),
                (
                    "pitch_start",
                    t(&format!("2026-01-05T{start}:00:00.000000")),
                ),
                ("pitch_end", t(&format!("2026-01-05T{end}:00:00.000000"))),
                ("actual", Val::Real(0.0)),
                ("demand", Val::Real(60.0)),
                ("scrap", Val::Real(0.0)),
                (
                    "planned_production_minutes",
                    Val::Real(60.0 - nonproduction),
                ),
                ("downtime_minutes", Val::Real(0.0)),
                ("nonproduction_minutes", Val::Real(nonproduction)),
                ("earned_hours", Val::Real(0.0)),
                ("operator_count", Val::Real(2.0)),
                ("shift_start_date", t("2026-01-05")),
            ],
        );
    }
    // Technicians: users who answer dispatches.
    for (login, fullname, trade) in [
        ("jsmith", "John Smith", "Mechanic"),
        ("manager", "Morgan Manager", "Electrician"),
    ] {
        s.put(
            "technicians",
            &[
                ("site", Val::Int(1)),
                ("user", s.id_by("users", "loginid", login)),
                ("loginid", t(login)),
                ("fullname", t(fullname)),
                ("trade", s.id("trades", trade)),
                ("available", b(true)),
                ("active", b(true)),
            ],
        );
    }
    // Documents with categories, as `documents/list_bycategory/` lists them.
    for (number, name, category) in [
        ("WI-100", "Press changeover", "Work Instructions"),
        ("WI-101", "Welder start-up", "Work Instructions"),
        ("SAF-1", "Lockout tagout", "Safety"),
    ] {
        s.put(
            "document",
            &[
                ("site", Val::Int(1)),
                ("name", t(name)),
                ("number", t(number)),
                ("description", t(name)),
                ("externalid", t(&format!("DOC-{number}"))),
                ("category", t(category)),
                (
                    "url",
                    t(&format!("https://documents.example.com/{number}.pdf")),
                ),
                ("active", b(true)),
            ],
        );
    }
    // A cycle time set for PROD-A on Line1 (what `lines/get_cycle_times/` lists).
    if let (Val::Int(line), Val::Int(product)) =
        (s.id("lines", "Line1"), s.id("productcomponents", "PROD-A"))
        && crate::actions::lines::ensure_cycle_times(s.conn).is_ok()
    {
        let _ = s.conn.execute(
            "INSERT OR IGNORE INTO _cycle_times (site, line, product, cycle_time_seconds, \
             operator_count, max_quantity_per_pitch, planning_rate, lastupdated) \
             VALUES (1, ?1, ?2, 45.0, 2.0, 80.0, 95.0, '2026-01-05T06:00:00.000000')",
            [line, product],
        );
    }
    s.put(
        "spares",
        &[
            ("site", Val::Int(1)),
            ("code", t("SP-100")),
            ("description", t("Gripper finger")),
            ("status", Val::Int(2)),
            ("cost", Val::Real(12.5)),
            ("dispatchnumber", Val::Int(1001)),
        ],
    );
    s.put(
        "tooling",
        &[
            ("site", Val::Int(1)),
            ("code", t("DIE-7")),
            ("description", t("Bracket die")),
            ("active", b(true)),
        ],
    );
    s.put(
        "scrapdetail",
        &[
            ("site", Val::Int(1)),
            ("start", t("2026-01-05T06:30:00.000000")),
            ("category", s.id("scrapcategory", "Dent")),
            ("product", s.id("productcomponents", "PROD-A")),
            ("line", s.id("lines", "Line1")),
            ("scrap", Val::Real(2.0)),
        ],
    );
    s.put(
        "usertimes",
        &[
            ("site", Val::Int(1)),
            ("user", s.id_by("users", "loginid", "jsmith")),
            ("line", s.id("lines", "Line1")),
            ("start", t("2026-01-05T06:00:00.000000")),
            ("end", t("2026-01-05T14:00:00.000000")),
        ],
    );
    s.put(
        "buildsequence",
        &[
            ("site", Val::Int(1)),
            ("line", s.id("lines", "Line1")),
            ("linecode", t("Line1")),
            ("product", s.id("productcomponents", "PROD-A")),
            ("productcode", t("PROD-A")),
            ("status", Val::Int(3)),
            ("schedule_start_date", t("2026-01-05T06:00:00.000000")),
            ("externalid", t("ORDER-1")),
        ],
    );
    s.put(
        "productorders",
        &[
            ("site", Val::Int(1)),
            ("product", s.id("productcomponents", "PROD-A")),
            ("productcode", t("PROD-A")),
            ("name", t("ORDER-1")),
            ("order_quantity", Val::Real(500.0)),
            ("externalid", t("ORDER-1")),
        ],
    );
    s.put(
        "checklists",
        &[
            ("site", Val::Int(1)),
            ("name", t("Daily press check")),
            ("document", s.id_by("document", "number", "WI-100")),
            ("technology", s.id("technologies", "HYD")),
            ("number", Val::Int(1)),
            ("closed", b(true)),
            ("closeddate", t("2026-01-05T06:15:00.000000")),
            ("area", s.id("areas", "ASSY")),
            ("line", s.id("lines", "Line1")),
            ("machine", s.id("machines", "M-100")),
            ("product", s.id("productcomponents", "PROD-A")),
            ("product_order", s.id_by("productorders", "name", "ORDER-1")),
            ("build_sequence", s.id_by("buildsequence", "externalid", "ORDER-1")),
            (
                "tasks",
                t(r#"[{"task_number":1,"text":"Guards in place"},{"task_number":2,"text":"Hydraulic pressure","table":{"rows":[{"columns":[{"text":"bar"}]}]}}]"#),
            ),
            (
                "answers",
                t(r#"[{"task_number":1,"table_row_number":null,"table_column_number":null,"na":false,"answer":"Yes","created":"2026-01-05 06:10:00","lastupdatedby":"jsmith"},{"task_number":2,"table_row_number":1,"table_column_number":1,"na":false,"answer":"182","created":"2026-01-05 06:12:00","lastupdatedby":"jsmith","control_limit_low":"170","control_limit_high":"190","reject_limit_low":"160","reject_limit_high":"200"}]"#),
            ),
        ],
    );
}
