//! The foreign-key forms L2L's samples use, resolved against the catalog:
//!
//! - `<fk>_id` (`area_id`, `line_id`): the foreign-key field itself;
//! - `<ref>code` (`areacode`, `linecode`, `machinecode`, `dispatchtypecode`): the referenced
//!   area's `code`, through the field that refers to it, directly or through one more area
//!   (`areacode` on machines goes through the machine's line);
//! - `<ref>_externalid` (`line_externalid`): the referenced area's `externalid`;
//! - `<fk>id` (`dispatchid` on dispatch technicians): the foreign-key field, as
//!   integrations send it; and `<area>id` on the area itself (`technicianid` on
//!   technicians): its own id (a filter only, never written).

use l2l_core::FieldSchema;

use crate::store::{Catalog, Table};

/// How an alias reaches its value: the chain of foreign keys from the area, and the field
/// compared at its end.
#[derive(Debug)]
pub(crate) struct Alias<'c> {
    /// Each hop: the foreign-key field and the area it leads to.
    pub(crate) hops: Vec<(&'static FieldSchema, &'c Table)>,
    /// The field compared in the last area (its `code`, `externalid`, or the key itself
    /// when there is no hop).
    pub(crate) field: &'static FieldSchema,
}

/// The foreign-key fields of `table` that lead to `target`, the one named `name` first.
fn fks_to(
    catalog: &Catalog,
    table: &Table,
    target: &Table,
    name: &str,
) -> Vec<&'static FieldSchema> {
    let mut out: Vec<&'static FieldSchema> = table
        .schema
        .fields
        .iter()
        .filter(|f| catalog.target(f).is_some_and(|t| t.path() == target.path()))
        .collect();
    out.sort_by_key(|f| f.api_name != name);
    out
}

/// Resolves `key` (not itself a field of `table`) as a foreign-key alias.
pub(crate) fn resolve<'c>(catalog: &'c Catalog, table: &'c Table, key: &str) -> Option<Alias<'c>> {
    if let Some(fk) = key.strip_suffix("_id")
        && let Some(f) = table.field(fk)
        && catalog.target(f).is_some()
    {
        return Some(Alias {
            hops: Vec::new(),
            field: f,
        });
    }
    if let Some(fk) = key
        .strip_suffix("id")
        .filter(|n| !n.is_empty() && !n.ends_with('_'))
    {
        if let Some(f) = table.field(fk)
            && catalog.target(f).is_some()
        {
            return Some(Alias {
                hops: Vec::new(),
                field: f,
            });
        }
        if table.path() == format!("{fk}s")
            && let Some(id) = table.id
        {
            return Some(Alias {
                hops: Vec::new(),
                field: id,
            });
        }
    }
    let (name, end) = if let Some(n) = key.strip_suffix("_externalid") {
        (n, "externalid")
    } else if let Some(n) = key.strip_suffix("code") {
        (n.trim_end_matches('_'), "code")
    } else {
        return None;
    };
    if name.is_empty() {
        return None;
    }
    let target = catalog.referenced(name)?;
    let end_field = target.field(end)?;
    // Directly.
    if let Some(f) = fks_to(catalog, table, target, name).first() {
        return Some(Alias {
            hops: vec![(*f, target)],
            field: end_field,
        });
    }
    // Through one more area.
    for f in table.schema.fields {
        let Some(mid) = catalog.target(f) else {
            continue;
        };
        if mid.path() == table.path() {
            continue;
        }
        if let Some(g) = fks_to(catalog, mid, target, name).first() {
            return Some(Alias {
                hops: vec![(f, mid), (*g, target)],
                field: end_field,
            });
        }
    }
    None
}
