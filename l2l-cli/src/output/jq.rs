//! `--jq EXPR`: a command's JSON output filtered by an embedded jq (jaq), as `gh --jq`
//! does: each result on a line of its own, strings without their quotes.

use std::io::{self, Write};

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::error::{CliError, Result};

/// A checked `--jq` expression.
pub struct Jq {
    code: String,
}

impl Jq {
    /// Checks `code` before anything is sent: a filter that does not parse or names an
    /// unknown function is a usage error.
    pub fn new(code: &str) -> Result<Jq> {
        let jq = Jq {
            code: code.to_owned(),
        };
        jq.run(b"null", &mut io::sink()).map(drop).or_else(|e| {
            // Runtime errors on `null` (`.[]` of null) say nothing of the filter itself.
            if e.message.starts_with("--jq: the expression") {
                Err(e)
            } else {
                Ok(())
            }
        })?;
        Ok(jq)
    }

    /// Runs the filter over `input` (one JSON document) and prints each result.
    pub fn run(&self, input: &[u8], out: &mut dyn Write) -> Result<()> {
        let bad =
            |what: String| CliError::usage(format!("--jq: the expression `{}` {what}", self.code));
        let input = jaq_json::read::parse_single(input)
            .map_err(|e| CliError::failure(format!("--jq: the output is not JSON ({e})")))?;
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(
                &arena,
                File {
                    code: self.code.as_str(),
                    path: (),
                },
            )
            .map_err(|e| {
                bad(format!(
                    "does not parse: {:?}",
                    e.into_iter().map(|(_, e)| e).collect::<Vec<_>>()
                ))
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|e| {
                bad(format!(
                    "does not compile: {:?}",
                    e.into_iter().map(|(_, e)| e).collect::<Vec<_>>()
                ))
            })?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
        for v in filter.id.run((ctx, input)).map(unwrap_valr) {
            let v = v.map_err(|e| CliError::usage(format!("--jq: {e}")))?;
            match &v {
                Val::TStr(s) => out.write_all(s)?,
                v => write!(out, "{v}")?,
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> CliError {
        CliError::output(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_print_strings_bare_and_bad_ones_are_usage_errors() {
        let jq = Jq::new(".[] | .code").unwrap();
        let mut out = Vec::new();
        jq.run(br#"[{"code": "M-1"}, {"code": 2}]"#, &mut out)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "M-1\n2\n");
        let e = Jq::new(".[").err().unwrap();
        assert_eq!(e.code, crate::error::USAGE);
        assert!(e.message.contains("does not parse"), "{}", e.message);
        assert!(Jq::new("nosuchfn").is_err());
    }
}
