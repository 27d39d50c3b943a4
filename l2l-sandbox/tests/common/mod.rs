//! Shared helpers: record areas declared by hand (as the macro declares them), a sandbox
//! serving them, and raw HTTP helpers for checking exact answer shapes.
#![allow(dead_code)]

use std::collections::BTreeMap;

use l2l_core::FieldKind::{self, *};
use l2l_core::{AreaSchema, FieldSchema, Scope};
use l2l_sandbox::{Sandbox, SandboxBuilder};
use rusqlite::types::ValueRef;
use serde_json::Value;

const fn field(name: &'static str, kind: FieldKind, nullable: bool) -> FieldSchema {
    FieldSchema::new(name, kind, nullable)
}
const fn f(name: &'static str, kind: FieldKind) -> FieldSchema {
    field(name, kind, false)
}
const fn n(name: &'static str, kind: FieldKind) -> FieldSchema {
    field(name, kind, true)
}
const fn ro(name: &'static str, kind: FieldKind) -> FieldSchema {
    field(name, kind, true).read_only()
}
const ID: FieldSchema = field("id", Integer, false).id().read_only();

const fn area(
    name: &'static str,
    path: &'static str,
    scope: Scope,
    fields: &'static [FieldSchema],
) -> AreaSchema {
    AreaSchema::new(name, path, scope, fields)
}

/// An area with a field of every kind, for the lookups.
pub static SAMPLES: AreaSchema = area(
    "Sample",
    "samples",
    Scope::Site,
    &[
        ID,
        f("site", Integer),
        f("name", Text),
        n("qty", Float),
        n("price", Decimal),
        n("day", Date),
        n("at", DateTime),
        n("tags", Json),
        n("flag", Bool),
        n("count", Integer),
        ro("lastupdated", DateTime),
    ],
)
.max_limit(50);

/// Every built-in area, and `samples`.
pub fn test_areas() -> &'static [&'static AreaSchema] {
    static ALL: std::sync::LazyLock<Vec<&'static AreaSchema>> = std::sync::LazyLock::new(|| {
        let mut v = l2l_areas::AREAS.to_vec();
        v.push(&SAMPLES);
        v
    });
    ALL.as_slice()
}

pub fn builder() -> SandboxBuilder {
    Sandbox::builder().areas(test_areas())
}

pub async fn sandbox() -> Sandbox {
    builder().start().await.expect("sandbox starts")
}

/// Raw HTTP for exact shapes.
pub struct Raw {
    pub base: String,
    pub key: String,
    pub http: reqwest::Client,
}

impl Raw {
    pub fn new(sb: &Sandbox) -> Raw {
        Raw {
            base: sb.api_url(),
            key: sb.api_key().to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// GET `path?query` with `auth=<key>` first; returns status and body text.
    pub async fn get_text(&self, path_query: &str) -> (u16, String) {
        let sep = if path_query.contains('?') { '&' } else { '?' };
        let url = format!("{}{path_query}{sep}auth={}", self.base, self.key);
        let r = self.http.get(url).send().await.expect("request");
        (r.status().as_u16(), r.text().await.expect("body"))
    }

    pub async fn get(&self, path_query: &str) -> (u16, Value) {
        let (s, t) = self.get_text(path_query).await;
        (
            s,
            serde_json::from_str(&t).unwrap_or_else(|e| panic!("{e}: {t}")),
        )
    }

    /// GET that must succeed; returns the whole envelope.
    pub async fn ok(&self, path_query: &str) -> Value {
        let (s, v) = self.get(path_query).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["success"], true, "{path_query}: {v}");
        v
    }

    /// GET that must fail with HTTP 200 and success false; returns the messages.
    pub async fn refused(&self, path_query: &str) -> String {
        let (s, v) = self.get(path_query).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["success"], false, "{path_query}: {v}");
        v.to_string()
    }

    /// A form request (`method` POST, PUT or DELETE) with `auth` in the body.
    pub async fn send(&self, method: &str, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let mut body: Vec<(&str, &str)> = vec![("auth", &self.key)];
        body.extend_from_slice(form);
        let url = format!("{}{path}", self.base);
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let r = self
            .http
            .request(m, url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(l2l_core::wire::pairs(body.iter().copied()))
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")),
        )
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Value {
        let (s, v) = self.send("POST", path, form).await;
        assert_eq!(s, 200, "{v}");
        v
    }
}

/// The ids of a list answer's records.
pub fn ids(v: &Value) -> Vec<i64> {
    v["data"]
        .as_array()
        .unwrap_or_else(|| panic!("no data list: {v}"))
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

/// A field of every record of a list answer, as strings.
pub fn column(v: &Value, name: &str) -> Vec<String> {
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match &r[name] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}
pub mod wild;

/// Every record of every declared area, as text by field, without the times the store
/// stamps when it writes (`created`, `lastupdated`).
pub type Dump = BTreeMap<String, Vec<BTreeMap<String, String>>>;

pub async fn dump(sb: &l2l_sandbox::Sandbox) -> Dump {
    sb.with_db(|c| {
        let mut out = Dump::new();
        for area in l2l_areas::AREAS {
            let mut stmt = c
                .prepare(&format!("SELECT * FROM \"a_{}\" ORDER BY 1", area.path))
                .unwrap();
            let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
            let mut rows = stmt.query([]).unwrap();
            let mut records = Vec::new();
            while let Some(row) = rows.next().unwrap() {
                let mut rec = BTreeMap::new();
                for (i, name) in names.iter().enumerate() {
                    if matches!(name.as_str(), "created" | "lastupdated") {
                        continue;
                    }
                    let v = match row.get_ref(i).unwrap() {
                        ValueRef::Null => continue,
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Real(x) => x.to_string(),
                        ValueRef::Text(s) | ValueRef::Blob(s) => {
                            String::from_utf8_lossy(s).into_owned()
                        }
                    };
                    rec.insert(name.clone(), v);
                }
                records.push(rec);
            }
            out.insert(area.path.to_owned(), records);
        }
        out
    })
    .await
    .unwrap()
}
