//! Production: pitches (production intervals), the details recorded in them, products,
//! build sequences, product orders and scrap.

use crate::{Date, DateTime, Decimal};

/// A pitch: one production interval of a line.
#[crate::record_area(path = "pitches", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Pitch {
    /// The pitch's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of the line.
    pub line: i64,
    /// The id of the line's area.
    pub area: Option<i64>,
    /// The pitch's name (`06:00-07:00`).
    pub name: Option<String>,
    /// Whether the pitch is active (filter `active=true`).
    pub active: Option<bool>,
    /// When the pitch starts.
    pub pitch_start: DateTime,
    /// When the pitch ends.
    pub pitch_end: DateTime,
    /// The product made (id in `productcomponents`).
    pub actual_product: Option<i64>,
    /// The product planned.
    pub planned_product: Option<i64>,
    /// Parts made.
    pub actual: Option<Decimal>,
    /// Parts demanded.
    pub demand: Option<Decimal>,
    /// Parts scrapped.
    #[l2l(label = "Defect")]
    pub scrap: Option<Decimal>,
    /// Overall equipment effectiveness.
    pub overall_equipment_effectiveness: Option<Decimal>,
    /// Minutes planned for production.
    pub planned_production_minutes: Option<Decimal>,
    /// Minutes of downtime in the pitch.
    pub downtime_minutes: Option<Decimal>,
    /// Minutes of the pitch not meant for production (breaks).
    pub nonproduction_minutes: Option<Decimal>,
    /// Hours earned: parts made times their standard time.
    pub earned_hours: Option<Decimal>,
    /// How many operators worked the pitch.
    pub operator_count: Option<Decimal>,
    /// The id of the shift.
    pub shift: Option<i64>,
    /// The date the shift started.
    pub shift_start_date: Option<Date>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A pitch detail: counts recorded for one product in one interval
/// (see [`PitchDetail::record_details`](crate::PitchDetail::record_details)).
#[crate::record_area(path = "pitchdetails", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct PitchDetail {
    /// The detail's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of the pitch it belongs to.
    pub pitch: Option<i64>,
    /// The id of the line.
    pub line: i64,
    /// The id of the product.
    pub product: i64,
    /// The time of the first part.
    pub start: DateTime,
    /// The time of the last part.
    pub end: DateTime,
    /// Parts made.
    pub actual: Decimal,
    /// Parts scrapped.
    #[l2l(label = "Defect")]
    pub scrap: Decimal,
    /// Operators on the line.
    pub operator_count: Decimal,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A product (L2L's `productcomponents` area).
#[crate::record_area(path = "productcomponents", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// The product's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The product code (SKU), the `productcode` that action endpoints take.
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    /// The id of this product in another system.
    pub externalid: Option<String>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A build sequence entry: a product order scheduled on a line.
#[crate::record_area(path = "buildsequence", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct BuildSequence {
    /// The entry's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of the line.
    pub line: i64,
    /// The id of the product.
    pub product: i64,
    /// The status (2 to 6 while scheduled or running).
    pub status: i64,
    /// When it is scheduled to start.
    pub schedule_start_date: Option<DateTime>,
    /// How many to make.
    pub order_quantity: Option<Decimal>,
    /// The id of this order in another system.
    pub externalid: Option<String>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A product order (an eKanban order).
#[crate::record_area(path = "productorders", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct ProductOrder {
    /// The order's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of the product.
    pub product: Option<i64>,
    /// The order's name.
    pub name: Option<String>,
    /// How many to make.
    pub order_quantity: Option<Decimal>,
    /// The size of one eKanban card.
    pub card_size: Option<Decimal>,
    /// The ERP's id of the order.
    pub externalid: Option<String>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// Scrap recorded on a line.
#[crate::record_area(path = "scrapdetail", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct ScrapDetail {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// When the scrap happened.
    pub start: DateTime,
    /// The id of the scrap category.
    pub category: i64,
    /// The id of the product.
    pub product: Option<i64>,
    /// The id of the shift.
    pub shift: Option<i64>,
    /// The id of the line.
    pub line: i64,
    /// Parts scrapped.
    #[l2l(label = "Defect")]
    pub scrap: Decimal,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A scrap category.
#[crate::record_area(path = "scrapcategory", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct ScrapCategory {
    /// The category's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The category's code.
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
