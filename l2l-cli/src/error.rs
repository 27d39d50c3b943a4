//! The command's one error type: a message, a hint and an exit code, printed as
//! `error: ...` and `hint: ...` on stderr.

use std::fmt;

/// Exit code of a usage error found before anything was sent (an unknown field, a bad
/// value), as clap uses for bad flags.
pub const USAGE: i32 = 2;
/// Exit code of a failure while talking to L2L or writing output.
pub const FAILURE: i32 = 1;
/// Exit code after Ctrl-C (128 + SIGINT).
pub const INTERRUPTED: i32 = 130;

/// A failed command.
#[derive(Debug)]
pub struct CliError {
    /// What went wrong, on one line.
    pub message: String,
    /// What to try next, if anything useful can be said.
    pub hint: Option<String>,
    /// The process's exit code.
    pub code: i32,
}

impl CliError {
    /// A usage error (exit code 2): found before anything was sent.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            hint: None,
            code: USAGE,
        }
    }

    /// A failure (exit code 1).
    pub fn failure(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            hint: None,
            code: FAILURE,
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }

    /// A failure to write the output. A closed pipe (`l2l list ... | head`) is no error:
    /// it ends the command quietly with exit code 0.
    pub fn output(e: std::io::Error) -> CliError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError {
                message: String::new(),
                hint: None,
                code: 0,
            };
        }
        CliError::failure(format!("writing the output: {e}"))
    }

    /// Whether this is the quiet end of a closed pipe.
    pub fn is_quiet(&self) -> bool {
        self.code == 0 && self.message.is_empty()
    }

    /// An error about a file.
    pub fn io(what: &str, path: &std::path::Path, e: &std::io::Error) -> CliError {
        CliError::failure(format!("{what} {}: {e}", path.display()))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", one_line(&self.message))?;
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {}", one_line(h))?;
        }
        Ok(())
    }
}

/// `s` on one line: newlines and runs of blanks become single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl From<l2l_areas::Error> for CliError {
    fn from(e: l2l_areas::Error) -> CliError {
        use l2l_areas::Error as E;
        if let E::InvalidRequest {
            reason, suggestion, ..
        } = &e
        {
            let err = CliError::usage(reason.clone());
            return match suggestion {
                Some(s) => err.hint(format!("did you mean `{s}`?")),
                None => err,
            };
        }
        let hint: Option<String> = match &e {
            E::Api { .. } => Some(
                "L2L checked the call and said no; run again with --verbose to see the request"
                    .into(),
            ),
            E::Http { status: 401, .. } => Some(
                "check the API key (--api-key, L2L_API_KEY or the profile's api_key)".into(),
            ),
            E::Http { status: 403, .. } => {
                Some("the key's user may not use this site, area or call".into())
            }
            E::Http { status: 404, .. } => Some(
                "check the area name and the server: --base-url takes the host, /api/1.0/ is added"
                    .into(),
            ),
            E::Http { status: 429, .. } => {
                Some("L2L is rate limiting this key: lower --throttle".into())
            }
            E::Http { status, .. } if *status >= 500 => {
                Some("the server failed; the call was retried where safe. Try again later".into())
            }
            E::Http { .. } => None,
            E::Decode { .. } => Some(
                "the server did not answer like L2L: check --base-url (it should be the API's host)"
                    .into(),
            ),
            E::Timeout(_) => Some("the server is slow or unreachable; try again later".into()),
            E::Connect { message, .. } if message.contains("certificate") => Some(
                "trust the server's certificate with --cacert FILE (L2L_CACERT); \
                 `l2l sandbox --tls` prints where it wrote its own"
                    .into(),
            ),
            E::Connect { .. } => Some(
                "is the server running? For a local one, start `l2l sandbox` and pass \
                 --base-url http://127.0.0.1:8080"
                    .into(),
            ),
            E::InvalidRequest { .. } => None,
            E::PagingStalled { .. } => Some(
                "the server returned the same page twice; narrow the list with --where or \
                 order by id"
                    .into(),
            ),
            E::Config(_) => Some(
                "name the tenant with --company or --base-url and give a key in L2L_API_KEY"
                    .into(),
            ),
            _ => None,
        };
        let code = match e {
            E::InvalidRequest { .. } | E::Config(_) => USAGE,
            _ => FAILURE,
        };
        CliError {
            message: e.to_string(),
            hint,
            code,
        }
    }
}

/// `Result<T, CliError>`.
pub type Result<T, E = CliError> = std::result::Result<T, E>;
