//! The API: one generic handler for every record area and action, under `/api/1.0/`.
//!
//! Statuses: 200 for answers and for refusals of validation and business rules
//! (`success: false`, as L2L does); 400 for malformed requests (an unescaped space in the
//! URL's query, bytes that are not UTF-8); 401 for a missing or unknown API key; 403 for a site the user may
//! not use, a refused `realuser`, a bad signature or an area the sandbox forbids
//! (`--forbid`); 404 for an unknown area or action; 405 for other methods; 413 for bodies
//! above 8 MiB; 429 for the rate limit. Every answer, refusals included, is the envelope in
//! the requested format.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use rusqlite::Connection;

use crate::app::App;
use crate::auth;
use crate::call::{self, ApiError, Call, Ctx, Method};
use crate::crud::{read, write};
use crate::faults::{Fault, HTML_502};
use l2l_core::Format;

use crate::render::Out;
use crate::server::ConnCtl;
use crate::store::Catalog;

/// The router: every path goes to [`handle`], which answers `/api/1.0/...` and refuses the
/// rest with a 404 envelope.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new().fallback(handle).with_state(app)
}

/// The largest request body accepted.
pub(crate) const MAX_BODY: usize = 8 << 20;

fn envelope(status: u16, format: Format, err: &ApiError) -> Response {
    respond(
        status,
        format,
        Out::failure(format, &err.error, &err.errors),
    )
}

fn respond(status: u16, format: Format, body: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(crate::render::content_type(format)),
    );
    r
}

fn too_many(format: Format, retry_after: u64, why: &str) -> Response {
    let mut r = envelope(429, format, &ApiError::status(429, why));
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// The handler of every request, with its log line when `--log-requests` asks for one:
/// method, path (never the query, which may hold the key), status and time.
pub(crate) async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    if !app.log_requests {
        return limited(app, req).await;
    }
    let started = std::time::Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let response = limited(app, req).await;
    eprintln!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Rate limit, faults, then the call itself.
async fn limited(app: Arc<App>, req: Request) -> Response {
    if !app.latency.is_zero() {
        tokio::time::sleep(app.latency).await;
    }
    app.faults.count_request();
    let ctl = req.extensions().get::<ConnCtl>().cloned();
    if let Some(limit) = &app.rate
        && let Err(wait) = limit.take()
    {
        app.faults.count_rate_limited();
        return too_many(Format::Json, wait, "rate limit exceeded: slow down");
    }
    let fault = app.faults.next();
    match &fault {
        Fault::Status(s) => {
            let err = ApiError::status(*s, format!("injected fault: HTTP {s}"));
            return envelope(*s, Format::Json, &err);
        }
        Fault::Html502 => {
            let mut r = Response::new(Body::from(HTML_502));
            *r.status_mut() = StatusCode::BAD_GATEWAY;
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
            return r;
        }
        Fault::TooManyRequests { retry_after } => {
            return too_many(
                Format::Json,
                *retry_after,
                "injected fault: too many requests",
            );
        }
        Fault::Reset => match ctl {
            Some(ctl) => {
                ctl.reset();
                std::future::pending::<()>().await;
                unreachable!("the connection task drops this future")
            }
            None => {
                let err = ApiError::status(500, "injected fault: connection reset");
                return envelope(500, Format::Json, &err);
            }
        },
        Fault::Delay(d) => tokio::time::sleep(*d).await,
        Fault::None | Fault::TruncatedBody | Fault::CutJson => {}
    }
    let response = answer(app, req).await;
    match fault {
        Fault::TruncatedBody => crate::server::truncate(response, ctl).await,
        Fault::CutJson => crate::server::cut(response).await,
        _ => response,
    }
}

fn guess_format(raw_query: &str) -> Format {
    if raw_query.split('&').any(|p| p == "format=xml") {
        Format::Xml
    } else {
        Format::Json
    }
}

async fn answer(app: Arc<App>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let raw_query = parts.uri.query().unwrap_or("").to_owned();
    let mut format = guess_format(&raw_query);
    let method = match parts.method.as_str() {
        "GET" | "HEAD" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        other => {
            let err = ApiError::status(405, format!("method {other} is not supported"));
            return envelope(405, format, &err);
        }
    };
    let path = parts.uri.path();
    let Some(rest) = path
        .strip_prefix("/api/1.0/")
        .or_else(|| (path == "/api/1.0").then_some(""))
    else {
        let err = ApiError::status(
            404,
            format!("not an API path: {path:?}; the API is under /api/1.0/"),
        );
        return envelope(404, format, &err);
    };
    let segments = match call::segments(rest) {
        Ok(s) => s,
        Err(e) => return envelope(e.status, format, &e),
    };
    let query = match call::decode_pairs(raw_query.as_bytes(), "query") {
        Ok(q) => q,
        Err(e) => return envelope(e.status, format, &e),
    };
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let err = ApiError::status(413, format!("the body is larger than {MAX_BODY} bytes"));
            return envelope(413, format, &err);
        }
    };
    let form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| {
            ct.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let body = if bytes.is_empty() {
        Vec::new()
    } else {
        match form.as_deref() {
            None | Some("application/x-www-form-urlencoded") => {
                match call::decode_pairs(&bytes, "body") {
                    Ok(b) => b,
                    Err(e) => return envelope(e.status, format, &e),
                }
            }
            Some(other) => {
                let err = ApiError::failure(format!(
                    "the body is {other}; send application/x-www-form-urlencoded"
                ));
                return envelope(200, format, &err);
            }
        }
    };
    let header_key = parts
        .headers
        .get("L2LAUTH")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_owned());
    let mut call = Call {
        method,
        segments,
        query,
        body,
        header_key,
        format,
        micros: false,
    };
    match call.arg("format") {
        None | Some("" | "json") => format = Format::Json,
        Some("xml") => format = Format::Xml,
        Some(other) => {
            let err = ApiError::failure(format!(
                "unknown format {:?}: use json (the default) or xml",
                call::short(other)
            ));
            return envelope(200, Format::Json, &err);
        }
    }
    call.format = format;
    call.micros = call
        .arg("l2lfmt_microseconds")
        .and_then(crate::store::value::parse_bool)
        .unwrap_or(false);
    let app2 = app.clone();
    // Reads of record areas run on the readers, side by side; writes and actions run one
    // at a time on the writer.
    let read_only = call.method == Method::Get && crate::actions::find(&call.segments).is_none();
    let result = if read_only {
        app.store
            .read(move |conn| process(&app2, conn, &call))
            .await
    } else {
        app.store.run(move |conn| process(&app2, conn, &call)).await
    };
    match result {
        Ok(Ok(body)) => respond(200, format, body),
        Ok(Err(e)) => envelope(e.status, format, &e),
        Err(e) => envelope(503, format, &ApiError::status(503, e.to_string())),
    }
}

/// The time zone of the site a call names (its `timezone`), if the site and zone are known.
fn site_zone(conn: &Connection, catalog: &Catalog, call: &Call) -> Option<jiff::tz::TimeZone> {
    let site = call.site().ok()??;
    let table = catalog.table("sites")?;
    let (num, tz) = (table.field("site")?, table.field("timezone")?);
    let sql = format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        table.column(tz),
        table.sql,
        table.column(num)
    );
    let name: Option<String> = conn.query_row(&sql, [site], |r| r.get(0)).ok()?;
    crate::store::value::site_zone(&name?)
}

/// Runs one call on the storage thread.
pub(crate) fn process(app: &App, conn: &Connection, call: &Call) -> Result<Vec<u8>, ApiError> {
    let (actor, access) = auth::authenticate(conn, call)?;
    let ctx = Ctx {
        conn,
        catalog: &app.catalog,
        call,
        actor: &actor,
        access: &access,
        default_limit: app.default_limit,
        limits: &app.limits,
    };
    if app.signing.requires(&call.path()) {
        app.signing.check(call, crate::store::value::utc_now())?;
    }
    let segs = &call.segments;
    let Some(area) = segs.first() else {
        return Err(ApiError::status(
            404,
            "name a record area: /api/1.0/<record_area>/",
        ));
    };
    if let Some((action, key)) = crate::actions::find(segs) {
        // Action times are the site's wall-clock time.
        let zone = site_zone(conn, &app.catalog, call);
        return crate::store::value::in_site_zone(zone, || action(&ctx, key));
    }
    let Some(table) = app.catalog.table(area) else {
        return Err(ApiError::status(
            404,
            format!(
                "unknown record area `{area}`{}",
                l2l_schema::hint(area, app.catalog.tables().iter().map(|t| t.path()))
            ),
        ));
    };
    if app.forbidden.iter().any(|f| f == area) {
        return Err(ApiError::status(
            403,
            format!(
                "API user `{}` has no permission for record area `{area}`",
                actor.loginid
            ),
        ));
    }
    let path_id = match segs.get(1) {
        None => None,
        Some(s) => match s.parse::<i64>() {
            Ok(id) if segs.len() == 2 => Some(id),
            _ => {
                return Err(ApiError::status(
                    404,
                    format!(
                        "unknown action or id `{}` of area `{area}`",
                        segs[1..].join("/")
                    ),
                ));
            }
        },
    };
    let arg_id = call.int_arg("id")?;
    let id = path_id.or(arg_id);
    if let (Some(p), Some(a)) = (path_id, arg_id)
        && p != a
    {
        return Err(ApiError::failure(format!(
            "the id in the path ({p}) and the `id` argument ({a}) differ"
        )));
    }
    match call.method {
        Method::Get => match path_id {
            Some(id) => read::get(&ctx, table, id),
            None => read::list(&ctx, table),
        },
        Method::Post if call.arg("_action") == Some("delete") => match id {
            Some(id) => write::delete(&ctx, table, id),
            None => Err(ApiError::failure(
                "_action=delete needs the record's id (in the path, the query or the body)",
            )),
        },
        Method::Post if call.arg("_action").is_some_and(|a| !a.is_empty()) => {
            Err(ApiError::failure(format!(
                "unknown _action {:?}: the only one is delete",
                call::short(call.arg("_action").unwrap_or(""))
            )))
        }
        Method::Post => match id {
            Some(id) => write::update(&ctx, table, id),
            None => write::create(&ctx, table),
        },
        Method::Put => match id {
            Some(id) => write::update(&ctx, table, id),
            None => Err(ApiError::failure(
                "PUT updates a record: name its id in the path or the body",
            )),
        },
        Method::Delete => match id {
            Some(id) => write::delete(&ctx, table, id),
            None => Err(ApiError::failure(
                "DELETE needs the record's id (in the path or the query)",
            )),
        },
    }
}
