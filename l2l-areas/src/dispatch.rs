//! Dispatches: maintenance and andon events, their types and the trades that answer them.

use crate::{DateTime, Decimal};

/// A dispatch type (`Code Red`): what kind of event a dispatch is.
#[crate::record_area(path = "dispatchtypes", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchType {
    /// The dispatch type's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The code (`Code Red`), the `dispatchtypecode` that action endpoints take.
    #[l2l(label = "Dispatch Type")]
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A trade (`Mechanic`): who answers a dispatch.
#[crate::record_area(path = "trades", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Trade {
    /// The trade's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The code (`Mechanic`), the `tradecode` that action endpoints take.
    #[l2l(label = "Trade")]
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A dispatch: a maintenance or andon event on a machine. Open one with
/// [`Dispatch::open`](crate::Dispatch::open), log a finished one with
/// [`Dispatch::add`](crate::Dispatch::add). Pages follow the documented maximum of 2000; a tenant that serves fewer is followed.
#[crate::record_area(path = "dispatches", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Dispatch {
    /// The dispatch's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The dispatch number people see.
    #[l2l(read_only)]
    pub dispatchnumber: Option<i64>,
    pub site: i64,
    /// The id of the dispatch type. L2L's samples send and read `dispatchtype`; the docs'
    /// property table names it `dispatch_type`, which is accepted on input too.
    #[l2l(label = "Dispatch Type", alias = "dispatch_type")]
    pub dispatchtype: i64,
    /// The code of the dispatch type.
    #[l2l(read_only)]
    pub dispatchtypecode: Option<String>,
    /// The id of the machine.
    pub machine: i64,
    /// The code of the machine.
    #[l2l(read_only)]
    pub machinecode: Option<String>,
    /// The id of the machine's line.
    #[l2l(read_only)]
    pub line: Option<i64>,
    /// The code of the machine's line.
    #[l2l(read_only)]
    pub linecode: Option<String>,
    /// The id of the area of the machine's line (read after `open` and `add`; filter by the
    /// area's code with `areacode=Assembly`).
    #[l2l(read_only)]
    pub area: Option<i64>,
    /// What happened.
    pub description: Option<String>,
    /// When it was reported (site time).
    pub reported: Option<DateTime>,
    /// When it was completed (site time).
    pub completed: Option<DateTime>,
    /// When a technician was first dispatched to it (`dispatchtechnicians/dispatch/`);
    /// filtered with `dispatched__gte`/`dispatched__lte`.
    #[l2l(read_only)]
    pub dispatched: Option<DateTime>,
    /// `T` while the dispatch is open, `F` once closed.
    #[l2l(read_only)]
    pub open: Option<String>,
    /// Minutes of downtime.
    #[l2l(read_only)]
    pub downtime: Option<Decimal>,
    /// The work order number.
    pub wonumber: Option<String>,
    /// The id of the current status.
    #[l2l(read_only)]
    pub currentstatus_dispatchstatus_id: Option<i64>,
    /// The current status's description.
    #[l2l(read_only)]
    pub currentstatus_description: Option<String>,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
