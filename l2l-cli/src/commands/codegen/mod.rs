//! `l2l codegen AREA --site N [--sample N]`: reads up to N records of any area, declared or
//! not, infers each property's kind and nullability, and prints a `#[record_area]` struct
//! that decodes them, the way `diesel print-schema` writes `table!` declarations.

pub mod infer;
pub mod render;

use std::io::Write;

use futures::TryStreamExt as _;
use l2l_areas::Scope;
use serde_json::Value;

use super::Ctx;
use crate::area::AreaRef;
use crate::cli::CodegenArgs;
use crate::error::{CliError, Result};

/// Runs `l2l codegen`.
pub async fn run(ctx: &Ctx, args: &CodegenArgs, out: &mut dyn Write) -> Result<()> {
    let area = AreaRef::resolve(&args.area)?;
    area.note();
    if args.sample == 0 {
        return Err(CliError::usage(
            "--sample takes a number of records from 1 up",
        ));
    }
    if let Some(name) = &args.name
        && (name.is_empty()
            || !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return Err(
            CliError::usage(format!("--name {name:?} is not a Rust type name"))
                .hint("for example: --name WorkOrder"),
        );
    }
    let site = ctx.settings.site(args.site);
    let schema = area.schema();
    let scoped = schema.map(|s| s.scope == Scope::Site);
    if scoped == Some(true) && site.is_none() {
        return Err(CliError::usage(format!(
            "area `{}` is kept per site: name one with --site N",
            area.path()
        ))
        .hint("`l2l list sites` shows the site numbers (the `site` column)"));
    }
    // A site brings custom properties; an unscoped declared area takes none.
    let send_site = site.filter(|_| scoped != Some(false));
    let mut q = super::query_of(area, send_site, &[])?;
    q.limit(args.sample.min(q.schema().max_limit));
    q.validate()?;
    let client = ctx.settings.client()?;
    let mut records: Vec<Value> = Vec::new();
    let mut stream = std::pin::pin!(q.stream::<Value>(&client));
    while records.len() < args.sample as usize {
        let Some(r) = stream.try_next().await? else {
            break;
        };
        records.push(r);
    }
    if records.is_empty() {
        return Err(CliError::failure(format!(
            "`{}` has no records{} to infer a struct from",
            area.path(),
            site.map(|s| format!(" in site {s}")).unwrap_or_default()
        ))
        .hint("create one first, or name another --site"));
    }
    let props = infer::properties(&records).map_err(CliError::failure)?;
    let has_site = props.iter().any(|p| p.name == "site");
    let mut command = format!("l2l codegen {}", area.path());
    if let Some(s) = send_site {
        command.push_str(&format!(" --site {s}"));
    }
    command.push_str(&format!(" --sample {}", args.sample));
    let desc = render::Area {
        path: area.path().to_owned(),
        name: args.name.clone().unwrap_or_else(|| match schema {
            Some(s) => s.name.to_owned(),
            None => render::type_name(area.path()),
        }),
        site_scoped: scoped.unwrap_or(send_site.is_some() && has_site),
        max_limit: schema.map(|s| s.max_limit),
        ops: schema.map(|s| s.operations.names()),
        custom_properties: schema.is_some_and(|s| s.custom_properties),
        read_only: schema
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.read_only)
                    .map(|f| f.api_name.to_owned())
                    .collect()
            })
            .unwrap_or_default(),
        command,
        records: records.len(),
    };
    out.write_all(render::render(&desc, &props).as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::output)
}
