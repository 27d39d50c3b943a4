//! Reads served side by side on the reader pool, writes on the one writer: every read sees
//! the writes answered before it, under concurrency, and `latency` delays every answer.

mod common;

use std::time::Duration;

use common::{Raw, ids};
use l2l_sandbox::Sandbox;

#[tokio::test]
async fn readers_see_every_write_answered_before() {
    for readers in [0, 1, 4] {
        let sb = Sandbox::builder().readers(readers).start().await.unwrap();
        assert_eq!(sb.readers(), readers);
        let raw = Raw::new(&sb);
        for i in 0..10 {
            let code = format!("R{readers}-{i}");
            let v = raw
                .post(
                    "tooling/",
                    &[("site", "1"), ("code", &code), ("description", "t")],
                )
                .await;
            assert_eq!(v["success"], true, "{v}");
            // The next read, on whichever reader, sees it.
            let v = raw.ok(&format!("tooling/?site=1&code={code}")).await;
            assert_eq!(ids(&v).len(), 1, "{readers} readers, {code}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_reads_and_writes_all_succeed() {
    let sb = Sandbox::builder().readers(4).start().await.unwrap();
    let raw = std::sync::Arc::new(Raw::new(&sb));
    let writer = {
        let raw = raw.clone();
        tokio::spawn(async move {
            for i in 0..20 {
                let v = raw
                    .post(
                        "tooling/",
                        &[
                            ("site", "1"),
                            ("code", &format!("C-{i}")),
                            ("description", "c"),
                        ],
                    )
                    .await;
                assert_eq!(v["success"], true, "{v}");
            }
        })
    };
    let mut readers = Vec::new();
    for _ in 0..8 {
        let raw = raw.clone();
        readers.push(tokio::spawn(async move {
            let mut last = 0;
            for _ in 0..15 {
                let n = ids(&raw
                    .ok("tooling/?site=1&code__gte=C-&code__lt=D&limit=2000")
                    .await)
                .len();
                // Each read sees a committed state, never fewer records than before.
                assert!(n >= last, "{n} after {last}");
                last = n;
            }
        }));
    }
    writer.await.unwrap();
    for r in readers {
        r.await.unwrap();
    }
    assert_eq!(
        ids(&raw.ok("tooling/?site=1&code__gte=C-&code__lt=D").await).len(),
        20
    );
}

#[tokio::test]
async fn latency_is_added_to_every_answer() {
    let sb = Sandbox::builder()
        .latency(Duration::from_millis(150))
        .start()
        .await
        .unwrap();
    let raw = Raw::new(&sb);
    // A lower bound only: a sleep never ends early, whatever the machine's speed.
    for path in ["sites/", "nope/", "machines/1/"] {
        let started = std::time::Instant::now();
        let _ = raw.get_text(path).await;
        assert!(started.elapsed() >= Duration::from_millis(150), "{path}");
    }
}

#[tokio::test]
async fn the_temporary_database_is_removed_at_shutdown() {
    let sb = Sandbox::builder().readers(2).start().await.unwrap();
    Raw::new(&sb).ok("sites/").await;
    let db = sb.db_path().to_owned();
    let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        db.exists() && wal.exists(),
        "{db:?} in WAL mode while running"
    );
    sb.shutdown().await;
    assert!(!db.exists() && !wal.exists(), "{db:?} removed");
}
