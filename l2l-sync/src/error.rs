//! The one error type of a sync.

/// Why a sync failed. Every message says what and where; none holds a secret (a
/// PostgreSQL password is never part of one).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A request to L2L failed.
    #[error(transparent)]
    Api(#[from] l2l_core::Error),
    /// The destination cannot be used: unreachable, read-only, or refused a statement.
    #[error("{target}: {message}")]
    Sink {
        /// The destination (`sqlite:machines.db`, `postgres://sync@127.0.0.1:5432/plant`).
        target: String,
        /// What failed: the database's own message (with PostgreSQL's detail and hint).
        message: String,
        /// The error of the database driver or of the file system that caused it, when
        /// there is one: a `rusqlite::Error`, a `postgres::Error` or a `std::io::Error`
        /// (downcast it to read its code).
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A table in the destination does not have the shape this sync writes.
    #[error(
        "{target}: column `{column}` of table `{table}` is {found}, but the area's schema makes it {expected}"
    )]
    ColumnType {
        /// The destination.
        target: String,
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The column's type in the database.
        found: String,
        /// The type this sync writes.
        expected: String,
    },
    /// The saved state does not fit this sync (another area, other filters, a newer format).
    #[error("{0}")]
    State(String),
    /// A record the server sent cannot be synced (no id, not an object).
    #[error("a record of `{area}` {reason}")]
    Record {
        /// The area.
        area: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The sync was stopped (Ctrl-C) after the batches already read were written.
    #[error("interrupted")]
    Interrupted,
    /// This sink cannot do what was asked (`--reconcile` into JSON Lines).
    #[error("{0}")]
    Unsupported(String),
}

/// The result of a sync step.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of the destination `target` that no other error caused.
    pub fn sink(target: &str, message: impl std::fmt::Display) -> Error {
        Error::Sink {
            target: target.to_owned(),
            message: message.to_string(),
            source: None,
        }
    }

    /// An error of the destination `target` caused by `source` (the driver's error),
    /// which [`std::error::Error::source`] returns; `message` says what it means.
    ///
    /// ```
    /// use std::error::Error as _;
    /// let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "read-only");
    /// let e = l2l_sync::Error::sink_caused_by("jsonl:m.jsonl", "writing: read-only", io);
    /// assert_eq!(e.to_string(), "jsonl:m.jsonl: writing: read-only");
    /// assert!(e.source().unwrap().downcast_ref::<std::io::Error>().is_some());
    /// ```
    pub fn sink_caused_by(
        target: &str,
        message: impl std::fmt::Display,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error::Sink {
            target: target.to_owned(),
            message: message.to_string(),
            source: Some(Box::new(source)),
        }
    }
}
