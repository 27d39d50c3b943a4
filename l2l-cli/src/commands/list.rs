//! `l2l list AREA`: every record page after page (or the first `--limit`), printed as it
//! comes where the format allows. A declared area's filters, fields and order are checked
//! by l2l-core against its schema before anything is sent; an undeclared area's only for
//! their syntax. Without `--order-by`, records come in id order, the same on every run.

use std::io::Write;

use futures::TryStreamExt as _;
use l2l_areas::RawRecord;
use serde_json::Value;

use super::Ctx;
use crate::area::AreaRef;
use crate::cli::{Format, ListArgs};
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
    let csv = ctx.format == Format::Csv;
    // The columns come from the request and the schema, never from a record: `--fields`
    // exactly, else a declared area's fields and the custom properties its filters name.
    // A table shows every property some row has; CSV its header's, fixed before the first
    // row (an undeclared area, of unknown fields, takes its header from the first record).
    let (preferred, fixed): (Vec<String>, bool) = if strict {
        (fields.iter().map(|f| (*f).to_owned()).collect(), true)
    } else if let Some(a) = area.schema() {
        let mut cols = schema::columns(a);
        for f in &args.filters {
            if let Ok((k, _)) = schema::split_pair(f, "--where")
                && let Ok(key) = l2l_areas::FilterKey::parse(k)
                && key.custom
            {
                let name = format!("{}{}", schema::CUSTOM, key.field);
                if !cols.contains(&name) {
                    cols.push(name);
                }
            }
        }
        (cols, csv)
    } else {
        (Vec::new(), false)
    };
    // Custom properties a fixed CSV header leaves out, named once at the end.
    let mut left_out: Vec<String> = Vec::new();
    let header = (csv && fixed && !strict).then(|| preferred.clone());
    let mut sink = Sink::new(ctx.format, out, preferred, fixed);
    let write = CliError::output;
    // Keyset paging asks for the id as well; show only what was asked for.
    let mut keep = |mut r: Value| {
        if strict && let Value::Object(o) = &mut r {
            o.retain(|k, _| fields.contains(&k.as_str()));
        }
        if let (Some(cols), Value::Object(o)) = (&header, &r) {
            for k in o.keys() {
                if k.starts_with(schema::CUSTOM) && !cols.contains(k) && !left_out.contains(k) {
                    left_out.push(k.clone());
                }
            }
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
            // Pages wait in memory as their JSON text (a few hundred bytes a record), each
            // record decoded only when it is written: the pages read ahead of the output
            // stay small.
            let records = if args.order_by.is_empty() {
                q.stream_in_order::<RawRecord>(&client)
            } else {
                q.stream::<RawRecord>(&client)
            };
            let mut stream = std::pin::pin!(records);
            let mut n = 0u64;
            while n < max {
                let Some(raw) = stream.try_next().await? else {
                    break;
                };
                let r: Value = raw.decode().map_err(|e| {
                    CliError::failure(format!("record {} could not be read: {e}", n + 1))
                })?;
                sink.push(keep(r)).map_err(write)?;
                n += 1;
            }
        }
    }
    sink.finish().map_err(write)?;
    if !left_out.is_empty() {
        let list = left_out
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!(
            "note: custom properties are CSV columns when named: {list} left out; add them \
             with --fields (for example --fields id,code,{})",
            left_out[0]
        );
    }
    Ok(())
}
