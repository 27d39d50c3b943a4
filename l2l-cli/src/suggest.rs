//! "Did you mean ...?" for misspelt area, field and profile names (Levenshtein distance,
//! by `strsim`, with the rule l2l-core uses).

/// The closest candidate to `input`, when one is close enough to be a likely misspelling.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(input, c), c))
        .filter(|(d, c)| *d <= (c.len().max(input.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_only() {
        assert_eq!(closest("machnes", ["machines", "lines"]), Some("machines"));
        assert_eq!(closest("zzz", ["machines", "lines"]), None);
    }
}
