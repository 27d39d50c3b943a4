//! # l2l-areas
//!
//! The typed Leading2Lean (L2L) LES REST API client in one dependency: the built-in record
//! areas, the [`record_area`] macro that declares them (and your own), and the runtime they
//! call into (re-exported from `l2l-core`: [`Client`], [`Query`], [`Error`], ...).
//!
//! ```no_run
//! # async fn run() -> Result<(), l2l_areas::Error> {
//! use l2l_areas::{Client, Site, SiteField};
//!
//! let client = Client::builder().company("acme").api_key("my-key").build()?;
//! let q = Site::query().active_eq(true).order_by(SiteField::Site).limit(100);
//! assert_eq!(q.to_query_string(), "active=true&order_by=site&limit=100");
//! let sites: Vec<Site> = q.all(&client).await?;
//! # Ok(()) }
//! ```
//!
//! An area of your own, in a crate that depends on `l2l-areas` alone:
//!
//! ```
//! #[l2l_areas::record_area(path = "widgets", scope = site)]
//! #[derive(Debug, Clone)]
//! pub struct Widget {
//!     #[l2l(id)]
//!     pub id: i64,
//!     pub site: i64,
//!     pub code: String,
//!     pub valuestream: Option<i64>,
//!     #[l2l(read_only)]
//!     pub lastupdated: Option<l2l_areas::DateTime>,
//! }
//!
//! let q = Widget::query(1).code_gte("WLD").valuestream_isnull(false).limit(500);
//! assert_eq!(q.to_query_string(), "site=1&code__gte=WLD&valuestream__isnull=False&limit=500");
//! ```

// The macro's default crate path is `::l2l_areas`; this makes it work inside this crate too.
extern crate self as l2l_areas;

pub use l2l_core::*;
pub use l2l_derive::record_area;

/// What reading a stream needs (`while let Some(m) = s.try_next().await?`), so that a crate
/// that depends on `l2l-areas` needs no `futures` of its own.
pub use futures::{Stream, StreamExt, TryStreamExt};

/// The names most programs use, in one import: `use l2l_areas::prelude::*;`.
///
/// ```no_run
/// use l2l_areas::prelude::*;
/// use l2l_areas::Machine;
///
/// # async fn run(client: &Client) -> Result<(), Error> {
/// let mut machines = Machine::query(1).keyset().stream(client);
/// while let Some(m) = machines.try_next().await? {
///     println!("{} {:?}", m.code, m.custom("color"));
/// }
/// # Ok(()) }
/// ```
pub mod prelude {
    pub use crate::{Client, Error, Extra, Query, Record, RecordArea};
    pub use futures::{Stream, StreamExt, TryStreamExt};
}

#[doc(hidden)]
pub use l2l_core::__private;

pub mod actions;
pub mod assets;
pub mod dispatch;
pub mod improvement;
pub mod inventory;
pub mod legacy;
pub mod maintenance;
pub mod operations;
pub mod people;
pub mod plant;
pub mod production;
pub mod staff;
pub mod workorders;

pub use actions::*;
pub use assets::*;
pub use dispatch::*;
pub use improvement::*;
pub use inventory::*;
#[allow(deprecated)]
pub use legacy::*;
pub use maintenance::*;
pub use operations::*;
pub use people::*;
pub use plant::*;
pub use production::*;
pub use staff::*;
pub use workorders::*;

/// Every built-in record area, in the order of L2L's own parts: the plant, dispatches,
/// production, people, maintenance. The sandbox creates a table for each, the CLI and
/// `schema/l2l-areas.json` read them.
pub static AREAS: &[&AreaSchema] = &[
    Site::SCHEMA,
    Area::SCHEMA,
    Line::SCHEMA,
    Machine::SCHEMA,
    Technology::SCHEMA,
    ValueStream::SCHEMA,
    DispatchType::SCHEMA,
    Dispatch::SCHEMA,
    Trade::SCHEMA,
    Pitch::SCHEMA,
    PitchDetail::SCHEMA,
    Product::SCHEMA,
    BuildSequence::SCHEMA,
    ProductOrder::SCHEMA,
    ScrapDetail::SCHEMA,
    ScrapCategory::SCHEMA,
    User::SCHEMA,
    UserTime::SCHEMA,
    Spare::SCHEMA,
    Tooling::SCHEMA,
    Checklist::SCHEMA,
    // Issue 14: every area research section 6 names.
    DispatchStatus::SCHEMA,
    DispatchNote::SCHEMA,
    DispatchTechnician::SCHEMA,
    DispatchAction::SCHEMA,
    Reason::SCHEMA,
    MachineGroup::SCHEMA,
    Document::SCHEMA,
    WorkOrder::SCHEMA,
    WorkOrderCategory::SCHEMA,
    EventSchedule::SCHEMA,
    Technician::SCHEMA,
    TechnicianArea::SCHEMA,
    Warehouse::SCHEMA,
    BinLocation::SCHEMA,
    BillOfMaterials::SCHEMA,
    Vendor::SCHEMA,
    UnitOfMeasure::SCHEMA,
    Part::SCHEMA,
    UserSite::SCHEMA,
    Contact::SCHEMA,
    ResourceShift::SCHEMA,
    Kaizen::SCHEMA,
    KaizenCategory::SCHEMA,
    legacy::CHECKLIST_ANSWER,
];

/// The built-in area with this URL segment (`machines`), if any.
///
/// ```
/// assert_eq!(l2l_areas::area("machines").unwrap().name, "Machine");
/// assert!(l2l_areas::area("widgets").is_none());
/// ```
pub fn area(path: &str) -> Option<&'static AreaSchema> {
    AREAS.iter().copied().find(|a| a.path == path)
}
