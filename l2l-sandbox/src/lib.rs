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

pub mod actions;
pub mod api;
pub mod app;
pub mod areas_file;
pub mod auth;
pub mod builder;
pub mod faults;
pub mod limits;
pub mod render;
pub mod sandbox;
pub mod seed;
pub mod server;
pub mod signing;
pub mod store;
pub mod tls;

pub use auth::{Access, User};
pub use builder::{Error, SandboxBuilder, Seeded, default_areas, generate_key};
pub use faults::{Fault, Faults, Stats};
pub use limits::OverLimit;
pub use sandbox::{AuditEntry, Sandbox};
pub use seed::Seed;
