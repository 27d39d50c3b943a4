//! `l2l tap --about`: what Meltano Hub shows of the tap, as JSON or Markdown.

use serde_json::{Value, json};

/// The tap's name on Meltano Hub.
pub const NAME: &str = "tap-l2l";

/// The description, capabilities and settings of the tap.
pub fn about() -> Value {
    let setting = |name: &str, ty: &str, description: &str| json!({"name": name, "type": ty, "description": description});
    json!({
        "name": NAME,
        "description": "Leading2Lean (L2L) LES record areas (machines, dispatches, pitches, ...) \
                        as Singer streams, read by the l2l-sync engine: paged in parallel, \
                        rate-limited, retried, incremental by lastupdated, deletions from L2L's \
                        change feed as _sdc_deleted_at.",
        "version": env!("CARGO_PKG_VERSION"),
        "capabilities": ["catalog", "state", "discover", "about"],
        "settings": [
            setting("base_url", "string", "The L2L server's URL (or set company)."),
            setting("company", "string", "The company of https://<company>.leading2lean.com."),
            setting("api_key", "password", "The API key (kept secret: never logged)."),
            setting("site", "integer", "The site of site-scoped areas."),
            setting("sites", "array", "Several sites: each site-scoped stream is read for each."),
            setting("start_date", "date_iso8601", "The lower bound on lastupdated of a first run."),
            setting("max_in_flight", "integer", "A ceiling of requests in flight at once."),
            setting("areas_file", "string", "Undeclared areas, in the format of schema/l2l-areas.json."),
        ],
    })
}

/// [`about`] as Markdown.
pub fn markdown() -> String {
    let a = about();
    let mut s = format!(
        "# `{NAME}`\n\n{}\n\n",
        a["description"].as_str().unwrap_or("")
    );
    s.push_str("Built with the l2l command (`l2l tap`).\n\n## Capabilities\n\n");
    for c in a["capabilities"].as_array().into_iter().flatten() {
        s.push_str(&format!("* `{}`\n", c.as_str().unwrap_or("")));
    }
    s.push_str("\n## Settings\n\n| Setting | Type | Description |\n|:--|:--|:--|\n");
    for x in a["settings"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            x["name"].as_str().unwrap_or(""),
            x["type"].as_str().unwrap_or(""),
            x["description"].as_str().unwrap_or("")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_config_key_is_a_documented_setting() {
        let a = super::about();
        let names: Vec<&str> = a["settings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, super::super::config::KEYS);
        assert!(super::markdown().contains("| api_key | password |"));
    }
}
