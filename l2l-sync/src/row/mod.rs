//! A record as a row: a value for each column of its table, and the properties the table
//! does not declare as one JSON object.

mod cell;
mod pairs;

pub use compact_str::CompactString;
use std::borrow::Cow;

use serde_json::{Map, Value};

pub use self::cell::as_id;
use self::cell::{cell, int_text, raw_cell, str_cell};
use self::pairs::{Member, extra_object};
use crate::error::{Error, Result};
use crate::page_record::{PageRecord, Pairs};
use crate::table::{ColumnType, Table};

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// Text: text columns, and decimals, dates, timestamps and JSON as the server sent them.
    /// Kept inline up to 24 bytes (codes, timestamps, decimals): most cells allocate nothing.
    Text(CompactString),
}

impl Cell {
    /// The value as text (for PostgreSQL, which casts it to the column's type), `None` for NULL.
    pub fn as_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Cell::Null => None,
            Cell::Int(i) => Some(i.to_string().into()),
            Cell::Float(f) => Some(f.to_string().into()),
            Cell::Bool(b) => Some(if *b { "true" } else { "false" }.into()),
            Cell::Text(s) => Some(s.as_str().into()),
        }
    }
}

/// The cells of rows written, kept to make the next rows in: a row then allocates nothing
/// but the texts too long to be kept inline, and the thread that made the rows frees none.
#[derive(Debug, Default)]
pub(crate) struct Spare(Vec<Vec<Cell>>);

impl Spare {
    /// At most this many kept (a few batches' rows).
    const MAX: usize = 1 << 15;

    /// Keeps the cells of `rows`, emptied.
    pub(crate) fn keep(&mut self, rows: Vec<Row>) {
        for row in rows {
            if self.0.len() == Spare::MAX {
                return;
            }
            let mut cells = row.cells;
            if cells.capacity() > 0 {
                cells.clear();
                self.0.push(cells);
            }
        }
    }

    /// A null for each of `n` columns, in a kept vector when there is one.
    fn cells(&mut self, n: usize) -> Vec<Cell> {
        let mut cells = self.0.pop().unwrap_or_default();
        cells.resize(n, Cell::Null);
        cells
    }
}

/// One record, ready for a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The record's id.
    pub id: i64,
    /// A value for each of the table's columns, in order (the id first).
    pub cells: Vec<Cell>,
    /// The properties the table does not declare, as a JSON object; `None` when there are none.
    pub extra: Option<String>,
    /// The record's JSON text as the server sent it, on one line (what a JSON Lines file
    /// holds); empty in a row made for a database ([`Row::from_json`]).
    pub json: String,
    /// The record's `lastupdated`, as sent.
    pub lastupdated: Option<CompactString>,
}

impl Row {
    /// The row of a record's JSON text.
    ///
    /// ```
    /// use l2l_core::{AreaSchema, FieldKind, FieldSchema, Scope};
    /// static FIELDS: [FieldSchema; 2] = [
    ///     FieldSchema::new("id", FieldKind::Integer, false).id(),
    ///     FieldSchema::new("active", FieldKind::Bool, false),
    /// ];
    /// static AREA: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &FIELDS);
    /// let table = l2l_sync::Table::of(&AREA);
    /// let row = l2l_sync::Row::from_json(&table, r#"{"id": "7", "active": "True", "color": "red"}"#).unwrap();
    /// assert_eq!(row.id, 7);
    /// assert_eq!(row.cells[1], l2l_sync::Cell::Bool(true));
    /// assert_eq!(row.extra.as_deref(), Some(r#"{"color":"red"}"#));
    /// ```
    pub fn from_json(table: &Table, json: &str) -> Result<Row> {
        // Borrowed keys and raw values, in the record's order: no allocation but the cells'
        // own text. A key with an escape in it cannot be borrowed: such a record takes the
        // slow path.
        let Ok(Pairs(pairs)) = serde_json::from_str::<Pairs<'_>>(json) else {
            return Row::from_value(table, json);
        };
        Row::assemble(
            table,
            vec![Cell::Null; table.columns.len()],
            pairs.into_iter().map(|(k, raw)| (k, Member::of(raw.get()))),
        )
    }

    /// The row of a page's record: made from the members its page's one pass noted
    /// ([`PageRecord::members`]), else read from its text ([`Row::from_json`]).
    ///
    /// ```
    /// use l2l_core::{AreaSchema, FieldKind, FieldSchema, Record, Scope};
    /// use l2l_core::wire::Format;
    /// static FIELDS: [FieldSchema; 1] = [FieldSchema::new("id", FieldKind::Integer, false).id()];
    /// static AREA: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &FIELDS);
    /// let table = l2l_sync::Table::of(&AREA);
    /// let body = br#"{"success": true, "data": [{"id": 7, "color": "red"}]}"#;
    /// let page = l2l_sync::PageRecord::decode_page(body, Format::Json, &[]).unwrap();
    /// let record = &page.data.unwrap().into_vec()[0];
    /// let row = l2l_sync::Row::from_record(&table, record).unwrap();
    /// assert_eq!((row.id, row.extra.as_deref()), (7, Some(r#"{"color":"red"}"#)));
    /// ```
    pub fn from_record(table: &Table, record: &PageRecord) -> Result<Row> {
        Row::from_record_in(table, record, &mut Spare::default())
    }

    /// [`Row::from_record`], its cells in a vector of `spare`'s.
    pub(crate) fn from_record_in(
        table: &Table,
        record: &PageRecord,
        spare: &mut Spare,
    ) -> Result<Row> {
        match record.members() {
            Some(members) => Row::assemble(
                table,
                spare.cells(table.columns.len()),
                members.map(|(k, v)| (k, Member::of(v))),
            ),
            None => Row::from_json(table, record.json()),
        }
    }

    /// The row of a record's members (key, value), in the order they were sent, into
    /// `cells` (a null for each column).
    fn assemble<'a>(
        table: &Table,
        mut cells: Vec<Cell>,
        members: impl Iterator<Item = (&'a str, Member<'a>)>,
    ) -> Result<Row> {
        let (mut id, mut lastupdated) = (None, None);
        let mut extra: Vec<(&str, Cow<'_, str>)> = Vec::new();
        // A server sends its properties in one order: the next column is the likely match.
        let mut next = 0;
        for (key, value) in members {
            if key == table.id {
                id = Some(value);
            }
            if key == "lastupdated" {
                lastupdated = match value {
                    Member::Plain(s) => Some(s.into()),
                    Member::Json(t) => serde_json::from_str::<String>(t).ok().map(Into::into),
                };
            }
            let at = match table.columns.get(next) {
                Some(c) if c.name == key => Some(next),
                _ => table.columns.iter().position(|c| c.name == key),
            };
            match (at, value) {
                (Some(i), Member::Plain(s)) => {
                    let ty = table.columns[i].ty;
                    cells[i] = match ty {
                        ColumnType::Json => Cell::Text(compact_str::format_compact!("\"{s}\"")),
                        _ => str_cell(ty, s),
                    };
                    next = i + 1;
                }
                (Some(i), Member::Json(t)) => {
                    cells[i] = raw_cell(table.columns[i].ty, t);
                    next = i + 1;
                }
                (None, Member::Plain(s)) => extra.push((key, Cow::Owned(format!("\"{s}\"")))),
                (None, Member::Json(t)) => extra.push((key, Cow::Borrowed(t))),
            }
        }
        let id = id
            .and_then(|v| match v {
                Member::Plain(s) => s.parse().ok(),
                Member::Json(t) => int_text(t).or_else(|| {
                    serde_json::from_str::<Value>(t)
                        .ok()
                        .as_ref()
                        .and_then(as_id)
                }),
            })
            .ok_or_else(|| Error::Record {
                area: table.name.clone(),
                reason: format!("has no integer `{}`", table.id),
            })?;
        let extra = (!extra.is_empty()).then(|| extra_object(extra));
        Ok(Row {
            id,
            cells,
            extra,
            json: String::new(),
            lastupdated,
        })
    }

    /// [`Row::from_json`] through a `serde_json` map (keys with escapes in them).
    fn from_value(table: &Table, json: &str) -> Result<Row> {
        let bad = |reason: String| Error::Record {
            area: table.name.clone(),
            reason,
        };
        let mut map: Map<String, Value> =
            serde_json::from_str(json).map_err(|e| bad(format!("is not a JSON object: {e}")))?;
        let id = map
            .get(&table.id)
            .and_then(as_id)
            .ok_or_else(|| bad(format!("has no integer `{}`", table.id)))?;
        let lastupdated = map
            .get("lastupdated")
            .and_then(Value::as_str)
            .map(CompactString::from);
        let cells = table
            .columns
            .iter()
            .map(|c| cell(c.ty, map.remove(&c.name).unwrap_or(Value::Null)))
            .collect();
        let extra = (!map.is_empty()).then(|| Value::Object(map).to_string());
        Ok(Row {
            id,
            cells,
            extra,
            json: String::new(),
            lastupdated,
        })
    }
}

impl Row {
    /// The row of a record for a JSON Lines file: its text, id and `lastupdated`, without
    /// the typed cells (which a file does not need).
    pub fn line(table: &Table, json: &str) -> Result<Row> {
        #[derive(serde::Deserialize)]
        struct Head<'a> {
            #[serde(default)]
            id: Option<Value>,
            #[serde(default, borrow)]
            lastupdated: Option<std::borrow::Cow<'a, str>>,
        }
        if table.id != "id" {
            let mut row = Row::from_json(table, json)?;
            row.cells.clear();
            row.extra = None;
            row.json = one_line(json);
            return Ok(row);
        }
        let bad = |reason: String| Error::Record {
            area: table.name.clone(),
            reason,
        };
        let head: Head<'_> =
            serde_json::from_str(json).map_err(|e| bad(format!("is not a JSON object: {e}")))?;
        let id = head
            .id
            .as_ref()
            .and_then(as_id)
            .ok_or_else(|| bad("has no integer `id`".to_owned()))?;
        Ok(Row {
            id,
            cells: Vec::new(),
            extra: None,
            json: one_line(json),
            lastupdated: head.lastupdated.map(|s| CompactString::from(s.as_ref())),
        })
    }
}

/// A record's JSON on one line (JSON Lines): its own text unless it spans several.
fn one_line(json: &str) -> String {
    if json.contains('\n') {
        serde_json::from_str::<Value>(json)
            .map(|v| v.to_string())
            .unwrap_or_else(|_| json.replace('\n', " "))
    } else {
        json.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_reads_what_the_map_reads() {
        static FIELDS: [l2l_core::FieldSchema; 6] = [
            l2l_core::FieldSchema::new("id", l2l_core::FieldKind::Integer, false).id(),
            l2l_core::FieldSchema::new("code", l2l_core::FieldKind::Text, false),
            l2l_core::FieldSchema::new("cost", l2l_core::FieldKind::Decimal, true),
            l2l_core::FieldSchema::new("active", l2l_core::FieldKind::Bool, false),
            l2l_core::FieldSchema::new("tags", l2l_core::FieldKind::Json, true),
            l2l_core::FieldSchema::new("line", l2l_core::FieldKind::Integer, true),
        ];
        static AREA: l2l_core::AreaSchema =
            l2l_core::AreaSchema::new("W", "w", l2l_core::Scope::None, &FIELDS);
        let t = Table::of(&AREA);
        let json = r#"{"id":"12","code":"A\"B\u00e9","cost":"3903.00","active":"True","tags":[1,{"a":null}],"line":null,"zeta":"z","alpha":2.5}"#;
        let fast = Row::from_json(&t, json).unwrap();
        let slow = Row::from_value(&t, json).unwrap();
        assert_eq!(fast, slow);
        assert_eq!(fast.cells[1], Cell::Text("A\"Bé".into()));
        assert_eq!(fast.cells[5], Cell::Null);
        assert_eq!(fast.extra.as_deref(), Some(r#"{"alpha":2.5,"zeta":"z"}"#));
        assert!(Row::from_json(&t, r#"{"code":"x"}"#).is_err(), "no id");
        // Numbers and literals where the column wants them, read from their own text.
        for json in [
            r#"{"id":12,"active":true,"line":-3,"cost":1.50}"#,
            r#"{"id":-7,"active":false,"line":4.5,"tags":true}"#,
            r#"{"id":-0,"active":1}"#,
            r#"{"id":3,"line":-0,"active":"t"}"#,
            r#"{"id":12.0,"active":0}"#,
            r#"{"id":true}"#,
        ] {
            let fast = Row::from_json(&t, json).map_err(|e| e.to_string());
            let slow = Row::from_value(&t, json).map_err(|e| e.to_string());
            assert_eq!(fast, slow, "{json}");
        }
        // Any order, and a repeated key (the last counts), read as the map reads them.
        let shuffled = r#"{"zeta":"a","line":4,"zeta":"z","active":"False","id":12,"code":"x","code":"y","tags":{}}"#;
        let fast = Row::from_json(&t, shuffled).unwrap();
        assert_eq!(fast, Row::from_value(&t, shuffled).unwrap());
        assert_eq!(fast.cells[1], Cell::Text("y".into()));
        assert_eq!(fast.extra.as_deref(), Some(r#"{"zeta":"z"}"#));
    }
}
