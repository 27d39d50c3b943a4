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

use l2l_sync::{Deletions, Row, Sink, StateKey, SyncState, Table};

use super::record::RecordLine;
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
        let stream = self.stream.clone();
        let mut out = self.lock();
        let line = RecordLine::new(&stream, table, &self.columns, &out.extracted);
        let sent = (|| {
            for row in rows {
                line.write(&mut out.w, table, row)?;
            }
            out.state(&stream, state)
        })();
        drop(out);
        sent.map_err(|e| self.io(e))
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
