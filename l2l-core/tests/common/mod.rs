//! Shared helpers: a client pointed at a local mock server, with fast retries.
#![allow(dead_code)]

use std::time::Duration;

use l2l_core::{
    AreaSchema, Client, FieldKind, FieldSchema, Operations, RetryPolicy, Scope, Throttle,
};

pub const KEY: &str = "test-key-5f1c9a";

pub fn client(base: &str) -> Client {
    builder(base).build().unwrap()
}

pub fn builder(base: &str) -> l2l_core::ClientBuilder {
    Client::builder()
        .base_url(base)
        .api_key(KEY)
        .throttle(Throttle::off())
        .retry(
            RetryPolicy::default()
                .min_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(50)),
        )
        .timeout(Duration::from_secs(5))
}

static SITE_FIELDS: [FieldSchema; 6] = [
    FieldSchema::new("id", FieldKind::Integer, false)
        .id()
        .read_only(),
    FieldSchema::new("site", FieldKind::Integer, false),
    FieldSchema::new("description", FieldKind::Text, false),
    FieldSchema::new("timezone", FieldKind::Text, true),
    FieldSchema::new("created", FieldKind::DateTime, true).read_only(),
    FieldSchema::new("lastupdated", FieldKind::DateTime, true).read_only(),
];

/// The docs' `sites` area, declared by hand (the macro crate builds on this one).
pub static SITES: AreaSchema =
    AreaSchema::new("Site", "sites", Scope::None, &SITE_FIELDS).operations(Operations::READ_ONLY);

static MACHINE_FIELDS: [FieldSchema; 5] = [
    FieldSchema::new("id", FieldKind::Integer, false)
        .id()
        .read_only(),
    FieldSchema::new("site", FieldKind::Integer, false),
    FieldSchema::new("code", FieldKind::Text, false),
    FieldSchema::new("description", FieldKind::Text, true),
    FieldSchema::new("active", FieldKind::Bool, false),
];

/// A site-scoped area with custom properties.
pub static MACHINES: AreaSchema =
    AreaSchema::new("Machine", "machines", Scope::Site, &MACHINE_FIELDS).custom_properties();

/// A typed site record, as the macro would generate it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Site {
    pub id: i64,
    pub site: i64,
    pub description: String,
    pub timezone: Option<String>,
    pub created: Option<l2l_core::DateTime>,
    pub lastupdated: Option<l2l_core::DateTime>,
}

impl l2l_core::Record for Site {
    fn record_id(&self) -> Option<i64> {
        Some(self.id)
    }
}

/// The docs' five sites (ids 3, 8, 5, 6, 9 in the docs' paging example).
pub fn docs_sites() -> Vec<serde_json::Value> {
    serde_json::from_str(
        r#"[
        { "description": "Sandbox", "created": null, "site": 1, "lastupdated": null, "timezone": "America/Los_Angeles", "id": 3 },
        { "description": "Site 1", "created": "2010-12-30 11:52:50", "site": 43, "lastupdated": "2011-01-10 17:26:47", "timezone": "GMT+4", "id": 8 },
        { "description": "Site 2", "created": null, "site": 1, "lastupdated": null, "timezone": "America/Los_Angeles", "id": 5 },
        { "description": "Site 3", "created": "2010-12-30 11:52:50", "site": 43, "lastupdated": "2011-01-10 17:26:47", "timezone": "GMT+4", "id": 6 },
        { "description": "Site 4", "created": null, "site": 1, "lastupdated": null, "timezone": "America/Los_Angeles", "id": 9 }
    ]"#,
    )
    .unwrap()
}

/// The query arguments of a received request, decoded.
pub fn query_of(req: &wiremock::Request) -> Vec<(String, String)> {
    l2l_core::wire::decode_pairs(req.url.query().unwrap_or(""))
}

pub fn arg(req: &wiremock::Request, key: &str) -> Option<String> {
    query_of(req)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}
