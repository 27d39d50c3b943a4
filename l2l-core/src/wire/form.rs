//! Write bodies: [`Form`] for records to create, [`Patch`] for partial updates.
//!
//! Generated `NewX` types implement [`Form`] with one `w.field(..)` line per writable
//! field; generated `XPatch` types wrap a [`Patch`].

use crate::value::QueryValue;

/// The arguments of a write, in order, unescaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormWriter {
    pairs: Vec<(String, String)>,
}

impl FormWriter {
    /// An empty form.
    pub fn new() -> FormWriter {
        FormWriter::default()
    }

    /// Writes `name=value`.
    pub fn field(&mut self, name: &str, value: &dyn QueryValue) {
        let mut v = String::new();
        value.write_value(&mut v);
        self.pairs.push((name.to_owned(), v));
    }

    /// Writes `name=value` only when `value` is `Some`.
    pub fn optional(&mut self, name: &str, value: Option<&dyn QueryValue>) {
        if let Some(v) = value {
            self.field(name, v);
        }
    }

    /// The pairs written.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }
}

/// A record to create: writes its fields into a form.
pub trait Form {
    /// Writes every set field.
    fn write_form(&self, w: &mut FormWriter);

    /// The form's pairs.
    fn to_pairs(&self) -> Vec<(String, String)> {
        let mut w = FormWriter::new();
        self.write_form(&mut w);
        w.into_pairs()
    }
}

/// The fields of a partial update: only what was set is sent; `None` sends an empty value,
/// which sets a nullable field to null (not the same as leaving it unchanged).
///
/// ```
/// use l2l_core::Patch;
/// let mut p = Patch::default();
/// p.set("description", &"Welder 2");
/// p.set_null("externalid");
/// assert_eq!(p.pairs(), &[("description".to_owned(), "Welder 2".to_owned()),
///                        ("externalid".to_owned(), String::new())]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pairs: Vec<(String, String)>,
}

impl Patch {
    /// Sets `name` to `value`, replacing an earlier setting of the same field.
    pub fn set(&mut self, name: &str, value: &dyn QueryValue) {
        let mut v = String::new();
        value.write_value(&mut v);
        self.put(name, v);
    }

    /// Sets `name` to null.
    pub fn set_null(&mut self, name: &str) {
        self.put(name, String::new());
    }

    fn put(&mut self, name: &str, v: String) {
        match self.pairs.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = v,
            None => self.pairs.push((name.to_owned(), v)),
        }
    }

    /// Whether nothing was set.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs set, in the order first set.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

impl Form for Patch {
    fn write_form(&self, w: &mut FormWriter) {
        for (k, v) in &self.pairs {
            w.pairs.push((k.clone(), v.clone()));
        }
    }
}
