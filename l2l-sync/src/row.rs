//! A record as a row: a value for each column of its table, and the properties the table
//! does not declare as one JSON object.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
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
    Text(String),
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

/// One record, ready for a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The record's id.
    pub id: i64,
    /// A value for each of the table's columns, in order (the id first).
    pub cells: Vec<Cell>,
    /// The properties the table does not declare, as a JSON object; `None` when there are none.
    pub extra: Option<String>,
    /// The record's JSON text as the server sent it (what a JSON Lines file holds).
    pub json: String,
    /// The record's `lastupdated`, as sent.
    pub lastupdated: Option<String>,
}

impl Row {
    /// The row of a record's JSON text.
    ///
    /// ```
    /// use l2l_core::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
    /// static FIELDS: [FieldSchema; 2] = [
    ///     FieldSchema::new("id", FieldKind::Integer, false).id(),
    ///     FieldSchema::new("active", FieldKind::Bool, false),
    /// ];
    /// static AREA: AreaSchema = AreaSchema {
    ///     name: "Widget", path: "widgets", scope: Scope::Site, max_limit: 100,
    ///     custom_properties: false, operations: Operations::READ_ONLY, fields: &FIELDS,
    /// };
    /// let table = l2l_sync::Table::of(&AREA);
    /// let row = l2l_sync::Row::from_json(&table, r#"{"id": "7", "active": "True", "color": "red"}"#).unwrap();
    /// assert_eq!(row.id, 7);
    /// assert_eq!(row.cells[1], l2l_sync::Cell::Bool(true));
    /// assert_eq!(row.extra.as_deref(), Some(r#"{"color":"red"}"#));
    /// ```
    pub fn from_json(table: &Table, json: &str) -> Result<Row> {
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
            .map(str::to_owned);
        let cells = table
            .columns
            .iter()
            .map(|c| cell(c.ty, map.remove(&c.name).unwrap_or(Value::Null)))
            .collect();
        let extra = if map.is_empty() {
            None
        } else {
            Some(Value::Object(map).to_string())
        };
        let json = if json.contains('\n') {
            // One line per record in JSON Lines.
            serde_json::from_str::<Value>(json)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| json.replace('\n', " "))
        } else {
            json.to_owned()
        };
        Ok(Row {
            id,
            cells,
            extra,
            json,
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
        let json = if json.contains('\n') {
            serde_json::from_str::<Value>(json)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| json.replace('\n', " "))
        } else {
            json.to_owned()
        };
        Ok(Row {
            id,
            cells: Vec::new(),
            extra: None,
            json,
            lastupdated: head.lastupdated.map(|s| s.into_owned()),
        })
    }
}

/// An id: a number, or a number in a string.
pub fn as_id(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn cell(ty: ColumnType, v: Value) -> Cell {
    match (ty, v) {
        (_, Value::Null) => Cell::Null,
        (ColumnType::Json, v) => Cell::Text(v.to_string()),
        (ColumnType::Integer, Value::Number(n)) if n.as_i64().is_some() => {
            Cell::Int(n.as_i64().unwrap_or_default())
        }
        (ColumnType::Integer, Value::String(s)) if s.trim().parse::<i64>().is_ok() => {
            Cell::Int(s.trim().parse().unwrap_or_default())
        }
        (ColumnType::Integer, Value::Bool(b)) => Cell::Int(i64::from(b)),
        (ColumnType::Float, Value::Number(n)) if n.as_f64().is_some() => {
            Cell::Float(n.as_f64().unwrap_or_default())
        }
        (ColumnType::Float, Value::String(s)) if s.trim().parse::<f64>().is_ok() => {
            Cell::Float(s.trim().parse().unwrap_or_default())
        }
        (ColumnType::Boolean, Value::Bool(b)) => Cell::Bool(b),
        (ColumnType::Boolean, Value::Number(n)) if n.as_i64().is_some_and(|i| i == 0 || i == 1) => {
            Cell::Bool(n.as_i64() == Some(1))
        }
        (ColumnType::Boolean, Value::String(s)) => match s.as_str() {
            "True" | "true" | "T" | "t" | "1" => Cell::Bool(true),
            "False" | "false" | "F" | "f" | "0" => Cell::Bool(false),
            _ => Cell::Text(s),
        },
        (_, Value::String(s)) => Cell::Text(s),
        (_, v) => Cell::Text(v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_follow_the_column_type() {
        assert_eq!(cell(ColumnType::Integer, Value::from("12")), Cell::Int(12));
        assert_eq!(
            cell(ColumnType::Numeric, Value::from("3903.00")),
            Cell::Text("3903.00".into())
        );
        assert_eq!(
            cell(ColumnType::Numeric, serde_json::json!(1.5)),
            Cell::Text("1.5".into())
        );
        assert_eq!(
            cell(ColumnType::Boolean, Value::from("False")),
            Cell::Bool(false)
        );
        assert_eq!(
            cell(ColumnType::Json, serde_json::json!([1, 2])),
            Cell::Text("[1,2]".into())
        );
        assert_eq!(cell(ColumnType::Text, Value::Null), Cell::Null);
        assert_eq!(
            cell(ColumnType::Integer, Value::from("x")),
            Cell::Text("x".into())
        );
    }
}
