//! `dispatches/data_export/` and `sites/asyncjob_status/`: an export that runs as an
//! asynchronous job on L2L's side, started by one call and polled until done.

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::{Client, Dispatch, Error, Request, Site, UtcTime};

/// The state of an asynchronous job (`sites/asyncjob_status/`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct AsyncJob {
    /// The job's id.
    #[serde(deserialize_with = "id_text")]
    pub jobid: String,
    /// `pending`, `running`, `complete` or `failed`.
    pub status: String,
    /// Percent done, when the server says.
    #[serde(default)]
    pub progress: Option<f64>,
    /// The result, once complete.
    #[serde(default)]
    pub result: Option<serde_json::Value>,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
}

impl AsyncJob {
    /// Whether the job finished well.
    pub fn is_complete(&self) -> bool {
        self.status.eq_ignore_ascii_case("complete") || self.status.eq_ignore_ascii_case("done")
    }

    /// Whether the job failed.
    pub fn is_failed(&self) -> bool {
        self.status.eq_ignore_ascii_case("failed") || self.status.eq_ignore_ascii_case("error")
    }
}

#[derive(Deserialize)]
#[serde(crate = "serde")]
struct Started {
    #[serde(deserialize_with = "id_text")]
    jobid: String,
}

#[derive(Deserialize)]
#[serde(crate = "serde")]
#[serde(untagged)]
enum StartAnswer {
    Top { jobid: serde_json::Value },
    Data { data: Started },
}

fn id_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "a job id is a string or a number, got {other}"
        ))),
    }
}

impl Site {
    /// The state of an asynchronous job (`sites/asyncjob_status/?jobid=`); needs permission
    /// on the `sites` area.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let job = l2l_areas::Site::asyncjob_status(client, 1, "42").await?;
    /// println!("{} {:?}%", job.status, job.progress);
    /// # Ok(()) }
    /// ```
    pub async fn asyncjob_status(
        client: &Client,
        site: i64,
        jobid: &str,
    ) -> Result<AsyncJob, Error> {
        Site::job_status(client, site, jobid, &[]).await
    }

    async fn job_status(
        client: &Client,
        site: i64,
        jobid: &str,
        sign: &[String],
    ) -> Result<AsyncJob, Error> {
        let mut r = Request::get("sites/asyncjob_status")
            .query("site", site.to_string())
            .query("jobid", jobid);
        if !sign.is_empty() {
            r = r.sign_with(sign.iter().cloned());
        }
        client.one(r).await
    }
}

/// The callback of [`DataExport::on_progress`].
type Progress = Box<dyn FnMut(&AsyncJob) + Send>;

/// An export of a site's dispatches (`dispatches/data_export/`), from [`Dispatch::data_export`]:
/// [`DataExport::run`] starts the job, polls `sites/asyncjob_status/` with backoff, reports
/// each state to a callback, and returns the records once the job is done.
#[must_use]
pub struct DataExport {
    site: i64,
    since: Option<UtcTime>,
    first: Duration,
    max: Duration,
    sign: Vec<String>,
    progress: Option<Progress>,
}

impl std::fmt::Debug for DataExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataExport")
            .field("site", &self.site)
            .field("since", &self.since)
            .field("first", &self.first)
            .field("max", &self.max)
            .finish_non_exhaustive()
    }
}

impl Dispatch {
    /// An export of `site`'s dispatches, run as L2L's asynchronous job
    /// (`dispatches/data_export/`, then `sites/asyncjob_status/` until done).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::Dispatch;
    /// let all: Vec<Dispatch> = Dispatch::data_export(1)
    ///     .lastupdated_since("2024-01-01 00:00:00".parse().unwrap())
    ///     .on_progress(|job| eprintln!("{} {:?}%", job.status, job.progress))
    ///     .run(client)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn data_export(site: i64) -> DataExport {
        DataExport {
            site,
            since: None,
            first: Duration::from_millis(500),
            max: Duration::from_secs(10),
            sign: Vec::new(),
            progress: None,
        }
    }
}

impl DataExport {
    /// Only dispatches changed after this time (UTC).
    pub fn lastupdated_since(mut self, t: UtcTime) -> Self {
        self.since = Some(t);
        self
    }

    /// The first wait between polls, doubled after each poll up to `max` (500 ms and 10 s
    /// by default).
    pub fn backoff(mut self, first: Duration, max: Duration) -> Self {
        self.first = first;
        self.max = max.max(first);
        self
    }

    /// Signs the calls (start and status) over these parameters, in this order, for
    /// tenants that want them signed (the client needs a signer).
    pub fn sign_with<S: Into<String>>(mut self, params: impl IntoIterator<Item = S>) -> Self {
        self.sign = params.into_iter().map(Into::into).collect();
        self
    }

    /// Called with every state the job reports, the last one complete.
    pub fn on_progress(mut self, f: impl FnMut(&AsyncJob) + Send + 'static) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Starts the export job and returns its id.
    pub async fn start(&self, client: &Client) -> Result<String, Error> {
        let mut r = Request::get("dispatches/data_export").query("site", self.site.to_string());
        if let Some(t) = self.since {
            r = r.query("lastupdated_since", t.to_string());
        }
        if !self.sign.is_empty() {
            r = r.sign_with(self.sign.iter().cloned());
        }
        match client.call::<StartAnswer>(r).await? {
            StartAnswer::Data { data } => Ok(data.jobid),
            StartAnswer::Top { jobid } => match jobid {
                serde_json::Value::String(s) => Ok(s),
                serde_json::Value::Number(n) => Ok(n.to_string()),
                other => Err(Error::Decode {
                    path: "jobid".into(),
                    message: "a job id is a string or a number".into(),
                    snippet: other.to_string().chars().take(80).collect(),
                    truncated: false,
                }),
            },
        }
    }

    /// Starts the job, polls until it is done, and returns the exported dispatches. A
    /// failed job is an [`Error::Api`] with the server's reason.
    pub async fn run(mut self, client: &Client) -> Result<Vec<Dispatch>, Error> {
        let jobid = self.start(client).await?;
        let mut wait = self.first;
        loop {
            let job = Site::job_status(client, self.site, &jobid, &self.sign).await?;
            if let Some(f) = self.progress.as_mut() {
                f(&job);
            }
            if job.is_failed() {
                return Err(Error::Api {
                    messages: vec![format!(
                        "export job {jobid} failed: {}",
                        job.error.as_deref().unwrap_or("no reason given")
                    )],
                });
            }
            if job.is_complete() {
                let records = job.result.unwrap_or(serde_json::Value::Array(Vec::new()));
                return decode_records(records, &jobid);
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(self.max);
        }
    }
}

fn decode_records(v: serde_json::Value, jobid: &str) -> Result<Vec<Dispatch>, Error> {
    serde_json::from_value(v).map_err(|e| Error::Decode {
        path: format!("result (export job {jobid})"),
        message: e.to_string(),
        snippet: String::new(),
        truncated: false,
    })
}
