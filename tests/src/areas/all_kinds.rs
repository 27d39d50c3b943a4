//! `Gadget`: an area with a field of every kind, and every field attribute.

use l2l_areas::{Date, DateTime, Decimal, QueryValue};

/// A colour, a type of this crate's own that the area declares as text.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Color(pub String);

impl QueryValue for Color {
    fn write_value(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl From<&str> for Color {
    fn from(s: &str) -> Color {
        Color(s.to_owned())
    }
}

/// A gadget: one field of every kind.
#[l2l_areas::record_area(path = "gadgets", scope = site, max_limit = 500)]
#[derive(Debug, Clone, PartialEq)]
pub struct Gadget {
    /// The gadget's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// How many there are.
    pub count: i32,
    /// A serial number; the property is `serial`.
    #[l2l(rename = "serial")]
    pub serial_number: u64,
    /// The weight in kilograms.
    pub weight: f64,
    /// What it cost.
    pub cost: Decimal,
    /// The gadget's code.
    pub code: String,
    /// Whether it is in use.
    pub active: bool,
    /// When it was installed.
    pub installed: Date,
    /// The last change.
    #[l2l(read_only)]
    pub lastupdated: DateTime,
    /// Free-form tags, returned as a JSON list.
    #[l2l(kind = "json", read_only)]
    pub tags: Vec<String>,
    /// The colour, a type of this crate's own.
    #[l2l(kind = "text")]
    pub color: Color,
    /// The line to create the gadget on: sent, never returned.
    #[l2l(write_only)]
    pub linecode: String,
    /// Scrap count, labelled "Defect" on L2L's screens.
    #[l2l(label = "Defect", no_order)]
    pub scrap: i64,
    /// Notes, which L2L cannot filter on.
    #[l2l(no_filter)]
    pub notes: String,
}
