//! The values of fields: how a Rust value is written as a query or form argument
//! ([`QueryValue`]), and L2L's dates and times ([`Date`](crate::Date),
//! [`DateTime`](crate::DateTime), ...).
//!
//! Values are written raw here (`Line 33`); escaping happens once, when a request is
//! rendered (`crate::wire`).

use std::fmt::Write as _;

pub(crate) mod date;

pub use rust_decimal::Decimal;

/// A value that can be written as an L2L query or form argument.
///
/// Booleans are written `true`/`false`, dates and datetimes in ISO 8601, `None` as an
/// empty value (which clears a nullable field in a write).
///
/// ```
/// use l2l_core::QueryValue;
/// let mut out = String::new();
/// 33_i64.write_value(&mut out);
/// assert_eq!(out, "33");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written as an L2L query or form value",
    label = "this type has no query form",
    note = "implement `l2l_areas::QueryValue` for it, or mark the field `#[l2l(read_only)]` if it is never sent"
)]
pub trait QueryValue {
    /// Appends the unescaped value to `out`.
    fn write_value(&self, out: &mut String);

    /// The value as a new string.
    fn to_value_string(&self) -> String {
        let mut out = String::new();
        self.write_value(&mut out);
        out
    }
}

macro_rules! display_value {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn write_value(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

display_value!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, Decimal
);

impl QueryValue for bool {
    fn write_value(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl QueryValue for str {
    fn write_value(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl QueryValue for String {
    fn write_value(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn write_value(&self, out: &mut String) {
        (**self).write_value(out);
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn write_value(&self, out: &mut String) {
        if let Some(v) = self {
            v.write_value(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_render_plainly() {
        assert_eq!(true.to_value_string(), "true");
        assert_eq!(false.to_value_string(), "false");
        assert_eq!((-7_i32).to_value_string(), "-7");
        assert_eq!(2.5_f64.to_value_string(), "2.5");
        assert_eq!("Line 33".to_value_string(), "Line 33");
        assert_eq!(None::<i64>.to_value_string(), "");
        assert_eq!(
            "3903.00".parse::<Decimal>().unwrap().to_value_string(),
            "3903.00"
        );
    }
}
