//! The command's one error type: a message, a hint and an exit code, printed as
//! `error: ...` and `hint: ...` on stderr, or, with `--format json` or `jsonl`, as one JSON
//! object on one line of stderr.
//!
//! Exit codes (also in `l2l --help` and the README's "Exit codes and errors"):
//!
//! | code | kind          | when                                                              |
//! |------|---------------|-------------------------------------------------------------------|
//! | 0    |               | success (and a closed pipe: `l2l list ... \| head`)               |
//! | 1    | `failure`     | anything else: a file or database that cannot be written, ...     |
//! | 2    | `usage`       | a bad flag, or a value refused before anything was sent           |
//! | 3    | `auth`        | the key is refused (401) or may not do this (403)                 |
//! | 4    | `not_found`   | no such record or path (404, or L2L's "... not found")            |
//! | 5    | `refused`     | L2L refused the call (`success: false`, another 4xx)              |
//! | 6    | `unreachable` | the server cannot be reached (refused, DNS, TLS, timeout)         |
//! | 7    | `server`      | the server failed (5xx, 429, an answer unlike L2L's) after retries |
//! | 130  | `interrupted` | Ctrl-C                                                            |

use std::fmt;

use serde_json::{Map, Value};

/// Exit code of anything not named by another code (a file or database that cannot be
/// written, an unexpected state).
pub const FAILURE: i32 = 1;
/// Exit code of a usage error found before anything was sent (an unknown field, a bad
/// value), as clap uses for bad flags.
pub const USAGE: i32 = 2;
/// Exit code when the key is refused (HTTP 401) or may not do what was asked (HTTP 403).
pub const AUTH: i32 = 3;
/// Exit code when the record or path does not exist (HTTP 404, or L2L's "... not found").
pub const NOT_FOUND: i32 = 4;
/// Exit code when L2L refused the call (`success: false`, or another 4xx status).
pub const REFUSED: i32 = 5;
/// Exit code when the server cannot be reached (connection refused, DNS, TLS, timeout).
pub const UNREACHABLE: i32 = 6;
/// Exit code when the server failed (5xx, 429, an answer unlike L2L's) after the retries.
pub const SERVER: i32 = 7;
/// Exit code after Ctrl-C (128 + SIGINT).
pub const INTERRUPTED: i32 = 130;

/// The exit codes as `l2l --help` shows them.
pub const HELP: &str = "\
Exit codes:
  0    success
  1    any other failure (a file or database that cannot be written)
  2    usage: a bad flag, or a value refused before anything was sent
  3    authentication or permission: the key is refused (401) or may not do this (403)
  4    not found: no such record or path
  5    refused by L2L: `success: false` (validation, a business rule)
  6    cannot reach the server: connection refused, DNS, TLS certificate, timeout
  7    server failure after the retries: 5xx, 429, an answer unlike L2L's
  130  interrupted (Ctrl-C)

With --format json or jsonl a failure is one JSON object on stderr:
  {\"error\": ..., \"kind\": ..., \"code\": ..., \"status\", \"field\", \"suggestion\", \"hint\" where known}";

/// The kind of failure an exit code stands for, as the `kind` of the JSON error.
pub fn kind(code: i32) -> &'static str {
    match code {
        USAGE => "usage",
        AUTH => "auth",
        NOT_FOUND => "not_found",
        REFUSED => "refused",
        UNREACHABLE => "unreachable",
        SERVER => "server",
        INTERRUPTED => "interrupted",
        _ => "failure",
    }
}

/// A failed command.
#[derive(Debug)]
pub struct CliError {
    /// What went wrong, on one line.
    pub message: String,
    /// What to try next, if anything useful can be said.
    pub hint: Option<String>,
    /// The process's exit code.
    pub code: i32,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// The field or argument at fault, when there is one.
    pub field: Option<String>,
    /// The closest valid name, when there is one.
    pub suggestion: Option<String>,
}

impl CliError {
    /// An error with this exit code.
    pub fn with_code(code: i32, message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            hint: None,
            code,
            status: None,
            field: None,
            suggestion: None,
        }
    }

    /// A usage error (exit code 2): found before anything was sent.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::with_code(USAGE, message)
    }

    /// A failure (exit code 1).
    pub fn failure(message: impl Into<String>) -> CliError {
        CliError::with_code(FAILURE, message)
    }

    /// Ctrl-C (exit code 130).
    pub fn interrupted() -> CliError {
        CliError::with_code(INTERRUPTED, "interrupted")
    }

    /// L2L's refusal (`success: false`) with its messages, each said once: exit code 4 when
    /// L2L says the record is not found, 5 otherwise.
    pub fn refused<S: AsRef<str>>(messages: &[S]) -> CliError {
        let messages = distinct(messages);
        let not_found = messages
            .iter()
            .any(|m| m.to_ascii_lowercase().contains("not found"));
        let mut e = CliError::with_code(
            if not_found { NOT_FOUND } else { REFUSED },
            format!("L2L refused the call: {}", messages.join("; ")),
        );
        e.status = Some(200);
        e
    }

    /// Adds a hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }

    /// Puts `what: ` before the message.
    #[must_use]
    pub fn context(mut self, what: &str) -> CliError {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// A failure to write the output. A closed pipe (`l2l list ... | head`) is no error:
    /// it ends the command quietly with exit code 0.
    pub fn output(e: std::io::Error) -> CliError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError::with_code(0, "");
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

    /// The error as one JSON object: `error`, `kind`, `code`, and `status`, `field`,
    /// `suggestion` and `hint` where known.
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("error".into(), one_line(&self.message).into());
        o.insert("kind".into(), kind(self.code).into());
        o.insert("code".into(), self.code.into());
        if let Some(s) = self.status {
            o.insert("status".into(), s.into());
        }
        if let Some(f) = &self.field {
            o.insert("field".into(), f.clone().into());
        }
        let suggestion = self.suggestion.clone().or_else(|| {
            // The "did you mean `X`?" hints of the local checks.
            self.hint
                .as_deref()
                .and_then(|h| h.strip_prefix("did you mean `"))
                .and_then(|h| h.strip_suffix("`?"))
                .map(str::to_owned)
        });
        if let Some(s) = suggestion {
            o.insert("suggestion".into(), s.into());
        }
        if let Some(h) = &self.hint {
            o.insert("hint".into(), one_line(h).into());
        }
        Value::Object(o)
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

/// The messages, each once (the first time it comes), blank ones left out: L2L often sends
/// the same message in `error` and in `errors`.
fn distinct<S: AsRef<str>>(messages: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in messages {
        let m = one_line(m.as_ref());
        if !m.is_empty() && !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

impl From<l2l_areas::Error> for CliError {
    fn from(e: l2l_areas::Error) -> CliError {
        use l2l_areas::ConnectKind as K;
        use l2l_areas::Error as E;
        if let E::InvalidRequest {
            reason,
            suggestion,
            field,
        } = &e
        {
            let mut err = CliError::usage(reason.clone());
            err.field = field.clone();
            err.suggestion = suggestion.clone();
            return match suggestion {
                Some(s) => err.hint(format!("did you mean `{s}`?")),
                None => err,
            };
        }
        if let E::Api { messages } = &e {
            let err = CliError::refused(messages);
            return if err.code == NOT_FOUND {
                err.hint("check the id (and --site): L2L has no such record")
            } else {
                err.hint(
                    "L2L checked the call and said no; run again with --verbose to see the request",
                )
            };
        }
        let hint: Option<String> = match &e {
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
            E::Connect {
                kind: K::Certificate,
                ..
            } => Some(
                "trust the server's certificate with --cacert FILE (L2L_CACERT); \
                 `l2l sandbox --tls` prints where it wrote its own"
                    .into(),
            ),
            E::Connect { kind: K::Dns, .. } => Some(
                "check the host name: --company COMPANY or --base-url URL (L2L_COMPANY, \
                 L2L_BASE_URL or the profile)"
                    .into(),
            ),
            E::Connect { .. } => Some(
                "is the server running? For a local one, start `l2l sandbox` and pass \
                 --base-url http://127.0.0.1:8080"
                    .into(),
            ),
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
        let code = match &e {
            E::Config(_) => USAGE,
            E::Http {
                status: 401 | 403, ..
            } => AUTH,
            E::Http { status: 404, .. } => NOT_FOUND,
            E::Http { status, .. } if *status == 429 || *status >= 500 => SERVER,
            E::Http { status, .. } if (400..500).contains(status) => REFUSED,
            E::Timeout(_) | E::Connect { .. } => UNREACHABLE,
            E::Decode { .. } | E::PagingStalled { .. } => SERVER,
            _ => FAILURE,
        };
        let mut err = CliError::with_code(code, e.to_string());
        err.hint = hint;
        err.status = e.status().filter(|_| matches!(e, E::Http { .. }));
        err
    }
}

/// `Result<T, CliError>`.
pub type Result<T, E = CliError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_sent_in_error_and_errors_is_said_once() {
        let e = CliError::refused(&["`code` is required", "`code` is required"]);
        assert_eq!(e.message, "L2L refused the call: `code` is required");
        assert_eq!(e.code, REFUSED);
        let e = CliError::refused(&["`machines` record 9 not found", ""]);
        assert_eq!(e.code, NOT_FOUND);
    }

    #[test]
    fn every_code_has_its_own_kind() {
        let codes = [
            FAILURE,
            USAGE,
            AUTH,
            NOT_FOUND,
            REFUSED,
            UNREACHABLE,
            SERVER,
            INTERRUPTED,
        ];
        let mut kinds: Vec<_> = codes.iter().map(|c| kind(*c)).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), codes.len());
        for c in codes {
            assert!(HELP.contains(&format!("  {c} ")), "{c} in the help");
        }
    }
}
