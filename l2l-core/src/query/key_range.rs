//! The id ranges of keyset paging, which a [`Query`](super::Query) stores when it resumes or
//! splits a walk.

use serde::{Deserialize, Serialize};

/// The ids `after < id <= upto` of an area, read by keyset paging; `None` leaves that side
/// open.
///
/// ```
/// use l2l_core::KeyRange;
/// let r = KeyRange { after: Some(100), upto: None };
/// assert!(r.contains(101) && !r.contains(100));
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"after":100,"upto":null}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct KeyRange {
    /// Only ids above this one.
    pub after: Option<i64>,
    /// Only ids up to and including this one.
    pub upto: Option<i64>,
}

impl KeyRange {
    /// Every id.
    pub const ALL: KeyRange = KeyRange {
        after: None,
        upto: None,
    };

    /// Splits the ids above `after` up to `top` into at most `count` ranges for readers that
    /// work at the same time, and adds the open range above `top` (records created while they
    /// read). Each range is a whole number of pages wide, two at least, so that where ids are
    /// dense every page of a range is full and its last page ends exactly at its bound.
    ///
    /// ```
    /// use l2l_core::KeyRange;
    /// let r = KeyRange::split(None, 10_000, 1000, 4);
    /// assert_eq!(r.len(), 5);
    /// assert_eq!(r[0], KeyRange { after: None, upto: Some(3000) });
    /// assert_eq!(r[3], KeyRange { after: Some(9000), upto: Some(10_000) });
    /// assert_eq!(r[4], KeyRange { after: Some(10_000), upto: None });
    /// assert_eq!(KeyRange::split(Some(5), 5, 1000, 4), vec![KeyRange { after: Some(5), upto: None }]);
    /// ```
    pub fn split(after: Option<i64>, top: i64, page: u32, count: usize) -> Vec<KeyRange> {
        let start = after.unwrap_or(0);
        if top <= start {
            return vec![KeyRange { after, upto: None }];
        }
        let page = i64::from(page.max(1));
        let span = top - start;
        let count = (span / (2 * page)).clamp(1, count.max(1) as i64);
        let width = (span + count - 1) / count;
        let width = ((width + page - 1) / page) * page;
        let mut out = Vec::new();
        let mut lo = after;
        let mut hi = start + width;
        while hi < top {
            out.push(KeyRange {
                after: lo,
                upto: Some(hi),
            });
            lo = Some(hi);
            hi += width;
        }
        out.push(KeyRange {
            after: lo,
            upto: Some(top),
        });
        out.push(KeyRange {
            after: Some(top),
            upto: None,
        });
        out
    }

    /// Whether `id` lies in the range.
    pub fn contains(&self, id: i64) -> bool {
        self.after.is_none_or(|a| id > a) && self.upto.is_none_or(|u| id <= u)
    }
}
