//! Property tests: any value survives rendering and escaping exactly once.

mod common;

use l2l_core::wire::{decode_pairs, escape, pairs};
use l2l_core::{Lookup, Query};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    // B03: a value rendered into a query string decodes back to itself.
    #[test]
    fn any_filter_value_round_trips(value in any::<String>(), lookup in 0usize..5) {
        let lookup = [Lookup::Eq, Lookup::Lt, Lookup::Lte, Lookup::Gt, Lookup::Gte][lookup];
        let mut q = Query::new(&common::SITES);
        q.filter("description", lookup, &value);
        let rendered = q.to_query_string();
        prop_assert!(!rendered.contains(' '));
        let decoded = decode_pairs(&rendered);
        prop_assert_eq!(decoded.len(), 1);
        prop_assert_eq!(&decoded[0].1, &value);
        prop_assert_eq!(&decoded[0].0, &format!("description{}", lookup.suffix()));
    }

    // Keys and values with every delimiter survive a list of pairs.
    #[test]
    fn any_pairs_round_trip(items in proptest::collection::vec((".{0,12}", any::<String>()), 0..6)) {
        let items: Vec<(String, String)> = items.into_iter().filter(|(k, _)| !k.is_empty()).collect();
        let rendered = pairs(items.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert_eq!(decode_pairs(&rendered), items);
    }

    // Escaping leaves only unreserved characters, commas and %XX.
    #[test]
    fn escaping_is_total_and_once(s in any::<String>()) {
        let e = escape(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~,%".contains(&b)));
        prop_assert_eq!(escape(&e).replace("%25", "%"), e.clone());
    }

    // Integers, floats and booleans render as plain text that parses back.
    #[test]
    fn numbers_render_parseably(n in any::<i64>(), f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        let mut q = Query::new(&common::SITES);
        q.filter("site", Lookup::Gte, &n);
        q.filter("id", Lookup::Lt, &f);
        let decoded = decode_pairs(&q.to_query_string());
        prop_assert_eq!(decoded[0].1.parse::<i64>().unwrap(), n);
        prop_assert_eq!(decoded[1].1.parse::<f64>().unwrap(), f);
    }
}
