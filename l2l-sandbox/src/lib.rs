//! # l2l-sandbox
//!
//! A local Leading2Lean (L2L)-compatible server for offline development and every test:
//! the record areas of the API (one SQLite table per area, from each area's
//! [`l2l_core::AreaSchema`]), their filters, paging, ordering and field selection, JSON and
//! the docs' XML, create/update/delete in every form the docs give, API keys bound to users
//! with site access, `realuser`, signed endpoints, the action endpoints, HTTPS with a
//! generated certificate, deterministic seed data, and faults on demand.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use l2l_sandbox::{Fault, Sandbox};
//!
//! let sandbox = Sandbox::builder().tls(true).start().await?;
//! println!("{} key {}", sandbox.api_url(), sandbox.api_key());
//! sandbox.faults().script([Fault::Status(503), Fault::Html502]);
//! let client = sandbox.client(); // trusts the generated certificate
//! # Ok(()) }
//! ```
//!
//! Choices where the docs say nothing (each tested):
//!
//! - An unknown id answers HTTP 200, `success: false`, "`machines` record 99 not found";
//!   an unknown area or action answers HTTP 404 with the envelope.
//! - A missing or wrong key answers 401; a site, `realuser` or signature refused, 403.
//! - Writing a read-only field (`created`, `lastupdated`) is refused with a message in
//!   `errors`, as is an unknown field.
//! - Lists without `limit` get 100 records (the docs' XML example), and are ordered by id
//!   unless `order_by` says otherwise (the id then breaks ties).
//! - Custom properties come back as `custom__<name>` keys.
//! - Action endpoints take and store site-local times: `now` is the wall-clock time in the
//!   site's `timezone` (an IANA name, or `GMT+4` read as four hours ahead of UTC); record
//!   stamps (`created`, `lastupdated`) are UTC.
//! - Reads run side by side on a pool of SQLite readers (WAL); writes and actions one at a
//!   time on the writer.
//!
//! ## The API
//!
//! Everything public is at the crate root: [`Sandbox`] (a running server) and
//! [`SandboxBuilder`] (its options), with what they take and give: [`Seed`] and
//! [`Seeded`], [`User`] and [`Access`], [`Fault`], [`Faults`], [`Stats`] and
//! [`ManualClock`] (faults and the rate limit), [`OverLimit`] and [`parse_max_limit`]
//! (page maxima), [`AuditEntry`], [`Error`] with [`StoreError`] and [`TlsError`], and
//! [`default_areas`]. Two helpers serve callers that check or imitate answers: [`site_zone`]
//! (a site's `timezone` read as the server reads it) and [`Out`] (the writer of every
//! answer, in either [`l2l_core::Format`]).
//!
//! ## How it is laid out
//!
//! The modules are private, and each names only modules above it in this list (bottom
//! first; the workspace's `tests/tests/layout.rs` checks that no two name each other):
//!
//! | module | holds |
//! |---|---|
//! | `render` | [`Out`]: JSON and the docs' XML, written straight from values |
//! | `faults`, `limits`, `tls`, `server`, `areas_file` | faults and the rate limit, page maxima, the certificate, the accept loop, areas read from a file |
//! | `store` | SQLite: the tables of the areas, the writer and the readers, values, records |
//! | `call` | one call parsed, who makes it ([`Access`]), the handlers' context, a refusal |
//! | `auth`, `signing` | API keys, users and `realuser`; signed endpoints |
//! | `crud` | lists, gets, writes, filters, foreign-key aliases, derived values |
//! | `actions` | the action endpoints, one module per area family |
//! | `seed` | the demo data, bulk records, and a tenant's records imported from a sync's SQLite file |
//! | `app` | the state every request shares |
//! | `live` | the live plant (`--live`): the demo plant run a simulated minute at a time |
//! | `api` | the router: request log, rate limit, faults, parsing, authentication, dispatch |
//! | `sandbox` | [`Sandbox`], a running server, and its [`Error`] |
//! | `builder` | [`SandboxBuilder`], which starts one |
//! | `cli_args` | `SandboxArgs`: the command-line flags of `l2l-sandbox` and `l2l sandbox` (feature `cli`) |

mod actions;
mod api;
mod app;
mod areas_file;
mod auth;
mod builder;
mod call;
#[cfg(feature = "cli")]
mod cli_args;
mod crud;
mod faults;
mod limits;
mod live;
mod render;
mod sandbox;
mod seed;
mod server;
mod signing;
mod store;
mod tls;

pub use auth::User;

/// Reads the record areas of a file in the format of `schema/l2l-areas.json` (what
/// `--areas-file` takes), leaked to live as long as the process; the error says what is
/// wrong and where.
pub fn areas_from_file(
    path: &std::path::Path,
) -> Result<Vec<&'static l2l_core::AreaSchema>, String> {
    areas_file::load(path)
}
pub use builder::{SandboxBuilder, default_areas};
pub use call::Access;
#[cfg(feature = "cli")]
pub use cli_args::SandboxArgs;
pub use faults::{Fault, Faults, ManualClock, Stats};
pub use limits::{OverLimit, parse_max_limit};
pub use live::LiveOptions;
pub use render::Out;
pub use sandbox::{AuditEntry, Error, Sandbox, Seeded};
pub use seed::{Imported, Seed};
pub use store::StoreError;
pub use store::value::site_zone;
pub use tls::TlsError;
