//! JSON Lines: one record a line, as the server sent it, appended; the state in
//! `FILE.state` beside the file.
//!
//! Exactly once: each batch is appended and flushed to disk (`fsync`) before the state that
//! counts it (with the file's length up to it) replaces the old one atomically. A run that
//! was stopped anywhere cuts the file back to that length, which drops any line written
//! after the last recorded batch, and reads on from the recorded ranges.

use std::fs::{File, OpenOptions};
use std::io::{Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Deletions, Sink};
use crate::error::{Error, Result};
use crate::row::Row;
use crate::state::{StateKey, SyncState};
use crate::table::Table;

/// A JSON Lines file and its state file.
pub struct JsonlSink {
    path: PathBuf,
    file: Option<File>,
    bytes: u64,
}

/// What `FILE.state` holds: the sync state and the durable length of the file.
#[derive(Serialize, Deserialize)]
struct FileState {
    bytes: u64,
    #[serde(flatten)]
    state: SyncState,
}

/// The state file of an output file: `FILE.state` beside it.
///
/// ```
/// assert_eq!(l2l_sync::state_path("m.jsonl".as_ref()), std::path::PathBuf::from("m.jsonl.state"));
/// ```
pub fn state_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".state");
    PathBuf::from(s)
}

impl JsonlSink {
    /// The sink of the file at `path` (opened by [`Sink::prepare`]).
    pub fn new(path: PathBuf) -> JsonlSink {
        JsonlSink {
            path,
            file: None,
            bytes: 0,
        }
    }

    /// The file system's error `e` while `what`, kept as the source.
    fn io(&self, what: &str, e: std::io::Error) -> Error {
        Error::sink_caused_by(&self.target(), format!("{what}: {e}"), e)
    }

    fn save(&self, state: &SyncState) -> Result<()> {
        let path = state_path(&self.path);
        let tmp = path.with_extension("state.tmp");
        let io = |e: std::io::Error| {
            Error::sink_caused_by(&path.display().to_string(), e.to_string(), e)
        };
        let text = serde_json::to_vec_pretty(&FileState {
            bytes: self.bytes,
            state: state.clone(),
        })
        .map_err(|e| io(e.into()))?;
        let mut f = File::create(&tmp).map_err(io)?;
        f.write_all(&text).map_err(io)?;
        f.write_all(b"\n").map_err(io)?;
        f.sync_all().map_err(io)?;
        drop(f);
        std::fs::rename(&tmp, &path).map_err(io)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Sink for JsonlSink {
    fn target(&self) -> String {
        self.path.display().to_string()
    }

    fn appends(&self) -> bool {
        true
    }

    fn wants_cells(&self) -> bool {
        false
    }

    fn prepare(&mut self, _: &Table, _: &StateKey) -> Result<Option<SyncState>> {
        let spath = state_path(&self.path);
        let saved: Option<FileState> = match std::fs::read_to_string(&spath) {
            Ok(t) => Some(serde_json::from_str(&t).map_err(|e| {
                Error::State(format!(
                    "{} is not a sync state ({e}); delete it and {} to start over",
                    spath.display(),
                    self.path.display()
                ))
            })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(self.io("reading its state", e)),
        };
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&self.path)
            .map_err(|e| self.io("opening", e))?;
        if file.try_lock().is_err() {
            return Err(Error::sink(
                &self.target(),
                "locking: another l2l sync is writing it (wait for it, or stop it: it can be resumed)",
            ));
        }
        let len = file.metadata().map_err(|e| self.io("reading", e))?.len();
        let start_over = || {
            format!(
                "delete {} and {} to start over, or choose another file",
                self.path.display(),
                spath.display()
            )
        };
        let (bytes, state) = match saved {
            None if len > 0 => {
                return Err(Error::State(format!(
                    "{} already holds data but has no sync state ({}); {}",
                    self.path.display(),
                    spath.display(),
                    start_over()
                )));
            }
            None => (0, None),
            Some(s) if len < s.bytes => {
                return Err(Error::State(format!(
                    "{} is shorter ({len} bytes) than its sync state says ({} bytes): something else changed it; {}",
                    self.path.display(),
                    s.bytes,
                    start_over()
                )));
            }
            Some(s) => (s.bytes, Some(s.state)),
        };
        // Drop whatever follows the last durable line (a batch cut short by a crash).
        file.set_len(bytes)
            .and_then(|_| file.sync_all())
            .and_then(|_| file.seek(SeekFrom::End(0)).map(|_| ()))
            .map_err(|e| self.io("truncating", e))?;
        self.bytes = bytes;
        self.file = Some(file);
        Ok(state)
    }

    fn write(&mut self, _: &Table, rows: &[Row], state: &SyncState) -> Result<()> {
        let mut buf = Vec::with_capacity(rows.iter().map(|r| r.json.len() + 1).sum());
        for r in rows {
            buf.extend_from_slice(r.json.as_bytes());
            buf.push(b'\n');
        }
        let Some(file) = self.file.as_mut() else {
            return Err(Error::sink(
                &self.path.display().to_string(),
                "not prepared",
            ));
        };
        let written = file.write_all(&buf).and_then(|_| file.sync_data());
        if let Err(e) = written {
            // Leave the file as the state knows it.
            let _ = file.set_len(self.bytes);
            let _ = file.seek(SeekFrom::End(0));
            return Err(self.io("writing", e));
        }
        self.bytes += buf.len() as u64;
        self.save(state)
    }

    fn reconcile(&mut self, _: &Table, _: &[i64], _: Deletions, _: &SyncState) -> Result<u64> {
        Err(Error::Unsupported(
            "--reconcile and --keep-deleted need a database (--to sqlite:PATH or postgres://...): a JSON Lines file is only appended to".into(),
        ))
    }
}
