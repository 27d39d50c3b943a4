//! A JSON value as the cell of a column: numbers and booleans where the column wants them
//! (read from a string too), anything else as text.

use serde_json::Value;

use super::Cell;
use crate::table::ColumnType;

/// A JSON integer's text read straight as one (JSON's `-0` is a float, as serde_json reads it).
#[inline]
pub fn int_text(text: &str) -> Option<i64> {
    text.parse().ok().filter(|_| text != "-0")
}

/// The cell of a JSON value's text other than a plain string ([`Member::Json`]): integers
/// read straight from it.
#[inline]
pub fn raw_cell(ty: ColumnType, text: &str) -> Cell {
    let int = || int_text(text).map(Cell::Int);
    match (ty, text.as_bytes().first()) {
        (_, Some(b'n')) if text == "null" => Cell::Null,
        (ColumnType::Json, _) => Cell::Text(text.into()),
        (ColumnType::Integer, _) if let Some(cell) = int() => cell,
        (ColumnType::Boolean, _) if text == "true" || text == "false" => Cell::Bool(text == "true"),
        _ => cell(ty, serde_json::from_str(text).unwrap_or(Value::Null)),
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

pub fn cell(ty: ColumnType, v: Value) -> Cell {
    match (ty, v) {
        (_, Value::Null) => Cell::Null,
        (ColumnType::Json, v) => Cell::Text(v.to_string().into()),
        (ColumnType::Integer, Value::Number(n)) if n.as_i64().is_some() => {
            Cell::Int(n.as_i64().unwrap_or_default())
        }
        (ColumnType::Integer, Value::Bool(b)) => Cell::Int(i64::from(b)),
        (ColumnType::Float, Value::Number(n)) if n.as_f64().is_some() => {
            Cell::Float(n.as_f64().unwrap_or_default())
        }
        (ColumnType::Boolean, Value::Bool(b)) => Cell::Bool(b),
        (ColumnType::Boolean, Value::Number(n)) if n.as_i64().is_some_and(|i| i == 0 || i == 1) => {
            Cell::Bool(n.as_i64() == Some(1))
        }
        (_, Value::String(s)) => str_cell(ty, &s),
        (_, v) => Cell::Text(v.to_string().into()),
    }
}

/// The cell of a JSON string: a number or boolean in a string is read as one where the
/// column wants it, anything else is kept as text.
#[inline]
pub fn str_cell(ty: ColumnType, s: &str) -> Cell {
    match ty {
        ColumnType::Integer if s.trim().parse::<i64>().is_ok() => {
            Cell::Int(s.trim().parse().unwrap_or_default())
        }
        ColumnType::Float if s.trim().parse::<f64>().is_ok() => {
            Cell::Float(s.trim().parse().unwrap_or_default())
        }
        ColumnType::Boolean => match s {
            "True" | "true" | "T" | "t" | "1" => Cell::Bool(true),
            "False" | "false" | "F" | "f" | "0" => Cell::Bool(false),
            _ => Cell::Text(s.into()),
        },
        _ => Cell::Text(s.into()),
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
