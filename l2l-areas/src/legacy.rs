//! Areas L2L keeps for old integrations but has marked deprecated: declared so that old
//! data can still be read, and `#[deprecated]` so that new code does not start on them.

#![allow(deprecated)]

use crate::{AreaSchema, DateTime, Decimal, RecordArea};

/// One answer of a checklist, from the deprecated `checklistsanswers` area. Read
/// [`Checklist`](crate::Checklist) records instead: their `answers[]` carry the same fields.
#[deprecated(note = "L2L deprecated `checklistsanswers`: read the `answers` of `checklists`")]
#[crate::record_area(path = "checklistsanswers", scope = site, ops(get, list))]
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistAnswer {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The checklist's id.
    pub checklist: Option<i64>,
    /// The task the answer belongs to.
    pub task_number: Option<i64>,
    /// The row of the task's table.
    pub table_row_number: Option<i64>,
    /// The column of the task's table.
    pub table_column_number: Option<i64>,
    /// Whether the task was marked not applicable.
    pub na: Option<bool>,
    /// The answer.
    pub answer: Option<String>,
    /// The lower control limit.
    pub control_limit_low: Option<Decimal>,
    /// The upper control limit.
    pub control_limit_high: Option<Decimal>,
    /// The lower reject limit.
    pub reject_limit_low: Option<Decimal>,
    /// The upper reject limit.
    pub reject_limit_high: Option<Decimal>,
    /// When it was answered.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// The schema of the deprecated `checklistsanswers` area, for [`crate::AREAS`].
pub(crate) const CHECKLIST_ANSWER: &AreaSchema = ChecklistAnswer::SCHEMA;
