//! Lists of an undeclared area: its records as the server sends them, page after page
//! (offset paging that follows the served limit and stops on a short page).

use l2l_areas::{Client, Request};
use serde_json::Value;

use crate::error::{CliError, Result};

/// The page size asked of an undeclared area when none is given: L2L's usual maximum.
pub const DEFAULT_PAGE: u32 = 2000;

/// A list request of any area path: arguments sent unchecked.
#[derive(Debug, Clone, Default)]
pub struct DynList {
    /// The area path.
    pub path: String,
    /// `site`, when given.
    pub site: Option<i64>,
    /// `KEY=VALUE` filters, as given.
    pub filters: Vec<(String, String)>,
    /// `fields=a,b`.
    pub fields: Vec<String>,
    /// `order_by=a,-b`.
    pub order_by: Vec<String>,
    /// Records per request.
    pub page_size: u32,
}

impl DynList {
    fn request(&self, limit: u32, offset: u64) -> Request {
        let mut r = Request::get(&self.path);
        if let Some(site) = self.site {
            r = r.query("site", site.to_string());
        }
        r = r.query_pairs(self.filters.iter().cloned());
        if !self.order_by.is_empty() {
            r = r.query("order_by", self.order_by.join(","));
        }
        if !self.fields.is_empty() {
            r = r.query("fields", self.fields.join(","));
        }
        r = r.query("limit", limit.to_string());
        if offset > 0 {
            r = r.query("offset", offset.to_string());
        }
        r
    }

    /// Reads up to `max` records (every record when `None`), handing each to `each`.
    pub async fn for_each(
        &self,
        client: &Client,
        max: Option<u64>,
        mut each: impl FnMut(Value) -> Result<()>,
    ) -> Result<u64> {
        let mut offset = 0u64;
        let mut seen = 0u64;
        let page = u64::from(self.page_size.max(1));
        loop {
            let want = max.map_or(page, |m| page.min(m - seen));
            if want == 0 {
                return Ok(seen);
            }
            let asked = u32::try_from(want).unwrap_or(u32::MAX);
            let p = client
                .list::<Value>(self.request(asked, offset))
                .await
                .map_err(CliError::from)?;
            let n = p.records.len() as u64;
            for r in p.records {
                each(r)?;
            }
            seen += n;
            offset += n;
            let served = p.limit.unwrap_or(want).min(want);
            if n == 0 || n < served {
                return Ok(seen);
            }
        }
    }
}
