//! Inventory: warehouses, bin locations, parts, bills of materials, vendors and units.

use crate::{DateTime, Decimal};

/// A warehouse.
#[crate::record_area(path = "warehouses", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Warehouse {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A bin in a warehouse.
#[crate::record_area(path = "binlocation", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct BinLocation {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    /// The id of its warehouse.
    pub warehouse: Option<i64>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A line of a product's bill of materials.
#[crate::record_area(path = "billofmaterials", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct BillOfMaterials {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The product's id.
    pub product: Option<i64>,
    /// The part's id.
    pub part: Option<i64>,
    /// How many parts one product takes.
    pub quantity: Option<Decimal>,
    /// The unit's id.
    pub unitofmeasure: Option<i64>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A vendor.
#[crate::record_area(path = "vendors", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Vendor {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    /// Its id in another system.
    pub externalid: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A unit of measure.
#[crate::record_area(path = "unitsofmeasure", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOfMeasure {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// An inventory part.
#[crate::record_area(path = "parts", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    /// The id of its vendor.
    pub vendor: Option<i64>,
    /// The id of its unit.
    pub unitofmeasure: Option<i64>,
    /// Its unit cost.
    pub cost: Option<Decimal>,
    /// Its id in another system.
    pub externalid: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
