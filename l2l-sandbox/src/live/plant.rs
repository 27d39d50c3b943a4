//! What happens in the demo plant in one simulated minute: on each of its three lines the
//! hour's pitch and pitch detail are opened at the top of the hour and accrue what the line
//! makes (and scraps), the line's machines count their cycles, a stop opens a dispatch that
//! a technician of the right trade takes two minutes later and closes when it is fixed, and
//! at each shift change (06:00, 14:00, 22:00) the shift's operators clock out and in.
//!
//! Every draw comes from the plant's seed and the minute, so a seed gives the same plant
//! however the minutes are reached (one at a time, or many at once).

use jiff::civil::DateTime;
use rusqlite::Connection;

use crate::seed::Seeder;
use crate::seed::demo_week::{Draw, LINES, PRODUCTS, STOPS};
use crate::store::records::{self, Actor};
use crate::store::value::stored_datetime;
use crate::store::{Catalog, Val};

/// Shift starts, by hour.
const SHIFTS: [i8; 3] = [6, 14, 22];
/// Who clocks in on each line at a shift start.
const OPERATORS: [&str; 3] = ["operator", "jsmith", "manager"];
/// Of 1000 minutes of a line, this many start a stop.
const STOPS_PER_MILLE: u64 = 10;

/// A dispatch the live plant opened and has not closed.
#[derive(Debug, Clone)]
struct Stop {
    dispatch: i64,
    line: usize,
    kind: usize,
    /// The minute a technician takes it, and the one it is fixed.
    taken_at: i64,
    fixed_at: i64,
    /// The technician's row, once taken.
    technician: Option<i64>,
    reported: i64,
}

/// The live plant's memory between minutes.
#[derive(Debug)]
pub(crate) struct Plant {
    seed: u64,
    /// The first simulated minute.
    start: DateTime,
    /// The next minute to run, counted from `start`.
    pub(crate) next: i64,
    /// Per line: the hour whose pitch is open, its pitch and pitch detail, and the units
    /// made so far (a fraction carried).
    pitches: [Option<(i64, i64, i64, f64)>; 3],
    /// Per line: the clock-in records of the shift.
    clocked: [Option<i64>; 3],
    open: Vec<Stop>,
}

impl Plant {
    /// A plant whose first minute is `start` (truncated to the minute).
    pub(crate) fn new(seed: u64, start: DateTime) -> Plant {
        let start = start
            .with()
            .second(0)
            .subsec_nanosecond(0)
            .build()
            .unwrap_or(start);
        Plant {
            seed,
            start,
            next: 0,
            pitches: [None; 3],
            clocked: [None; 3],
            open: Vec::new(),
        }
    }

    /// The simulated time of minute `m`.
    pub(crate) fn time(&self, m: i64) -> DateTime {
        self.start
            .checked_add(jiff::Span::new().minutes(m))
            .unwrap_or(self.start)
    }

    fn stamp(&self, m: i64) -> Val {
        Val::Text(stored_datetime(self.time(m)))
    }

    /// Runs minute `self.next`, then moves on. A write that fails is logged and skipped:
    /// the plant keeps running.
    pub(crate) fn minute(&mut self, conn: &Connection, catalog: &Catalog) {
        let m = self.next;
        self.next += 1;
        let s = Seeder {
            conn,
            catalog,
            actor: Actor {
                loginid: "plant".into(),
                via: None,
            },
        };
        let mut draw =
            Draw((self.seed ^ (m as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).max(1) | 1);
        let now = self.time(m);
        for line in 0..LINES.len() {
            if SHIFTS.contains(&now.hour()) && now.minute() == 0 || m == 0 {
                self.clock_in(&s, line, m);
            }
            self.produce(&s, line, m, &mut draw);
        }
        self.dispatches(&s, m, &mut draw);
    }

    fn clock_in(&mut self, s: &Seeder<'_>, line: usize, m: i64) {
        if let Some(id) = self.clocked[line].take() {
            update(s, "usertimes", id, &[("end", self.stamp(m))]);
        }
        let (code, ..) = LINES[line];
        self.clocked[line] = s.put(
            "usertimes",
            &[
                ("site", Val::Int(1)),
                ("user", s.id_by("users", "loginid", OPERATORS[line])),
                ("line", s.id("lines", code)),
                ("start", self.stamp(m)),
                ("end", Val::Null),
            ],
        );
    }

    /// The line's minute: the hour's pitch opened when it begins, units made unless a stop
    /// holds the line, a part scrapped now and then.
    fn produce(&mut self, s: &Seeder<'_>, line: usize, m: i64, draw: &mut Draw) {
        let (code, _, machines, demand) = LINES[line];
        let now = self.time(m);
        let hour = now.hour() as i64;
        let product = PRODUCTS[(now.day() as usize + line) % PRODUCTS.len()];
        if self.pitches[line].is_none_or(|p| p.0 != hour) || m == 0 {
            let top = m - now.minute() as i64;
            self.pitches[line] = self.open_pitch(s, line, top, product, demand);
        }
        let stopped = self.open.iter().any(|x| x.line == line);
        let Some((_, pitch, detail, made)) = self.pitches[line].as_mut() else {
            return;
        };
        if stopped {
            return;
        }
        let rate = (85 + draw.below(18)) as f64 / 100.0;
        let before = made.floor();
        *made += demand * rate / 60.0;
        let units = (made.floor() - before) as i64;
        let scrapped = draw.below(100) < 3;
        let (pitch, detail, total) = (*pitch, *detail, made.floor());
        let mut values = vec![("actual", Val::Real(total))];
        if scrapped {
            let scrap = records_real(s, "pitchdetails", detail, "scrap") + 1.0;
            values.push(("scrap", Val::Real(scrap)));
            s.put(
                "scrapdetail",
                &[
                    ("site", Val::Int(1)),
                    ("start", self.stamp(m)),
                    (
                        "category",
                        s.id("scrapcategory", ["Dent", "Scratch"][draw.below(2) as usize]),
                    ),
                    ("product", s.id("productcomponents", product)),
                    ("line", s.id("lines", code)),
                    ("scrap", Val::Real(1.0)),
                ],
            );
            update(s, "pitches", pitch, &[("scrap", Val::Real(scrap))]);
        }
        if units > 0 || scrapped {
            update(s, "pitchdetails", detail, &values);
            update(s, "pitches", pitch, &[("actual", Val::Real(total))]);
        }
        if units > 0 {
            for machine in machines {
                let id = s.id("machines", machine);
                if let Val::Int(id) = id {
                    let count = records_real(s, "machines", id, "cyclecount") as i64 + units;
                    update(s, "machines", id, &[("cyclecount", Val::Int(count))]);
                }
            }
        }
    }

    fn open_pitch(
        &self,
        s: &Seeder<'_>,
        line: usize,
        top: i64,
        product: &str,
        demand: f64,
    ) -> Option<(i64, i64, i64, f64)> {
        let (code, area, ..) = LINES[line];
        let start = self.time(top);
        let product_id = s.id("productcomponents", product);
        let pitch = s.put(
            "pitches",
            &[
                ("site", Val::Int(1)),
                ("line", s.id("lines", code)),
                ("area", s.id("areas", area)),
                (
                    "name",
                    Val::Text(format!(
                        "{:02}:00-{:02}:00",
                        start.hour(),
                        (start.hour() + 1) % 24
                    )),
                ),
                ("active", Val::Int(1)),
                ("pitch_start", self.stamp(top)),
                ("pitch_end", self.stamp(top + 60)),
                ("actual_product", product_id.clone()),
                ("planned_product", product_id.clone()),
                ("actual", Val::Real(0.0)),
                ("demand", Val::Real(demand)),
                ("scrap", Val::Real(0.0)),
                ("planned_production_minutes", Val::Real(60.0)),
                ("operator_count", Val::Real(2.0)),
                ("shift_start_date", Val::Text(start.date().to_string())),
            ],
        )?;
        let detail = s.put(
            "pitchdetails",
            &[
                ("site", Val::Int(1)),
                ("pitch", Val::Int(pitch)),
                ("line", s.id("lines", code)),
                ("product", product_id),
                ("start", self.stamp(top)),
                ("end", self.stamp(top + 60)),
                ("actual", Val::Real(0.0)),
                ("scrap", Val::Real(0.0)),
                ("operator_count", Val::Real(2.0)),
            ],
        )?;
        Some((start.hour() as i64, pitch, detail, 0.0))
    }

    /// Stops: opened on a running line's machine, taken by a technician, fixed.
    fn dispatches(&mut self, s: &Seeder<'_>, m: i64, draw: &mut Draw) {
        let mut still = Vec::new();
        for mut stop in std::mem::take(&mut self.open) {
            let (_, trade, _, fix) = STOPS[stop.kind];
            let (login, fullname) = if trade == "Mechanic" {
                ("jsmith", "John Smith")
            } else {
                ("manager", "Morgan Manager")
            };
            if m >= stop.taken_at && stop.technician.is_none() {
                stop.technician = s.put(
                    "dispatchtechnicians",
                    &[
                        ("site", Val::Int(1)),
                        ("dispatch", Val::Int(stop.dispatch)),
                        ("technician", s.id_by("technicians", "loginid", login)),
                        ("user", s.id_by("users", "loginid", login)),
                        ("loginid", Val::Text(login.into())),
                        ("fullname", Val::Text(fullname.into())),
                        ("trade", s.id("trades", trade)),
                        ("start", self.stamp(m)),
                    ],
                );
                update(
                    s,
                    "dispatches",
                    stop.dispatch,
                    &[
                        ("dispatched", self.stamp(m)),
                        (
                            "currentstatus_dispatchstatus_id",
                            s.id("dispatchstatuses", "ACK"),
                        ),
                        (
                            "currentstatus_description",
                            Val::Text("Acknowledged".into()),
                        ),
                    ],
                );
            }
            if m < stop.fixed_at {
                still.push(stop);
                continue;
            }
            if let Some(t) = stop.technician {
                update(s, "dispatchtechnicians", t, &[("end", self.stamp(m))]);
            }
            update(
                s,
                "dispatches",
                stop.dispatch,
                &[
                    ("open", Val::Text("F".into())),
                    ("completed", self.stamp(m)),
                    ("downtime", Val::Real((m - stop.reported) as f64)),
                    (
                        "currentstatus_dispatchstatus_id",
                        s.id("dispatchstatuses", "DONE"),
                    ),
                    ("currentstatus_description", Val::Text(fix.into())),
                ],
            );
        }
        self.open = still;
        for (line, &(code, area, machines, _)) in LINES.iter().enumerate() {
            if self.open.iter().any(|x| x.line == line) || draw.below(1000) >= STOPS_PER_MILLE {
                continue;
            }
            let kind = draw.below(STOPS.len() as u64) as usize;
            let machine = machines[draw.below(machines.len() as u64) as usize];
            let (dtype, _, problem, _) = STOPS[kind];
            let number = next_number(s);
            let Some(dispatch) = s.put(
                "dispatches",
                &[
                    ("site", Val::Int(1)),
                    ("dispatchnumber", Val::Int(number)),
                    ("dispatchtype", s.id("dispatchtypes", dtype)),
                    ("dispatchtypecode", Val::Text(dtype.into())),
                    ("machine", s.id("machines", machine)),
                    ("machinecode", Val::Text(machine.into())),
                    ("line", s.id("lines", code)),
                    ("linecode", Val::Text(code.into())),
                    ("area", s.id("areas", area)),
                    ("description", Val::Text(problem.into())),
                    ("reported", self.stamp(m)),
                    ("open", Val::Text("T".into())),
                    ("downtime", Val::Real(0.0)),
                    (
                        "currentstatus_dispatchstatus_id",
                        s.id("dispatchstatuses", "OPEN"),
                    ),
                    ("currentstatus_description", Val::Text("Open".into())),
                ],
            ) else {
                continue;
            };
            self.open.push(Stop {
                dispatch,
                line,
                kind,
                taken_at: m + 2,
                fixed_at: m + 5 + draw.below(26) as i64,
                technician: None,
                reported: m,
            });
        }
    }
}

/// Updates fields of a record as the plant (its `lastupdated` moves: the change feed sees it).
fn update(s: &Seeder<'_>, area: &str, id: i64, fields: &[(&str, Val)]) {
    let Some(table) = s.catalog.table(area) else {
        return;
    };
    let values = s.values(table, fields, false);
    if let Err(e) = records::update(s.conn, table, id, values, &s.actor, true) {
        tracing::warn!(area, id, error = %e, "the live plant could not update a record");
    }
}

/// A number field of a record, 0 when unset.
fn records_real(s: &Seeder<'_>, area: &str, id: i64, field: &str) -> f64 {
    let Some(table) = s.catalog.table(area) else {
        return 0.0;
    };
    match records::get(s.conn, table, id, field) {
        Ok(Some(Val::Real(f))) => f,
        Ok(Some(Val::Int(i))) => i as f64,
        _ => 0.0,
    }
}

/// The next dispatch number.
fn next_number(s: &Seeder<'_>) -> i64 {
    let Some(t) = s.catalog.table("dispatches") else {
        return 1;
    };
    let Some(f) = t.field("dispatchnumber") else {
        return 1;
    };
    s.conn
        .query_row(
            &format!(
                "SELECT coalesce(max({}), 1000) + 1 FROM {}",
                t.column(f),
                t.sql
            ),
            [],
            |r| r.get(0),
        )
        .unwrap_or(1001)
}
