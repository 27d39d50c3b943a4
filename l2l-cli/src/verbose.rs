//! What the client logs, shown on stderr: with `--verbose` each request (`> GET url`, the
//! key never in it) and its answer (`< 200 in 3 ms`); always, each retry and its wait.

use std::fmt::{self, Write as _};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

/// Installs the layer.
pub fn init(all: bool) {
    use tracing_subscriber::prelude::*;
    let _ = tracing_subscriber::registry()
        .with(Requests { all })
        .try_init();
}

/// The layer: reads the client's `l2l.request` spans and their events.
struct Requests {
    all: bool,
}

/// The fields of one request span or event.
#[derive(Default)]
struct Fields {
    message: String,
    method: String,
    path: String,
    url: String,
    error: String,
    status: Option<u64>,
    elapsed_ms: Option<u64>,
    wait_ms: Option<u64>,
}

impl Visit for Fields {
    fn record_u64(&mut self, field: &Field, value: u64) {
        match field.name() {
            "status" => self.status = Some(value),
            "elapsed_ms" => self.elapsed_ms = Some(value),
            "wait_ms" => self.wait_ms = Some(value),
            _ => {}
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.record_u64(field, value.max(0) as u64);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.set(field, value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let mut s = String::new();
        let _ = write!(s, "{value:?}");
        self.set(field, s);
    }
}

impl Fields {
    fn set(&mut self, field: &Field, value: String) {
        match field.name() {
            "message" => self.message = value,
            "method" => self.method = value,
            "path" => self.path = value,
            "url" => self.url = value,
            "error" => self.error = value,
            _ => {}
        }
    }
}

fn ours(target: &str) -> bool {
    target.starts_with("l2l_core") || target.starts_with("l2l_areas")
}

impl<S> Layer<S> for Requests
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if !ours(attrs.metadata().target()) {
            return;
        }
        let mut f = Fields::default();
        attrs.record(&mut f);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(f);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(f) = span.extensions_mut().get_mut::<Fields>()
        {
            values.record(f);
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if !ours(event.metadata().target()) {
            return;
        }
        let mut e = Fields::default();
        event.record(&mut e);
        let (method, path) = ctx
            .event_span(event)
            .and_then(|s| {
                s.extensions()
                    .get::<Fields>()
                    .map(|f| (f.method.clone(), f.path.clone()))
            })
            .unwrap_or_default();
        match e.message.as_str() {
            "sending" if self.all => eprintln!("> {method} {}", e.url),
            "retrying" => eprintln!(
                "retrying {method} {path} in {} ms after: {}",
                e.wait_ms.unwrap_or(0),
                e.error
            ),
            _ => {}
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        if !self.all {
            return;
        }
        if let Some(span) = ctx.span(&id)
            && let Some(f) = span.extensions().get::<Fields>()
            && let Some(status) = f.status
        {
            eprintln!("< {status} in {} ms", f.elapsed_ms.unwrap_or(0));
        }
    }
}
