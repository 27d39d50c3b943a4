//! The adaptive limiter: how many requests a client keeps in flight, and how fast it starts
//! them, learned from the server's answers. Shared by every clone of a [`crate::Client`].
//!
//! The docs ask a client to "throttle itself" when it sees timeouts, HTTP 500s or rate-limit
//! errors, and to back off exponentially. A fixed pace is either too slow for a fast server or
//! too fast for a loaded one, so the limiter works like TCP congestion control:
//!
//! - it starts with [`Limiter::INITIAL`] requests in flight and, while answers succeed and
//!   their latency stays near the lowest seen, grows by one per answer (slow start) and then by
//!   one per window (additive increase), up to a ceiling ([`Limiter::DEFAULT_MAX`]);
//! - a 429, a 5xx, a timeout or a broken connection halves the window at once (at most once
//!   per round trip, so one burst of failures counts once), and so does latency rising past
//!   twice the lowest seen (by a tenth);
//! - a 429 also sets a pace, a little under the rate the server was answering at, which then
//!   rises slowly while answers succeed: a server that limits requests a second, not requests
//!   in flight, is met at its rate with few refusals; a 429 to a request sent before the pace
//!   was last set or lowered changes nothing (it was sent at the old pace);
//! - `Retry-After` pauses every request of the client, not only the one that got it.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// What an answer says about the server's capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// An answer (HTTP 200, whatever the envelope says).
    Success,
    /// The server says it is overloaded or limiting: 429 or 503.
    Overload,
    /// A 5xx, a timeout or a broken connection.
    Failure,
    /// Nothing about capacity (a 4xx, a request refused before sending).
    Neutral,
}

/// Adaptive concurrency and pacing, shared by clones.
///
/// ```
/// use l2l_core::Limiter;
/// let limiter = Limiter::new().max_in_flight(4);
/// assert_eq!(limiter.ceiling(), 4);
/// assert_eq!(limiter.current(), Limiter::INITIAL);
/// ```
#[derive(Clone)]
pub struct Limiter {
    shared: Arc<Shared>,
}

struct Shared {
    max: usize,
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Debug)]
struct State {
    limit: f64,
    in_flight: usize,
    slow_start: bool,
    min_rtt: Option<(Duration, Instant)>,
    last_cut: Option<Instant>,
    paused_until: Option<Instant>,
    rate: Option<f64>,
    /// When the pace was last set or lowered: a 429 to a request sent before then was
    /// already answered by that change.
    rate_set: Option<Instant>,
    next_start: Option<Instant>,
    answered: VecDeque<Instant>,
}

/// How long the lowest latency seen stays the reference before it is measured afresh.
const MIN_RTT_FOR: Duration = Duration::from_secs(30);
/// Latency above this many times the lowest seen is taken for a queue at the server.
const RTT_TOLERANCE: f64 = 2.0;
/// Latencies this close are equal, whatever their ratio (a loopback server's jitter).
const RTT_SLACK: Duration = Duration::from_millis(10);

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.lock();
        f.debug_struct("Limiter")
            .field("limit", &s.limit)
            .field("ceiling", &self.shared.max)
            .field("in_flight", &s.in_flight)
            .field("rate", &s.rate)
            .finish()
    }
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter::new()
    }
}

impl Limiter {
    /// Requests in flight at the start.
    pub const INITIAL: usize = 2;
    /// The default ceiling of requests in flight.
    pub const DEFAULT_MAX: usize = 8;

    /// A limiter with the default ceiling.
    pub fn new() -> Limiter {
        Limiter::with_max(Limiter::DEFAULT_MAX)
    }

    fn with_max(max: usize) -> Limiter {
        let max = max.max(1);
        Limiter {
            shared: Arc::new(Shared {
                max,
                state: Mutex::new(State {
                    limit: Limiter::INITIAL.min(max) as f64,
                    in_flight: 0,
                    slow_start: true,
                    min_rtt: None,
                    last_cut: None,
                    paused_until: None,
                    rate: None,
                    rate_set: None,
                    next_start: None,
                    answered: VecDeque::new(),
                }),
                changed: Notify::new(),
            }),
        }
    }

    /// The same limiter with at most `n` requests in flight (at least one). A fixed
    /// concurrency: `Limiter::fixed(n)`.
    pub fn max_in_flight(self, n: usize) -> Limiter {
        Limiter::with_max(n)
    }

    /// Exactly `n` requests in flight whatever the answers (pauses for `Retry-After` still
    /// apply).
    pub fn fixed(n: usize) -> Limiter {
        let l = Limiter::with_max(n);
        l.lock().limit = l.shared.max as f64;
        l.lock().slow_start = false;
        l
    }

    /// The ceiling of requests in flight.
    pub fn ceiling(&self) -> usize {
        self.shared.max
    }

    /// Requests that may be in flight now.
    pub fn current(&self) -> usize {
        (self.lock().limit.floor() as usize).clamp(1, self.shared.max)
    }

    /// The pace set after a 429, in requests a second, if any.
    pub fn pace(&self) -> Option<f64> {
        self.lock().rate
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state holds plain numbers: a panic elsewhere cannot leave it inconsistent.
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until a request may start, and counts it in flight until the permit is
    /// finished or dropped.
    pub(crate) async fn acquire(&self) -> Permit {
        loop {
            let changed = self.shared.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let wait = {
                let mut s = self.lock();
                let now = Instant::now();
                let cap = (s.limit.floor() as usize).clamp(1, self.shared.max);
                match s.paused_until {
                    Some(until) if until > now => Wait::Until(until),
                    _ if s.in_flight >= cap => Wait::Changed,
                    _ => {
                        s.in_flight += 1;
                        let start = match s.rate {
                            Some(rate) => {
                                let slot = s.next_start.map_or(now, |n| n.max(now));
                                s.next_start = Some(slot + Duration::from_secs_f64(1.0 / rate));
                                slot
                            }
                            None => now,
                        };
                        Wait::Go(start)
                    }
                }
            };
            match wait {
                Wait::Until(t) => tokio::time::sleep_until(t).await,
                Wait::Changed => changed.await,
                Wait::Go(start) => {
                    // Counted in flight from here: a caller that gives up while waiting for
                    // its paced start still frees its place (the permit's drop).
                    let mut permit = Permit {
                        limiter: Some(self.clone()),
                        started: start,
                    };
                    tokio::time::sleep_until(start).await;
                    permit.started = Instant::now();
                    return permit;
                }
            }
        }
    }

    fn finish(&self, outcome: Outcome, started: Instant, retry_after: Option<Duration>) {
        {
            let mut s = self.lock();
            let now = Instant::now();
            let rtt = now.saturating_duration_since(started);
            s.in_flight = s.in_flight.saturating_sub(1);
            let max = self.shared.max as f64;
            if let Some(wait) = retry_after {
                let until = now + wait;
                s.paused_until = Some(s.paused_until.map_or(until, |p| p.max(until)));
            }
            match outcome {
                Outcome::Success => s.on_success(now, rtt, max),
                Outcome::Overload => {
                    s.cut(now, rtt, 0.5);
                    s.slow_down(now, started);
                }
                Outcome::Failure => s.cut(now, rtt, 0.5),
                Outcome::Neutral => {}
            }
        }
        self.shared.changed.notify_waiters();
    }
}

enum Wait {
    Until(Instant),
    Changed,
    Go(Instant),
}

impl State {
    fn on_success(&mut self, now: Instant, rtt: Duration, max: f64) {
        self.answered.push_back(now);
        while self.answered.len() > 512
            || self
                .answered
                .front()
                .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(1))
        {
            self.answered.pop_front();
        }
        let fresh = self
            .min_rtt
            .is_none_or(|(min, at)| rtt <= min || now.duration_since(at) > MIN_RTT_FOR);
        if fresh {
            self.min_rtt = Some((rtt, now));
        }
        let min = self.min_rtt.map_or(rtt, |(m, _)| m);
        if rtt > min.mul_f64(RTT_TOLERANCE) + RTT_SLACK {
            // A queue is building at the server: give back a tenth.
            self.cut(now, min, 0.9);
            return;
        }
        self.limit = if self.slow_start {
            self.limit + 1.0
        } else {
            self.limit + 1.0 / self.limit.max(1.0)
        }
        .min(max);
        if let Some(rate) = self.rate {
            // Probe upwards: about one request a second more, each second.
            self.rate = Some(rate + 1.0 / rate.max(1.0));
        }
    }

    /// Multiplies the window by `factor`, at most once per round trip.
    fn cut(&mut self, now: Instant, rtt: Duration, factor: f64) {
        self.slow_start = false;
        if self
            .last_cut
            .is_some_and(|t| now.duration_since(t) < rtt.max(Duration::from_millis(1)))
        {
            return;
        }
        self.last_cut = Some(now);
        self.limit = (self.limit * factor).max(1.0);
    }

    /// Sets (or lowers) the pace after a rate-limit answer to a request sent at `sent`.
    ///
    /// Requests already in flight when the pace was set or lowered were sent at the old
    /// pace: their refusals say nothing new, and lowering the pace again for each of them
    /// (four in a row at a burst's end) would leave it far under the server's rate.
    fn slow_down(&mut self, now: Instant, sent: Instant) {
        if self.rate.is_some() && self.rate_set.is_some_and(|set| sent < set) {
            return;
        }
        let seen = self
            .answered
            .iter()
            .filter(|t| now.duration_since(**t) <= Duration::from_secs(1))
            .count() as f64;
        self.rate = match self.rate {
            Some(rate) => Some((rate * 0.8).max(0.5)),
            // Too few answers to know the server's rate: the halved window and the backoff
            // of the retry do the work until a rate can be measured.
            None if seen < 2.0 => None,
            None => Some(seen * 0.9),
        };
        if self.rate.is_some() {
            self.rate_set = Some(now);
        }
        self.next_start = None;
    }
}

/// A request in flight; finishing it tells the limiter how the answer went.
pub(crate) struct Permit {
    limiter: Option<Limiter>,
    started: Instant,
}

impl Permit {
    /// Records the answer: its kind, and `Retry-After` when the server sent one.
    pub(crate) fn finish(mut self, outcome: Outcome, retry_after: Option<Duration>) {
        if let Some(l) = self.limiter.take() {
            l.finish(outcome, self.started, retry_after);
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some(l) = self.limiter.take() {
            l.finish(Outcome::Neutral, Instant::now(), None);
        }
    }
}

#[cfg(test)]
mod tests;
