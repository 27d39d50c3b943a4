//! "Did you mean ...?" for misspelt field names, lookups, keys, kinds and attribute keys, by
//! edit distance ([`strsim::levenshtein`]): one threshold for the macro and the runtime.

/// The closest candidate to `input`, when one is close enough to be a likely misspelling:
/// at most a third of the longer name's characters differ (at least one may).
///
/// ```
/// use l2l_schema::closest;
/// assert_eq!(closest("descripton", ["code", "description"]), Some("description"));
/// assert_eq!(closest("zzz", ["code", "description"]), None);
/// // A slice of names: iterate it by value.
/// let names = ["no_filter", "no_order"];
/// assert_eq!(closest("no_filtr", names.iter().copied()), Some("no_filter"));
/// ```
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_len = input.chars().count();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(input, c), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(input_len) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `"; did you mean `x`?"` when a candidate is close (see [`closest`]), else an empty
/// string: the tail of an error message.
///
/// ```
/// use l2l_schema::hint;
/// assert_eq!(hint("gtee", ["gt", "gte"]), "; did you mean `gte`?");
/// assert_eq!(hint("code", ["id"]), "");
/// ```
pub fn hint<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(input, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            closest("descripton", ["code", "description"]),
            Some("description")
        );
        assert_eq!(closest("zzz", ["code", "description"]), None);
        assert_eq!(hint("gtee", ["gt", "gte"]), "; did you mean `gte`?");
        assert_eq!(hint("code", ["id"]), "");
        assert_eq!(
            closest("readonly", ["read_only", "write_only"]),
            Some("read_only")
        );
    }
}
