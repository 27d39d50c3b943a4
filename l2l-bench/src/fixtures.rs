//! Deterministic records of any area, rendered the way the sandbox renders them (through
//! its own [`Out`] writer), so that the in-memory server and the decoding benchmarks serve
//! the bytes a real list answer has.
//!
//! Values follow the sandbox's bulk seed: record `i` (from 0) has id `i + 1`, site 1, codes
//! `MAC-0000042`, text `"<field> <n>"`, every tenth nullable value null and datetimes one
//! second apart from 2024-01-01.

use l2l_core::{AreaSchema, FieldKind, FieldSchema, Format};
use l2l_sandbox::Out;

/// The area every benchmark reads: machines, the area of the docs' own paging example
/// (page size up to 2000).
pub fn area() -> &'static AreaSchema {
    <l2l_areas::Machine as l2l_core::RecordArea>::SCHEMA
}

/// The fields a list answer carries (write-only fields are never returned).
fn returned(schema: &AreaSchema) -> impl Iterator<Item = &FieldSchema> {
    schema.fields.iter().filter(|f| !f.write_only)
}

fn stored_datetime(i: u64) -> String {
    let day = (i / 86_400) % 28;
    let s = i % 86_400;
    format!(
        "2024-01-{:02}T{:02}:{:02}:{:02}.000000",
        day + 1,
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

/// Writes record `i` of `schema` as one object into `out` (which must be positioned where
/// a value goes).
pub fn write_record(out: &mut Out, schema: &AreaSchema, i: u64) {
    let n = i + 1;
    let prefix: String = schema
        .path
        .chars()
        .take(3)
        .collect::<String>()
        .to_uppercase();
    out.begin_object();
    for f in returned(schema) {
        out.key(f.api_name);
        if f.id {
            out.int(n as i64);
        } else if f.api_name == "site" {
            out.int(1);
        } else if f.nullable && n.is_multiple_of(10) {
            out.null();
        } else {
            match f.kind {
                FieldKind::Integer => out.int((n % 100 + 1) as i64),
                FieldKind::Float | FieldKind::Decimal => out.float((n % 1000) as f64 / 4.0),
                FieldKind::Bool => out.bool(f.api_name == "active" || n.is_multiple_of(2)),
                FieldKind::Text if f.api_name == "code" => out.str(&format!("{prefix}-{n:07}")),
                FieldKind::Text => out.str(&format!("{} {n}", f.api_name)),
                FieldKind::Date => out.str(&stored_datetime(n * 86_400)[..10]),
                FieldKind::DateTime => out.datetime(&stored_datetime(n)),
                _ => out.str(""),
            }
        }
    }
    out.end_object();
}

/// One record as JSON text (no trailing separator).
pub fn record_json(schema: &AreaSchema, i: u64) -> Vec<u8> {
    // `Out` writes a whole envelope; take the record out of `{"data":[<record>]}`.
    let mut out = Out::new(Format::Json, false);
    out.begin();
    out.key("data");
    out.begin_array();
    write_record(&mut out, schema, i);
    out.end_array();
    out.end();
    let bytes = out.into_bytes();
    let start = bytes.iter().position(|b| *b == b'[').map_or(0, |p| p + 1);
    let end = bytes
        .iter()
        .rposition(|b| *b == b']')
        .unwrap_or(bytes.len());
    bytes[start..end].to_vec()
}

/// A whole list answer of records `first..first + count` in JSON or XML, as the sandbox
/// writes it (`limit`, `data`, `success`, `offset`).
pub fn page(schema: &AreaSchema, format: Format, first: u64, count: u64, limit: u64) -> Vec<u8> {
    let mut out = Out::new(format, false);
    out.reserve(count as usize * 700);
    out.begin();
    out.key("limit");
    out.int(limit as i64);
    out.key("data");
    out.begin_array();
    for i in first..first + count {
        write_record(&mut out, schema, i);
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.key("offset");
    out.int(first as i64);
    out.end();
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_decode_into_the_typed_record_in_both_formats() {
        for (format, core) in [
            (Format::Json, l2l_core::Format::Json),
            (Format::Xml, l2l_core::Format::Xml),
        ] {
            let body = page(area(), format, 0, 25, 25);
            let env = l2l_core::wire::decode::<l2l_areas::Machine>(&body, core, &[])
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
            let records = env.data.expect("data").into_vec();
            assert_eq!(records.len(), 25);
            assert_eq!(records[9].id, 10);
            assert!(records[9].description.is_none());
            assert_eq!(records[0].code, "MAC-0000001");
        }
    }

    #[test]
    fn one_record_is_the_same_text_as_in_a_page() {
        let one = record_json(area(), 4);
        let body = page(area(), Format::Json, 4, 1, 1);
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains(std::str::from_utf8(&one).unwrap()));
        assert!(one.starts_with(b"{") && one.ends_with(b"}"));
    }
}
