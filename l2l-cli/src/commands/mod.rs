//! One module per command.

pub mod areas;
pub mod call;
pub mod codegen;
pub mod crud;
pub mod demo;
pub mod export;
pub mod help;
pub mod list;
pub mod sandbox;
pub mod sync;
pub mod tap;
pub mod watch;

use l2l_areas::{AreaSchema, Lookup, Query, Scope};

use crate::area::AreaRef;
use crate::config::Settings;
use crate::error::{CliError, Result};
use crate::schema;

/// What every command gets: the settings and the global output choices.
pub struct Ctx {
    /// The resolved configuration.
    pub settings: Settings,
    /// The output format (already defaulted).
    pub format: crate::cli::Format,
    /// The output format as asked for with --format, if it was.
    pub asked_format: Option<crate::cli::Format>,
}

/// A query of `area` for `site`, with `--where` filters checked by l2l-core's parser.
pub fn query(area: &'static AreaSchema, site: Option<i64>, filters: &[String]) -> Result<Query> {
    let mut q = match (area.scope, site) {
        (Scope::Site, None) => {
            return Err(CliError::usage(format!(
                "area `{}` is kept per site: name one with --site N",
                area.path
            ))
            .hint("`l2l list sites` shows the site numbers (the `site` column)"));
        }
        (_, Some(site)) => Query::for_site(area, site),
        (_, None) => Query::new(area),
    };
    for f in filters {
        let (k, value) = filter(area, f)?;
        q.filter_str(k, &value)?;
    }
    Ok(q)
}

/// One `--where FIELD=VALUE` of a declared area: the key, and the value as it is sent,
/// checked against its field's kind (names and lookups are l2l-core's to check).
fn filter<'a>(area: &'static AreaSchema, arg: &'a str) -> Result<(&'a str, String)> {
    let (k, v) = schema::split_pair(arg, "--where")?;
    let value = match l2l_areas::FilterKey::parse(k) {
        Ok(key) if !key.custom && key.lookup != Lookup::IsNull => match area.field(key.field) {
            Some(field) if field.allows(key.lookup) => schema::filter_value(area, field, k, v)?,
            _ => v.to_owned(),
        },
        _ => v.to_owned(),
    };
    Ok((k, value))
}

/// The `--where` filters of a declared area as they are sent (`created__gte=...+02:00` in
/// UTC), for code that hands them on as text (`l2l sync`). Check them with [`query`].
pub fn filters_sent(area: &'static AreaSchema, filters: &[String]) -> Result<Vec<String>> {
    filters
        .iter()
        .map(|f| filter(area, f).map(|(k, v)| format!("{k}={v}")))
        .collect()
}

/// A query of any area for `site`: a declared one as [`query`] builds it, an undeclared
/// one with the site sent when given and its `--where` filters checked for syntax only.
pub fn query_of(area: AreaRef<'_>, site: Option<i64>, filters: &[String]) -> Result<Query> {
    let path = match area {
        AreaRef::Declared(a) => return query(a, site, filters),
        AreaRef::Undeclared(path) => path,
    };
    let mut q = Query::dynamic(path)?;
    if let Some(s) = site {
        q.site(s);
    }
    for f in filters {
        let (k, v) = schema::split_pair(f, "--where")?;
        q.filter_str(k, v)?;
    }
    Ok(q)
}

/// Checks a page size against the area's maximum.
pub fn page_size(area: &AreaSchema, asked: Option<u32>) -> Result<u32> {
    match asked {
        None => Ok(area.max_limit),
        Some(n) if n >= 1 && n <= area.max_limit => Ok(n),
        Some(n) => Err(CliError::usage(format!(
            "--page-size {n} is outside 1..={} for `{}`",
            area.max_limit, area.path
        ))
        .hint(format!(
            "L2L refuses pages above {} records in this area",
            area.max_limit
        ))),
    }
}
