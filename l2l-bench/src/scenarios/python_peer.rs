//! The Python peer of scenario 8: the table it creates and fills (the same typed columns
//! as `l2l sync` makes), and psycopg installed where the interpreter lacks it.

use std::process::Command;

use l2l_sync::Table;

use crate::clients::python;

/// The Python peer's `CREATE TABLE` and its `executemany` statement: the same typed
/// columns as `l2l sync` makes, the id as primary key, an upsert by id.
pub fn table_sql(t: &Table, pg: bool) -> (String, String) {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let ty = if pg { c.ty.postgres() } else { c.ty.sqlite() };
            let pk = if c.name == t.id { " PRIMARY KEY" } else { "" };
            format!("\"{}\" {ty}{pk}", c.name)
        })
        .collect();
    let names: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    let create = format!(
        "CREATE TABLE IF NOT EXISTS \"{}\" ({})",
        t.name,
        cols.join(", ")
    );
    let mark = if pg { "%s" } else { "?" };
    let marks = vec![mark; names.len()].join(", ");
    let sets: Vec<String> = names
        .iter()
        .skip(1)
        .map(|n| format!("{n} = excluded.{n}"))
        .collect();
    let insert = format!(
        "INSERT INTO \"{}\" ({}) VALUES ({marks}) ON CONFLICT (\"{}\") DO UPDATE SET {}",
        t.name,
        names.join(", "),
        t.id,
        sets.join(", ")
    );
    (create, insert)
}

/// Installs psycopg with pip when the interpreter lacks it; whether it is there.
pub fn psycopg() -> bool {
    let has = || {
        Command::new(python::interpreter())
            .args(["-c", "import psycopg"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has() {
        eprintln!("installing psycopg (pip) for the Python peer");
        let _ = Command::new(python::interpreter())
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "psycopg[binary]",
            ])
            .status();
    }
    has()
}
