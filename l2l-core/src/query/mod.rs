//! The query model that generated `XQuery` types wrap: filters, ordering, field
//! selection, page size and paging mode, rendered once into query arguments; the
//! [`KeyRange`]s a query may store, and the [`Page`] a list request answers. Plain data,
//! with no I/O: sending is `crate::read`'s.
//!
//! `Query` is not generic: generated methods are one-line calls into it, so compile time
//! grows gently with the number of fields.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::error::Error;
use crate::schema::{AreaSchema, Lookup, Scope};
use crate::value::QueryValue;
use crate::wire::encode;

mod dynamic;
mod key_range;
mod page;

pub use key_range::KeyRange;
pub use page::Page;

/// How a stream walks the pages of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paging {
    /// Keyset when the query has no ordering and no offset of its own and the area has an
    /// id; offset paging otherwise. The default.
    #[default]
    Auto,
    /// `limit` + `offset`, as the docs' loop does: follows the limit the server returns and
    /// stops on a short page. Records inserted or deleted while it runs can be skipped or
    /// seen twice.
    Offset,
    /// `order_by=id` and `id__gt=<last id>`: never skips or repeats a record that exists
    /// throughout, however the data changes underneath. Ignores any other ordering.
    Keyset,
}

/// A list query of one record area, independent of the record type it decodes into.
///
/// ```
/// use l2l_core::{AreaSchema, Lookup, Operations, Query, Scope};
/// static SITES: AreaSchema =
///     AreaSchema::new("Site", "sites", Scope::None, &[]).operations(Operations::READ_ONLY);
/// let mut q = Query::new(&SITES);
/// q.filter("description", Lookup::Lt, &"Sandbox 2");
/// q.limit(2);
/// assert_eq!(q.to_query_string(), "description__lt=Sandbox%202&limit=2");
/// assert_eq!(q.get_limit(), Some(2));
/// ```
///
/// A query is plain data: it clones, and a problem found while it is built (a page size
/// out of range, a custom property on an area without them) is kept as a value and
/// reported, as [`Error::InvalidRequest`], each time the query is validated or sent.
///
/// Each setting has one name: the setter takes it (`limit`, `prefetch`, `parallel`,
/// `ranges`, `site`), as the generated queries' builder methods do, and the getter adds
/// `get_` (`get_limit`, ...), as [`std::process::Command`] does.
#[derive(Debug, Clone)]
pub struct Query {
    schema: &'static AreaSchema,
    site: Option<i64>,
    filters: Vec<(Cow<'static, str>, String)>,
    order: Vec<(Cow<'static, str>, bool)>,
    fields: Option<Vec<Cow<'static, str>>>,
    limit: Option<u32>,
    offset: Option<u64>,
    paging: Paging,
    prefetch: usize,
    parallel: Option<usize>,
    ranges: Option<Vec<KeyRange>>,
    /// Fields are checked against the schema (false for areas no declaration knows).
    checked: bool,
    /// The first problem found while the query was built.
    invalid: Option<Invalid>,
}

/// A request refused before sending, kept by a [`Query`] as plain data: the fields of
/// [`Error::InvalidRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Invalid {
    field: String,
    reason: String,
}

impl From<&Invalid> for Error {
    fn from(i: &Invalid) -> Error {
        Error::invalid_field(i.field.clone(), i.reason.clone(), None)
    }
}

impl Query {
    /// A query of an unscoped area.
    pub fn new(schema: &'static AreaSchema) -> Query {
        Query {
            schema,
            site: None,
            filters: Vec::new(),
            order: Vec::new(),
            fields: None,
            limit: None,
            offset: None,
            paging: Paging::Auto,
            prefetch: 1,
            parallel: None,
            ranges: None,
            checked: true,
            invalid: None,
        }
    }

    /// A query of a site-scoped area: every request names `site`.
    pub fn for_site(schema: &'static AreaSchema, site: i64) -> Query {
        Query {
            site: Some(site),
            ..Query::new(schema)
        }
    }

    /// The area this query reads.
    pub fn schema(&self) -> &'static AreaSchema {
        self.schema
    }

    /// Sets the site (for unscoped areas that still accept one, or dynamic code).
    pub fn site(&mut self, site: i64) {
        self.site = Some(site);
    }

    /// The site this query names, if any.
    pub fn get_site(&self) -> Option<i64> {
        self.site
    }

    /// Keeps the first problem found while the query is built.
    fn refuse(&mut self, field: String, reason: String) {
        self.invalid.get_or_insert(Invalid { field, reason });
    }

    /// Adds `field<lookup suffix>=value`. `IsNull` takes its value from [`Query::is_null`].
    pub fn filter(&mut self, field: &'static str, lookup: Lookup, value: &dyn QueryValue) {
        let mut v = String::new();
        value.write_value(&mut v);
        self.push_filter(field, lookup, v);
    }

    /// Adds `field__isnull=True` or `False`.
    pub fn is_null(&mut self, field: &'static str, is_null: bool) {
        let v = if is_null { "True" } else { "False" };
        self.push_filter(field, Lookup::IsNull, v.to_owned());
    }

    fn push_filter(&mut self, field: &'static str, lookup: Lookup, value: String) {
        let key = match lookup {
            Lookup::Eq => Cow::Borrowed(field),
            _ => Cow::Owned(format!("{field}{}", lookup.suffix())),
        };
        self.filters.push((key, value));
    }

    /// Adds `custom__<name>=value`, a custom-property filter (areas with custom properties
    /// only; the request must name a site).
    pub fn custom(&mut self, name: &str, value: &dyn QueryValue) {
        if self.checked && !self.schema.custom_properties {
            self.refuse(
                format!("custom__{name}"),
                format!("area `{}` has no custom properties", self.schema.path),
            );
        }
        let mut v = String::new();
        value.write_value(&mut v);
        self.filters
            .push((Cow::Owned(format!("custom__{name}")), v));
    }

    /// Orders by `field`, ascending or descending; several calls order by several fields.
    pub fn order_by(&mut self, field: &'static str, descending: bool) {
        self.order.push((Cow::Borrowed(field), descending));
    }

    /// Drops any ordering set so far.
    pub fn clear_order(&mut self) {
        self.order.clear();
    }

    /// Returns only these fields (`fields=a,b`).
    pub fn fields(&mut self, names: &[&'static str]) {
        self.fields = Some(names.iter().map(|n| Cow::Borrowed(*n)).collect());
    }

    /// The page size. Zero, or a size above the area's documented maximum, is an error
    /// reported before anything is sent. A server that serves less than asked is followed,
    /// and one that refuses a size is asked again with a smaller one.
    pub fn limit(&mut self, limit: u32) {
        if limit == 0 || limit > self.schema.max_limit {
            self.refuse(
                "limit".to_owned(),
                format!(
                    "limit {limit} is outside 1..={} for area `{}`",
                    self.schema.max_limit, self.schema.path
                ),
            );
        }
        self.limit = Some(limit);
    }

    /// The offset of the first record.
    pub fn offset(&mut self, offset: u64) {
        self.offset = Some(offset);
    }

    /// How a stream walks the pages.
    pub fn paging(&mut self, paging: Paging) {
        self.paging = paging;
    }

    /// How many pages a stream keeps in flight: 1 (the default) fetches the next page while
    /// this one is read; more fetch several offset pages at once, for servers slow per page.
    /// Keyset paging needs each page's last id before it can ask for the next, so it stays
    /// at one. Zero is taken as one.
    pub fn prefetch(&mut self, pages: usize) {
        self.prefetch = pages.max(1);
    }

    /// How many pages a stream keeps in flight (see [`Query::prefetch`]).
    pub fn get_prefetch(&self) -> usize {
        self.prefetch
    }

    /// How many id ranges a keyset stream reads at once (by default as many as the client's
    /// limiter may keep in flight). `parallel(1)` reads the whole area in id order; with more,
    /// each range comes in id order and the pages of different ranges interleave.
    pub fn parallel(&mut self, ranges: usize) {
        self.parallel = Some(ranges.max(1));
    }

    /// How many id ranges a keyset stream reads at once, if set (see [`Query::parallel`]).
    pub fn get_parallel(&self) -> Option<usize> {
        self.parallel
    }

    /// Reads exactly these id ranges by keyset paging (a resumed sync names the ranges it
    /// had left). Implies keyset paging.
    pub fn ranges(&mut self, ranges: impl IntoIterator<Item = KeyRange>) {
        self.ranges = Some(ranges.into_iter().collect());
        self.paging = Paging::Keyset;
    }

    /// Goes on after this id: keyset paging of the ids above it.
    pub fn resume_after(&mut self, id: i64) {
        self.ranges([KeyRange {
            after: Some(id),
            upto: None,
        }]);
    }

    /// The id ranges set by [`Query::ranges`] or [`Query::resume_after`].
    pub fn get_ranges(&self) -> Option<&[KeyRange]> {
        self.ranges.as_deref()
    }

    /// The page size asked for, if set (see [`Query::limit`]).
    pub fn get_limit(&self) -> Option<u32> {
        self.limit
    }

    /// Checks what can be checked before sending: page size, custom properties and the
    /// scope's site.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(invalid) = &self.invalid {
            return Err(invalid.into());
        }
        if self.schema.scope == Scope::Site && self.site.is_none() {
            return Err(Error::invalid(format!(
                "area `{}` is scoped by site: name one",
                self.schema.path
            )));
        }
        let custom = self.filters.iter().any(|(k, _)| k.starts_with("custom__"));
        if custom && self.site.is_none() {
            return Err(Error::invalid(
                "custom-property filters need a site in the request",
            ));
        }
        let custom_fields = self
            .fields
            .iter()
            .flatten()
            .any(|f| f.starts_with("custom__"));
        if custom_fields && self.site.is_none() {
            return Err(Error::invalid(
                "custom properties come back only when the request names a site",
            ));
        }
        Ok(())
    }

    /// The paging mode a stream of this query uses.
    pub fn effective_paging(&self) -> Paging {
        match self.paging {
            Paging::Auto
                if self.order.is_empty()
                    && self.offset.is_none()
                    && self.schema.id_field().is_some() =>
            {
                Paging::Keyset
            }
            Paging::Auto => Paging::Offset,
            other => other,
        }
    }

    /// The query arguments of one request, unescaped: the query as built, with `limit`,
    /// `offset` and a keyset lower bound overridden when given.
    pub fn pairs(&self, at: PageAt) -> Vec<(Cow<'static, str>, String)> {
        let mut out: Vec<(Cow<'static, str>, String)> = Vec::with_capacity(self.filters.len() + 5);
        if let Some(site) = self.site {
            out.push((Cow::Borrowed("site"), site.to_string()));
        }
        out.extend(self.filters.iter().cloned());
        let id = self.schema.id_field().map(|f| f.api_name).unwrap_or("id");
        if let Some(after) = at.after_id {
            out.push((Cow::Owned(format!("{id}__gt")), after.to_string()));
        }
        if let Some(upto) = at.upto {
            out.push((Cow::Owned(format!("{id}__lte")), upto.to_string()));
        }
        let order = if at.keyset {
            id.to_owned()
        } else {
            let mut s = String::new();
            for (i, (field, desc)) in self.order.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                if *desc {
                    s.push('-');
                }
                s.push_str(field);
            }
            s
        };
        if !order.is_empty() {
            out.push((Cow::Borrowed("order_by"), order));
        }
        if let Some(fields) = &self.fields {
            let mut s = fields.join(",");
            if at.keyset && !fields.iter().any(|f| f == id) {
                let _ = write!(s, ",{id}");
            }
            out.push((Cow::Borrowed("fields"), s));
        }
        if let Some(limit) = at.limit.or(self.limit) {
            out.push((Cow::Borrowed("limit"), limit.to_string()));
        }
        if let Some(offset) = at.offset.or(self.offset) {
            out.push((Cow::Borrowed("offset"), offset.to_string()));
        }
        out
    }

    /// The query string of the request [`Query::page`] sends, escaped: a dry run.
    pub fn to_query_string(&self) -> String {
        encode::pairs(
            self.pairs(PageAt::default())
                .iter()
                .map(|(k, v)| (&**k, &**v)),
        )
    }
}

/// Where in a list one request reads: overrides of the query's own paging arguments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageAt {
    /// `limit` for this request.
    pub limit: Option<u32>,
    /// `offset` for this request.
    pub offset: Option<u64>,
    /// Keyset paging: order by id.
    pub keyset: bool,
    /// Keyset paging: only ids above this one.
    pub after_id: Option<i64>,
    /// Keyset paging: only ids up to this one.
    pub upto: Option<i64>,
}

#[cfg(test)]
mod tests;
