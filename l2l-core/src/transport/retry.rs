//! When and how long to wait before trying a request again.
//!
//! Timeouts, connections reset or cut off, 5xx and 429 are retried with exponential
//! backoff, jitter and a cap (backon), honouring `Retry-After` when the server sends one.
//! What a retry cannot mend fails after one attempt: a refused connection, a host that
//! does not resolve, an untrusted certificate ([`crate::Error::is_transient`]). Only idempotent
//! requests (GET, PUT, DELETE) are retried, unless a call opts in with
//! [`crate::Request::retry_writes`].

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

/// How often and how patiently a failed request is tried again.
///
/// ```
/// use std::time::Duration;
/// use l2l_core::RetryPolicy;
/// let p = RetryPolicy::default().max_retries(2).min_delay(Duration::from_millis(50));
/// assert_eq!(p.delays().count(), 2);
/// assert_eq!(RetryPolicy::none().delays().count(), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    max_retries: u32,
    min_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 5 retries, from 250 ms doubling to at most 15 s, with jitter; a `Retry-After` of up
    /// to 2 minutes is honoured.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(15),
            max_retry_after: Duration::from_secs(120),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request is tried again after its first failure.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The first delay.
    pub fn min_delay(mut self, d: Duration) -> Self {
        self.min_delay = d;
        self
    }

    /// The cap on a backoff delay.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// The longest `Retry-After` honoured; a longer one ends the retries with the error.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// Whether delays are randomised (on by default, so that many clients do not retry in
    /// step).
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// The longest `Retry-After` honoured.
    pub(crate) fn longest_pause(&self) -> Duration {
        self.max_retry_after
    }

    /// The number of retries allowed.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The backoff delays, one per allowed retry.
    pub fn delays(&self) -> impl Iterator<Item = Duration> + use<> {
        let mut b = ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_retries as usize);
        if self.jitter {
            b = b.with_jitter();
        }
        b.build()
    }

    /// The wait before the next try, given the backoff delay and the server's `Retry-After`;
    /// `None` when the server asks for longer than this policy will wait.
    pub fn wait(&self, backoff: Duration, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(ra) if ra > self.max_retry_after => None,
            Some(ra) => Some(ra.max(backoff.min(ra + self.min_delay))),
            None => Some(backoff),
        }
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_are_capped() {
        let p = RetryPolicy::default()
            .jitter(false)
            .max_retries(6)
            .min_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(500));
        let d: Vec<_> = p.delays().map(|d| d.as_millis()).collect();
        assert_eq!(d, vec![100, 200, 400, 500, 500, 500]);
    }

    #[test]
    fn retry_after_wins_and_is_bounded() {
        let p = RetryPolicy::default();
        let ms = Duration::from_millis;
        assert_eq!(
            p.wait(ms(100), Some(Duration::from_secs(1))),
            Some(Duration::from_secs(1))
        );
        assert_eq!(p.wait(ms(100), None), Some(ms(100)));
        assert_eq!(p.wait(ms(100), Some(Duration::from_secs(600))), None);
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert!(parse_retry_after("soon").is_none());
    }
}
