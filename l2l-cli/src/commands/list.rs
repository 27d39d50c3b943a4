//! `l2l list AREA`: every record page after page (or the first `--limit`), printed as it
//! comes where the format allows. A declared area's filters, fields and order are checked
//! by l2l-core against its schema before anything is sent; an undeclared area's only for
//! their syntax. Without `--order-by`, records come in id order, the same on every run.

use std::io::Write;

use futures::TryStreamExt as _;
use serde_json::Value;

use super::Ctx;
use crate::area::AreaRef;
use crate::cli::ListArgs;
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
    let area = AreaRef::resolve(&args.area)?;
    if let Some(a) = area.schema()
        && !a.operations.list
    {
        return Err(CliError::usage(format!(
            "area `{}` cannot be listed",
            a.path
        )));
    }
    area.note();
    let mut q = super::query_of(area, ctx.settings.site(args.site), &args.filters)?;
    let fields: Vec<&str> = args
        .fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect();
    if !fields.is_empty() {
        q.fields_str(fields.iter().copied())?;
    }
    for spec in &args.order_by {
        q.order_by_str(spec.trim())?;
    }
    let mut size = super::page_size(q.schema(), args.page_size)?;
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
        area.schema().map(schema::columns).unwrap_or_default()
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
            // Without an order of the user's, id order: the same rows in the same order on
            // every run, the id ranges still read at the same time.
            let records = if args.order_by.is_empty() {
                q.stream_in_order::<Value>(&client)
            } else {
                q.stream::<Value>(&client)
            };
            let mut stream = std::pin::pin!(records);
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
