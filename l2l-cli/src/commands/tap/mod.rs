//! `l2l tap`: a Singer tap, as Meltano's SDK taps behave, on the l2l-sync engine. With
//! `--discover` it prints the catalog of the areas the key may read; with `--catalog` it
//! writes SCHEMA, RECORD and STATE messages on stdout for the selected streams (and
//! nothing else there: notes go to stderr); `--state` resumes from a STATE it wrote.
//!
//! Split by concern: the config file ([`config`]), the catalog ([`catalog`]), the messages
//! and the engine's sink that writes them ([`singer`]), what Meltano Hub shows ([`about`]).

pub mod about;
pub mod catalog;
pub mod config;
pub mod record;
pub mod singer;

use std::io::Write as _;
use std::path::Path;

use l2l_areas::{AreaSchema, Scope};
use serde_json::{Value, json};

use crate::cli::{Format, TapArgs};
use crate::error::{CliError, Result};
use config::TapConfig;
use singer::{Out, SingerSink};

/// Runs `l2l tap`.
pub async fn run(config: Option<&Path>, format: Option<Format>, args: &TapArgs) -> Result<()> {
    let stdout = std::io::stdout();
    if args.about {
        let text = match format {
            Some(Format::Json | Format::Jsonl) => {
                serde_json::to_string_pretty(&about::about()).unwrap_or_default() + "\n"
            }
            _ => about::markdown(),
        };
        return stdout
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| CliError::failure(format!("writing: {e}")));
    }
    let Some(path) = config else {
        return Err(CliError::usage("l2l tap needs --config FILE")
            .hint("a JSON file with base_url (or company), api_key and site; `l2l tap --about` lists its keys"));
    };
    let cfg = TapConfig::load(path).map_err(CliError::usage)?;
    let areas = areas(&cfg, args)?;
    let client = cfg.settings().client()?;
    if args.discover {
        let catalog = discover(&client, &cfg, &areas).await?;
        let text = serde_json::to_string_pretty(&catalog).unwrap_or_default();
        return writeln!(stdout.lock(), "{text}")
            .map_err(|e| CliError::failure(format!("writing the catalog: {e}")));
    }
    let Some(catalog) = &args.catalog else {
        return Err(CliError::usage(
            "l2l tap needs --discover or --catalog FILE",
        ));
    };
    let catalog: Value = read_json(catalog, "catalog")?;
    let selected = catalog::selected(&catalog, |id| areas.iter().copied().find(|a| a.path == id))
        .map_err(CliError::usage)?;
    let bookmarks = match &args.state {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| CliError::io("reading the state", p, &e))?;
            singer::read_state(&text)
                .map_err(|e| CliError::usage(format!("{}: {e}", p.display())))?
        }
        None => Default::default(),
    };
    let out = Out::shared(Box::new(std::io::BufWriter::new(stdout)), bookmarks);
    for (area, sel) in selected {
        let sites: Vec<Option<i64>> = match area.scope {
            Scope::Site if cfg.sites.is_empty() => {
                return Err(CliError::usage(format!(
                    "stream `{}` is kept per site: set `site` (or `sites`) in the config",
                    sel.stream
                )));
            }
            Scope::Site => cfg.sites.iter().copied().map(Some).collect(),
            _ => vec![None],
        };
        let mut schema = json!({
            "type": "SCHEMA",
            "stream": sel.stream,
            "schema": catalog::schema(area),
            "key_properties": [l2l_sync::Table::of(area).id],
        });
        if let Some(k) = catalog::replication_key(area) {
            schema["bookmark_properties"] = json!([k]);
        }
        lock(&out).message(&schema).map_err(write_error)?;
        for site in sites {
            let mut job = l2l_sync::Job::new(area).feed_deletions(l2l_sync::Deletions::Delete);
            if let Some(s) = site {
                job = job.site(s);
            }
            // The start date bounds a stream's first run; a bookmark carries on from its own.
            let incremental = catalog::replication_key(area).is_some();
            let fresh = lock(&out).saved(&sel.stream, site).is_none();
            if let (Some(d), true, true) = (&cfg.start_date, incremental, fresh) {
                job = job.since(d.clone());
            }
            let sink = SingerSink::new(out.clone(), &sel.stream, sel.columns.clone())
                .full_table(!incremental);
            job.run(&client, Box::new(sink))
                .await
                .map_err(super::sync::job::cli)?;
        }
    }
    let mut o = lock(&out);
    o.finish().map_err(write_error)
}

fn lock(out: &singer::Shared) -> std::sync::MutexGuard<'_, Out> {
    out.lock().unwrap_or_else(|p| p.into_inner())
}

fn write_error(e: std::io::Error) -> CliError {
    CliError::failure(format!("writing Singer messages: {e}"))
}

fn read_json(path: &std::path::Path, what: &str) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::io(&format!("reading the {what}"), path, &e))?;
    serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("{}: the {what} is not JSON ({e})", path.display())))
}

/// The areas the tap offers: every built-in one that can be listed and paged by id, and
/// those of the areas file.
fn areas(cfg: &TapConfig, args: &TapArgs) -> Result<Vec<&'static AreaSchema>> {
    let mut all: Vec<&'static AreaSchema> = crate::schema::all().to_vec();
    for file in cfg.areas_file.iter().chain(&args.areas_file) {
        let more = l2l_sandbox::areas_from_file(file)
            .map_err(|e| CliError::usage(format!("{}: {e}", file.display())))?;
        all.extend(more);
    }
    all.retain(|a| a.operations.list && a.id_field().is_some());
    Ok(all)
}

/// The catalog: a stream per area the key may read (site-scoped ones when a site is set).
async fn discover(
    client: &l2l_areas::Client,
    cfg: &TapConfig,
    areas: &[&'static AreaSchema],
) -> Result<Value> {
    let mut streams = Vec::new();
    for &area in areas {
        let mut job = l2l_sync::Job::new(area);
        match (area.scope, cfg.sites.first()) {
            (Scope::Site, None) => {
                eprintln!(
                    "note: {} is kept per site: set `site` in the config to discover it",
                    area.path
                );
                continue;
            }
            (Scope::Site, Some(s)) => job = job.site(*s),
            _ => {}
        }
        match job.probe(client).await {
            Ok(()) => streams.push(catalog::stream(area)),
            Err(l2l_sync::Error::Api(l2l_areas::Error::Http {
                status: 401 | 403, ..
            })) => {
                eprintln!(
                    "note: the key may not read {}: left out of the catalog",
                    area.path
                );
            }
            Err(e) => return Err(super::sync::job::cli(e)),
        }
    }
    Ok(json!({"streams": streams}))
}
