//! Get, create, update and delete one record: the plain functions that each generated
//! `X::get`, `X::create`, `X::update` and `X::delete` calls in one line.

use serde::de::IgnoredAny;

use crate::area::{AreaSchema, Record};
use crate::client::Client;
use crate::error::Error;
use crate::form::Form;
use crate::request::Request;

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
