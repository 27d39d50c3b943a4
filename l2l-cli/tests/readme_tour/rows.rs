//! The rows a query of the tour returns, as (name, number as text), from SQLite and from
//! PostgreSQL.

use std::path::Path;

pub fn sqlite_rows(path: &Path, sql: &str) -> Vec<(String, String)> {
    use rusqlite::types::Value as V;
    let c = rusqlite::Connection::open(path).expect("the tour's database");
    let mut st = c.prepare(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, V>(1)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                V::Integer(i) => i.to_string(),
                V::Real(f) => f.to_string(),
                V::Text(t) => t,
                other => panic!("{sql}: a count or a sum, not {other:?}"),
            };
            (k, v)
        })
        .collect()
}

pub fn postgres_rows(url: &str, sql: &str) -> Vec<(String, String)> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connects");
    c.simple_query(sql)
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some((
                r.get(0).expect("a name").to_owned(),
                r.get(1).expect("a number").to_owned(),
            )),
            _ => None,
        })
        .collect()
}
