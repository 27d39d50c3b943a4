//! `--live`: the demo plant keeps running inside the sandbox, `speed` simulated seconds per
//! real second ([`plant`] says what a minute holds). The task sleeps until the next
//! simulated minute is due, runs it in one transaction, and sleeps again: at `--speed 1`
//! it wakes once a minute.

pub(crate) mod plant;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::civil::DateTime;
use tokio::sync::watch;

use crate::app::App;
use crate::store::StoreError;
use plant::Plant;

/// At most this many simulated minutes are run in one go (a very high speed catches up
/// over several wake-ups instead of holding the database).
const MAX_MINUTES_AT_ONCE: i64 = 240;

/// How the live plant runs ([`SandboxBuilder::live`](crate::SandboxBuilder::live)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiveOptions {
    /// Simulated seconds per real second; 0 holds the plant still (only
    /// [`Sandbox::advance_live`](crate::Sandbox::advance_live) moves it).
    pub speed: f64,
    /// What every draw of the plant follows: a seed gives the same plant.
    pub seed: u64,
    /// The first simulated minute; the current time of site 1 when `None`.
    pub start: Option<DateTime>,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            speed: 1.0,
            seed: 1,
            start: None,
        }
    }
}

/// A running live plant.
#[derive(Debug)]
pub(crate) struct Live {
    plant: Mutex<Plant>,
    speed: f64,
    began: Instant,
    /// Minutes added by hand ([`Live::advance`]).
    added: Mutex<i64>,
}

impl Live {
    pub(crate) fn new(options: LiveOptions, start: DateTime) -> Live {
        Live {
            plant: Mutex::new(Plant::new(options.seed, start)),
            speed: options.speed.max(0.0),
            began: Instant::now(),
            added: Mutex::new(0),
        }
    }

    /// The minute count the plant should have run by now: the one at its start, those
    /// real time has brought, and those added by hand.
    fn due(&self) -> i64 {
        let real = (self.began.elapsed().as_secs_f64() * self.speed / 60.0).floor() as i64;
        1 + real + *self.added.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs the minutes that are due, up to [`MAX_MINUTES_AT_ONCE`], in one transaction;
    /// how many are still due after.
    async fn catch_up(self: &Arc<Self>, app: &Arc<App>) -> Result<i64, StoreError> {
        let (live, app2) = (self.clone(), app.clone());
        let due = self.due();
        app.store
            .run(move |conn| {
                let mut plant = live.plant.lock().unwrap_or_else(|e| e.into_inner());
                let tx = conn.transaction()?;
                let mut n = 0;
                while plant.next < due && n < MAX_MINUTES_AT_ONCE {
                    plant.minute(&tx, &app2.catalog);
                    n += 1;
                }
                tx.commit()?;
                Ok::<_, rusqlite::Error>(due - plant.next)
            })
            .await?
            .map_err(StoreError::Sqlite)
    }

    /// Adds `minutes` simulated minutes and runs them.
    pub(crate) async fn advance(
        self: &Arc<Self>,
        app: &Arc<App>,
        minutes: i64,
    ) -> Result<(), StoreError> {
        *self.added.lock().unwrap_or_else(|e| e.into_inner()) += minutes;
        while self.catch_up(app).await? > 0 {}
        Ok(())
    }

    /// The real time until the next minute is due.
    fn until_next(&self) -> Duration {
        if self.speed <= 0.0 {
            return Duration::from_secs(3600);
        }
        let next = self.plant.lock().unwrap_or_else(|e| e.into_inner()).next;
        let added = *self.added.lock().unwrap_or_else(|e| e.into_inner());
        // Minute `next` is due once real time brings `next - added` minutes.
        let at = (next - added) as f64 * 60.0 / self.speed;
        Duration::from_secs_f64((at - self.began.elapsed().as_secs_f64()).max(0.0))
    }

    /// Runs the plant until `shutdown` turns true.
    pub(crate) fn spawn(
        self: Arc<Self>,
        app: Arc<App>,
        mut shutdown: watch::Receiver<bool>,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.catch_up(&app).await {
                    Ok(left) if left > 0 => {
                        tokio::task::yield_now().await;
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "the live plant stopped a minute"),
                }
                // A tick at least every 10 ms, so that a high speed does not spin.
                let wait = self.until_next().max(Duration::from_millis(10));
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = shutdown.changed() => return,
                }
                if *shutdown.borrow() {
                    return;
                }
            }
        })
    }
}
