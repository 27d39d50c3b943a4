//! Page maxima: each area's largest `limit` (its own, or one set with `--max-limit
//! AREA=N`), and what a larger `limit` gets (`--over-limit fail|clamp`).
//!
//! The docs say both: "If this value exceeds the max the api call will fail" (`fail`, the
//! default), and that the `limit` returned may be smaller than the one asked (`clamp`: the
//! maximum is served and echoed).

use std::collections::BTreeMap;
use std::str::FromStr;

use l2l_core::AreaSchema;

/// What a `limit` above an area's maximum gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverLimit {
    /// HTTP 200, `success: false`, an error naming the maximum (the docs).
    #[default]
    Fail,
    /// The maximum is served, and the answer's `limit` says so.
    Clamp,
}

impl FromStr for OverLimit {
    type Err = String;

    /// `fail` or `clamp`.
    fn from_str(s: &str) -> Result<OverLimit, String> {
        match s {
            "fail" => Ok(OverLimit::Fail),
            "clamp" => Ok(OverLimit::Clamp),
            other => Err(format!(
                "--over-limit takes fail or clamp, not {:?}",
                other.chars().take(40).collect::<String>()
            )),
        }
    }
}

/// The page maxima set by hand, and the policy above them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Limits {
    max: BTreeMap<String, u32>,
    /// What a `limit` above the maximum gets.
    pub(crate) over: OverLimit,
}

impl Limits {
    /// Sets the largest `limit` of `area`.
    pub(crate) fn set_max(&mut self, area: impl Into<String>, max: u32) {
        self.max.insert(area.into(), max);
    }

    /// The largest `limit` of `area`: the one set, else the area's own (at least 1).
    pub(crate) fn max(&self, area: &AreaSchema) -> u32 {
        self.max
            .get(area.path)
            .copied()
            .unwrap_or(area.max_limit)
            .max(1)
    }

    /// Refuses a maximum set for an area that is not served, or of 0.
    pub(crate) fn check(&self, areas: &[&AreaSchema]) -> Result<(), String> {
        for (area, max) in &self.max {
            if !areas.iter().any(|a| a.path == area) {
                return Err(format!(
                    "--max-limit {area}={max}: no area `{area}` is served{}",
                    l2l_schema::hint(area, areas.iter().map(|a| a.path))
                ));
            }
            if *max == 0 {
                return Err(format!("--max-limit {area}=0: a maximum is at least 1"));
            }
        }
        Ok(())
    }
}

/// Reads `AREA=N` (the `--max-limit` argument).
pub fn parse_max_limit(s: &str) -> Result<(String, u32), String> {
    let err = || format!("--max-limit takes AREA=N (machines=500), not {s:?}");
    let (area, n) = s.split_once('=').ok_or_else(err)?;
    let n: u32 = n.trim().parse().map_err(|_| err())?;
    if area.trim().is_empty() {
        return Err(err());
    }
    Ok((area.trim().to_owned(), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options() {
        assert_eq!("clamp".parse(), Ok(OverLimit::Clamp));
        assert!(
            "cap"
                .parse::<OverLimit>()
                .unwrap_err()
                .contains("fail or clamp")
        );
        assert_eq!(
            parse_max_limit("machines=500"),
            Ok(("machines".into(), 500))
        );
        assert!(parse_max_limit("machines").is_err());
        assert!(parse_max_limit("=5").is_err());
        assert!(parse_max_limit("machines=lots").is_err());
    }
}
