//! Faults on demand, for resilience tests: a scripted sequence (consumed one per request)
//! and a seeded random plan (`--faults 0.2 --fault-seed 7` fails about a fifth of the
//! requests, the same ones for the same seed and order of requests), plus counters.
//!
//! Faults that answer instead of the sandbox (`Status`, `Html502`, `TooManyRequests`,
//! `Reset`) are decided before the call runs, so the call has no effect. `Delay`,
//! `TruncatedBody` and `CutJson` run the call (its effects happen) and spoil the answer.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::{RngExt as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One injected fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No fault: the request is answered normally (a gap in a script).
    None,
    /// This status (500, 503, ...) with a failure envelope.
    Status(u16),
    /// HTTP 502 with an HTML page, as a proxy in front of L2L sends.
    Html502,
    /// HTTP 429 with `Retry-After: <seconds>`.
    TooManyRequests {
        /// The `Retry-After` value, in seconds.
        retry_after: u64,
    },
    /// Waits this long before answering normally (past a client's timeout).
    Delay(Duration),
    /// Closes the connection with a TCP reset, answering nothing.
    Reset,
    /// Sends the headers (with the whole body's `Content-Length`) and half the body, then
    /// closes the connection.
    TruncatedBody,
    /// A complete HTTP answer whose JSON body stops halfway.
    CutJson,
}

impl Fault {
    /// A short name for logs and counters.
    pub fn name(&self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::Status(_) => "status",
            Fault::Html502 => "html502",
            Fault::TooManyRequests { .. } => "429",
            Fault::Delay(_) => "delay",
            Fault::Reset => "reset",
            Fault::TruncatedBody => "truncated",
            Fault::CutJson => "cut-json",
        }
    }
}

/// What the counters hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests received.
    pub requests: u64,
    /// Faults injected (scripted or random).
    pub faults: u64,
    /// Requests refused by the rate limit.
    pub rate_limited: u64,
}

#[derive(Debug)]
struct Plan {
    script: VecDeque<Fault>,
    rate: f64,
    rng: ChaCha8Rng,
    delay: Duration,
}

/// The fault plan of a sandbox, and its counters. Shared by every request.
#[derive(Debug)]
pub struct Faults {
    plan: Mutex<Plan>,
    requests: AtomicU64,
    faults: AtomicU64,
    rate_limited: AtomicU64,
}

impl Default for Faults {
    fn default() -> Faults {
        Faults::new(0.0, 0, Duration::from_secs(3))
    }
}

impl Faults {
    /// A plan failing `rate` (0 to 1) of the requests at random from `seed`; `delay` is how
    /// long a random `Delay` waits.
    pub(crate) fn new(rate: f64, seed: u64, delay: Duration) -> Faults {
        Faults {
            plan: Mutex::new(Plan {
                script: VecDeque::new(),
                rate: rate.clamp(0.0, 1.0),
                rng: ChaCha8Rng::seed_from_u64(seed),
                delay,
            }),
            requests: AtomicU64::new(0),
            faults: AtomicU64::new(0),
            rate_limited: AtomicU64::new(0),
        }
    }

    fn plan(&self) -> std::sync::MutexGuard<'_, Plan> {
        self.plan.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues faults for the next requests, one each, before any random fault.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use l2l_sandbox::{Fault, Sandbox};
    /// let sandbox = Sandbox::start().await?;
    /// // The next request is answered 503, the one after it as usual, the third 502.
    /// sandbox.faults().script([Fault::Status(503), Fault::None, Fault::Html502]);
    /// # Ok(()) }
    /// ```
    pub fn script(&self, faults: impl IntoIterator<Item = Fault>) {
        self.plan().script.extend(faults);
    }

    /// Sets the random plan: `rate` of the requests fail, drawn from `seed`.
    pub fn set_rate(&self, rate: f64, seed: u64) {
        let mut p = self.plan();
        p.rate = rate.clamp(0.0, 1.0);
        p.rng = ChaCha8Rng::seed_from_u64(seed);
    }

    /// Drops the script and turns the random plan off.
    pub fn clear(&self) {
        let mut p = self.plan();
        p.script.clear();
        p.rate = 0.0;
    }

    /// Counts a request received.
    pub(crate) fn count_request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Decides the fault of the next request (and counts it, when there is one).
    pub(crate) fn next(&self) -> Fault {
        let fault = {
            let mut p = self.plan();
            match p.script.pop_front() {
                Some(f) => f,
                None if p.rate > 0.0 && p.rng.random::<f64>() < p.rate => {
                    let delay = p.delay;
                    match p.rng.random_range(0..6u8) {
                        0 => Fault::Status(500),
                        1 => Fault::Html502,
                        2 => Fault::TooManyRequests { retry_after: 1 },
                        3 => Fault::Reset,
                        4 => Fault::TruncatedBody,
                        _ => Fault::Delay(delay),
                    }
                }
                None => Fault::None,
            }
        };
        if fault != Fault::None {
            self.faults.fetch_add(1, Ordering::Relaxed);
        }
        fault
    }

    /// Counts a request refused by the rate limit.
    pub(crate) fn count_rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters.
    pub fn stats(&self) -> Stats {
        Stats {
            requests: self.requests.load(Ordering::Relaxed),
            faults: self.faults.load(Ordering::Relaxed),
            rate_limited: self.rate_limited.load(Ordering::Relaxed),
        }
    }
}

/// The HTML page of a 502.
pub(crate) const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// A clock that moves only when told, for the rate limit in tests: with it, what the limit
/// answers depends on the requests and the time the test lets pass, never on the machine's
/// speed.
///
/// ```
/// use std::time::Duration;
/// let clock = l2l_sandbox::ManualClock::new();
/// clock.advance(Duration::from_secs(1));
/// assert_eq!(clock.elapsed(), Duration::from_secs(1));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ManualClock(Arc<Mutex<Duration>>);

impl ManualClock {
    /// A clock at zero.
    pub fn new() -> ManualClock {
        ManualClock::default()
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }

    /// The time let pass so far.
    pub fn elapsed(&self) -> Duration {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A rate limit in requests per second (a token bucket holding one second of requests).
#[derive(Debug)]
pub(crate) struct RateLimit {
    rps: f64,
    clock: Option<ManualClock>,
    started: std::time::Instant,
    state: Mutex<(f64, Duration)>,
}

impl RateLimit {
    /// A limit of `rps` requests per second on `clock` (the real one when `None`).
    pub(crate) fn with_clock(rps: f64, clock: Option<ManualClock>) -> RateLimit {
        let rps = rps.max(0.001);
        let limit = RateLimit {
            rps,
            clock,
            started: std::time::Instant::now(),
            state: Mutex::new((rps.max(1.0), Duration::ZERO)),
        };
        let now = limit.now();
        limit.state.lock().unwrap_or_else(|e| e.into_inner()).1 = now;
        limit
    }

    fn now(&self) -> Duration {
        match &self.clock {
            Some(c) => c.elapsed(),
            None => self.started.elapsed(),
        }
    }

    /// Takes a token: `Ok` to go on, or `Err(seconds to wait)` for `Retry-After`.
    pub(crate) fn take(&self) -> Result<(), u64> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.now();
        let cap = self.rps.max(1.0);
        s.0 = (s.0 + now.saturating_sub(s.1).as_secs_f64() * self.rps).min(cap);
        s.1 = now;
        if s.0 >= 1.0 {
            s.0 -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - s.0) / self.rps).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_faults_come_first_one_each() {
        let f = Faults::default();
        f.script([Fault::Status(503), Fault::None, Fault::Html502]);
        assert_eq!(f.next(), Fault::Status(503));
        assert_eq!(f.next(), Fault::None);
        assert_eq!(f.next(), Fault::Html502);
        assert_eq!(f.next(), Fault::None);
        assert_eq!(f.stats().faults, 2);
    }

    #[test]
    fn a_seed_gives_the_same_plan() {
        let draw = |seed| {
            let f = Faults::new(0.2, seed, Duration::from_millis(1));
            (0..1000).map(|_| f.next()).collect::<Vec<_>>()
        };
        let a = draw(7);
        assert_eq!(a, draw(7));
        assert_ne!(a, draw(8));
        let n = a.iter().filter(|f| **f != Fault::None).count();
        assert!((150..250).contains(&n), "{n} faults in 1000");
    }

    #[test]
    fn rate_limit_refuses_bursts() {
        let clock = ManualClock::new();
        let r = RateLimit::with_clock(2.0, Some(clock.clone()));
        assert!(r.take().is_ok());
        assert!(r.take().is_ok());
        assert_eq!(r.take(), Err(1));
        clock.advance(Duration::from_millis(500));
        assert!(r.take().is_ok());
        assert_eq!(r.take(), Err(1));
    }
}
