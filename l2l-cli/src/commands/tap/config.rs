//! The tap's `--config` file, as Meltano writes it: a JSON object, checked whole before
//! anything is fetched. A bad key or value is an error that names it.

use std::path::{Path, PathBuf};

use l2l_schema::closest;
use serde_json::{Map, Value};

use crate::config::{Settings, Tenant};

/// The keys the tap reads.
pub const KEYS: [&str; 8] = [
    "base_url",
    "company",
    "api_key",
    "site",
    "sites",
    "start_date",
    "max_in_flight",
    "areas_file",
];

/// Keys Meltano's SDK taps take that this tap leaves to Meltano (stream maps, flattening,
/// batches): accepted and ignored.
const SDK_KEYS: [&str; 5] = [
    "stream_maps",
    "stream_map_config",
    "flattening_enabled",
    "flattening_max_depth",
    "batch_config",
];

/// What a config file says.
#[derive(Debug, Clone, PartialEq)]
pub struct TapConfig {
    /// The server.
    pub tenant: Tenant,
    /// The API key.
    pub api_key: String,
    /// The sites of site-scoped areas (none: only the areas kept for the whole tenant).
    pub sites: Vec<i64>,
    /// The lower bound on `lastupdated` of a stream's first run.
    pub start_date: Option<String>,
    /// A ceiling of requests in flight.
    pub max_in_flight: Option<usize>,
    /// A file of undeclared areas, in the format of `schema/l2l-areas.json`.
    pub areas_file: Option<PathBuf>,
}

fn bad(path: &Path, key: &str, why: impl std::fmt::Display) -> String {
    format!("{}: `{key}` {why}", path.display())
}

fn text(path: &Path, m: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
        Some(Value::String(_)) => Err(bad(path, key, "is empty")),
        Some(v) => Err(bad(path, key, format!("must be a string, not {v}"))),
    }
}

fn positive(path: &Path, key: &str, v: &Value) -> Result<i64, String> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            bad(
                path,
                key,
                format!("must be a positive whole number, not {v}"),
            )
        })
}

impl TapConfig {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<TapConfig, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading the config {}: {e}", path.display()))?;
        TapConfig::parse(path, &text)
    }

    /// Checks the text of a config file (`path` names it in errors).
    pub fn parse(path: &Path, src: &str) -> Result<TapConfig, String> {
        let v: Value =
            serde_json::from_str(src).map_err(|e| format!("{}: not JSON ({e})", path.display()))?;
        let Value::Object(m) = v else {
            return Err(format!("{}: a config is a JSON object", path.display()));
        };
        for k in m.keys() {
            if !KEYS.contains(&k.as_str()) && !SDK_KEYS.contains(&k.as_str()) {
                let hint = closest(k, KEYS)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                return Err(bad(
                    path,
                    k,
                    format!("is no key of the tap{hint}; it reads {}", KEYS.join(", ")),
                ));
            }
        }
        let tenant = match (text(path, &m, "base_url")?, text(path, &m, "company")?) {
            (Some(_), Some(_)) => {
                return Err(bad(
                    path,
                    "base_url",
                    "and `company` are both set: keep one",
                ));
            }
            (Some(u), None) if u.starts_with("http://") || u.starts_with("https://") => {
                Tenant::BaseUrl(u)
            }
            (Some(u), None) => {
                return Err(bad(
                    path,
                    "base_url",
                    format!("must start with http:// or https://, not {u:?}"),
                ));
            }
            (None, Some(c)) => Tenant::Company(c),
            (None, None) => {
                return Err(format!(
                    "{}: neither `base_url` nor `company` is set: name the L2L server",
                    path.display()
                ));
            }
        };
        let api_key = text(path, &m, "api_key")?
            .ok_or_else(|| format!("{}: `api_key` is not set", path.display()))?;
        let mut sites = Vec::new();
        if let Some(v) = m.get("site").filter(|v| !v.is_null()) {
            sites.push(positive(path, "site", v)?);
        }
        match m.get("sites") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => {
                for v in list {
                    let s = positive(path, "sites", v)?;
                    if !sites.contains(&s) {
                        sites.push(s);
                    }
                }
            }
            Some(v) => {
                return Err(bad(
                    path,
                    "sites",
                    format!("must be a list of site numbers, not {v}"),
                ));
            }
        }
        let start_date = text(path, &m, "start_date")?;
        if let Some(d) = &start_date {
            d.parse::<l2l_areas::DateTime>()
                .map(drop)
                .or_else(|_| d.parse::<l2l_areas::Date>().map(drop))
                .map_err(|_| {
                    bad(
                        path,
                        "start_date",
                        format!("must be a UTC date or datetime, not {d:?}"),
                    )
                })?;
        }
        let max_in_flight = match m.get("max_in_flight").filter(|v| !v.is_null()) {
            Some(v) => Some(positive(path, "max_in_flight", v)? as usize),
            None => None,
        };
        let areas_file = text(path, &m, "areas_file")?.map(PathBuf::from);
        Ok(TapConfig {
            tenant,
            api_key,
            sites,
            start_date,
            max_in_flight,
            areas_file,
        })
    }

    /// The client's settings: the CLI's own, so the tap talks to L2L as every command does.
    pub fn settings(&self) -> Settings {
        Settings {
            tenant: Some(self.tenant.clone()),
            tenant_explicit: true,
            api_key: Some(l2l_areas::Secret::new(self.api_key.clone())),
            signing: None,
            cacert: None,
            site: self.sites.first().copied(),
            throttle: None,
            max_in_flight: self.max_in_flight,
            retries: None,
            profile: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<TapConfig, String> {
        TapConfig::parse(Path::new("tap.json"), src)
    }

    #[test]
    fn a_good_config_reads_whole() {
        let c = parse(
            r#"{"base_url": "http://127.0.0.1:1", "api_key": "k", "site": 1, "sites": [2, "1"],
                "start_date": "2024-01-01T00:00:00Z", "max_in_flight": 4, "stream_maps": {}}"#,
        )
        .unwrap();
        assert_eq!(c.sites, [1, 2]);
        assert_eq!(c.max_in_flight, Some(4));
        assert_eq!(c.tenant, Tenant::BaseUrl("http://127.0.0.1:1".into()));
    }

    #[test]
    fn each_bad_key_or_value_is_named() {
        let cases = [
            (
                r#"{"compnay": "acme", "api_key": "k"}"#,
                "`compnay` is no key of the tap (did you mean `company`?)",
            ),
            (r#"{"api_key": "k"}"#, "neither `base_url` nor `company`"),
            (
                r#"{"company": "a", "base_url": "http://x", "api_key": "k"}"#,
                "both set",
            ),
            (r#"{"company": "acme"}"#, "`api_key` is not set"),
            (
                r#"{"company": "acme", "api_key": "k", "site": 0}"#,
                "`site` must be a positive",
            ),
            (
                r#"{"company": "acme", "api_key": "k", "sites": 3}"#,
                "`sites` must be a list",
            ),
            (
                r#"{"company": "acme", "api_key": "k", "start_date": "yesterday"}"#,
                "`start_date` must be a UTC date",
            ),
            (
                r#"{"company": "acme", "api_key": "k", "max_in_flight": -1}"#,
                "`max_in_flight`",
            ),
            (
                r#"{"base_url": "ftp://x", "api_key": "k"}"#,
                "must start with http",
            ),
            ("[1]", "a config is a JSON object"),
            ("{", "not JSON"),
        ];
        for (src, want) in cases {
            let err = parse(src).unwrap_err();
            assert!(err.starts_with("tap.json: "), "{err}");
            assert!(err.contains(want), "{src}: {err}");
        }
    }

    #[test]
    fn the_key_never_reaches_an_error() {
        let err =
            parse(r#"{"company": "acme", "api_key": "s3cret-key", "site": "x"}"#).unwrap_err();
        assert!(!err.contains("s3cret"), "{err}");
    }
}
