//! `l2l list AREA`: every record page after page (or the first `--limit`), printed as it
//! comes where the format allows. A declared area's filters, fields and order are checked
//! before anything is sent; an undeclared area's are sent as given.

use std::io::Write;

use futures::TryStreamExt as _;
use l2l_areas::AreaSchema;
use serde_json::Value;

use super::Ctx;
use crate::area::AreaRef;
use crate::cli::ListArgs;
use crate::dynamic::{DEFAULT_PAGE, DynList};
use crate::error::{CliError, Result};
use crate::output::Sink;
use crate::schema;

/// Runs `l2l list`.
pub async fn run(ctx: &Ctx, args: &ListArgs, out: impl Write) -> Result<()> {
    if args.limit == Some(0) {
        return Err(CliError::usage(
            "--limit takes a number of records from 1 up",
        ));
    }
    match AreaRef::resolve(&args.area)? {
        AreaRef::Declared(area) => declared(ctx, args, area, out).await,
        area @ AreaRef::Undeclared(path) => {
            area.note();
            undeclared(ctx, args, path, out).await
        }
    }
}

async fn declared(
    ctx: &Ctx,
    args: &ListArgs,
    area: &'static AreaSchema,
    out: impl Write,
) -> Result<()> {
    if !area.operations.list {
        return Err(CliError::usage(format!(
            "area `{}` cannot be listed",
            area.path
        )));
    }
    let mut q = super::query(area, ctx.settings.site(args.site), &args.filters)?;
    let fields = schema::check_fields(area, &args.fields)?;
    if !fields.is_empty() {
        q.fields(&fields);
    }
    for spec in &args.order_by {
        let (f, desc) = schema::check_order(area, spec)?;
        q.order_by(f, desc);
    }
    let mut size = super::page_size(area, args.page_size)?;
    if let Some(limit) = args.limit {
        size = size.min(u32::try_from(limit).unwrap_or(u32::MAX));
    }
    q.limit(size);
    q.validate()?;
    let client = ctx.settings.client()?;
    let strict = !fields.is_empty();
    let preferred: Vec<String> = if strict {
        fields.iter().map(|f| (*f).to_owned()).collect()
    } else {
        schema::columns(area)
    };
    let mut sink = Sink::new(ctx.format, out, preferred, strict);
    let write = CliError::output;
    // Keyset paging asks for the id as well; show only what was asked for.
    let keep = |mut r: Value| {
        if strict && let Value::Object(o) = &mut r {
            o.retain(|k, _| fields.contains(&k.as_str()));
        }
        r
    };
    match args.limit {
        // Fits in one page: one request.
        Some(limit) if limit <= u64::from(size) => {
            let page = q.page::<Value>(&client).await?;
            for r in page.records.into_iter().take(limit as usize) {
                sink.push(keep(r)).map_err(write)?;
            }
        }
        _ => {
            let max = args.limit.unwrap_or(u64::MAX);
            let mut stream = std::pin::pin!(q.stream::<Value>(&client));
            let mut n = 0u64;
            while n < max {
                let Some(r) = stream.try_next().await? else {
                    break;
                };
                sink.push(keep(r)).map_err(write)?;
                n += 1;
            }
        }
    }
    sink.finish().map_err(write)
}

/// An undeclared area: the filters, fields and order as given, every property shown.
async fn undeclared(ctx: &Ctx, args: &ListArgs, path: &str, out: impl Write) -> Result<()> {
    let mut filters = Vec::with_capacity(args.filters.len());
    for f in &args.filters {
        let (k, v) = schema::split_pair(f, "--where")?;
        filters.push((k.to_owned(), v.to_owned()));
    }
    let clean = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let page_size = match args.page_size {
        Some(0) => {
            return Err(CliError::usage(
                "--page-size takes a number of records from 1 up",
            ));
        }
        Some(n) => n,
        None => DEFAULT_PAGE,
    };
    let list = DynList {
        path: path.to_owned(),
        site: ctx.settings.site(args.site),
        filters,
        fields: clean(&args.fields),
        order_by: clean(&args.order_by),
        page_size,
    };
    let client = ctx.settings.client()?;
    let strict = !list.fields.is_empty();
    let mut sink = Sink::new(ctx.format, out, list.fields.clone(), strict);
    list.for_each(&client, args.limit, |r| {
        sink.push(r).map_err(CliError::output)
    })
    .await?;
    sink.finish().map_err(CliError::output)
}
