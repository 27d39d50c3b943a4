//! Documents: `documents/list_bycategory/` and `documents/viewinfo/<id>/`, the paths
//! integrations call (the record area itself is `document`, as L2L's samples spell it).
//! Each document is answered with `id`, `name` and `title` (the same), `number`,
//! `description`, `category`, `externalid` and `url`.

use super::{ApiError, path_id, site, table};
use crate::call::Ctx;
use crate::render::Out;
use crate::store::Table;

const COLUMNS: &str =
    "\"id\", \"name\", \"number\", \"description\", \"category\", \"externalid\", \"url\"";

fn write_doc(out: &mut Out, row: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
    let text = |out: &mut Out, v: Option<String>| match v {
        Some(s) => out.str(&s),
        None => out.null(),
    };
    out.begin_object();
    out.key("id");
    out.int(row.get(0)?);
    let name: Option<String> = row.get(1)?;
    out.key("name");
    text(out, name.clone());
    out.key("title");
    text(out, name);
    for (i, key) in ["number", "description", "category", "externalid", "url"]
        .into_iter()
        .enumerate()
    {
        out.key(key);
        text(out, row.get(i + 2)?);
    }
    out.end_object();
    Ok(())
}

fn documents<'c>(ctx: &Ctx<'c>) -> Result<&'c Table, ApiError> {
    let t = table(ctx, "document")?;
    if t.field("category").is_none() || t.field("url").is_none() {
        return Err(ApiError::failure(
            "the `document` area in use has no `category` and `url`",
        ));
    }
    Ok(t)
}

/// `documents/list_bycategory/`: the active documents of `site` in `category` (all of them
/// without it), by name. `params_use_codes=0`, which integrations send, changes nothing.
pub(crate) fn list_bycategory(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let docs = documents(ctx)?;
    let category = ctx.call.arg("category").filter(|c| !c.trim().is_empty());
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {} WHERE \"site\" = ?1 AND \"active\" = 1 \
         AND (?2 IS NULL OR \"category\" = ?2) ORDER BY \"name\", \"id\"",
        docs.sql
    ))?;
    let mut rows = stmt.query(rusqlite::params![site, category])?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    while let Some(row) = rows.next()? {
        write_doc(&mut out, row)?;
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// `documents/viewinfo/<id>/`: one document of `site`, with the `url` to view it at.
pub(crate) fn viewinfo(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let docs = documents(ctx)?;
    let id = path_id(ctx, key)?;
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {} WHERE \"id\" = ?1 AND \"site\" = ?2",
        docs.sql
    ))?;
    let mut rows = stmt.query([id, site])?;
    let Some(row) = rows.next()? else {
        return Err(ApiError::failure(format!(
            "document {id} not found at site {site}"
        )));
    };
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    write_doc(&mut out, row)?;
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}
