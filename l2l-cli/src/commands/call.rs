//! `l2l call METHOD PATH [KEY=VALUE ...] [--sign FIELD,FIELD]`: any endpoint, declared or
//! not, its answer printed as pretty JSON (the way `gh api` does).

use std::io::Write;

use l2l_areas::{Method, Request};
use serde_json::Value;

use super::Ctx;
use crate::cli::{CallArgs, Format};
use crate::error::{CliError, Result};
use crate::output::json;
use crate::schema;

/// The method named on the command line.
pub fn method(name: &str) -> Result<Method> {
    match name.to_ascii_uppercase().as_str() {
        "GET" => Ok(Method::Get),
        "POST" => Ok(Method::Post),
        "PUT" => Ok(Method::Put),
        "DELETE" => Ok(Method::Delete),
        _ => Err(CliError::usage(format!("unknown method `{name}`"))
            .hint("methods: GET, POST, PUT, DELETE")),
    }
}

/// The path under `/api/1.0/`, checked: no blanks, no query string, no whole URL.
pub fn path(raw: &str) -> Result<String> {
    let p = raw.trim();
    if p.starts_with("http://") || p.starts_with("https://") {
        return Err(CliError::usage(format!("`{raw}` is a URL, not a path"))
            .hint("give the path under /api/1.0/, such as `sites`; the server is --base-url or --company"));
    }
    let p = p.trim_start_matches('/');
    let p = p.strip_prefix("api/1.0/").unwrap_or(p);
    if p.is_empty() {
        return Err(CliError::usage("the path is empty").hint("for example: l2l call GET sites"));
    }
    if p.contains('?') {
        return Err(
            CliError::usage(format!("`{raw}` holds a query string")).hint(
                "give parameters as KEY=VALUE arguments after the path: l2l call GET sites limit=2",
            ),
        );
    }
    if let Some(c) = p.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(CliError::usage(format!(
            "the path `{raw}` holds a blank ({c:?})"
        )));
    }
    Ok(p.to_owned())
}

/// The request of a call: parameters in the query for GET and DELETE, in the form body for
/// POST and PUT, in the order given; signed over `sign` when asked.
pub fn request(args: &CallArgs) -> Result<Request> {
    let method = method(&args.method)?;
    let mut pairs: Vec<(String, String)> = match &args.input {
        Some(file) => input(file)?,
        None => Vec::with_capacity(args.params.len()),
    };
    for p in &args.params {
        let (k, v) = schema::split_pair(p, "a parameter")?;
        pairs.push((k.to_owned(), v.to_owned()));
    }
    let mut req = Request::new(method, path(&args.path)?);
    if let Some(fields) = &args.sign {
        let fields: Vec<&str> = fields
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .collect();
        if fields.is_empty() {
            return Err(CliError::usage("--sign names no parameter")
                .hint("for example: --sign loginid,externalid"));
        }
        for f in &fields {
            if !pairs.iter().any(|(k, _)| k == f) {
                return Err(CliError::usage(format!(
                    "--sign names `{f}`, which is not among the parameters"
                ))
                .hint(format!("add {f}=VALUE after the path")));
            }
        }
        // Exactly the named parameters, in the order named (after `_server` and
        // `_expiration`), as L2L's signed calls list them.
        req = req.sign_with(fields);
    }
    req = if method.has_body() {
        req.form_pairs(pairs)
    } else {
        req.query_pairs(pairs)
    };
    Ok(req)
}

/// The parameters of `--input FILE` (`-`: stdin): a JSON object's members (strings as
/// they are, other values as JSON writes them), or a form's pairs.
fn input(file: &std::path::Path) -> Result<Vec<(String, String)>> {
    let text = if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| CliError::usage(format!("reading stdin: {e}")))?
    } else {
        std::fs::read_to_string(file).map_err(|e| CliError::io("reading", file, &e))?
    };
    let t = text.trim();
    if t.starts_with(['{', '[']) {
        let v: serde_json::Map<String, Value> = serde_json::from_str(t)
            .map_err(|e| CliError::usage(format!("{}: not a JSON object ({e})", file.display())))?;
        return Ok(v
            .into_iter()
            .map(|(k, v)| match v {
                Value::String(s) => (k, s),
                Value::Null => (k, String::new()),
                v => (k, v.to_string()),
            })
            .collect());
    }
    Ok(l2l_areas::wire::decode_pairs(t))
}

/// `--paginate`: every page of a GET by `offset`, the records of all printed as one array.
async fn paginate(ctx: &Ctx, args: &CallArgs, out: &mut dyn Write) -> Result<()> {
    if !method(&args.method)?.eq(&Method::Get) {
        return Err(CliError::usage("--paginate reads pages: it takes GET"));
    }
    let client = ctx.settings.client()?;
    let limit = args.params.iter().find_map(|p| {
        p.strip_prefix("limit=")
            .and_then(|v| v.parse::<usize>().ok())
    });
    let mut all: Vec<Value> = Vec::new();
    loop {
        let mut req = request(args)?;
        req = req.query("offset", all.len().to_string());
        let body = client.send_raw(req).await?;
        let answer: Value = serde_json::from_slice(&body).map_err(|e| {
            CliError::with_code(
                crate::error::SERVER,
                format!("the answer is not JSON ({e})"),
            )
        })?;
        if let Some(why) = refusal(&answer) {
            return Err(CliError::refused(&why));
        }
        let page = match answer.get("data") {
            Some(Value::Array(a)) => a.clone(),
            _ => {
                return Err(CliError::usage(format!(
                    "`{}` answers no list of records: --paginate has nothing to page",
                    args.path
                )));
            }
        };
        let n = page.len();
        all.extend(page);
        if n == 0 || limit.is_some_and(|l| n < l) {
            break;
        }
    }
    match ctx.asked_format {
        Some(Format::Jsonl) => all.iter().try_for_each(|r| json::line(out, r)),
        _ => json::pretty(out, &Value::Array(all)),
    }
    .and_then(|()| out.flush())
    .map_err(CliError::output)
}

/// `-i`: the status line and the headers, a blank line, then the body as sent; a status
/// other than 200 then fails the command as it would without `-i`.
async fn include(client: &l2l_areas::Client, req: Request, out: &mut dyn Write) -> Result<()> {
    let answer = client.answer(req).await?;
    let reason = http_reason(answer.status);
    let mut text = format!("HTTP {} {reason}\n", answer.status);
    for (name, value) in &answer.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push('\n');
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(&answer.body))
        .and_then(|()| {
            if answer.body.ends_with(b"\n") {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        })
        .and_then(|()| out.flush())
        .map_err(CliError::output)?;
    if let Some(e) = client.http_error(&answer) {
        return Err(e.into());
    }
    match serde_json::from_slice::<Value>(&answer.body)
        .ok()
        .as_ref()
        .and_then(refusal)
    {
        Some(why) => Err(CliError::refused(&why)),
        None => Ok(()),
    }
}

/// What a refusal (`success: false`) says: `error`, then each of `errors` (a list, or a map
/// of field to messages), each once; `None` for an answer that is no refusal.
fn refusal(answer: &Value) -> Option<Vec<String>> {
    if answer.get("success") != Some(&Value::Bool(false)) {
        return None;
    }
    let mut why = Vec::new();
    let mut add = |v: &Value| match v {
        Value::String(s) => why.push(s.clone()),
        Value::Null => {}
        v => why.push(v.to_string()),
    };
    if let Some(e) = answer.get("error") {
        add(e);
    }
    match answer.get("errors") {
        Some(Value::Array(list)) => list.iter().for_each(&mut add),
        Some(Value::Object(map)) => map.values().for_each(|v| match v {
            Value::Array(list) => list.iter().for_each(&mut add),
            v => add(v),
        }),
        Some(v) => add(v),
        None => {}
    }
    Some(why)
}

/// The reason phrase of a status, as HTTP/1.1 names it.
fn http_reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Runs `l2l call`.
pub async fn run(ctx: &Ctx, args: &CallArgs, out: &mut dyn Write) -> Result<()> {
    if args.paginate {
        return paginate(ctx, args, out).await;
    }
    let req = request(args)?;
    if req.is_signed() && ctx.settings.signing.is_none() {
        return Err(
            CliError::usage("--sign needs the signing Secret Key and its server name").hint(
                "give them in L2L_SECRET and L2L_SERVER (or --secret and --server, or the profile)",
            ),
        );
    }
    let client = ctx.settings.client()?;
    if args.include {
        return include(&client, req, out).await;
    }
    let body = client.send_raw(req).await?;
    let answer: Value = serde_json::from_slice(&body).map_err(|e| {
        CliError::with_code(
            crate::error::SERVER,
            format!("the answer is not JSON ({e})"),
        )
        .hint("the server did not answer like L2L: check --base-url")
    })?;
    // Pretty JSON on a terminal and in a pipe alike, unless one line is asked for.
    match ctx.asked_format {
        Some(Format::Jsonl) => json::line(out, &answer),
        _ => json::pretty_raw(out, &body),
    }
    .and_then(|()| out.flush())
    .map_err(CliError::output)?;
    // As `gh api` does: the answer is printed either way, and a refusal fails the command.
    if let Some(why) = refusal(&answer) {
        return Err(CliError::refused(&why));
    }
    Ok(())
}
