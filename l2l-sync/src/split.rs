//! How a run splits the ids it reads into key ranges, read at the same time.
//!
//! A file takes pages as they come: a few wide ranges ([`FILE_RANGES`]) keep every reader
//! busy. A database takes them in id order ([`source::pages`](crate::source::pages)), so
//! that its inserts append to the table instead of landing at as many places as there are
//! ranges: there the ranges are narrow (two pages of records each, up to
//! [`ORDERED_RANGES`]), and the readers, a few ranges ahead of the writer, stay close to
//! the id it writes next.

use l2l_core::{Client, KeyRange, Query};
use serde_json::Value;

use crate::error::Result;

/// At most this many ranges when pages are taken as they come.
pub const FILE_RANGES: usize = 32;

/// At most this many ranges when pages are taken in id order.
pub const ORDERED_RANGES: usize = 256;

/// The ranges of a run over the ids up to `max` (the highest when the run began), and the
/// one above it (records created while the sync runs). Ranges as wide as the ids say would
/// hold two pages of records each only where ids are dense: where there are more than
/// [`FILE_RANGES`] to make, one page of ids from the start of the query (an incremental
/// run's changes, or the whole area) is read first to learn how many records there are per
/// id. An incremental run's few changes then take one range, not one per reader.
pub async fn ranges(
    client: &Client,
    q: &Query,
    id: &str,
    max: Option<i64>,
    page: u32,
    in_order: bool,
) -> Result<Vec<KeyRange>> {
    let many = max.is_some_and(|m| m / (2 * i64::from(page.max(1))) > FILE_RANGES as i64);
    let density = if many {
        density(client, q, id, page).await?
    } else {
        1.0
    };
    let cap = if in_order {
        ORDERED_RANGES
    } else {
        FILE_RANGES
    };
    Ok(split(max, page, density, cap))
}

/// The ids up to `max` in at most `cap` slices, each at least two `page`s of records wide
/// at `density` records per id, and all above `max`. Slices stay a whole number of pages of
/// ids wide: where ids are dense, each page of a slice is full and its last ends at its
/// bound (a density just under one, a gap or two, must not cost a short page per slice).
fn split(max: Option<i64>, page: u32, density: f64, cap: usize) -> Vec<KeyRange> {
    match max.filter(|m| *m > 0) {
        Some(max) => {
            let ids_per_slice = 2.0 * f64::from(page.max(1)) / density.clamp(1e-6, 1.0);
            let fit = (max as f64 / ids_per_slice).clamp(1.0, cap as f64) as usize;
            KeyRange::split(None, max, page, fit)
        }
        None => vec![KeyRange::ALL],
    }
}

/// The records per id at the start of the query's ids, from one page of ids.
async fn density(client: &Client, q: &Query, id: &str, page: u32) -> Result<f64> {
    let Some(id) = q.schema().field(id).map(|f| f.api_name) else {
        return Ok(1.0);
    };
    let mut probe = q.clone();
    probe.clear_order();
    probe.order_by(id, false);
    probe.fields(&[id]);
    probe.limit(page);
    let records = probe.page::<Value>(client).await?.records;
    let ids: Vec<i64> = records
        .iter()
        .filter_map(|r| r.get(id).and_then(crate::row::as_id))
        .collect();
    Ok(density_of(&ids, page))
}

/// The records per id of `ids`, the first page (of `page` records) of the query's ids in
/// order. A page that is not full holds every record of the query: 0.0 then, so that one
/// range reads them all (an incremental run's few changes take one request, not hundreds).
fn density_of(ids: &[i64], page: u32) -> f64 {
    match (ids.first(), ids.last()) {
        _ if ids.len() < page as usize => 0.0,
        (Some(first), Some(last)) if last > first => ids.len() as f64 / (last - first + 1) as f64,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_run_covers_every_id_once() {
        let r = split(Some(10_000), 100, 1.0, FILE_RANGES);
        assert_eq!(r.first().map(|r| r.after), Some(None));
        assert_eq!(r.last().map(|r| r.upto), Some(None));
        for w in r.windows(2) {
            assert_eq!(w[0].upto, w[1].after);
        }
        assert!(r.len() > 2);
        assert_eq!(split(None, 100, 1.0, FILE_RANGES), vec![KeyRange::ALL]);
        assert_eq!(
            split(Some(50), 100, 1.0, FILE_RANGES).len(),
            2,
            "a small area: one range and the rest"
        );
    }

    #[test]
    fn in_order_ranges_are_two_pages_of_records_wide() {
        // Dense ids: two pages of ids each, up to the cap.
        let dense = split(Some(100_000), 100, 1.0, ORDERED_RANGES);
        assert_eq!(dense.len(), 251, "{:?}", &dense[..3]);
        assert_eq!(dense[0].upto, Some(400));
        // One record in a hundred ids: as wide as two pages of records, not of ids.
        let sparse = split(Some(100_000), 100, 0.01, ORDERED_RANGES);
        assert_eq!(sparse.len(), 6, "{sparse:?}");
        assert_eq!(sparse[0].upto, Some(20_000));
        // Fewer records than a page: one range, and the one above the highest id.
        assert_eq!(split(Some(100_000), 100, 0.0, ORDERED_RANGES).len(), 2);
        // A gap or two: as wide as dense ids make them, each a whole number of pages of ids.
        let gaps = split(Some(400_000), 2000, 0.999, FILE_RANGES);
        assert_eq!(gaps, split(Some(400_000), 2000, 1.0, FILE_RANGES));
        assert!(
            gaps.iter().all(|r| r.upto.is_none_or(|u| u % 2000 == 0)),
            "{gaps:?}"
        );
        // As they come: no more than a file's few wide ranges.
        assert_eq!(split(Some(100_000), 100, 1.0, FILE_RANGES).len(), 33);
    }

    #[test]
    fn density_is_read_from_a_full_page_of_ids() {
        let every_tenth: Vec<i64> = (0..100).map(|i| 1 + 10 * i).collect();
        assert!((density_of(&every_tenth, 100) - 100.0 / 991.0).abs() < 1e-12);
        assert_eq!(density_of(&(1..=100).collect::<Vec<_>>(), 100), 1.0);
        // Not a full page: all the query has.
        assert_eq!(density_of(&[5, 900_000], 100), 0.0);
        assert_eq!(density_of(&[], 100), 0.0);
    }
}
