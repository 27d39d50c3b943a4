//! What the records of an area say about each property: its kind (integer, decimal, bool,
//! date, datetime, text, json) and whether it may be null or missing.

use std::str::FromStr as _;

use serde_json::Value;

/// The kind of a property, as far as the sample shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Whole JSON numbers.
    Integer,
    /// JSON numbers with a fraction, or strings such as `"12.50"`.
    Decimal,
    /// JSON booleans.
    Bool,
    /// Strings `YYYY-MM-DD`.
    Date,
    /// Strings with a date and a time.
    DateTime,
    /// Other strings.
    Text,
    /// Lists, objects, or values of several kinds.
    Json,
}

impl Kind {
    /// The kind's name in `#[l2l(kind = "...")]`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
            Kind::Bool => "bool",
            Kind::Date => "date",
            Kind::DateTime => "datetime",
            Kind::Text => "text",
            Kind::Json => "json",
        }
    }

    /// The kind of one value that is not null.
    pub fn of(v: &Value) -> Kind {
        match v {
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_i64() || n.is_u64() => Kind::Integer,
            Value::Number(_) => Kind::Decimal,
            Value::String(s) => text_kind(s),
            Value::Array(_) | Value::Object(_) | Value::Null => Kind::Json,
        }
    }

    /// The one kind that decodes values of both kinds.
    pub fn join(self, other: Kind) -> Kind {
        use Kind::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Integer, Decimal) | (Decimal, Integer) => Decimal,
            (Date, DateTime) | (DateTime, Date) => DateTime,
            // Strings of several shapes are still strings.
            (Date | DateTime | Text, Date | DateTime | Text) => Text,
            // A decimal written as a string beside other text: text.
            (Decimal, Date | DateTime | Text) | (Date | DateTime | Text, Decimal) => Text,
            _ => Json,
        }
    }
}

/// A string's kind: a date, a datetime, a decimal such as `12.50`, or text.
fn text_kind(s: &str) -> Kind {
    if s.len() == 10 && l2l_areas::Date::from_str(s).is_ok() {
        Kind::Date
    } else if s.len() > 10 && l2l_areas::DateTime::from_str(s).is_ok() {
        Kind::DateTime
    } else if is_decimal(s) {
        Kind::Decimal
    } else {
        Kind::Text
    }
}

/// `-?digits.digits`, the way L2L writes decimals as strings.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    match s.split_once('.') {
        Some((whole, frac)) => {
            !whole.is_empty()
                && !frac.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && s.parse::<l2l_areas::Decimal>().is_ok()
        }
        None => false,
    }
}

/// One property of the area, as the sample shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The API name.
    pub name: String,
    /// The kind of its values; `None` when only nulls were seen.
    pub kind: Option<Kind>,
    /// Records where it was null or missing.
    pub nulls: usize,
    /// Records that carried it with a value.
    pub values: usize,
    /// The first value seen, for the struct's comments.
    pub example: Option<Value>,
}

impl Property {
    /// Whether the field must be an `Option`.
    pub fn nullable(&self) -> bool {
        self.nulls > 0 || self.kind.is_none()
    }
}

/// The properties of `records`, in the order they first appear. A record that is not an
/// object is an error that names its position.
pub fn properties(records: &[Value]) -> Result<Vec<Property>, String> {
    let mut props: Vec<Property> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let Value::Object(obj) = r else {
            return Err(format!(
                "record {} of the sample is not an object but {}",
                i + 1,
                short(r)
            ));
        };
        for k in obj.keys() {
            if !props.iter().any(|p| &p.name == k) {
                props.push(Property {
                    name: k.clone(),
                    kind: None,
                    // Missing from every record before this one.
                    nulls: i,
                    values: 0,
                    example: None,
                });
            }
        }
        for p in &mut props {
            match obj.get(&p.name) {
                None | Some(Value::Null) => p.nulls += 1,
                Some(v) => {
                    let k = Kind::of(v);
                    p.kind = Some(p.kind.map_or(k, |old| old.join(k)));
                    p.values += 1;
                    if p.example.is_none() {
                        p.example = Some(v.clone());
                    }
                }
            }
        }
    }
    Ok(props)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(39).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(records: Value) -> Vec<(String, Option<Kind>, bool)> {
        let Value::Array(rs) = records else {
            unreachable!()
        };
        let mut out: Vec<_> = properties(&rs)
            .unwrap()
            .into_iter()
            .map(|p| (p.name.clone(), p.kind, p.nullable()))
            .collect();
        // The order of keys within a record is serde_json's; compare by name.
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn each_kind_is_read_off_the_values() {
        let got = kinds(json!([
            {"id": 1, "cost": "12.50", "on": true, "day": "2024-05-05",
             "at": "2024-05-05T22:39:47.000", "code": "A1", "extra": {"a": 1}, "gone": null},
            {"id": 2, "cost": "3.00", "on": false, "day": "2024-05-06",
             "at": "2024-05-05 22:39", "code": "0001", "extra": [1], "gone": null},
        ]));
        let want = [
            ("at", Some(Kind::DateTime), false),
            ("code", Some(Kind::Text), false),
            ("cost", Some(Kind::Decimal), false),
            ("day", Some(Kind::Date), false),
            ("extra", Some(Kind::Json), false),
            ("gone", None, true),
            ("id", Some(Kind::Integer), false),
            ("on", Some(Kind::Bool), false),
        ];
        assert_eq!(
            got,
            want.map(|(n, k, o)| (n.to_owned(), k, o)).to_vec(),
            "{got:?}"
        );
    }

    #[test]
    fn mixed_values_widen_and_missing_ones_make_an_option() {
        let got = kinds(json!([
            {"n": 1, "d": "2024-05-05", "t": "1.50", "x": 1},
            {"n": 2.5, "d": "2024-05-05T10:00:00", "t": "N/A", "x": "one", "late": 3},
        ]));
        assert_eq!(got[0], ("d".into(), Some(Kind::DateTime), false));
        assert_eq!(got[1], ("late".into(), Some(Kind::Integer), true));
        assert_eq!(got[2], ("n".into(), Some(Kind::Decimal), false));
        assert_eq!(got[3], ("t".into(), Some(Kind::Text), false));
        assert_eq!(got[4], ("x".into(), Some(Kind::Json), false));
    }

    #[test]
    fn a_record_that_is_not_an_object_is_an_error() {
        let e = properties(&[json!({"id": 1}), json!([1, 2])]).unwrap_err();
        assert!(e.contains("record 2") && e.contains("[1,2]"), "{e}");
    }
}
