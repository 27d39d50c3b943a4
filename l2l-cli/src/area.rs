//! The AREA argument of every command: an area declared in l2l-areas (typed, its fields
//! checked) or any other area path (untyped, sent as given, with a note on stderr).

use l2l_areas::AreaSchema;

use crate::error::{CliError, Result};
use crate::schema;

/// An area named on the command line.
#[derive(Debug, Clone, Copy)]
pub enum AreaRef<'a> {
    /// Declared in l2l-areas: its schema checks fields and values.
    Declared(&'static AreaSchema),
    /// Any other area path (`workorders`): sent as given.
    Undeclared(&'a str),
}

impl<'a> AreaRef<'a> {
    /// The area named `name`: a declared one by its path (`machines`) or type name
    /// (`Machine`), else any area path. A path with a slash or a blank is an error (actions
    /// such as `workorders/get_external_costs/5` are reached with `l2l call`).
    pub fn resolve(name: &'a str) -> Result<AreaRef<'a>> {
        if let Ok(a) = schema::area(name) {
            return Ok(AreaRef::Declared(a));
        }
        let path = name.trim().trim_matches('/');
        if path.is_empty() {
            return Err(CliError::usage("the area is empty")
                .hint("name an area such as `machines`; `l2l areas` lists the declared ones"));
        }
        if let Some(c) = path
            .chars()
            .find(|c| c.is_whitespace() || *c == '/' || *c == '?' || *c == '&' || *c == '=')
        {
            let what = match c {
                '/' => "a slash".to_owned(),
                c if c.is_whitespace() => "a blank".to_owned(),
                c => format!("`{c}`"),
            };
            return Err(CliError::usage(format!(
                "`{name}` is not an area path: it holds {what}"
            ))
            .hint(format!(
                "an area is one path segment such as `workorders`; reach any other endpoint \
                 with `l2l call GET {path}`"
            )));
        }
        Ok(AreaRef::Undeclared(path))
    }

    /// The area's path.
    pub fn path(&self) -> &str {
        match self {
            AreaRef::Declared(a) => a.path,
            AreaRef::Undeclared(p) => p,
        }
    }

    /// The schema, for a declared area.
    pub fn schema(&self) -> Option<&'static AreaSchema> {
        match self {
            AreaRef::Declared(a) => Some(a),
            AreaRef::Undeclared(_) => None,
        }
    }

    /// Prints the one-line note of an undeclared area on stderr (with a "did you mean"
    /// when a declared area's name is close); nothing for a declared one.
    pub fn note(&self) {
        if let AreaRef::Undeclared(p) = self {
            eprintln!("{}", undeclared_note(p));
        }
    }
}

/// The note about an undeclared area.
pub fn undeclared_note(path: &str) -> String {
    let close = l2l_schema::closest(path, schema::all().iter().map(|a| a.path))
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    format!(
        "note: area `{path}` is not declared in l2l-areas; filters and fields are sent \
         unchecked{close}"
    )
}
