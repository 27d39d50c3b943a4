//! Writes under faults: nothing is stored twice.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{MACHINES, builder};
use l2l_core::crud;
use l2l_core::{Error, Form, FormWriter};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

#[derive(Debug, serde::Deserialize)]
struct Machine {
    id: i64,
    code: String,
}

impl l2l_core::Record for Machine {
    fn record_id(&self) -> Option<i64> {
        Some(self.id)
    }
}

struct NewMachine(&'static str);

impl Form for NewMachine {
    fn write_form(&self, w: &mut FormWriter) {
        w.field("site", &1);
        w.field("code", &self.0);
        w.field("active", &true);
    }
}

/// A machines area that stores every POST, and answers the first `slow` of them only
/// after the client's timeout, or the first `fail` of them with a 500 without storing.
#[derive(Clone, Default)]
struct Store {
    rows: Arc<Mutex<Vec<(i64, String)>>>,
    posts: Arc<Mutex<u32>>,
    slow: u32,
    fail: u32,
}

impl Respond for Store {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if req.method.as_str() == "POST" {
            let mut posts = self.posts.lock().unwrap();
            *posts += 1;
            if *posts <= self.fail {
                return ResponseTemplate::new(500).set_body_string("database busy");
            }
            let form = l2l_core::wire::decode_pairs(std::str::from_utf8(&req.body).unwrap());
            let code = form.iter().find(|(k, _)| k == "code").unwrap().1.clone();
            let mut rows = self.rows.lock().unwrap();
            let id = rows.len() as i64 + 1;
            rows.push((id, code.clone()));
            let t = ResponseTemplate::new(200)
                .set_body_json(json!({"success": true, "data": {"id": id, "code": code}}));
            return if *posts <= self.fail + self.slow {
                t.set_delay(Duration::from_secs(2))
            } else {
                t
            };
        }
        let q = common::query_of(req);
        let code = q.iter().find(|(k, _)| k == "code").map(|(_, v)| v.clone());
        let rows = self.rows.lock().unwrap();
        let data: Vec<_> = rows
            .iter()
            .filter(|(_, c)| Some(c) == code.as_ref())
            .map(|(id, c)| json!({"id": id, "code": c}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": data}))
    }
}

async fn serve(store: Store) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/api/1.0/machines/"))
        .respond_with(store)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> l2l_core::Client {
    builder(&server.uri())
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_plain_create_that_times_out_is_not_sent_again() {
    let store = Store {
        slow: 1,
        ..Store::default()
    };
    let server = serve(store.clone()).await;
    let err = crud::create::<Machine>(&client(&server), &MACHINES, &NewMachine("WLD0001"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err}");
    assert_eq!(*store.posts.lock().unwrap(), 1);
}

#[tokio::test]
async fn a_create_that_timed_out_after_committing_is_found_not_duplicated() {
    let store = Store {
        slow: 1,
        ..Store::default()
    };
    let server = serve(store.clone()).await;
    let m = crud::create_once::<Machine>(&client(&server), &MACHINES, &NewMachine("WLD0001"))
        .await
        .unwrap();
    assert_eq!((m.id, m.code.as_str()), (1, "WLD0001"));
    assert_eq!(*store.posts.lock().unwrap(), 1, "the create was sent again");
    assert_eq!(store.rows.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_create_refused_with_500_before_committing_is_sent_again_once() {
    let store = Store {
        fail: 1,
        ..Store::default()
    };
    let server = serve(store.clone()).await;
    let m = crud::create_once::<Machine>(&client(&server), &MACHINES, &NewMachine("WLD0002"))
        .await
        .unwrap();
    assert_eq!(m.code, "WLD0002");
    assert_eq!(*store.posts.lock().unwrap(), 2);
    assert_eq!(store.rows.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn create_once_needs_a_natural_key() {
    let server = serve(Store::default()).await;
    let err = crud::create_once::<Machine>(&client(&server), &common::SITES, &NewMachine("X"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidRequest { ref reason, .. } if reason.contains("no natural key")),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
