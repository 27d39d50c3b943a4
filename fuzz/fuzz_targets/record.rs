//! The record type both envelope targets decode into: an id, optional numbers, text,
//! a datetime and a boolean, as L2L's site records have them.

#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct Site {
    id: i64,
    site: Option<i64>,
    description: Option<String>,
    created: Option<l2l_core::DateTime>,
    active: Option<bool>,
}

/// Decodes `body` as an envelope of sites and of untyped records; neither may panic.
pub fn decode_both(body: &[u8], format: l2l_core::Format) {
    let _ = l2l_core::wire::decode::<Site>(body, format, &[]);
    let _ = l2l_core::wire::decode::<serde_json::Value>(body, format, &[]);
}
