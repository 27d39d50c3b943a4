//! `l2l sync AREA --out FILE.jsonl`: the whole area into a JSON Lines file, keyset-paged
//! (`order_by=id`, `id__gt=<last>`), so that no record is skipped or repeated while the data
//! changes underneath.
//!
//! Resumable: the lines of each page are written as they come, and at least once a second
//! (and at the end) they are flushed to disk (`fsync`); only then does `FILE.jsonl.state`
//! (replaced atomically) record the last id and the length of the output up to it. A run that was stopped anywhere (Ctrl-C, a crash, a kill) is
//! resumed by the same command: the output is cut back to that length, which drops any
//! line written after the last recorded page, and paging goes on after the recorded id.
//! So every record is in the file exactly once.
//!
//! Incremental: a run takes a watermark when it starts, the newest `lastupdated` of the
//! area. Once the run is complete, the next run of the same command asks only for records
//! with `lastupdated__gte=<watermark>` and appends them: a changed record then appears
//! again, later in the file, so the last line of an id is its newest state. The bound is
//! inclusive so that a change made in the same instant as the watermark is not lost; the
//! records the previous run already wrote with exactly that `lastupdated` are skipped, so
//! an unchanged record is not written twice. `--since` sets the lower bound by hand.

use std::fs::{File, OpenOptions};
use std::io::{IsTerminal as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use l2l_areas::{AreaSchema, Client, Error, Page, PageAt, Query, Request};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;
use tokio::task::JoinHandle;

use super::Ctx;
use crate::cli::SyncArgs;
use crate::error::{CliError, INTERRUPTED, Result};
use crate::schema;

const STATE_VERSION: u32 = 1;

/// What `FILE.state` records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The format of this file.
    pub version: u32,
    /// The area synced.
    pub area: String,
    /// The site, if any.
    pub site: Option<i64>,
    /// The `--where` filters, as given.
    pub filters: Vec<String>,
    /// The lower bound on `lastupdated` of the current run.
    pub since: Option<String>,
    /// The last id whose line is durably written in the current run.
    pub after_id: Option<i64>,
    /// The length of the output up to that line.
    pub bytes: u64,
    /// Records written by the current run.
    pub written: u64,
    /// Records in the file.
    pub total: u64,
    /// Whether the current run reached the end of the area.
    pub complete: bool,
    /// The newest `lastupdated` when the current run started.
    pub run_watermark: Option<String>,
    /// Where the next incremental run starts (set when a run completes).
    pub watermark: Option<String>,
    /// Ids the current run wrote with `lastupdated` equal to `run_watermark`.
    #[serde(default)]
    pub at_watermark: Vec<i64>,
    /// Ids written with `lastupdated` equal to `watermark` (by the runs that set it).
    #[serde(default)]
    pub boundary: Vec<i64>,
    /// Ids the current run skips when their `lastupdated` equals `since`: already written.
    #[serde(default)]
    pub skip: Vec<i64>,
    /// How many runs have completed.
    pub runs: u64,
}

impl State {
    /// Reads a state file; `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<State>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(CliError::io("reading", path, &e)),
        };
        let state: State = serde_json::from_str(&text).map_err(|e| {
            CliError::failure(format!("{} is not a sync state: {e}", path.display()))
                .hint("delete it and the output file to start the sync over")
        })?;
        if state.version != STATE_VERSION {
            return Err(CliError::failure(format!(
                "{} was written by another version of l2l (state version {})",
                path.display(),
                state.version
            )));
        }
        Ok(Some(state))
    }

    /// Writes the state durably: a temporary file, flushed, renamed over the old one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("state.tmp");
        let io = |e: std::io::Error| CliError::io("writing", path, &e);
        let mut f = File::create(&tmp).map_err(io)?;
        serde_json::to_writer_pretty(&mut f, self).map_err(|e| io(e.into()))?;
        f.write_all(b"\n").map_err(io)?;
        f.sync_all().map_err(io)?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(io)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// The state file of an output file: `FILE.state` beside it.
pub fn state_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".state");
    PathBuf::from(s)
}

/// Runs `l2l sync`, stopping cleanly on Ctrl-C.
pub async fn run(ctx: &Ctx, args: &SyncArgs) -> Result<()> {
    let area = schema::area(&args.area)?;
    if !area.operations.list {
        return Err(CliError::usage(format!(
            "area `{}` cannot be listed",
            area.path
        )));
    }
    let Some(id) = area.id_field() else {
        return Err(CliError::usage(format!(
            "area `{}` has no id to page by, so it cannot be synced",
            area.path
        )));
    };
    let site = ctx.settings.site(args.site);
    // Checks site and filters before anything is touched.
    super::query(area, site, &args.filters)?;
    let page_size = super::page_size(area, args.page_size)?;
    let stamp = area
        .field("lastupdated")
        .filter(|f| f.allows(l2l_areas::Lookup::Gte));
    if let Some(since) = &args.since {
        if stamp.is_none() {
            return Err(CliError::usage(format!(
                "area `{}` has no lastupdated field to sync changes by",
                area.path
            )));
        }
        l2l_areas::DateTime::from_str(since).map_err(|_| {
            CliError::usage(format!(
                "--since takes a UTC date or datetime, not {since:?}"
            ))
            .hint("for example --since 2024-05-05 or --since 2024-05-05T22:39:47")
        })?;
    }
    let client = ctx.settings.client()?;
    let mut job = Job::open(area, site, args, stamp.is_some())?;
    job.id_name = id.api_name;
    let sync = job.run(&client, page_size, !args.quiet);
    let mut sync = std::pin::pin!(sync);
    tokio::select! {
        r = &mut sync => r,
        _ = tokio::signal::ctrl_c() => {
            Err(CliError {
                message: "interrupted".into(),
                hint: Some("the records written so far are kept; run the same command again to resume".into()),
                code: INTERRUPTED,
            })
        }
    }
}

/// An open sync: the locked output, its state, and what this run does.
struct Job {
    area: &'static AreaSchema,
    out_path: PathBuf,
    state_path: PathBuf,
    out: File,
    state: State,
    resumed: bool,
    id_name: &'static str,
}

impl Job {
    fn open(
        area: &'static AreaSchema,
        site: Option<i64>,
        args: &SyncArgs,
        has_stamp: bool,
    ) -> Result<Job> {
        let out_path = args.out.clone();
        let state_path = state_path(&out_path);
        let existing = State::load(&state_path)?;
        let out = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&out_path)
            .map_err(|e| CliError::io("opening", &out_path, &e))?;
        if out.try_lock().is_err() {
            return Err(CliError::failure(format!(
                "another l2l sync is writing {}",
                out_path.display()
            ))
            .hint("wait for it to finish, or stop it (it can be resumed)"));
        }
        let len = out
            .metadata()
            .map_err(|e| CliError::io("reading", &out_path, &e))?
            .len();
        let start_over = || {
            format!(
                "delete {} and {} to start over, or choose another --out",
                out_path.display(),
                state_path.display()
            )
        };
        let (state, resumed) = match existing {
            None if len > 0 => {
                return Err(CliError::usage(format!(
                    "{} already holds data but has no sync state ({})",
                    out_path.display(),
                    state_path.display()
                ))
                .hint(start_over()));
            }
            None => (
                State {
                    version: STATE_VERSION,
                    area: area.path.to_owned(),
                    site,
                    filters: args.filters.clone(),
                    since: args.since.clone(),
                    after_id: None,
                    bytes: 0,
                    written: 0,
                    total: 0,
                    complete: false,
                    run_watermark: None,
                    watermark: None,
                    at_watermark: Vec::new(),
                    boundary: Vec::new(),
                    skip: Vec::new(),
                    runs: 0,
                },
                false,
            ),
            Some(st) => {
                if st.area != area.path || st.site != site || st.filters != args.filters {
                    return Err(CliError::usage(format!(
                        "{} holds a sync of `{}`{}{}, not of this area, site and filters",
                        out_path.display(),
                        st.area,
                        st.site.map(|s| format!(" site {s}")).unwrap_or_default(),
                        if st.filters.is_empty() {
                            String::new()
                        } else {
                            format!(" --where {}", st.filters.join(" --where "))
                        }
                    ))
                    .hint(start_over()));
                }
                if len < st.bytes {
                    return Err(CliError::failure(format!(
                        "{} is shorter ({len} bytes) than its sync state says ({} bytes): \
                         something else changed it",
                        out_path.display(),
                        st.bytes
                    ))
                    .hint(start_over()));
                }
                if !st.complete {
                    if args.since.is_some() && args.since != st.since {
                        return Err(CliError::usage(format!(
                            "a sync of {} {} is half done",
                            out_path.display(),
                            st.since
                                .as_ref()
                                .map(|s| format!("since {s}"))
                                .unwrap_or_else(|| "of every record".into())
                        ))
                        .hint("run the command without --since (or with the same one) to finish it first"));
                    }
                    (st, true)
                } else {
                    let from_watermark = args.since.is_none() || args.since == st.watermark;
                    let since = args.since.clone().or_else(|| st.watermark.clone());
                    let skip = if from_watermark {
                        st.boundary.clone()
                    } else {
                        Vec::new()
                    };
                    if since.is_none() && !has_stamp {
                        return Err(CliError::usage(format!(
                            "{} is a complete sync, and `{}` has no lastupdated field to fetch \
                             only the changes by",
                            out_path.display(),
                            area.path
                        ))
                        .hint(start_over()));
                    }
                    let st = State {
                        since,
                        after_id: None,
                        written: 0,
                        complete: false,
                        run_watermark: None,
                        at_watermark: Vec::new(),
                        skip,
                        ..st
                    };
                    (st, false)
                }
            }
        };
        // Drop whatever follows the last durable line (a page cut short by a crash).
        out.set_len(state.bytes)
            .and_then(|_| out.sync_all())
            .map_err(|e| CliError::io("truncating", &out_path, &e))?;
        let mut job = Job {
            area,
            out_path,
            state_path,
            out,
            state,
            resumed,
            id_name: "id",
        };
        job.out
            .seek(SeekFrom::End(0))
            .map_err(|e| CliError::io("seeking", &job.out_path, &e))?;
        job.save()?;
        Ok(job)
    }

    fn save(&self) -> Result<()> {
        self.state.save(&self.state_path)
    }

    /// Flushes the lines written so far to disk, then records them in the state: the state
    /// never counts a line that is not durable.
    fn checkpoint(&self) -> Result<()> {
        self.out
            .sync_data()
            .map_err(|e| CliError::io("writing", &self.out_path, &e))?;
        self.save()
    }

    fn query(&self) -> Result<Query> {
        let mut q = super::query(self.area, self.state.site, &self.state.filters)?;
        if let Some(since) = &self.state.since {
            q.filter_str("lastupdated__gte", since)?;
        }
        Ok(q)
    }

    /// The newest value of `field` in the area (with the run's filters), by one request.
    async fn newest(
        &self,
        client: &Client,
        field: &'static str,
        q: &Query,
    ) -> Result<Option<Value>> {
        let mut q = q.clone();
        if self.area.field(field).is_some_and(|f| f.nullable) {
            q.is_null(field, false);
        }
        q.order_by(field, true);
        q.fields(&[field]);
        q.limit(1);
        let page = q.page::<Value>(client).await?;
        Ok(page
            .records
            .into_iter()
            .next()
            .and_then(|r| r.get(field).cloned()))
    }

    async fn run(&mut self, client: &Client, page_size: u32, progress: bool) -> Result<()> {
        let started = Instant::now();
        let q = self.query()?;
        let what = format!(
            "{}{}{}",
            self.area.path,
            self.state
                .site
                .map(|s| format!(" (site {s})"))
                .unwrap_or_default(),
            self.state
                .since
                .as_ref()
                .map(|s| format!(" changed since {s}"))
                .unwrap_or_default()
        );
        if self.resumed {
            eprintln!(
                "resuming the sync of {what} into {} after id {} ({} records already written)",
                self.out_path.display(),
                self.state.after_id.unwrap_or(0),
                self.state.written
            );
        } else {
            eprintln!("syncing {what} into {}", self.out_path.display());
            if self.area.field("lastupdated").is_some_and(|f| f.order) {
                let base = self.query_unbounded()?;
                self.state.run_watermark = self
                    .newest(client, "lastupdated", &base)
                    .await?
                    .and_then(|v| v.as_str().map(str::to_owned));
                self.save()?;
            }
        }
        let bar = if progress && std::io::stderr().is_terminal() {
            let max = self
                .newest(client, self.id_name, &q)
                .await
                .ok()
                .flatten()
                .and_then(|v| v.as_i64());
            Some(Progress::new(self.state.after_id.unwrap_or(0), max))
        } else {
            None
        };
        let result = self
            .pages(client, &q, page_size, bar.as_ref(), started)
            .await;
        if let Some(b) = &bar {
            b.bar.finish_and_clear();
        }
        let skipped = result?;
        if skipped > 0 {
            eprintln!("skipped {skipped} records already written unchanged by the last run");
        }
        self.state.complete = true;
        self.state.runs += 1;
        if self.state.run_watermark.is_some() {
            let mut boundary = std::mem::take(&mut self.state.at_watermark);
            if same_time(
                self.state.run_watermark.as_deref(),
                self.state.watermark.as_deref(),
            ) {
                // Nothing newer came: the old boundary still holds.
                boundary.extend(self.state.boundary.iter().copied());
                boundary.sort_unstable();
                boundary.dedup();
            }
            self.state.boundary = boundary;
            self.state.watermark = self.state.run_watermark.clone();
        }
        self.state.skip.clear();
        self.save()?;
        eprintln!(
            "synced {} records of {what} into {} in {:.1}s ({} in the file{})",
            self.state.written,
            self.out_path.display(),
            started.elapsed().as_secs_f64(),
            self.state.total,
            self.state
                .watermark
                .as_ref()
                .map(|w| format!("; the next run fetches changes since {w}"))
                .unwrap_or_default()
        );
        Ok(())
    }

    /// The run's query without the `lastupdated` bound (for the watermark).
    fn query_unbounded(&self) -> Result<Query> {
        super::query(self.area, self.state.site, &self.state.filters)
    }

    async fn pages(
        &mut self,
        client: &Client,
        q: &Query,
        mut size: u32,
        bar: Option<&Progress>,
        started: Instant,
    ) -> Result<u64> {
        let session_start = self.state.written;
        let mut skipped = 0u64;
        self.state.skip.sort_unstable();
        let path = self.area.path;
        let fetch = |after: Option<i64>, size: u32| -> Prefetch {
            let at = PageAt {
                limit: Some(size),
                keyset: true,
                after_id: after,
                offset: None,
                upto: None,
            };
            let req = Request::get(path).query_pairs(q.pairs(at));
            let client = client.clone();
            Prefetch(tokio::spawn(async move {
                client.list::<Box<RawValue>>(req).await
            }))
        };
        let mut pending = fetch(self.state.after_id, size);
        let mut last_checkpoint = Instant::now();
        loop {
            let page = pending.wait().await?;
            let n = page.records.len();
            if n == 0 {
                self.checkpoint()?;
                return Ok(skipped);
            }
            let served = page
                .limit
                .and_then(|l| u32::try_from(l).ok())
                .filter(|l| *l > 0)
                .unwrap_or(size);
            // Ask for the next page before writing this one, so that the server works on it
            // meanwhile; a short page is the last.
            let more = n >= served as usize;
            if more {
                let next = match page.records.last() {
                    Some(raw) => Head::read(raw, self.id_name)?.id,
                    None => None,
                };
                size = served.min(size);
                pending = fetch(next.or(self.state.after_id), size);
            }
            let mut buf = Vec::with_capacity(n * 256);
            let mut last = self.state.after_id;
            let mut lines = 0u64;
            for raw in &page.records {
                let head = Head::read(raw, self.id_name)?;
                let id = head.id.ok_or_else(|| {
                    CliError::failure(format!(
                        "a record of `{}` came without an id",
                        self.area.path
                    ))
                })?;
                if last.is_some_and(|l| id <= l) {
                    return Err(CliError::failure(format!(
                        "the server sent id {id} after id {}: ids must rise when ordered by id",
                        last.unwrap_or_default()
                    ))
                    .hint("the server does not page by id__gt as L2L does"));
                }
                last = Some(id);
                let stamp = head.lastupdated.as_deref();
                if self.state.skip.binary_search(&id).is_ok()
                    && same_time(stamp, self.state.since.as_deref())
                {
                    skipped += 1;
                    continue;
                }
                if self.state.at_watermark.len() < MAX_BOUNDARY
                    && same_time(stamp, self.state.run_watermark.as_deref())
                {
                    self.state.at_watermark.push(id);
                }
                head.write_line(raw, &mut buf)?;
                lines += 1;
            }
            // The lines now; durably, with the state that counts them, at a checkpoint.
            self.out
                .write_all(&buf)
                .map_err(|e| CliError::io("writing", &self.out_path, &e))?;
            self.state.bytes += buf.len() as u64;
            self.state.after_id = last;
            self.state.written += lines;
            self.state.total += lines;
            if !more || last_checkpoint.elapsed() >= CHECKPOINT {
                self.checkpoint()?;
                last_checkpoint = Instant::now();
            }
            if let Some(b) = bar {
                b.update(
                    last.unwrap_or(0),
                    self.state.written,
                    self.state.written - session_start,
                    started.elapsed(),
                );
            }
            if !more {
                return Ok(skipped);
            }
        }
    }
}

/// At most this many ids are kept for the watermark's boundary; beyond, an unchanged
/// record at the boundary may be written again (never lost).
const MAX_BOUNDARY: usize = 100_000;

/// Whether two `lastupdated` values are the same instant (`...T10:00:00` and
/// `... 10:00:00.000` are).
fn same_time(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a == b
                || matches!(
                    (l2l_areas::DateTime::from_str(a), l2l_areas::DateTime::from_str(b)),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        _ => false,
    }
}

/// How often the output and its state are made durable during a sync. A crash loses at
/// most this much progress, which the next run fetches again (never writing a line twice).
const CHECKPOINT: Duration = Duration::from_secs(1);

/// What a sync reads of each record: its id and `lastupdated`. The record itself is written
/// as the server sent it, without being decoded.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default, borrow)]
    lastupdated: Option<std::borrow::Cow<'a, str>>,
}

/// A record's id and `lastupdated`, read from its raw JSON.
struct RecordHead<'a> {
    id: Option<i64>,
    lastupdated: Option<std::borrow::Cow<'a, str>>,
}

impl Head<'_> {
    fn read<'a>(raw: &'a RawValue, id_name: &str) -> Result<RecordHead<'a>> {
        let bad =
            |e: serde_json::Error| CliError::failure(format!("a record is not a JSON object: {e}"));
        if id_name == "id" {
            let h: Head<'a> = serde_json::from_str(raw.get()).map_err(bad)?;
            return Ok(RecordHead {
                id: h.id.as_ref().and_then(record_id),
                lastupdated: h.lastupdated,
            });
        }
        let v: Value = serde_json::from_str(raw.get()).map_err(bad)?;
        Ok(RecordHead {
            id: v.get(id_name).and_then(record_id),
            lastupdated: v
                .get("lastupdated")
                .and_then(Value::as_str)
                .map(|s| std::borrow::Cow::Owned(s.to_owned())),
        })
    }
}

impl RecordHead<'_> {
    /// Appends the record as one line: its own bytes, unless they span several lines.
    fn write_line(&self, raw: &RawValue, buf: &mut Vec<u8>) -> Result<()> {
        let text = raw.get();
        if text.contains('\n') {
            let v: Value =
                serde_json::from_str(text).map_err(|e| CliError::failure(e.to_string()))?;
            serde_json::to_writer(&mut *buf, &v).map_err(|e| CliError::failure(e.to_string()))?;
        } else {
            buf.extend_from_slice(text.as_bytes());
        }
        buf.push(b'\n');
        Ok(())
    }
}

fn record_id(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The next page, fetched while this one is written; cancelled when dropped.
struct Prefetch(JoinHandle<Result<Page<Box<RawValue>>, Error>>);

impl Prefetch {
    async fn wait(&mut self) -> Result<Page<Box<RawValue>>> {
        match (&mut self.0).await {
            Ok(r) => Ok(r?),
            Err(e) => Err(CliError::failure(format!("a page request failed: {e}"))),
        }
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The progress bar: position in the id range when the newest id is known (so there is an
/// ETA), a spinner otherwise; records and rate in the message.
struct Progress {
    bar: ProgressBar,
    start: i64,
}

impl Progress {
    fn new(start: i64, max: Option<i64>) -> Progress {
        let bar = match max.filter(|m| *m > start) {
            Some(max) => {
                let bar = ProgressBar::new(max.saturating_sub(start) as u64);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} [{bar:30}] {percent:>3}% {msg} ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar
            }
            None => {
                let bar = ProgressBar::new_spinner();
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar
            }
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar.set_message("starting");
        Progress { bar, start }
    }

    fn update(&self, last_id: i64, written: u64, this_run: u64, elapsed: Duration) {
        let pos = last_id.saturating_sub(self.start).max(0) as u64;
        if let Some(len) = self.bar.length()
            && pos > len
        {
            self.bar.set_length(pos);
        }
        self.bar.set_position(pos);
        let rate = this_run as f64 / elapsed.as_secs_f64().max(0.001);
        self.bar
            .set_message(format!("{written} records, {rate:.0}/s"));
    }
}
