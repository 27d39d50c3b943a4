//! `l2l get`, `create`, `update` and `delete`: one record, with `--set` keys and values
//! checked against the schema before anything is sent.

use std::io::Write;

use l2l_areas::{AreaSchema, Request, Scope};
use serde_json::Value;

use super::Ctx;
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

/// The checked `--set` pairs.
fn sets(area: &'static AreaSchema, set: &[String]) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for s in set {
        let (k, v) = schema::split_pair(s, "--set")?;
        schema::check_set(area, k, v)?;
        if out.iter().any(|(o, _)| o == k) {
            return Err(CliError::usage(format!("--set {k} is given twice")));
        }
        out.push((k.to_owned(), v.to_owned()));
    }
    Ok(out)
}

fn print(ctx: &Ctx, area: &AreaSchema, record: &Value, out: &mut dyn Write) -> Result<()> {
    output::one(ctx.format, out, &schema::columns(area), record).map_err(CliError::output)
}

/// Runs `l2l get`.
pub async fn get(ctx: &Ctx, args: &GetArgs, out: &mut dyn Write) -> Result<()> {
    let area = schema::area(&args.area)?;
    if !area.operations.get {
        return Err(refuse(area, "read single"));
    }
    let client = ctx.settings.client()?;
    let r: Value = client
        .one(Request::get(format!("{}/{}", area.path, args.id)))
        .await?;
    print(ctx, area, &r, out)
}

/// Runs `l2l create`.
pub async fn create(ctx: &Ctx, args: &CreateArgs, out: &mut dyn Write) -> Result<()> {
    let area = schema::area(&args.area)?;
    if !area.operations.create {
        return Err(refuse(area, "create"));
    }
    let mut pairs = sets(area, &args.set)?;
    if let Some(site) = ctx.settings.site(args.site)
        && area.field("site").is_some()
        && !pairs.iter().any(|(k, _)| k == "site")
    {
        pairs.insert(0, ("site".into(), site.to_string()));
    }
    if area.scope == Scope::Site && !pairs.iter().any(|(k, _)| k == "site") {
        return Err(CliError::usage(format!(
            "area `{}` is kept per site: name one with --site N",
            area.path
        )));
    }
    if pairs.is_empty() {
        return Err(
            CliError::usage("nothing to create: give fields with --set FIELD=VALUE")
                .hint(format!("`l2l areas {}` lists the fields", area.path)),
        );
    }
    let client = ctx.settings.client()?;
    let r: Value = client
        .one(Request::post(area.path).form_pairs(pairs))
        .await?;
    print(ctx, area, &r, out)
}

/// Runs `l2l update`.
pub async fn update(ctx: &Ctx, args: &UpdateArgs, out: &mut dyn Write) -> Result<()> {
    let area = schema::area(&args.area)?;
    if !area.operations.update {
        return Err(refuse(area, "update"));
    }
    let pairs = sets(area, &args.set)?;
    let client = ctx.settings.client()?;
    // An update sets the same values however often it is sent: safe to retry.
    let r: Value = client
        .one(
            Request::post(format!("{}/{}", area.path, args.id))
                .form_pairs(pairs)
                .retry_writes(true),
        )
        .await?;
    print(ctx, area, &r, out)
}

/// Runs `l2l delete`.
pub async fn delete(ctx: &Ctx, args: &DeleteArgs, out: &mut dyn Write) -> Result<()> {
    let area = schema::area(&args.area)?;
    if !area.operations.delete {
        return Err(refuse(area, "delete"));
    }
    let client = ctx.settings.client()?;
    l2l_areas::__private::delete(&client, area, args.id).await?;
    let done = serde_json::json!({ "deleted": true, "area": area.path, "id": args.id });
    match ctx.format {
        crate::cli::Format::Table => writeln!(out, "deleted {} {}", area.path, args.id),
        f => output::one(f, out, &[], &done),
    }
    .map_err(CliError::output)
}
