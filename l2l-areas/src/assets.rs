//! Assets beyond machines: machine groups and documents.

use crate::DateTime;

/// A group of machines.
#[crate::record_area(path = "machinegroups", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct MachineGroup {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    /// The id of its technology.
    #[l2l(label = "Technology")]
    pub technology: Option<i64>,
    /// The id of its value stream.
    #[l2l(label = "Value Stream")]
    pub valuestream: Option<i64>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A controlled document (work instruction, checklist template); `document_externalid` of `dispatches/open/` names one. L2L's samples spell the area `document`.
#[crate::record_area(path = "document", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    #[l2l(label = "Name")]
    pub name: String,
    /// Its document number.
    pub number: Option<String>,
    pub description: Option<String>,
    /// Its id in another system.
    pub externalid: Option<String>,
    /// Its category (`Work Instructions`), what `documents/list_bycategory/` selects on.
    pub category: Option<String>,
    /// Where it is viewed, as `documents/viewinfo/<id>/` answers.
    pub url: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
