//! A crate under `#![deny(missing_docs)]` (and warnings denied) that declares areas with
//! every feature: every generated public item has docs.

#![deny(missing_docs, warnings)]

use l2l_areas::{DateTime, Decimal};

/// A machine.
#[l2l_areas::record_area(path = "machines", scope = site, custom_properties, max_limit = 1000)]
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    /// The id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site.
    pub site: i64,
    /// The code.
    pub code: String,
    /// The description.
    pub description: Option<String>,
    /// Scrap.
    #[l2l(label = "Defect", no_order)]
    pub scrap: Option<Decimal>,
    /// The line to create it on.
    #[l2l(write_only)]
    pub linecode: Option<String>,
    /// Extra data.
    #[l2l(kind = "json", read_only, rename = "extra")]
    pub extra_data: Option<Vec<String>>,
    /// The property `type`.
    #[l2l(rename = "type", no_filter)]
    pub machine_type: Option<String>,
    /// Last change.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A read-only area without an id: list only.
#[l2l_areas::record_area(path = "readings", ops(list))]
#[derive(Debug)]
pub struct Reading {
    /// The value.
    pub value: f64,
    /// When.
    pub at: DateTime,
}

/// An area whose fields have no docs of their own still gets docs on generated items.
#[l2l_areas::record_area(path = "tags", ops(get, list, create, update, delete))]
#[allow(missing_docs)]
#[derive(Debug)]
pub struct Tag {
    #[l2l(id, read_only)]
    pub id: u32,
    pub name: String,
}

fn main() {
    let q = Machine::query(1).custom("color", "red").scrap_isnull(false).fields([MachineField::Code]);
    assert_eq!(q.to_query_string(), "site=1&custom__color=red&scrap__isnull=False&fields=code");
    assert_eq!(Reading::query().value_gt(1.5).to_query_string(), "value__gt=1.5");
    let _ = NewTag { name: String::new(), ..Default::default() };
    let _ = TagPatch::default().name("x");
}
