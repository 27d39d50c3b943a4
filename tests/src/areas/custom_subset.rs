//! `Asset`: an area with custom properties and only some operations.

use l2l_areas::DateTime;

/// An asset: custom properties, no create and no delete.
#[l2l_areas::record_area(path = "assets", scope = site, custom_properties, ops(get, list, update), max_limit = 1000)]
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    /// The asset's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The asset's code.
    pub code: String,
    /// The dispatch type, labelled "Dispatch Type" on L2L's screens.
    #[l2l(label = "Dispatch Type")]
    pub dispatch_type: Option<i64>,
    /// Whether it is in use.
    pub active: bool,
    /// The last change.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
