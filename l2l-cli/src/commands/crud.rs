//! `l2l get`, `create`, `update` and `delete`: one record of any area. A declared area's
//! `--set` keys and values are checked against its schema before anything is sent; an
//! undeclared area's are sent as given.

use std::io::Write;

use l2l_areas::{AreaSchema, Request, Scope};
use serde_json::Value;

use super::Ctx;
use crate::area::AreaRef;
use crate::cli::{CreateArgs, DeleteArgs, GetArgs, UpdateArgs};
use crate::error::{CliError, Result};
use crate::{output, schema};

fn refuse(area: &AreaSchema, op: &str) -> CliError {
    CliError::usage(format!(
        "L2L does not {op} `{}` records through the API",
        area.path
    ))
    .hint(format!(
        "`{}` supports: {}",
        area.path,
        area.operations.names().join(", ")
    ))
}

/// The area, with its note when undeclared, refused when a declared one lacks `op`.
fn resolve<'a>(
    name: &'a str,
    allowed: impl Fn(&AreaSchema) -> bool,
    op: &str,
) -> Result<AreaRef<'a>> {
    let area = AreaRef::resolve(name)?;
    match area.schema() {
        Some(s) if !allowed(s) => Err(refuse(s, op)),
        Some(_) => Ok(area),
        None => {
            area.note();
            Ok(area)
        }
    }
}

/// The `--set` pairs, checked against a declared area's schema.
fn sets(area: AreaRef<'_>, set: &[String]) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for s in set {
        let (k, v) = schema::split_pair(s, "--set")?;
        if let Some(a) = area.schema() {
            schema::check_set(a, k, v)?;
        }
        if out.iter().any(|(o, _)| o == k) {
            return Err(CliError::usage(format!("--set {k} is given twice")));
        }
        out.push((k.to_owned(), v.to_owned()));
    }
    Ok(out)
}

/// Prints a record as the server sent it: a declared area's fields first, then every other
/// property (custom ones included).
fn print(ctx: &Ctx, area: AreaRef<'_>, record: &Value, out: &mut dyn Write) -> Result<()> {
    let cols = area.schema().map(schema::columns).unwrap_or_default();
    output::one(ctx.format, out, &cols, record).map_err(CliError::output)
}

/// Runs `l2l get`. For an area with custom properties, L2L returns them only when the
/// request names a site: the one given, else the record's own (read by a first request).
pub async fn get(ctx: &Ctx, args: &GetArgs, out: &mut dyn Write) -> Result<()> {
    let area = resolve(&args.area, |a| a.operations.get, "read single")?;
    let client = ctx.settings.client()?;
    let path = format!("{}/{}", area.path(), args.id);
    let site = ctx.settings.site(args.site);
    let ask = |site: Option<i64>| {
        let r = Request::get(&path);
        match site {
            Some(s) => r.query("site", s.to_string()),
            None => r,
        }
    };
    let mut r: Value = client.one(ask(site)).await?;
    let custom = area.schema().is_some_and(|a| a.custom_properties);
    if custom
        && site.is_none()
        && let Some(own) = r.get("site").and_then(Value::as_i64)
    {
        r = client.one(ask(Some(own))).await?;
    }
    print(ctx, area, &r, out)
}

/// Runs `l2l create`.
pub async fn create(ctx: &Ctx, args: &CreateArgs, out: &mut dyn Write) -> Result<()> {
    let area = resolve(&args.area, |a| a.operations.create, "create")?;
    let mut pairs = sets(area, &args.set)?;
    let takes_site = area.schema().is_none_or(|a| a.field("site").is_some());
    if let Some(site) = ctx.settings.site(args.site)
        && takes_site
        && !pairs.iter().any(|(k, _)| k == "site")
    {
        pairs.insert(0, ("site".into(), site.to_string()));
    }
    if let Some(a) = area.schema()
        && a.scope == Scope::Site
        && !pairs.iter().any(|(k, _)| k == "site")
    {
        return Err(CliError::usage(format!(
            "area `{}` is kept per site: name one with --site N",
            a.path
        )));
    }
    if pairs.is_empty() {
        return Err(
            CliError::usage("nothing to create: give fields with --set FIELD=VALUE")
                .hint(format!("`l2l areas {}` lists the fields", area.path())),
        );
    }
    let client = ctx.settings.client()?;
    let r: Value = client
        .one(Request::post(area.path()).form_pairs(pairs))
        .await?;
    print(ctx, area, &r, out)
}

/// Runs `l2l update`.
pub async fn update(ctx: &Ctx, args: &UpdateArgs, out: &mut dyn Write) -> Result<()> {
    let area = resolve(&args.area, |a| a.operations.update, "update")?;
    let pairs = sets(area, &args.set)?;
    let client = ctx.settings.client()?;
    // An update sets the same values however often it is sent: safe to retry.
    let r: Value = client
        .one(
            Request::post(format!("{}/{}", area.path(), args.id))
                .form_pairs(pairs)
                .retry_writes(true),
        )
        .await?;
    print(ctx, area, &r, out)
}

/// Runs `l2l delete`.
pub async fn delete(ctx: &Ctx, args: &DeleteArgs, out: &mut dyn Write) -> Result<()> {
    let area = resolve(&args.area, |a| a.operations.delete, "delete")?;
    let client = ctx.settings.client()?;
    let _: serde::de::IgnoredAny = client
        .call(Request::delete(format!("{}/{}", area.path(), args.id)))
        .await?;
    let done = serde_json::json!({ "deleted": true, "area": area.path(), "id": args.id });
    match ctx.format {
        crate::cli::Format::Table => writeln!(out, "deleted {} {}", area.path(), args.id),
        f => output::one(f, out, &[], &done),
    }
    .map_err(CliError::output)
}
