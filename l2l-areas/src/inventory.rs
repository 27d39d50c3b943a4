//! Inventory: warehouses, bin locations, parts, bills of materials, vendors and units.

use crate::{DateTime, Decimal};

/// A warehouse.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Warehouse, WarehouseField};
/// let page = Warehouse::query(1).order_by(WarehouseField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Warehouse::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "warehouses", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Warehouse {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A bin in a warehouse.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{BinLocation, BinLocationField};
/// let page = BinLocation::query(1).order_by(BinLocationField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = BinLocation::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "binlocation", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct BinLocation {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// The id of its warehouse.
    pub warehouse: Option<i64>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A line of a product's bill of materials.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{BillOfMaterials, BillOfMaterialsField};
/// let page = BillOfMaterials::query(1).order_by(BillOfMaterialsField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = BillOfMaterials::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "billofmaterials", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct BillOfMaterials {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The product's id.
    pub product: Option<i64>,
    /// The part's id.
    pub part: Option<i64>,
    /// How many parts one product takes.
    pub quantity: Option<Decimal>,
    /// The unit's id.
    pub unitofmeasure: Option<i64>,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A vendor.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Vendor, VendorField};
/// let page = Vendor::query(1).order_by(VendorField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Vendor::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "vendors", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Vendor {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// Its id in another system.
    pub externalid: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A unit of measure.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{UnitOfMeasure, UnitOfMeasureField};
/// let page = UnitOfMeasure::query(1).order_by(UnitOfMeasureField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = UnitOfMeasure::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "unitsofmeasure", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOfMeasure {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// An inventory part.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Part, PartField};
/// let page = Part::query(1).order_by(PartField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Part::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "parts", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// The id of its vendor.
    pub vendor: Option<i64>,
    /// The id of its unit.
    pub unitofmeasure: Option<i64>,
    /// Its unit cost.
    pub cost: Option<Decimal>,
    /// Its id in another system.
    pub externalid: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
