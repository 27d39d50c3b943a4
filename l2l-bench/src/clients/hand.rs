//! The hand-written loop: reqwest + serde_json into the same record struct, keyset paging,
//! nothing else. The floor of what a typed layer can cost.

use std::time::Instant;

use l2l_areas::Machine;
use serde::Deserialize;

use super::Target;
use crate::measure::ClientReport;

/// The envelope, as one would write it by hand.
#[derive(Debug, Deserialize)]
pub struct Envelope {
    /// `success`.
    pub success: bool,
    /// The records.
    #[serde(default)]
    pub data: Vec<Machine>,
    /// The error, on failure.
    #[serde(default)]
    pub error: Option<String>,
    /// The page size the server used.
    #[serde(default)]
    pub limit: Option<u64>,
}

/// Every record of the area, page after page, with `id__gt` keyset paging.
pub async fn run(t: &Target) -> Result<ClientReport, String> {
    let http = reqwest::Client::new();
    let url = format!(
        "{}/api/1.0/{}/",
        t.base.trim_end_matches('/'),
        crate::fixtures::area().path
    );
    let started = Instant::now();
    let mut r = ClientReport::default();
    let mut last = 0i64;
    loop {
        let resp = http
            .get(format!(
                "{url}?site={}&id__gt={last}&order_by=id&limit={}",
                t.site, t.limit
            ))
            .header("L2LAUTH", &t.key)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("HTTP {}", resp.status()));
        }
        let body = resp.bytes().await.map_err(|e| e.to_string())?;
        r.pages += 1;
        r.bytes += body.len() as u64;
        let env: Envelope = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        if !env.success {
            return Err(env.error.unwrap_or_default());
        }
        let n = env.data.len();
        let served = env.limit.unwrap_or(u64::from(t.limit)) as usize;
        for rec in env.data {
            r.records += 1;
            r.checksum += rec.id;
            last = rec.id;
        }
        if n == 0 || n < served {
            break;
        }
    }
    r.elapsed_s = started.elapsed().as_secs_f64();
    Ok(r)
}
