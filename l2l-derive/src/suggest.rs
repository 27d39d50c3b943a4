//! "Did you mean ...?" for misspelt attribute keys, kinds and operations, by edit distance
//! ([`strsim::levenshtein`]), with the same threshold as the runtime's suggestions.

/// The closest candidate to `input`, when one is close enough to be a likely misspelling:
/// at most a third of the longer name's characters differ (at least one may).
pub fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let input_len = input.chars().count();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(input, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(input_len) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
