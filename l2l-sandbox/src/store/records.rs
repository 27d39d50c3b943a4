//! Generic record operations on any area's table, by field: insert, update, delete, find,
//! and rendering rows straight from SQLite into an answer. CRUD, actions and seeds all
//! write through here, so `created`, `lastupdated`, `lastupdatedby` and the audit trail are
//! kept in one place.

use l2l_core::{FieldKind, FieldSchema};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

use super::schema::{Table, sql_str};
use super::value::{Val, utc_now_stored as now_stored};
use crate::render::Out;

/// Who is making a change: the API user, or the `realuser` it acts for.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    /// The login id changes are tracked to.
    pub(crate) loginid: String,
    /// The API user's login id, when it acts for `loginid` (`realuser`).
    pub(crate) via: Option<String>,
}

impl Actor {
    /// The sandbox itself (seeds).
    pub(crate) fn system() -> Actor {
        Actor {
            loginid: "sandbox".into(),
            via: None,
        }
    }
}

/// Values to write, by field.
pub(crate) type Values = Vec<(&'static FieldSchema, Val)>;

fn stamp(table: &Table, values: &mut Values, actor: &Actor, creating: bool) {
    let now = now_stored();
    let time = |name: &str| {
        table.field(name).and_then(|f| match f.kind {
            FieldKind::DateTime => Some((f, Val::Text(now.clone()))),
            FieldKind::Date => Some((f, Val::Text(now[..10].to_owned()))),
            _ => None,
        })
    };
    let who = |name: &str| {
        table
            .field(name)
            .filter(|f| f.kind == FieldKind::Text)
            .map(|f| (f, Val::Text(actor.loginid.clone())))
    };
    let mut add = |pair: Option<(&'static FieldSchema, Val)>| {
        if let Some((f, v)) = pair
            && !values.iter().any(|(g, _)| g.api_name == f.api_name)
        {
            values.push((f, v));
        }
    };
    if creating {
        add(time("created"));
        add(who("createdby"));
    }
    add(time("lastupdated"));
    add(who("lastupdatedby"));
}

/// Records a change in the audit trail.
pub(crate) fn audit(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    area: &str,
    record: Option<i64>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO _audit (at, loginid, realuser, action, area, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![
        now_stored(),
        actor.via.as_deref().unwrap_or(&actor.loginid),
        actor.via.as_ref().map(|_| &actor.loginid),
        action,
        area,
        record
    ])
    .map(drop)
}

/// Inserts a record, stamping `created`/`lastupdated`/`lastupdatedby`; returns its id.
pub(crate) fn insert(
    conn: &Connection,
    table: &Table,
    mut values: Values,
    actor: &Actor,
) -> rusqlite::Result<i64> {
    stamp(table, &mut values, actor, true);
    let id = if values.is_empty() {
        conn.prepare_cached(&format!("INSERT INTO {} DEFAULT VALUES", table.sql))?
            .insert([])?
    } else {
        let cols: Vec<&str> = values.iter().map(|(f, _)| table.column(f)).collect();
        let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
        conn.prepare_cached(&format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.sql,
            cols.join(", "),
            marks.join(", ")
        ))?
        .insert(params_from_iter(values.iter().map(|(_, v)| v)))?
    };
    audit(conn, actor, "create", table.path(), Some(id))?;
    Ok(id)
}

/// Updates a record's fields (and `lastupdated`, unless `stamp_time` is false); false when
/// there is no such record.
pub(crate) fn update(
    conn: &Connection,
    table: &Table,
    id: i64,
    mut values: Values,
    actor: &Actor,
    stamp_time: bool,
) -> rusqlite::Result<bool> {
    if stamp_time {
        stamp(table, &mut values, actor, false);
    }
    if values.is_empty() {
        return exists(conn, table, id);
    }
    let sets: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, (f, _))| format!("{} = ?{}", table.column(f), i + 1))
        .collect();
    let n = conn
        .prepare_cached(&format!(
            "UPDATE {} SET {} WHERE {} = ?{}",
            table.sql,
            sets.join(", "),
            table.id_column(),
            values.len() + 1
        ))?
        .execute(params_from_iter(
            values
                .iter()
                .map(|(_, v)| v.clone())
                .chain(std::iter::once(Val::Int(id))),
        ))?;
    if n > 0 {
        audit(conn, actor, "update", table.path(), Some(id))?;
    }
    Ok(n > 0)
}

/// Deletes a record and its custom properties; false when there is no such record.
pub(crate) fn delete(
    conn: &Connection,
    table: &Table,
    id: i64,
    actor: &Actor,
) -> rusqlite::Result<bool> {
    let n = conn
        .prepare_cached(&format!(
            "DELETE FROM {} WHERE {} = ?1",
            table.sql,
            table.id_column()
        ))?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM _custom WHERE area = ?1 AND record = ?2")?
        .execute(rusqlite::params![table.path(), id])?;
    if n > 0 {
        audit(conn, actor, "delete", table.path(), Some(id))?;
    }
    Ok(n > 0)
}

/// Whether a record with this id exists.
pub(crate) fn exists(conn: &Connection, table: &Table, id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(&format!(
        "SELECT 1 FROM {} WHERE {} = ?1",
        table.sql,
        table.id_column()
    ))?
    .exists([id])
}

/// The id of the first record whose `field` equals `value` (within `site`, when the area
/// has a site field and a site is given).
pub(crate) fn find(
    conn: &Connection,
    table: &Table,
    field: &str,
    value: &Val,
    site: Option<i64>,
) -> rusqlite::Result<Option<i64>> {
    let Some(f) = table.field(field) else {
        return Ok(None);
    };
    let (site_sql, site_val) = match (table.site_field(), site) {
        (Some(_), Some(s)) => (" AND \"site\" = ?2", Val::Int(s)),
        _ => (" AND ?2 IS NULL", Val::Null),
    };
    conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE {} = ?1{site_sql} ORDER BY {} LIMIT 1",
        table.id_column(),
        table.sql,
        table.column(f),
        table.id_column()
    ))?
    .query_row(rusqlite::params![value, site_val], |r| r.get(0))
    .optional()
}

/// One field of one record.
pub(crate) fn get(
    conn: &Connection,
    table: &Table,
    id: i64,
    field: &str,
) -> rusqlite::Result<Option<Val>> {
    let Some(f) = table.field(field) else {
        return Ok(None);
    };
    conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        table.column(f),
        table.sql,
        table.id_column()
    ))?
    .query_row([id], |r| Ok(to_val(r.get_ref(0)?)))
    .optional()
}

/// A value read back from SQLite.
pub(crate) fn to_val(v: ValueRef<'_>) -> Val {
    match v {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => Val::Int(i),
        ValueRef::Real(f) => Val::Real(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
    }
}

/// Sets custom properties of a record (creating their names for the area).
pub(crate) fn set_custom(
    conn: &Connection,
    area: &str,
    id: i64,
    props: &[(String, String)],
) -> rusqlite::Result<()> {
    for (name, value) in props {
        conn.prepare_cached("INSERT OR IGNORE INTO _custom_names (area, name) VALUES (?1, ?2)")?
            .execute([area, name])?;
        conn.prepare_cached(
            "INSERT OR REPLACE INTO _custom (area, record, name, value) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(rusqlite::params![area, id, name, value])?;
    }
    Ok(())
}

/// Whether the area has a custom property of this name.
pub(crate) fn custom_exists(conn: &Connection, area: &str, name: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM _custom_names WHERE area = ?1 AND name = ?2")?
        .exists([area, name])
}

/// Which columns an answer holds, and whether custom properties come along.
#[derive(Debug, Clone)]
pub(crate) struct Projection {
    /// The fields, in output order.
    pub(crate) fields: Vec<&'static FieldSchema>,
    /// Custom properties: `None` for none, `Some(empty)` for all, else these names.
    pub(crate) custom: Option<Vec<String>>,
}

impl Projection {
    /// Every returned field (write-only ones are never returned).
    pub(crate) fn all(table: &Table) -> Projection {
        Projection {
            fields: table
                .schema
                .fields
                .iter()
                .filter(|f| !f.write_only)
                .collect(),
            custom: None,
        }
    }

    /// The select list, for a table aliased `t`.
    pub(crate) fn select(&self, table: &Table) -> String {
        let mut s = String::new();
        for (i, f) in self.fields.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str("t.");
            s.push_str(table.column(f));
        }
        if let Some(names) = &self.custom {
            if !s.is_empty() {
                s.push_str(", ");
            }
            s.push_str(&format!(
                "(SELECT json_group_object(name, value) FROM _custom WHERE area = {} AND record = t.{}",
                sql_str(table.path()),
                table.id_column()
            ));
            if !names.is_empty() {
                let list: Vec<String> = names.iter().map(|n| sql_str(n)).collect();
                s.push_str(&format!(" AND name IN ({})", list.join(", ")));
            }
            s.push(')');
        }
        if s.is_empty() {
            s.push_str("NULL");
        }
        s
    }

    /// Writes one row (selected with [`Projection::select`]) as a record object.
    pub(crate) fn write_row(&self, out: &mut Out, row: &Row<'_>) -> rusqlite::Result<()> {
        out.begin_object();
        for (i, f) in self.fields.iter().enumerate() {
            out.key(f.api_name);
            write_value(out, f.kind, row.get_ref(i)?);
        }
        if self.custom.is_some()
            && let ValueRef::Text(t) = row.get_ref(self.fields.len())?
            && let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(t)
        {
            for (k, v) in map {
                out.key(&format!("custom__{k}"));
                out.json(&v);
            }
        }
        out.end_object();
        Ok(())
    }
}

/// Writes a stored value of `kind`.
pub(crate) fn write_value(out: &mut Out, kind: FieldKind, v: ValueRef<'_>) {
    match (kind, v) {
        (_, ValueRef::Null) => out.null(),
        (FieldKind::Bool, ValueRef::Integer(i)) => out.bool(i != 0),
        (FieldKind::Decimal, ValueRef::Real(f)) => out.str(&decimal(f)),
        (FieldKind::Decimal, ValueRef::Integer(i)) => out.str(&format!("{i}.00")),
        (FieldKind::Float, ValueRef::Integer(i)) => out.float(i as f64),
        (_, ValueRef::Integer(i)) => out.int(i),
        (_, ValueRef::Real(f)) => out.float(f),
        (FieldKind::DateTime, ValueRef::Text(t)) => out.datetime(&String::from_utf8_lossy(t)),
        (FieldKind::Json, ValueRef::Text(t)) => out.raw_json(&String::from_utf8_lossy(t)),
        (_, ValueRef::Text(t) | ValueRef::Blob(t)) => match std::str::from_utf8(t) {
            Ok(s) => out.str(s),
            Err(_) => out.str(&String::from_utf8_lossy(t)),
        },
    }
}

/// A decimal written as L2L does: at least two decimal places (`"3903.00"`).
pub(crate) fn decimal(f: f64) -> String {
    let two = format!("{f:.2}");
    if two.parse::<f64>().ok() == Some(f) {
        two
    } else {
        ryu::Buffer::new().format(f).to_owned()
    }
}

/// Writes the record with this id; false when there is none.
pub(crate) fn write_record(
    conn: &Connection,
    table: &Table,
    id: i64,
    projection: &Projection,
    out: &mut Out,
) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {} AS t WHERE t.{} = ?1",
        projection.select(table),
        table.sql,
        table.id_column()
    ))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(row) => {
            projection.write_row(out, row)?;
            Ok(true)
        }
        None => Ok(false),
    }
}
