//! The client-wide throttle: a minimum interval between the starts of requests, shared by
//! every clone of a [`crate::Client`], so that an integration never bursts (the docs: "put
//! a delay between your API calls").

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Spaces requests at least an interval apart. Clones share one schedule.
///
/// ```
/// use std::time::Duration;
/// use l2l_core::Throttle;
/// assert_eq!(Throttle::per_second(20.0).interval(), Some(Duration::from_millis(50)));
/// assert_eq!(Throttle::off().interval(), None);
/// ```
#[derive(Clone, Debug)]
pub struct Throttle {
    interval: Option<Duration>,
    next: Arc<Mutex<Option<Instant>>>,
}

impl Throttle {
    /// The polite default: at most 10 requests a second.
    pub const DEFAULT_PER_SECOND: f64 = 10.0;

    /// At least `interval` between the starts of two requests.
    pub fn every(interval: Duration) -> Throttle {
        Throttle {
            interval: (!interval.is_zero()).then_some(interval),
            next: Arc::new(Mutex::new(None)),
        }
    }

    /// At most `rate` requests a second (a rate of zero or less turns the throttle off).
    pub fn per_second(rate: f64) -> Throttle {
        if rate.is_finite() && rate > 0.0 {
            Throttle::every(Duration::from_secs_f64(1.0 / rate))
        } else {
            Throttle::off()
        }
    }

    /// No throttle: requests start as soon as they are made.
    pub fn off() -> Throttle {
        Throttle::every(Duration::ZERO)
    }

    /// The minimum interval, if the throttle is on.
    pub fn interval(&self) -> Option<Duration> {
        self.interval
    }

    /// Waits for this request's turn.
    pub async fn acquire(&self) {
        let Some(interval) = self.interval else {
            return;
        };
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::per_second(Throttle::DEFAULT_PER_SECOND)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // B10
    #[tokio::test(start_paused = true)]
    async fn spaces_requests_and_is_shared_by_clones() {
        let t = Throttle::every(Duration::from_millis(100));
        let c = t.clone();
        let start = Instant::now();
        let mut starts = Vec::new();
        for i in 0..5 {
            if i % 2 == 0 {
                t.acquire().await
            } else {
                c.acquire().await
            }
            starts.push(start.elapsed());
        }
        for w in starts.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_millis(100), "{starts:?}");
        }
    }
}
