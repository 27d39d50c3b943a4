//! `l2l areas [AREA...]`: the record areas, and the fields of those named, with kinds and
//! the lookups each field allows.

use std::io::Write;

use l2l_areas::{AreaSchema, FieldSchema, Lookup, Scope};
use serde_json::{Value, json};

use super::Ctx;
use crate::area::AreaRef;
use crate::cli::{AreasArgs, Format};
use crate::error::{CliError, Result};
use crate::output::Sink;
use crate::schema;

/// Runs `l2l areas`.
pub fn run(ctx: &Ctx, args: &AreasArgs, out: &mut dyn Write) -> Result<()> {
    let mut named: Vec<&'static AreaSchema> = Vec::new();
    for a in &args.areas {
        match AreaRef::resolve(a)? {
            AreaRef::Declared(s) => named.push(s),
            AreaRef::Undeclared(p) => {
                // Nothing is known of it but its path: say how to learn its fields.
                eprintln!("{}", crate::area::undeclared_note(p));
                eprintln!("`l2l codegen {p} --site N` infers its fields from its records");
            }
        }
    }
    if named.is_empty() && !args.areas.is_empty() {
        return Ok(());
    }
    if matches!(ctx.format, Format::Json | Format::Jsonl) {
        let list: Vec<&AreaSchema> = if named.is_empty() {
            schema::all().to_vec()
        } else {
            named
        };
        let mut sink = Sink::new(ctx.format, out, Vec::new(), false);
        for a in list {
            sink.push(a.to_json()).map_err(CliError::output)?;
        }
        return sink.finish().map_err(CliError::output);
    }
    if named.is_empty() {
        let cols = ["area", "type", "scope", "max_limit", "operations", "fields"];
        let mut sink = Sink::new(ctx.format, &mut *out, cols.map(String::from).to_vec(), true);
        for a in schema::all() {
            sink.push(summary(a)).map_err(CliError::output)?;
        }
        sink.finish().map_err(CliError::output)?;
        if ctx.format == Format::Table {
            writeln!(out, "`l2l areas AREA` shows the fields of one area.")
                .map_err(CliError::output)?;
        }
        return Ok(());
    }
    for (i, a) in named.iter().enumerate() {
        if ctx.format == Format::Table {
            if i > 0 {
                writeln!(out).map_err(CliError::output)?;
            }
            writeln!(
                out,
                "{} ({}): {}, at most {} records a page, {}{}",
                a.path,
                a.name,
                match a.scope {
                    Scope::Site => "per site (--site N)",
                    _ => "not per site",
                },
                a.max_limit,
                a.operations.names().join(", "),
                if a.custom_properties {
                    ", custom properties (custom__NAME filters with a site)"
                } else {
                    ""
                }
            )
            .map_err(CliError::output)?;
        }
        let cols = [
            "field", "kind", "null", "access", "order", "filters", "label",
        ];
        let mut sink = Sink::new(ctx.format, &mut *out, cols.map(String::from).to_vec(), true);
        for f in a.fields {
            sink.push(field(f)).map_err(CliError::output)?;
        }
        sink.finish().map_err(CliError::output)?;
    }
    Ok(())
}

fn summary(a: &AreaSchema) -> Value {
    json!({
        "area": a.path,
        "type": a.name,
        "scope": match a.scope { Scope::Site => "site", _ => "-" },
        "max_limit": a.max_limit,
        "operations": a.operations.names().join(","),
        "fields": a.fields.len(),
    })
}

fn field(f: &FieldSchema) -> Value {
    let filters: Vec<String> = f
        .lookups()
        .iter()
        .map(|l| match l {
            Lookup::Eq => "=".to_owned(),
            l => format!("__{}", l.name()),
        })
        .collect();
    let access = match (f.id, f.read_only, f.write_only) {
        (true, _, _) => "id",
        (_, true, _) => "read-only",
        (_, _, true) => "write-only",
        _ => "read-write",
    };
    json!({
        "field": f.api_name,
        "kind": f.kind.name(),
        "null": if f.nullable { "yes" } else { "" },
        "access": access,
        "order": if f.order { "yes" } else { "" },
        "filters": filters.join(" "),
        "label": f.label,
    })
}
