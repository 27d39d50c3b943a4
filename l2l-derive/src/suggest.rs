//! "Did you mean ...?" for misspelt attribute keys, kinds and operations: `l2l_schema::closest`,
//! the runtime's own, over the slices of names the attribute parsers hold.

/// The closest candidate to `input`, when one is close enough to be a likely misspelling
/// (the threshold is `l2l_schema::closest`'s).
pub fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    l2l_schema::closest(input, candidates.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            closest("no_filtr", &["no_filter", "no_order"]),
            Some("no_filter")
        );
        assert_eq!(
            closest("readonly", &["read_only", "write_only"]),
            Some("read_only")
        );
        assert_eq!(closest("zzz", &["id", "rename"]), None);
    }
}
