//! The demo plant. Site 1 ("Sandbox", id 3) is the active test site that L2L's samples
//! check for; the five sites are the docs' curl examples (ids 3, 5, 6, 8, 9).
//!
//! | area              | records                                                          |
//! |-------------------|------------------------------------------------------------------|
//! | sites             | 1 Sandbox (test site), 2, 3, 4, 43 Production Plant 43           |
//! | areas             | PAINT, ASSY, WELD (site 1, in this order); AREA43 (site 43)      |
//! | lines             | Line1, Line2 (ASSY, production), WeldLine (WELD, production), `Line 33` (PAINT); Line43 |
//! | machines          | M-100, M-101 (Line1), M-200 (Line2), WLD-01 (WeldLine); M-4301   |
//! | dispatchtypes     | Code Red, Maintenance, Quality, Andon                            |
//! | trades            | Mechanic, Electrician                                            |
//! | productcomponents | PROD-A, PROD-B, PROD-C                                           |
//! | users             | api (admin), siteadmin (admin, site 1), operator, jsmith (site 1), plant43 (site 43), manager (sites 1, 43) |
//! | technicians       | jsmith (Mechanic), manager (Electrician)                         |
//! | document          | WI-100, WI-101 (category "Work Instructions"), SAF-1 ("Safety"), each with a `url` |
//! | pitches           | Line1 on 2026-01-05: 06:00-07:00, 07:00-08:00 (15 minutes of break), 08:00-09:00 |
//! | checklists        | "Daily press check", with tasks, answers, product order and build sequence |
//! | maintenance, stores | dispatch statuses, reasons, machine groups, technicians' areas, work orders (PM, CM, EXT) with external costs as spares, units, vendors, parts, warehouses, bins, bills of material, event schedules, resource shifts, user sites, contacts, kaizens, checklist answers (`demo_plant.rs`) |
//! | a week            | 2025-12-29 to 2026-01-04 on Line1, Line2, WeldLine: hourly pitches and pitch details, scrap, dispatches 901+ with technicians, notes, actions and downtime, operators' times (`demo_week.rs`) |
//!
//! PROD-A has a cycle time of 45 seconds on Line1 (`lines/get_cycle_times/`).
//!
//! Machines of site 1 have a custom property `color`.
//!
//! L2L's own Python sample (les-python3 `api/main.py`) runs on it unmodified: it pages
//! `areas/?active=True&limit=2` and takes the LAST active area of site 1, which is WELD,
//! whose first active line with production is WeldLine, with the active machine WLD-01;
//! the API user `api` has a user record at site 1, so it can clock in. L2L's JavaScript
//! sample (`inactive=F`) takes the same area; L2L's Go sample, whose paging stays on the
//! first page, takes ASSY, Line1 and M-100 (`tests/samples_go.rs`).

use crate::auth::User;
use crate::store::Val;
use crate::store::records;

use super::Seeder;

pub(super) fn t(s: &str) -> Val {
    Val::Text(s.to_owned())
}

pub(super) fn b(v: bool) -> Val {
    Val::Int(v as i64)
}

/// The demo users besides the API user, with their sites and admin flags.
pub(crate) fn users(api_key: &str) -> Vec<User> {
    let key = |login: &str| format!("{api_key}-{login}");
    vec![
        User::new("api").admin(true).key(api_key),
        User::new("siteadmin")
            .admin(true)
            .sites([1])
            .key(key("siteadmin")),
        User::new("operator").sites([1]).key(key("operator")),
        User::new("jsmith").sites([1]).key(key("jsmith")),
        User::new("plant43").sites([43]).key(key("plant43")),
        User::new("manager").sites([1, 43]).key(key("manager")),
    ]
}

/// id, site number, description, time zone, created, lastupdated, test site.
type SiteRow = (
    i64,
    i64,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    bool,
);

/// Seeds the demo plant.
pub(crate) fn seed(s: &Seeder<'_>) {
    let sites: [SiteRow; 5] = [
        (3, 1, "Sandbox", "America/Los_Angeles", None, None, true),
        (5, 2, "Site 2", "America/Los_Angeles", None, None, false),
        (
            6,
            3,
            "Site 3",
            "GMT+4",
            Some("2010-12-30T11:52:50.000000"),
            Some("2011-01-10T17:26:47.000000"),
            false,
        ),
        (
            8,
            43,
            "Production Plant 43",
            "GMT+4",
            Some("2010-12-30T11:52:50.000000"),
            Some("2011-01-10T17:26:47.000000"),
            false,
        ),
        (9, 4, "Site 4", "America/Los_Angeles", None, None, false),
    ];
    for (id, site, desc, tz, created, updated, test) in sites {
        s.put(
            "sites",
            &[
                ("id", Val::Int(id)),
                ("site", Val::Int(site)),
                ("description", t(desc)),
                ("timezone", t(tz)),
                ("active", b(true)),
                ("test_site", b(test)),
                ("created", created.map(t).unwrap_or(Val::Null)),
                ("lastupdated", updated.map(t).unwrap_or(Val::Null)),
            ],
        );
    }
    for (site, code, desc) in [
        // les-go never moves its `offset` and keeps the last area of the FIRST page of two,
        // then the first active line in it, then that line's first machine: ASSY, Line1,
        // M-100. The Python and JavaScript samples keep the last active area: WELD, whose
        // first line with production is WeldLine.
        (1, "PAINT", "Paint shop"),
        (1, "ASSY", "Assembly"),
        (1, "WELD", "Welding"),
        (43, "AREA43", "Plant 43 assembly"),
    ] {
        s.put(
            "areas",
            &[
                ("site", Val::Int(site)),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
                ("externalid", t(&format!("ERP-{code}"))),
            ],
        );
    }
    for (site, code, area, desc, production) in [
        (1, "Line1", "ASSY", "Assembly line 1", true),
        (1, "Line2", "ASSY", "Assembly line 2", true),
        (1, "WeldLine", "WELD", "Weld line", true),
        (1, "Line 33", "PAINT", "Paint line 33", false),
        (43, "Line43", "AREA43", "Plant 43 line", true),
    ] {
        s.put(
            "lines",
            &[
                ("site", Val::Int(site)),
                ("code", t(code)),
                ("description", t(desc)),
                ("abbreviation", t(&code.to_uppercase().replace(' ', ""))),
                ("area", s.id("areas", area)),
                ("areacode", t(area)),
                ("enable_production", b(production)),
                ("active", b(true)),
                ("externalid", t(&format!("ERP-{}", code.replace(' ', "")))),
            ],
        );
    }
    for (site, code, line, desc, color) in [
        (1, "M-100", "Line1", "Press 100", Some("red")),
        (1, "M-101", "Line1", "Press 101", Some("blue")),
        (1, "M-200", "Line2", "Robot 200", None),
        (1, "WLD-01", "WeldLine", "Welder 1", Some("red")),
        (43, "M-4301", "Line43", "Plant 43 press", None),
    ] {
        let id = s.put(
            "machines",
            &[
                ("site", Val::Int(site)),
                ("code", t(code)),
                ("description", t(desc)),
                ("shortdescription", t(code)),
                ("line", s.id("lines", line)),
                ("linecode", t(line)),
                ("active", b(true)),
                ("cyclecount", Val::Int(0)),
                ("costcentercode", t("CC-100")),
                ("externalid", t(&format!("ASSET-{code}"))),
            ],
        );
        if let (Some(id), Some(color)) = (id, color) {
            let _ = records::set_custom(s.conn, "machines", id, &[("color".into(), color.into())]);
        }
    }
    for (code, desc) in [
        ("Code Red", "Critical stop"),
        ("Maintenance", "Planned maintenance"),
        ("Quality", "Quality hold"),
        ("Andon", "Andon call from the line"),
    ] {
        s.put(
            "dispatchtypes",
            &[
                ("site", Val::Int(1)),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
            ],
        );
    }
    for (code, desc) in [("Mechanic", "Mechanical"), ("Electrician", "Electrical")] {
        s.put(
            "trades",
            &[
                ("site", Val::Int(1)),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
            ],
        );
    }
    for (code, desc) in [
        ("PROD-A", "Bracket A"),
        ("PROD-B", "Bracket B"),
        ("PROD-C", "Housing C"),
    ] {
        s.put(
            "productcomponents",
            &[
                ("site", Val::Int(1)),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
            ],
        );
    }
    for (code, desc) in [("Dent", "Dented part"), ("Scratch", "Scratched surface")] {
        s.put(
            "scrapcategory",
            &[
                ("site", Val::Int(1)),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
            ],
        );
    }
    for (area, code, desc) in [
        ("technologies", "HYD", "Hydraulics"),
        ("valuestreams", "VS1", "Brackets value stream"),
    ] {
        s.put(
            area,
            &[
                ("site", Val::Int(1)),
                ("code", t(code)),
                ("description", t(desc)),
                ("active", b(true)),
            ],
        );
    }
    for (login, first, last, site, external) in [
        ("api", "API", "User", 1, None),
        ("siteadmin", "Site", "Admin", 1, None),
        ("operator", "Olivia", "Operator", 1, Some("BADGE-1000")),
        ("jsmith", "John", "Smith", 1, Some("BADGE-1001")),
        ("plant43", "Pat", "Forty-Three", 43, None),
        ("manager", "Morgan", "Manager", 1, None),
    ] {
        s.put(
            "users",
            &[
                ("site", Val::Int(site)),
                ("loginid", t(login)),
                ("firstname", t(first)),
                ("lastname", t(last)),
                ("email", t(&format!("{login}@example.com"))),
                ("externalid", external.map(t).unwrap_or(Val::Null)),
                ("active", b(true)),
            ],
        );
    }
    s.put(
        "dispatches",
        &[
            ("site", Val::Int(1)),
            ("dispatchnumber", Val::Int(1001)),
            ("dispatchtype", s.id("dispatchtypes", "Maintenance")),
            ("dispatchtypecode", t("Maintenance")),
            ("machine", s.id("machines", "M-200")),
            ("machinecode", t("M-200")),
            ("line", s.id("lines", "Line2")),
            ("linecode", t("Line2")),
            ("area", s.id("areas", "ASSY")),
            ("description", t("Gripper replaced")),
            ("reported", t("2026-01-05T07:00:00.000000")),
            ("completed", t("2026-01-05T07:45:00.000000")),
            ("open", t("F")),
            ("downtime", Val::Real(45.0)),
        ],
    );
    s.put(
        "pitches",
        &[
            ("site", Val::Int(1)),
            ("line", s.id("lines", "Line1")),
            ("area", s.id("areas", "ASSY")),
            ("name", t("06:00-07:00")),
            ("active", b(true)),
            ("pitch_start", t("2026-01-05T06:00:00.000000")),
            ("pitch_end", t("2026-01-05T07:00:00.000000")),
            ("actual", Val::Real(0.0)),
            ("demand", Val::Real(60.0)),
            ("scrap", Val::Real(0.0)),
            ("planned_production_minutes", Val::Real(60.0)),
            ("downtime_minutes", Val::Real(0.0)),
            ("nonproduction_minutes", Val::Real(0.0)),
            ("earned_hours", Val::Real(0.0)),
            ("operator_count", Val::Real(2.0)),
            ("shift_start_date", t("2026-01-05")),
        ],
    );
    super::demo_work::seed(s);
    super::demo_plant::seed(s);
    super::demo_week::seed(s);
}
