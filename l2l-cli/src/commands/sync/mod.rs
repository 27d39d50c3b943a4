//! `l2l sync AREA --to URL` and `l2l sync --all --to URL`: areas into a SQLite or
//! PostgreSQL database or JSON Lines files, through the `l2l-sync` engine: resumable,
//! incremental, exactly once. Split by concern: where to ([`target`]), one area's run
//! ([`job`]), what the user sees ([`progress`]).

pub(crate) mod job;
mod progress;
mod target;

use l2l_areas::{AreaSchema, Lookup, Scope};
use std::str::FromStr as _;

use super::Ctx;
use crate::cli::SyncArgs;
use crate::error::{CliError, INTERRUPTED, Result};
use crate::schema;

/// Runs `l2l sync`, stopping cleanly on Ctrl-C.
pub async fn run(ctx: &Ctx, args: &SyncArgs) -> Result<()> {
    let target = target::resolve(args)?;
    let site = ctx.settings.site(args.site);
    // Deleted records are deleted, or with --keep-deleted marked: those the change feed
    // reports (dispatches, every run, into a database), and those --reconcile finds (for an
    // area without a feed, --keep-deleted alone asks for it).
    let mode = if args.keep_deleted {
        l2l_sync::Deletions::Mark
    } else {
        l2l_sync::Deletions::Delete
    };
    let jsonl = matches!(target, l2l_sync::Target::Jsonl(_));
    if (args.reconcile || args.keep_deleted) && jsonl {
        return Err(CliError::usage(
            "--reconcile and --keep-deleted need a database: a JSON Lines file is only appended to",
        )
        .hint("sync into --to sqlite:FILE.db or --to postgres://USER@HOST:PORT/DB"));
    }
    if let Some(since) = &args.since {
        l2l_areas::DateTime::from_str(since).map_err(|_| {
            CliError::usage(format!(
                "--since takes a UTC date or datetime, not {since:?}"
            ))
            .hint("for example --since 2024-05-05 or --since 2024-05-05T22:39:47")
        })?;
    }
    let areas = match &args.area {
        Some(name) => vec![checked(schema::area(name)?, site, args)?],
        None => all(site),
    };
    if areas.is_empty() {
        return Err(CliError::usage(
            "no area to sync: site-scoped areas need --site N",
        ));
    }
    let client = ctx.settings.client()?;
    let show = progress::Display::new(args.quiet, areas.len(), !args.filters.is_empty());
    // `--all` without a site syncs the areas kept for the whole tenant and says which it
    // leaves, and why, before it starts (kept with --quiet: it is what was skipped).
    if args.area.is_none() && site.is_none() {
        let per_site: Vec<&str> = schema::all()
            .iter()
            .filter(|a| a.operations.list && a.id_field().is_some() && a.scope == Scope::Site)
            .map(|a| a.path)
            .collect();
        if !per_site.is_empty() {
            let names: Vec<&str> = areas.iter().map(|a| a.path).collect();
            show.warn(format!(
                "note: without --site, --all syncs the {} kept for the whole tenant ({}) and \
                 skips the {} kept per site ({}): add --site N to sync those too",
                progress::count(names.len() as u64, "area"),
                names.join(", "),
                progress::count(per_site.len() as u64, "area"),
                per_site.join(", ")
            ));
        }
    }
    let mut jobs = Vec::new();
    for area in areas {
        let mut job = l2l_sync::Job::new(area).filters(super::filters_sent(area, &args.filters)?);
        if let Some(site) = site.filter(|_| area.scope == Scope::Site) {
            job = job.site(site);
        }
        if let Some(since) = &args.since {
            job = job.since(since.clone());
        }
        if let Ok(n) = super::page_size(area, args.page_size) {
            job = job.page_size(n);
        }
        if !jsonl {
            job = job.feed_deletions(mode);
        }
        if args.reconcile || (args.keep_deleted && !job.follows_feed()) {
            job = job.deletions(mode);
        }
        jobs.push(job::Run {
            job,
            target: target::for_area(&target, area, args.all),
            skip_forbidden: args.all,
        });
    }
    let sync = async {
        for (i, r) in jobs.iter().enumerate() {
            r.run(&client, &show, i, Box::pin(tokio::signal::ctrl_c()))
                .await?;
        }
        Ok(())
    };
    let result = sync.await;
    show.finish();
    result.map_err(|e: CliError| {
        if e.code == INTERRUPTED {
            e.hint("the records written so far are kept; run the same command again to resume")
        } else {
            e
        }
    })
}

/// The area of `l2l sync AREA`, checked before anything is sent.
fn checked(
    area: &'static AreaSchema,
    site: Option<i64>,
    args: &SyncArgs,
) -> Result<&'static AreaSchema> {
    if !area.operations.list {
        return Err(CliError::usage(format!(
            "area `{}` cannot be listed",
            area.path
        )));
    }
    if area.id_field().is_none() {
        return Err(CliError::usage(format!(
            "area `{}` has no id to page by, so it cannot be synced",
            area.path
        )));
    }
    // Checks the site and the filters.
    super::query(area, site, &args.filters)?;
    super::page_size(area, args.page_size)?;
    if args.since.is_some()
        && !area
            .field("lastupdated")
            .is_some_and(|f| f.allows(Lookup::Gte))
    {
        return Err(CliError::usage(format!(
            "area `{}` has no lastupdated field to sync changes by",
            area.path
        )));
    }
    Ok(area)
}

/// The areas of `--all`: every built-in area that can be listed and paged by id; the
/// site-scoped ones only with a site.
fn all(site: Option<i64>) -> Vec<&'static AreaSchema> {
    schema::all()
        .iter()
        .copied()
        .filter(|a| a.operations.list && a.id_field().is_some())
        .filter(|a| a.scope == Scope::None || site.is_some())
        .collect()
}
