//! The Singer catalog of `l2l tap --discover`, and the streams a `--catalog` selects.
//!
//! A stream per area: `tap_stream_id` and `stream` are the area's path, `key_properties`
//! its id, and the JSON Schema is made from the columns `l2l sync` gives the area (one
//! definition of the types: [`l2l_sync::Table`]). Areas with `lastupdated` are
//! replicated incrementally by it, the others in full.

use l2l_areas::AreaSchema;
use l2l_sync::{ColumnType, EXTRA, Table};
use serde_json::{Map, Value, json};

use super::singer::DELETED_AT;

/// The JSON Schema of a column of this type.
fn column_schema(ty: ColumnType, nullable: bool) -> Value {
    let (types, format): (&[&str], Option<&str>) = match ty {
        ColumnType::Integer => (&["integer"], None),
        ColumnType::Float | ColumnType::Numeric => (&["number"], None),
        ColumnType::Boolean => (&["boolean"], None),
        ColumnType::Timestamp => (&["string"], Some("date-time")),
        ColumnType::Date => (&["string"], Some("date")),
        ColumnType::Text => (&["string"], None),
        ColumnType::Json => (&["object", "array"], None),
    };
    let mut types: Vec<&str> = types.to_vec();
    if nullable {
        types.push("null");
    }
    let mut s = Map::new();
    s.insert("type".into(), json!(types));
    if let Some(f) = format {
        s.insert("format".into(), json!(f));
    }
    Value::Object(s)
}

/// The replication key of an area: `lastupdated` where it has it.
pub fn replication_key(area: &AreaSchema) -> Option<&'static str> {
    area.field("lastupdated").map(|f| f.api_name)
}

/// The JSON Schema of an area's records.
pub fn schema(area: &AreaSchema) -> Value {
    let table = Table::of(area);
    let mut props = Map::new();
    for c in &table.columns {
        let nullable = c.name != table.id && area.field(&c.name).is_none_or(|f| f.nullable);
        props.insert(c.name.clone(), column_schema(c.ty, nullable));
    }
    // The properties L2L sends that the area does not declare (custom properties).
    props.insert(EXTRA.into(), json!({"type": ["object", "null"]}));
    props.insert(
        DELETED_AT.into(),
        json!({"type": ["string", "null"], "format": "date-time"}),
    );
    json!({"type": "object", "properties": props})
}

/// The catalog entry of an area.
pub fn stream(area: &AreaSchema) -> Value {
    let table = Table::of(area);
    let key = replication_key(area);
    let method = if key.is_some() {
        "INCREMENTAL"
    } else {
        "FULL_TABLE"
    };
    let mut metadata = vec![json!({
        "breadcrumb": [],
        "metadata": {
            "inclusion": "available",
            "selected-by-default": true,
            "forced-replication-method": method,
            "valid-replication-keys": key.map_or_else(Vec::new, |k| vec![k]),
            "table-key-properties": [table.id],
        }
    })];
    for c in &table.columns {
        let automatic = c.name == table.id || Some(c.name.as_str()) == key;
        metadata.push(json!({
            "breadcrumb": ["properties", c.name],
            "metadata": {
                "inclusion": if automatic { "automatic" } else { "available" },
                "selected-by-default": true,
            }
        }));
    }
    let mut s = json!({
        "tap_stream_id": area.path,
        "stream": area.path,
        "table_name": table.name,
        "key_properties": [table.id],
        "replication_method": method,
        "schema": schema(area),
        "metadata": metadata,
    });
    if let Some(k) = key {
        s["replication_key"] = json!(k);
    }
    s
}

/// What a `--catalog` selects of one stream: the stream, and which of its table's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    /// The stream id (the area's path).
    pub stream: String,
    /// For each column of the area's table, whether it is sent.
    pub columns: Vec<bool>,
}

fn meta_of<'a>(stream: &'a Value, breadcrumb: &[&str]) -> Option<&'a Map<String, Value>> {
    stream.get("metadata")?.as_array()?.iter().find_map(|m| {
        let b = m.get("breadcrumb")?.as_array()?;
        (b.len() == breadcrumb.len() && b.iter().zip(breadcrumb).all(|(x, y)| x == *y))
            .then(|| m.get("metadata")?.as_object())
            .flatten()
    })
}

/// Whether a metadata entry selects: `selected` where set, else `selected-by-default`.
fn selects(meta: Option<&Map<String, Value>>, default: bool) -> bool {
    let Some(m) = meta else { return default };
    if m.get("inclusion").and_then(Value::as_str) == Some("automatic") {
        return true;
    }
    if m.get("inclusion").and_then(Value::as_str) == Some("unsupported") {
        return false;
    }
    m.get("selected")
        .and_then(Value::as_bool)
        .or_else(|| m.get("selected-by-default").and_then(Value::as_bool))
        .unwrap_or(default)
}

/// The streams a catalog selects, in its order, checked against `area_of`: a stream the
/// tap does not know is an error that names it.
pub fn selected(
    catalog: &Value,
    area_of: impl Fn(&str) -> Option<&'static AreaSchema>,
) -> Result<Vec<(&'static AreaSchema, Selected)>, String> {
    let streams = catalog
        .get("streams")
        .and_then(Value::as_array)
        .ok_or("the catalog has no `streams` list")?;
    let mut out = Vec::new();
    for (i, s) in streams.iter().enumerate() {
        let id = s
            .get("tap_stream_id")
            .or_else(|| s.get("stream"))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("stream {i} of the catalog has no `tap_stream_id`"))?;
        let root = meta_of(s, &[]);
        let legacy = s
            .get("schema")
            .and_then(|x| x.get("selected"))
            .and_then(Value::as_bool);
        let on = match root
            .and_then(|m| m.get("selected"))
            .and_then(Value::as_bool)
        {
            Some(b) => b,
            None => legacy.unwrap_or_else(|| selects(root, false)),
        };
        if !on {
            continue;
        }
        let area = area_of(id).ok_or_else(|| {
            format!("the catalog selects stream `{id}`, which is no area the tap knows (run --discover again)")
        })?;
        let table = Table::of(area);
        let columns = table
            .columns
            .iter()
            .map(|c| selects(meta_of(s, &["properties", &c.name]), true))
            .collect();
        out.push((
            area,
            Selected {
                stream: id.to_owned(),
                columns,
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use l2l_areas::RecordArea as _;

    #[test]
    fn a_stream_has_typed_properties_and_incremental_metadata() {
        let s = stream(l2l_areas::Machine::SCHEMA);
        assert_eq!(s["tap_stream_id"], "machines");
        assert_eq!(s["key_properties"], json!(["id"]));
        assert_eq!(s["replication_key"], "lastupdated");
        let p = &s["schema"]["properties"];
        assert_eq!(p["id"]["type"], json!(["integer"]));
        assert_eq!(p["lastupdated"]["format"], "date-time");
        let root = meta_of(&s, &[]).unwrap();
        assert_eq!(root["forced-replication-method"], "INCREMENTAL");
        assert_eq!(root["valid-replication-keys"], json!(["lastupdated"]));
    }

    #[test]
    fn selection_follows_selected_then_the_default_and_names_unknown_streams() {
        let area = |id: &str| l2l_areas::AREAS.iter().copied().find(|a| a.path == id);
        let mut m = stream(l2l_areas::Machine::SCHEMA);
        let mut catalog = json!({"streams": [m.clone()]});
        assert_eq!(
            selected(&catalog, area).unwrap().len(),
            1,
            "selected by default"
        );
        m["metadata"][0]["metadata"]["selected"] = json!(false);
        catalog = json!({"streams": [m.clone()]});
        assert!(selected(&catalog, area).unwrap().is_empty());
        m["metadata"][0]["metadata"]["selected"] = json!(true);
        // A property turned off is left out; the key stays.
        let desc = m["metadata"]
            .as_array()
            .unwrap()
            .iter()
            .position(|x| x["breadcrumb"] == json!(["properties", "description"]))
            .unwrap();
        m["metadata"][desc]["metadata"]["selected"] = json!(false);
        m["metadata"][1]["metadata"]["selected"] = json!(false);
        let got = selected(&json!({"streams": [m.clone()]}), area).unwrap();
        let table = Table::of(l2l_areas::Machine::SCHEMA);
        let col = |n: &str| table.columns.iter().position(|c| c.name == n).unwrap();
        assert!(!got[0].1.columns[col("description")]);
        assert!(got[0].1.columns[col("id")]);
        m["tap_stream_id"] = json!("nope");
        let err = selected(&json!({"streams": [m]}), area).unwrap_err();
        assert!(err.contains("`nope`"), "{err}");
    }
}
