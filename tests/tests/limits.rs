//! Page sizes from the server, against the real sandbox: a tenant whose area has a smaller
//! maximum than the documented 2000, answering a larger limit either as the docs say (the
//! call fails) or by serving its maximum. The pager follows both and remembers the size.

use l2l_areas::{Machine, RecordArea as _};
use l2l_sandbox::{OverLimit, Sandbox, Seed};

const RECORDS: u64 = 1_200;
const MAXIMUM: u32 = 250;

async fn sandbox(over: OverLimit) -> Sandbox {
    Sandbox::builder()
        .seed(Seed::Bulk {
            count: RECORDS,
            area: Some(Machine::SCHEMA.path.to_owned()),
        })
        .max_limit("machines", MAXIMUM)
        .over_limit(over)
        .start()
        .await
        .unwrap()
}

fn sorted_ids(ms: &[Machine]) -> Vec<i64> {
    let mut ids: Vec<i64> = ms.iter().map(|m| m.id).collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn a_refused_limit_is_lowered_remembered_and_every_record_read() {
    // B16: above the maximum the call fails; the pager asks again with the maximum the
    // error names, reads every record, and asks the next query at that size at once.
    let sb = sandbox(OverLimit::Fail).await;
    let client = sb.client();
    let all = Machine::query(1).all(&client).await.unwrap();
    let ids = sorted_ids(&all);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no record twice");
    assert!(ids.len() as u64 >= RECORDS, "{} records", ids.len());
    let before = sb.stats().requests;
    let again = Machine::query(1).parallel(1).all(&client).await.unwrap();
    assert_eq!(sorted_ids(&again), ids);
    let requests = sb.stats().requests - before;
    let pages = ids.len().div_ceil(MAXIMUM as usize) as u64;
    assert!(
        requests <= pages + 1,
        "the remembered size is asked at once: {requests} requests for {pages} pages"
    );
}

#[tokio::test]
async fn a_clamped_limit_is_followed() {
    // B18: the server serves its maximum and says so in `limit`; paging goes on with it.
    let sb = sandbox(OverLimit::Clamp).await;
    let client = sb.client();
    let all = Machine::query(1).parallel(1).all(&client).await.unwrap();
    let ids = sorted_ids(&all);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no record twice");
    assert!(ids.len() as u64 >= RECORDS, "{} records", ids.len());
}
