//! The limiter's rules, in tokio's paused time: every duration here is virtual, so nothing
//! depends on how fast the machine is.

use super::*;

/// One request that takes `rtt` and ends with `outcome`.
async fn answer(l: &Limiter, rtt: Duration, outcome: Outcome, retry_after: Option<Duration>) {
    let p = l.acquire().await;
    tokio::time::sleep(rtt).await;
    p.finish(outcome, retry_after);
}

// B09
#[tokio::test(start_paused = true)]
async fn grows_while_answers_succeed_at_flat_latency() {
    let l = Limiter::new().max_in_flight(16);
    assert_eq!(l.current(), Limiter::INITIAL);
    for _ in 0..6 {
        answer(&l, Duration::from_millis(5), Outcome::Success, None).await;
    }
    assert_eq!(l.current(), 8, "slow start adds one per answer");
    for _ in 0..100 {
        answer(&l, Duration::from_millis(5), Outcome::Success, None).await;
    }
    assert_eq!(l.current(), 16, "never above the ceiling");
}

// B09
#[tokio::test(start_paused = true)]
async fn shrinks_at_once_on_429_5xx_and_timeouts() {
    for outcome in [Outcome::Overload, Outcome::Failure] {
        let l = Limiter::new().max_in_flight(16);
        for _ in 0..20 {
            answer(&l, Duration::from_millis(5), Outcome::Success, None).await;
        }
        assert_eq!(l.current(), 16);
        // Three requests of one round trip fail: the window is halved once, not three times.
        let burst = [l.acquire().await, l.acquire().await, l.acquire().await];
        tokio::time::sleep(Duration::from_millis(5)).await;
        for p in burst {
            p.finish(outcome, None);
        }
        assert_eq!(l.current(), 8, "{outcome:?}: one cut for the burst");
        // After the cut it grows again, by about one per window (congestion avoidance).
        for _ in 0..12 {
            answer(&l, Duration::from_millis(5), Outcome::Success, None).await;
        }
        assert_eq!(l.current(), 9, "{outcome:?}: additive increase");
    }
}

#[tokio::test(start_paused = true)]
async fn gives_back_when_latency_rises() {
    let l = Limiter::new().max_in_flight(16);
    for _ in 0..20 {
        answer(&l, Duration::from_millis(20), Outcome::Success, None).await;
    }
    assert_eq!(l.current(), 16);
    answer(&l, Duration::from_millis(200), Outcome::Success, None).await;
    assert_eq!(
        l.current(),
        14,
        "latency ten times the lowest: a tenth less"
    );
    // Neutral answers (a 404, an API refusal) say nothing about capacity.
    answer(&l, Duration::from_millis(20), Outcome::Neutral, None).await;
    assert_eq!(l.current(), 14);
}

#[tokio::test(start_paused = true)]
async fn never_has_more_in_flight_than_its_window() {
    let l = Limiter::new().max_in_flight(3);
    let peak = Arc::new(Mutex::new((0usize, 0usize)));
    let mut tasks = Vec::new();
    for _ in 0..30 {
        let (l, peak) = (l.clone(), peak.clone());
        tasks.push(tokio::spawn(async move {
            let p = l.acquire().await;
            {
                let mut pk = peak.lock().unwrap();
                pk.0 += 1;
                pk.1 = pk.1.max(pk.0);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
            peak.lock().unwrap().0 -= 1;
            p.finish(Outcome::Success, None);
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let peak = peak.lock().unwrap().1;
    assert!((2..=3).contains(&peak), "peak {peak}");
}

// B09
#[tokio::test(start_paused = true)]
async fn retry_after_pauses_every_clone() {
    let l = Limiter::new();
    let other = l.clone();
    let t0 = Instant::now();
    answer(
        &l,
        Duration::from_millis(5),
        Outcome::Overload,
        Some(Duration::from_secs(2)),
    )
    .await;
    let p = other.acquire().await;
    assert!(
        Instant::now() >= t0 + Duration::from_secs(2),
        "the clone waited for Retry-After: {:?}",
        t0.elapsed()
    );
    p.finish(Outcome::Success, None);
}

#[tokio::test(start_paused = true)]
async fn a_rate_limit_sets_a_pace_under_the_served_rate() {
    let l = Limiter::new();
    // Twenty answers in the last second, then a 429: the pace is set a little under 20/s.
    for _ in 0..20 {
        answer(&l, Duration::from_millis(50), Outcome::Success, None).await;
    }
    answer(&l, Duration::from_millis(5), Outcome::Overload, None).await;
    let pace = l.pace().expect("a pace");
    assert!((15.0..=19.0).contains(&pace), "pace {pace}");
    // Paced starts are spaced 1/pace apart.
    let t0 = Instant::now();
    for _ in 0..5 {
        answer(&l, Duration::ZERO, Outcome::Success, None).await;
    }
    let spent = t0.elapsed().as_secs_f64();
    assert!(spent >= 4.0 / 20.0, "five paced starts took {spent}s");
    // Another 429 lowers it further.
    let before = l.pace().unwrap();
    answer(&l, Duration::ZERO, Outcome::Overload, None).await;
    assert!(l.pace().unwrap() < before);
}

#[tokio::test(start_paused = true)]
async fn a_dropped_permit_frees_its_place() {
    let l = Limiter::fixed(1);
    let p = l.acquire().await;
    drop(p);
    let p = tokio::time::timeout(Duration::from_secs(1), l.acquire()).await;
    assert!(p.is_ok(), "the place was freed");
}

// B09
#[tokio::test(start_paused = true)]
async fn refusals_of_requests_sent_before_the_pace_lower_it_once() {
    let l = Limiter::new();
    for _ in 0..20 {
        answer(&l, Duration::from_millis(50), Outcome::Success, None).await;
    }
    // A burst's end: four requests in flight together, all refused. The first refusal sets
    // the pace; the other three were sent before it and leave it as it is.
    let burst = [
        l.acquire().await,
        l.acquire().await,
        l.acquire().await,
        l.acquire().await,
    ];
    tokio::time::sleep(Duration::from_millis(5)).await;
    let mut burst = burst.into_iter();
    burst.next().unwrap().finish(Outcome::Overload, None);
    let pace = l.pace().expect("a pace");
    for p in burst {
        p.finish(Outcome::Overload, None);
    }
    assert_eq!(l.pace(), Some(pace), "one burst, one pace");
    // A refusal of a request sent at the new pace lowers it.
    answer(&l, Duration::ZERO, Outcome::Overload, None).await;
    assert!(l.pace().unwrap() < pace);
}
