//! The demo plant's week of history before its working morning: Monday 2025-12-29 to
//! Sunday 2026-01-04, one day shift (06:00-14:00, a 15-minute break in the 09:00 pitch) on
//! Line1, Line2 and WeldLine. Each hour is a pitch with its pitch detail (the day's
//! product, actuals, scrap), scrap is booked by category, stops are dispatches (numbers
//! 901 and up, below the morning's 1001) answered by a technician of the right trade, with
//! a note, an action and the downtime they cost the pitch; the operators clock in and out.
//! Sunday's stops on the assembly lines are still open, as andon calls (a dispatch type
//! of their own). Drawn from a fixed xorshift sequence, so every
//! demo plant has the same week.

use crate::store::Val;

use super::Seeder;
use super::demo::{b, t};

/// The days of the week.
const DAYS: [&str; 7] = [
    "2025-12-29",
    "2025-12-30",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
    "2026-01-03",
    "2026-01-04",
];

/// Line, area, its machines, demand per hour.
pub(crate) const LINES: [(&str, &str, &[&str], f64); 3] = [
    ("Line1", "ASSY", &["M-100", "M-101"], 60.0),
    ("Line2", "ASSY", &["M-200"], 50.0),
    ("WeldLine", "WELD", &["WLD-01"], 40.0),
];

/// Products run in turn, one a day per line.
pub(crate) const PRODUCTS: [&str; 3] = ["PROD-A", "PROD-B", "PROD-C"];

/// Stop kinds: dispatch type, trade of the technician sent, what was wrong, what was done.
pub(crate) const STOPS: [(&str, &str, &str, &str); 4] = [
    (
        "Code Red",
        "Mechanic",
        "Part jammed in the fixture",
        "Cleared the jam",
    ),
    (
        "Maintenance",
        "Mechanic",
        "Hydraulic leak",
        "Replaced a seal",
    ),
    (
        "Maintenance",
        "Electrician",
        "Sensor fault",
        "Realigned the sensor",
    ),
    (
        "Quality",
        "Electrician",
        "Weld spatter on parts",
        "Cleaned the nozzle",
    ),
];

/// A fixed pseudo-random sequence (xorshift64).
pub(crate) struct Draw(pub(crate) u64);

impl Draw {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A whole number in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn at(day: &str, hour: u64, minute: u64) -> Val {
    t(&format!("{day}T{hour:02}:{minute:02}:00.000000"))
}

/// One stop: when it began and how long the line stood.
struct Stop {
    hour: u64,
    minute: u64,
    minutes: u64,
    kind: usize,
    machine: &'static str,
}

/// Seeds the week, after the rest of the demo plant.
pub(super) fn seed(s: &Seeder<'_>) {
    let mut draw = Draw(0x2026_0105_0600_0001);
    let mut number = 901;
    for (d, day) in DAYS.iter().enumerate() {
        let weekend = d >= 5;
        for (l, (line, area, machines, demand)) in LINES.iter().enumerate() {
            let product = PRODUCTS[(d + l) % PRODUCTS.len()];
            // Up to two stops a day; Sunday's stops stay open.
            let stops: Vec<Stop> = (0..draw.below(3))
                .map(|_| Stop {
                    hour: 6 + draw.below(8),
                    minute: draw.below(40),
                    minutes: 5 + draw.below(16),
                    kind: draw.below(STOPS.len() as u64) as usize,
                    machine: machines[draw.below(machines.len() as u64) as usize],
                })
                .collect();
            for stop in &stops {
                // Sunday's calls on the assembly lines are still open.
                let open = d == DAYS.len() - 1 && *area == "ASSY";
                dispatch(s, day, line, area, stop, number, open);
                number += 1;
            }
            let demand = if weekend { demand / 2.0 } else { *demand };
            for hour in 6..14u64 {
                let downtime: u64 = stops
                    .iter()
                    .filter(|x| x.hour == hour)
                    .map(|x| x.minutes)
                    .sum();
                let break_minutes = if hour == 9 { 15.0 } else { 0.0 };
                let planned = 60.0 - break_minutes;
                let rate = (85 + draw.below(18)) as f64 / 100.0;
                let actual = (demand * rate * (planned - downtime as f64).max(0.0) / 60.0).round();
                let scrap = draw.below(4) as f64;
                pitch(
                    s,
                    (day, hour),
                    (line, area, product),
                    [
                        actual,
                        demand,
                        scrap,
                        planned,
                        downtime as f64,
                        break_minutes,
                    ],
                );
                if scrap > 0.0 {
                    s.put(
                        "scrapdetail",
                        &[
                            ("site", Val::Int(1)),
                            ("start", at(day, hour, 10 + draw.below(45))),
                            (
                                "category",
                                s.id("scrapcategory", ["Dent", "Scratch"][draw.below(2) as usize]),
                            ),
                            ("product", s.id("productcomponents", product)),
                            ("line", s.id("lines", line)),
                            ("scrap", Val::Real(scrap)),
                        ],
                    );
                }
            }
            let login = ["operator", "jsmith", "manager"][l];
            s.put(
                "usertimes",
                &[
                    ("site", Val::Int(1)),
                    ("user", s.id_by("users", "loginid", login)),
                    ("line", s.id("lines", line)),
                    ("start", at(day, 5, 55 + draw.below(5))),
                    ("end", at(day, 14, draw.below(10))),
                ],
            );
        }
    }
}

/// A pitch and its pitch detail: `[actual, demand, scrap, planned, downtime, break]`.
fn pitch(s: &Seeder<'_>, (day, hour): (&str, u64), names: (&str, &str, &str), n: [f64; 6]) {
    let (line, area, product) = names;
    let [actual, demand, scrap, planned, downtime, break_minutes] = n;
    let product_id = s.id("productcomponents", product);
    let oee = if demand > 0.0 {
        ((actual - scrap).max(0.0) / demand * 100.0).round() / 100.0
    } else {
        0.0
    };
    let pitch = s.put(
        "pitches",
        &[
            ("site", Val::Int(1)),
            ("line", s.id("lines", line)),
            ("area", s.id("areas", area)),
            ("name", t(&format!("{hour:02}:00-{:02}:00", hour + 1))),
            ("active", b(true)),
            ("pitch_start", at(day, hour, 0)),
            ("pitch_end", at(day, hour + 1, 0)),
            ("actual_product", product_id.clone()),
            ("planned_product", product_id.clone()),
            ("actual", Val::Real(actual)),
            ("demand", Val::Real(demand)),
            ("scrap", Val::Real(scrap)),
            ("overall_equipment_effectiveness", Val::Real(oee)),
            ("planned_production_minutes", Val::Real(planned)),
            ("downtime_minutes", Val::Real(downtime)),
            ("nonproduction_minutes", Val::Real(break_minutes)),
            (
                "earned_hours",
                Val::Real((actual * 45.0 / 3600.0 * 100.0).round() / 100.0),
            ),
            ("operator_count", Val::Real(2.0)),
            ("shift_start_date", t(day)),
        ],
    );
    s.put(
        "pitchdetails",
        &[
            ("site", Val::Int(1)),
            ("pitch", pitch.map(Val::Int).unwrap_or(Val::Null)),
            ("line", s.id("lines", line)),
            ("product", product_id),
            ("start", at(day, hour, 0)),
            ("end", at(day, hour + 1, 0)),
            ("actual", Val::Real(actual)),
            ("scrap", Val::Real(scrap)),
            ("operator_count", Val::Real(2.0)),
            ("created", at(day, hour + 1, 0)),
        ],
    );
}

/// A stop as a dispatch with its technician, note and action; open when `open`.
fn dispatch(
    s: &Seeder<'_>,
    day: &str,
    line: &str,
    area: &str,
    stop: &Stop,
    number: i64,
    open: bool,
) {
    let (kind, trade, problem, fix) = STOPS[stop.kind];
    // Open calls are andon calls, a type of their own, so that a new dispatch of any
    // other type can still be opened on every machine.
    let kind = if open { "Andon" } else { kind };
    let reported = at(day, stop.hour, stop.minute);
    let end_minute = stop.minute + stop.minutes;
    let completed = at(day, stop.hour + end_minute / 60, end_minute % 60);
    let status = if open { "ACK" } else { "DONE" };
    let id = s.put(
        "dispatches",
        &[
            ("site", Val::Int(1)),
            ("dispatchnumber", Val::Int(number)),
            ("dispatchtype", s.id("dispatchtypes", kind)),
            ("dispatchtypecode", t(kind)),
            ("machine", s.id("machines", stop.machine)),
            ("machinecode", t(stop.machine)),
            ("line", s.id("lines", line)),
            ("linecode", t(line)),
            ("area", s.id("areas", area)),
            ("description", t(problem)),
            ("reported", reported.clone()),
            ("dispatched", at(day, stop.hour, stop.minute + 2)),
            (
                "completed",
                if open { Val::Null } else { completed.clone() },
            ),
            ("open", t(if open { "T" } else { "F" })),
            (
                "downtime",
                Val::Real(if open { 0.0 } else { stop.minutes as f64 }),
            ),
            (
                "currentstatus_dispatchstatus_id",
                s.id("dispatchstatuses", status),
            ),
            (
                "currentstatus_description",
                t(if open { "Acknowledged" } else { "Resolved" }),
            ),
        ],
    );
    let Some(id) = id else { return };
    let login = if trade == "Mechanic" {
        "jsmith"
    } else {
        "manager"
    };
    let fullname = if login == "jsmith" {
        "John Smith"
    } else {
        "Morgan Manager"
    };
    s.put(
        "dispatchtechnicians",
        &[
            ("site", Val::Int(1)),
            ("dispatch", Val::Int(id)),
            ("technician", s.id_by("technicians", "loginid", login)),
            ("user", s.id_by("users", "loginid", login)),
            ("loginid", t(login)),
            ("fullname", t(fullname)),
            ("trade", s.id("trades", trade)),
            ("start", at(day, stop.hour, stop.minute + 2)),
            ("end", if open { Val::Null } else { completed }),
        ],
    );
    s.put(
        "dispatchnotes",
        &[
            ("site", Val::Int(1)),
            ("dispatch", Val::Int(id)),
            ("note", t(&format!("{problem} on {}", stop.machine))),
            ("user", s.id_by("users", "loginid", login)),
            ("created", reported),
        ],
    );
    if !open {
        s.put(
            "actions",
            &[
                ("site", Val::Int(1)),
                ("dispatch", Val::Int(id)),
                ("code", t(&format!("ACT-{number}"))),
                ("description", t(fix)),
                ("component", t(stop.machine)),
            ],
        );
    }
}
