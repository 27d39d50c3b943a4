//! The demo plant's maintenance, stores and improvement records, after its working morning
//! (`demo_work.rs`): dispatch statuses and reasons, machine groups, technicians' areas,
//! work orders with their categories and external costs (spares charged to the work
//! order), units, vendors, parts, warehouses and bins, bills of material, event schedules,
//! resource shifts, user sites, contacts, kaizens and the checklist's answers as records.
//! Every reference is looked up by code, so each id points at a record seeded before it.

use crate::store::Val;

use super::Seeder;
use super::demo::{b, t};

/// `(area, code, description)` rows of site 1 that only have a code and a description.
const CODED: &[(&str, &str, &str)] = &[
    ("dispatchstatuses", "OPEN", "Open"),
    ("dispatchstatuses", "ACK", "Acknowledged"),
    ("dispatchstatuses", "DONE", "Resolved"),
    ("workordercategories", "PM", "Preventive maintenance"),
    ("workordercategories", "CM", "Corrective maintenance"),
    ("workordercategories", "EXT", "External contractor"),
    ("unitsofmeasure", "EA", "Each"),
    ("unitsofmeasure", "KG", "Kilogram"),
    ("unitsofmeasure", "M", "Metre"),
    ("warehouses", "MAIN", "Main stores"),
    ("warehouses", "MRO", "Maintenance crib"),
    ("resourceshifts", "DAY", "Day shift 06:00-14:00"),
    ("resourceshifts", "SWING", "Swing shift 14:00-22:00"),
    ("kaizencategory", "SAFETY", "Safety"),
    ("kaizencategory", "QUALITY", "Quality"),
    ("kaizencategory", "FLOW", "Flow and waste"),
];

/// Seeds the records `demo_work::seed` ends with.
pub(super) fn seed(s: &Seeder<'_>) {
    let site = || ("site", Val::Int(1));
    for (area, code, desc) in CODED {
        s.put(
            area,
            &[
                site(),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
                ("system", b(*area == "dispatchstatuses")),
            ],
        );
    }
    for (code, desc, kind) in [
        ("JAM", "Part jammed in the fixture", "Code Red"),
        ("HYD-LEAK", "Hydraulic leak", "Maintenance"),
        ("SENSOR", "Sensor fault", "Maintenance"),
        ("SPEC", "Part out of specification", "Quality"),
    ] {
        s.put(
            "reasons",
            &[
                site(),
                ("code", t(code)),
                ("description", t(desc)),
                ("dispatch_type", s.id("dispatchtypes", kind)),
                ("active", b(true)),
            ],
        );
    }
    for (code, desc) in [("PRESSES", "Presses"), ("WELDERS", "Welders")] {
        s.put(
            "machinegroups",
            &[
                site(),
                ("code", t(code)),
                ("description", t(desc)),
                ("technology", s.id("technologies", "HYD")),
                ("valuestream", s.id("valuestreams", "VS1")),
                ("active", b(true)),
            ],
        );
    }
    for (login, areas) in [
        ("jsmith", &["ASSY", "WELD"][..]),
        ("manager", &["ASSY", "PAINT", "WELD"][..]),
    ] {
        for area in areas {
            s.put(
                "technicianareas",
                &[
                    site(),
                    ("technician", s.id_by("technicians", "loginid", login)),
                    ("area", s.id("areas", area)),
                ],
            );
        }
    }
    for (login, sites) in [
        ("api", &[1][..]),
        ("siteadmin", &[1]),
        ("operator", &[1]),
        ("jsmith", &[1]),
        ("plant43", &[43]),
        ("manager", &[1, 43]),
    ] {
        for n in sites {
            s.put(
                "usersites",
                &[
                    ("site", Val::Int(*n)),
                    ("user", s.id_by("users", "loginid", login)),
                ],
            );
        }
    }
    for (code, desc, external) in [
        ("ACME", "Acme Industrial Supply", "V-1001"),
        ("HYDRA", "Hydra Fluid Power", "V-1002"),
    ] {
        s.put(
            "vendors",
            &[
                site(),
                ("code", t(code)),
                ("description", t(desc)),
                ("externalid", t(external)),
                ("active", b(true)),
            ],
        );
    }
    for (code, desc, vendor, unit, cost) in [
        ("BOLT-M8", "Bolt M8x20", "ACME", "EA", 0.12),
        ("STEEL-2MM", "Steel sheet 2 mm", "ACME", "KG", 1.85),
        ("SEAL-40", "Hydraulic seal 40 mm", "HYDRA", "EA", 7.4),
        ("HOSE-12", "Hydraulic hose 12 mm", "HYDRA", "M", 9.9),
    ] {
        s.put(
            "parts",
            &[
                site(),
                ("code", t(code)),
                ("description", t(desc)),
                ("vendor", s.id("vendors", vendor)),
                ("unitofmeasure", s.id("unitsofmeasure", unit)),
                ("cost", Val::Real(cost)),
                ("externalid", t(&format!("ERP-{code}"))),
                ("active", b(true)),
            ],
        );
    }
    for (code, desc, warehouse) in [
        ("A-01", "Aisle A, shelf 1", "MAIN"),
        ("A-02", "Aisle A, shelf 2", "MAIN"),
        ("CRIB-1", "Crib drawer 1", "MRO"),
    ] {
        s.put(
            "binlocation",
            &[
                site(),
                ("code", t(code)),
                ("description", t(desc)),
                ("warehouse", s.id("warehouses", warehouse)),
                ("active", b(true)),
            ],
        );
    }
    for (product, part, quantity, unit) in [
        ("PROD-A", "BOLT-M8", 4.0, "EA"),
        ("PROD-A", "STEEL-2MM", 0.6, "KG"),
        ("PROD-B", "BOLT-M8", 6.0, "EA"),
        ("PROD-B", "STEEL-2MM", 0.8, "KG"),
        ("PROD-C", "STEEL-2MM", 1.4, "KG"),
    ] {
        s.put(
            "billofmaterials",
            &[
                site(),
                ("product", s.id("productcomponents", product)),
                ("part", s.id("parts", part)),
                ("quantity", Val::Real(quantity)),
                ("unitofmeasure", s.id("unitsofmeasure", unit)),
            ],
        );
    }
    seed_work(s);
}

/// A work order: number, description, category, machine, trade, status, and its external
/// costs (what, how much).
type WorkOrderRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static [(&'static str, f64)],
);

/// Work orders, their external costs, event schedules, contacts, kaizens and answers.
fn seed_work(s: &Seeder<'_>) {
    let site = || ("site", Val::Int(1));
    let orders: [WorkOrderRow; 4] = [
        (
            "WO-5001",
            "Monthly press inspection",
            "PM",
            "M-100",
            "Mechanic",
            3,
            &[],
        ),
        (
            "WO-5002",
            "Replace gripper on robot 200",
            "CM",
            "M-200",
            "Mechanic",
            3,
            &[("Gripper finger", 12.5)],
        ),
        (
            "WO-5003",
            "Welder transformer rewind",
            "EXT",
            "WLD-01",
            "Electrician",
            2,
            &[("Contractor labour", 840.0), ("Transformer coil", 1260.0)],
        ),
        (
            "WO-5004",
            "Hydraulic seals on press 101",
            "CM",
            "M-101",
            "Mechanic",
            1,
            &[("Seal kit", 74.0)],
        ),
    ];
    for (number, desc, category, machine, trade, status, costs) in orders {
        s.put(
            "workorders",
            &[
                site(),
                ("workordernumber", t(number)),
                ("description", t(desc)),
                ("workordercategory", s.id("workordercategories", category)),
                ("machine", s.id("machines", machine)),
                ("tooling", s.id("tooling", "DIE-7")),
                ("trade", s.id("trades", trade)),
                ("status", Val::Int(status)),
            ],
        );
        for (n, (what, cost)) in costs.iter().enumerate() {
            s.put(
                "spares",
                &[
                    site(),
                    ("code", t(&format!("{number}-{}", n + 1))),
                    ("description", t(what)),
                    ("status", Val::Int(2)),
                    ("cost", Val::Real(*cost)),
                    ("workordernumber", t(number)),
                ],
            );
        }
    }
    for (desc, machine, trade, kind, days, next) in [
        (
            "Press lubrication",
            "M-100",
            "Mechanic",
            "Maintenance",
            7,
            "2026-01-08",
        ),
        (
            "Press inspection",
            "M-101",
            "Mechanic",
            "Maintenance",
            30,
            "2026-01-30",
        ),
        (
            "Welder tip dressing",
            "WLD-01",
            "Electrician",
            "Maintenance",
            1,
            "2026-01-06",
        ),
    ] {
        s.put(
            "eventschedule",
            &[
                site(),
                ("description", t(desc)),
                ("machine", s.id("machines", machine)),
                ("tooling", s.id("tooling", "DIE-7")),
                ("trade", s.id("trades", trade)),
                ("dispatch_type", s.id("dispatchtypes", kind)),
                ("interval_days", Val::Int(days)),
                ("next_date", t(&format!("{next}T06:00:00.000000"))),
                ("active", b(true)),
            ],
        );
    }
    for (name, email, phone, desc) in [
        (
            "Dana Reyes",
            "dana.reyes@acme.example.com",
            "+1 555 0100",
            "Acme account manager",
        ),
        (
            "Lee Park",
            "lee.park@hydra.example.com",
            "+1 555 0101",
            "Hydra field service",
        ),
        (
            "Plant safety desk",
            "safety@example.com",
            "+1 555 0199",
            "Site 1 safety",
        ),
    ] {
        s.put(
            "contacts",
            &[
                site(),
                ("name", t(name)),
                ("email", t(email)),
                ("phone", t(phone)),
                ("description", t(desc)),
                ("active", b(true)),
            ],
        );
    }
    for (name, desc, category, area, line, machine) in [
        (
            "Guard on press 100",
            "Fixed guard replaces the light curtain bypass",
            "SAFETY",
            "ASSY",
            "Line1",
            "M-100",
        ),
        (
            "Dent check at welding",
            "Gauge at WLD-01 catches dents before paint",
            "QUALITY",
            "WELD",
            "WeldLine",
            "WLD-01",
        ),
        (
            "Kit bolts per bracket",
            "Bolts kitted per PROD-A bracket, no counting at the line",
            "FLOW",
            "ASSY",
            "Line2",
            "M-200",
        ),
    ] {
        s.put(
            "kaizen",
            &[
                site(),
                ("name", t(name)),
                ("description", t(desc)),
                ("kaizencategory", s.id("kaizencategory", category)),
                ("area", s.id("areas", area)),
                ("line", s.id("lines", line)),
                ("machine", s.id("machines", machine)),
            ],
        );
    }
    // The checklist's answers as records of their own.
    let checklist = s.id_by("checklists", "name", "Daily press check");
    for (task, row, answer, limits) in [
        (1, None, "Yes", None),
        (2, Some(1), "182", Some((170.0, 190.0, 160.0, 200.0))),
    ] {
        let limit = |i: usize| {
            limits
                .map(|l: (f64, f64, f64, f64)| Val::Real([l.0, l.1, l.2, l.3][i]))
                .unwrap_or(Val::Null)
        };
        let row = row.map(Val::Int).unwrap_or(Val::Null);
        s.put(
            "checklistsanswers",
            &[
                site(),
                ("checklist", checklist.clone()),
                ("task_number", Val::Int(task)),
                ("table_row_number", row.clone()),
                ("table_column_number", row),
                ("na", b(false)),
                ("answer", t(answer)),
                ("control_limit_low", limit(0)),
                ("control_limit_high", limit(1)),
                ("reject_limit_low", limit(2)),
                ("reject_limit_high", limit(3)),
                ("created", t("2026-01-05T06:10:00.000000")),
            ],
        );
    }
}
