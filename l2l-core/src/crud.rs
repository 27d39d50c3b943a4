//! Get, create, update and delete one record: the plain functions that each generated
//! `X::get`, `X::create`, `X::update` and `X::delete` calls in one line.

use serde::de::IgnoredAny;

use crate::error::Error;
use crate::schema::{AreaSchema, Record};
use crate::transport::Client;
use crate::wire::form::Form;
use crate::wire::request::Request;

/// `GET <area>/<id>/`: one record.
pub async fn get<R: Record>(
    client: &Client,
    schema: &'static AreaSchema,
    id: i64,
) -> Result<R, Error> {
    client
        .one(Request::get(format!("{}/{id}", schema.path)))
        .await
}

/// `POST <area>/` without an id: creates a record and returns it as stored.
///
/// Never retried: a create answered with an error may still have been stored, and sending
/// it again could store it twice. See [`create_retrying`] for the opt-in.
pub async fn create<R: Record>(
    client: &Client,
    schema: &'static AreaSchema,
    form: &dyn Form,
) -> Result<R, Error> {
    client
        .one(Request::post(schema.path).form_pairs(form.to_pairs()))
        .await
}

/// `POST <area>/`, retried on timeouts and server errors: the caller accepts that a create
/// which the server committed before failing may be stored twice, or checks for it.
pub async fn create_retrying<R: Record>(
    client: &Client,
    schema: &'static AreaSchema,
    form: &dyn Form,
) -> Result<R, Error> {
    client
        .one(
            Request::post(schema.path)
                .form_pairs(form.to_pairs())
                .retry_writes(true),
        )
        .await
}

/// `POST <area>/` that is safe to retry: after a timeout or a server error, the record is
/// first looked up by the area's natural key (see [`AreaSchema::natural_key`]); when the
/// failed create had been stored, that record is returned instead of creating a second one.
///
/// What this can and cannot guarantee: with a natural key that the form sets, a create is
/// stored at most once by this client, even when an answer is lost. Without one the call
/// is refused ([`Error::InvalidRequest`]): use [`create`] and decide yourself. A concurrent
/// writer that creates the same key between the failure and the look-up is found too, and
/// returned as if this call had stored it.
pub async fn create_once<R: Record>(
    client: &Client,
    schema: &'static AreaSchema,
    form: &dyn Form,
) -> Result<R, Error> {
    let pairs = form.to_pairs();
    let key = schema.natural_key();
    let values: Vec<(&str, &str)> = key
        .iter()
        .filter_map(|k| {
            pairs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| (*k, v.as_str()))
        })
        .collect();
    if key.is_empty() || values.len() != key.len() {
        return Err(Error::invalid(format!(
            "area `{}` has no natural key that this record sets ({}), so a retried create could store it twice",
            schema.path,
            if key.is_empty() {
                "none".to_owned()
            } else {
                key.join(", ")
            }
        )));
    }
    // The client's one retry loop sends the create again after a timeout or a server error,
    // but first looks the record up by its natural key (reads are retried on their own).
    let lookup = || async {
        let request = Request::get(schema.path)
            .query_pairs(values.iter().copied())
            .query("limit", "2");
        let mut found = client.list::<R>(request).await?.records;
        if found.len() == 1 {
            tracing::info!(
                area = schema.path,
                "a failed create had been stored; returning it"
            );
            return Ok(Some(found.remove(0)));
        }
        Ok(None)
    };
    client
        .one_recovering(
            Request::post(schema.path)
                .form_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .retry_writes(true),
            lookup,
        )
        .await
}

/// `POST <area>/<id>/`: updates the fields the form sets and returns the record. An update
/// sets the same values however often it is sent, so it is retried like a read.
pub async fn update<R: Record>(
    client: &Client,
    schema: &'static AreaSchema,
    id: i64,
    form: &dyn Form,
) -> Result<R, Error> {
    client
        .one(
            Request::post(format!("{}/{id}", schema.path))
                .form_pairs(form.to_pairs())
                .retry_writes(true),
        )
        .await
}

/// `DELETE <area>/<id>/`.
pub async fn delete(client: &Client, schema: &'static AreaSchema, id: i64) -> Result<(), Error> {
    client
        .call::<IgnoredAny>(Request::delete(format!("{}/{id}", schema.path)))
        .await
        .map(drop)
}
