//! The Singer side of `l2l tap`: the messages it writes (SCHEMA, RECORD, STATE) and a
//! [`Sink`] of the l2l-sync engine that writes them, so that the tap pages, retries and
//! resumes as `l2l sync` does.
//!
//! Exactly once, as far as a Singer target keeps records by key: a STATE message is
//! written (and stdout flushed) only after every RECORD it covers, so a run killed
//! anywhere and started again from its last STATE reads on from there; what was sent after
//! that STATE is sent again, and the target's upsert by `id` keeps one row of each.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use l2l_sync::{Cell, ColumnType, Deletions, Row, Sink, StateKey, SyncState, Table};
use serde_json::{Map, Value, json};

/// The bookmarks of every stream: by stream, then by site (`"tenant"` for an area kept
/// for the whole tenant), the state `l2l sync` keeps.
pub type Bookmarks = BTreeMap<String, BTreeMap<String, SyncState>>;

/// The key of a site in [`Bookmarks`].
pub fn site_key(site: Option<i64>) -> String {
    site.map_or_else(|| "tenant".to_owned(), |s| s.to_string())
}

/// Reads the bookmarks out of a Singer state file's `{"bookmarks": ...}` (or the value of
/// a STATE message, which Meltano hands back in the same shape).
pub fn read_state(text: &str) -> Result<Bookmarks, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let v = v.get("value").cloned().unwrap_or(v);
    match v.get("bookmarks") {
        None | Some(Value::Null) => Ok(Bookmarks::new()),
        Some(b) => serde_json::from_value(b.clone())
            .map_err(|e| format!("its `bookmarks` are not the tap's: {e}")),
    }
}

/// Where the messages go (stdout, or a buffer in tests), and the bookmarks so far.
pub struct Out {
    w: Box<dyn Write + Send>,
    bookmarks: Bookmarks,
    extracted: String,
}

/// An [`Out`] shared by the streams of one run.
pub type Shared = Arc<Mutex<Out>>;

impl Out {
    /// Messages to `w`, starting from `bookmarks`.
    pub fn shared(w: Box<dyn Write + Send>, bookmarks: Bookmarks) -> Shared {
        Arc::new(Mutex::new(Out {
            w,
            bookmarks,
            extracted: now(),
        }))
    }

    /// Writes one message, a line of JSON.
    pub fn message(&mut self, m: &Value) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.w, m)?;
        self.w.write_all(b"\n")
    }

    /// The saved state of (stream, site), if any.
    pub fn saved(&self, stream: &str, site: Option<i64>) -> Option<SyncState> {
        self.bookmarks.get(stream)?.get(&site_key(site)).cloned()
    }

    /// Writes the STATE message of every bookmark (the last message of a run), then flushes.
    pub fn finish(&mut self) -> std::io::Result<()> {
        let m = json!({"type": "STATE", "value": {"bookmarks": self.bookmarks}});
        self.message(&m)?;
        self.w.flush()
    }

    /// Records `state` and writes the STATE message of every bookmark, then flushes.
    fn state(&mut self, stream: &str, state: &SyncState) -> std::io::Result<()> {
        self.bookmarks
            .entry(stream.to_owned())
            .or_default()
            .insert(site_key(state.site), state.clone());
        let m = json!({"type": "STATE", "value": {"bookmarks": self.bookmarks}});
        self.message(&m)?;
        self.w.flush()
    }
}

/// Now, in RFC 3339 (UTC), for `time_extracted`.
fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| String::new(), |t| t.to_string())
}

/// A date and time as L2L sends it (`2024-05-05 22:39:47`, UTC) in RFC 3339, as JSON
/// Schema's `date-time` wants it; anything else is left as it is.
pub fn rfc3339(text: &str) -> String {
    let b = text.as_bytes();
    if b.len() >= 19
        && (b[10] == b' ' || b[10] == b'T')
        && b[..10].iter().filter(|c| **c == b'-').count() == 2
    {
        let mut s = String::with_capacity(text.len() + 1);
        s.push_str(&text[..10]);
        s.push('T');
        s.push_str(&text[11..]);
        let has_zone = s[19..].contains(['Z', '+', '-']);
        if !has_zone {
            s.push('Z');
        }
        return s;
    }
    text.to_owned()
}

/// A row as the record of a RECORD message: each column's value typed as the stream's
/// schema says, and the properties the schema does not declare under `_extra`.
pub fn record(table: &Table, row: &Row, columns: &[bool]) -> Map<String, Value> {
    let mut m = Map::with_capacity(table.columns.len() + 1);
    for ((c, cell), keep) in table.columns.iter().zip(&row.cells).zip(columns) {
        if !keep {
            continue;
        }
        let v = match cell {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::from(*i),
            Cell::Float(f) => Value::from(*f),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Text(t) => match c.ty {
                ColumnType::Timestamp => Value::String(rfc3339(t)),
                ColumnType::Numeric | ColumnType::Float | ColumnType::Integer => t
                    .trim()
                    .parse::<serde_json::Number>()
                    .map_or_else(|_| Value::String(t.to_string()), Value::Number),
                ColumnType::Json => {
                    serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string()))
                }
                _ => Value::String(t.to_string()),
            },
        };
        m.insert(c.name.clone(), v);
    }
    if let Some(extra) = &row.extra {
        m.insert(
            l2l_sync::EXTRA.to_owned(),
            serde_json::from_str(extra).unwrap_or(Value::Null),
        );
    }
    m
}

/// The Singer destination of one stream: RECORD messages for its rows, then the STATE
/// that covers them; the change feed's deletions as RECORDs with `_sdc_deleted_at`.
pub struct SingerSink {
    out: Shared,
    stream: String,
    /// Which of the table's columns the catalog selected.
    columns: Vec<bool>,
    /// Read in full every run (an area without `lastupdated`): no bookmark is read back.
    full_table: bool,
}

impl SingerSink {
    /// The sink of `stream`, writing to `out`, keeping the selected `columns`.
    pub fn new(out: Shared, stream: &str, columns: Vec<bool>) -> SingerSink {
        SingerSink {
            out,
            stream: stream.to_owned(),
            columns,
            full_table: false,
        }
    }

    /// Reads the stream in full every run, whatever its bookmark says (FULL_TABLE).
    pub fn full_table(mut self, yes: bool) -> SingerSink {
        self.full_table = yes;
        self
    }

    fn io(&self, e: std::io::Error) -> l2l_sync::Error {
        l2l_sync::Error::sink_caused_by("stdout", format!("writing Singer messages: {e}"), e)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Out> {
        self.out.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for SingerSink {
    fn target(&self) -> String {
        format!("Singer stream {}", self.stream)
    }

    /// Messages are read once each by the target: what an earlier run sent unchanged is not
    /// sent again.
    fn skips_repeats(&self) -> bool {
        true
    }

    fn prepare(&mut self, _: &Table, key: &StateKey) -> l2l_sync::Result<Option<SyncState>> {
        if self.full_table {
            return Ok(None);
        }
        Ok(self.lock().saved(&self.stream, key.site))
    }

    fn write(&mut self, table: &Table, rows: &[Row], state: &SyncState) -> l2l_sync::Result<()> {
        let columns = self.columns.clone();
        self.send(rows.iter().map(|row| record(table, row, &columns)), state)
    }

    /// Every run reads each record again from the state on: a target keeps them by key.
    fn reconcile(
        &mut self,
        _: &Table,
        _: &[i64],
        _: Deletions,
        state: &SyncState,
    ) -> l2l_sync::Result<u64> {
        self.send(std::iter::empty(), state).map(|_| 0)
    }

    fn remove(
        &mut self,
        table: &Table,
        ids: &[i64],
        _: Deletions,
        state: &SyncState,
    ) -> l2l_sync::Result<u64> {
        let at = Value::String(self.lock().extracted.clone());
        let gone = ids.iter().map(|id| {
            let mut m = Map::new();
            m.insert(table.id.clone(), Value::from(*id));
            m.insert(DELETED_AT.to_owned(), at.clone());
            m
        });
        self.send(gone, state).map(|_| ids.len() as u64)
    }
}

impl SingerSink {
    /// Writes a RECORD message for each of `records`, then the STATE that covers them.
    fn send(
        &mut self,
        records: impl Iterator<Item = Map<String, Value>>,
        state: &SyncState,
    ) -> l2l_sync::Result<()> {
        let stream = self.stream.clone();
        let mut out = self.lock();
        let extracted = out.extracted.clone();
        let sent = (|| {
            for r in records {
                let m = json!({"type": "RECORD", "stream": stream, "record": r, "time_extracted": extracted});
                out.message(&m)?;
            }
            out.state(&stream, state)
        })();
        drop(out);
        sent.map_err(|e| self.io(e))
    }
}

/// The property Singer targets soft-delete by.
pub const DELETED_AT: &str = "_sdc_deleted_at";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l2l_datetimes_become_rfc3339() {
        assert_eq!(rfc3339("2024-05-05 22:39:47"), "2024-05-05T22:39:47Z");
        assert_eq!(
            rfc3339("2024-05-05T22:39:47+02:00"),
            "2024-05-05T22:39:47+02:00"
        );
        assert_eq!(
            rfc3339("2024-05-05 22:39:47.125"),
            "2024-05-05T22:39:47.125Z"
        );
        assert_eq!(rfc3339("soon"), "soon");
    }

    #[test]
    fn a_state_file_reads_back_and_an_empty_one_is_no_bookmark() {
        assert!(read_state("{}").unwrap().is_empty());
        assert!(
            read_state(r#"{"value": {"bookmarks": {}}}"#)
                .unwrap()
                .is_empty()
        );
        let err = read_state(r#"{"bookmarks": {"machines": 3}}"#).unwrap_err();
        assert!(err.contains("bookmarks"), "{err}");
        assert!(read_state("nope").unwrap_err().starts_with("not JSON"));
    }
}
