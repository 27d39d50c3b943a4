//! Page maxima: per area (`--max-limit AREA=N`), and both of the docs' behaviours above
//! one (`--over-limit fail|clamp`). B18.

mod common;

use common::{Raw, ids};
use l2l_sandbox::{OverLimit, Sandbox, Seed};

async fn with(over: OverLimit) -> Sandbox {
    Sandbox::builder()
        .seed(Seed::Bulk {
            count: 25,
            area: Some("machines".into()),
        })
        .max_limit("machines", 10)
        .over_limit(over)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn above_the_maximum_fails_by_default_as_the_docs_say() {
    // "If this value exceeds the max the api call will fail."
    let sb = with(OverLimit::Fail).await;
    let raw = Raw::new(&sb);
    assert_eq!(ids(&raw.ok("machines/?site=1&limit=10").await).len(), 10);
    let e = raw.refused("machines/?site=1&limit=11").await;
    assert!(e.contains("maximum of 10"), "{e}");
    // Other areas keep their own maximum (2000).
    assert_eq!(raw.ok("lines/?site=1&limit=2000").await["limit"], 2000);
    let e = raw.refused("lines/?site=1&limit=2001").await;
    assert!(e.contains("maximum of 2000"), "{e}");
    // The default page (100) is capped by the maximum.
    assert_eq!(raw.ok("machines/?site=1").await["limit"], 10);
}

#[tokio::test]
async fn clamp_serves_the_maximum_and_says_so() {
    let sb = with(OverLimit::Clamp).await;
    let raw = Raw::new(&sb);
    let v = raw.ok("machines/?site=1&limit=500").await;
    assert_eq!(v["limit"], 10);
    assert_eq!(ids(&v).len(), 10);
    // The docs' paging loop, following the returned limit, sees every record once.
    let (mut seen, mut offset) = (Vec::new(), 0);
    loop {
        let v = raw
            .ok(&format!("machines/?site=1&limit=2000&offset={offset}"))
            .await;
        let page = ids(&v);
        offset += page.len();
        seen.extend(page.iter().copied());
        if page.len() < v["limit"].as_u64().unwrap() as usize {
            break;
        }
    }
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique, seen);
    let stored: i64 = sb
        .with_db(|c| {
            c.query_row("SELECT COUNT(*) FROM a_machines WHERE site = 1", [], |r| {
                r.get(0)
            })
            .unwrap()
        })
        .await
        .unwrap();
    assert!(stored > 20, "{stored}");
    assert_eq!(seen.len() as i64, stored);
}

#[tokio::test]
async fn a_maximum_for_an_area_not_served_is_refused() {
    let e = Sandbox::builder()
        .max_limit("machinez", 10)
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("did you mean `machines`"), "{e}");
}
