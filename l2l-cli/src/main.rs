//! `l2l`: the command-line tool of the l2l workspace. See `l2l --help`.

mod area;
mod cli;
mod commands;
mod config;
mod error;
mod output;
mod schema;
mod verbose;

use std::io::Write as _;

use clap::Parser as _;

use crate::cli::{Cli, Command, Format};
use crate::commands::Ctx;
use crate::config::Settings;
use crate::error::{CliError, Result};

/// The arguments, with `tap` put first when the program is called `tap-l2l` (a link to
/// `l2l`): the name Meltano and Singer users run a tap by.
fn args() -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let called = args
        .first()
        .and_then(|a| std::path::Path::new(a).file_stem())
        .is_some_and(|n| n == "tap-l2l");
    if called {
        args.insert(1, "tap".into());
    }
    args
}

fn main() {
    let cli = match Cli::try_parse_from(args()) {
        Ok(cli) => cli,
        // A bad flag: clap's own message (exit code 2), or one JSON object when JSON was
        // asked for. Help and --version are no failure.
        Err(e) if e.use_stderr() && json_asked(std::env::args()) => {
            let err = CliError::usage(clap_message(&e));
            eprintln!("{}", err.to_json());
            std::process::exit(err.code);
        }
        Err(e) => e.exit(),
    };
    let json = matches!(cli.global.format, Some(Format::Json | Format::Jsonl));
    let code = match run(cli) {
        Ok(()) => 0,
        Err(e) if e.is_quiet() => 0,
        Err(e) => {
            let _ = std::io::stdout().flush();
            if json {
                eprintln!("{}", e.to_json());
            } else {
                eprintln!("{e}");
            }
            e.code
        }
    };
    std::process::exit(code);
}

/// Whether the raw arguments ask for `--format json` or `jsonl` (read when clap refused
/// them, so the parsed flag is not there to ask).
fn json_asked(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    let is_json = |v: &str| matches!(v, "json" | "jsonl");
    args.iter().enumerate().any(|(i, a)| {
        let next = || args.get(i + 1).is_some_and(|v| is_json(v));
        match a.as_str() {
            "--format" | "-o" => next(),
            a => a
                .strip_prefix("--format=")
                .or_else(|| a.strip_prefix("-o"))
                .is_some_and(|v| is_json(v.trim_start_matches('='))),
        }
    })
}

/// clap's message on one line, without its `error: ` and its usage lines.
fn clap_message(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    first.trim_start_matches("error: ").trim().to_owned()
}

fn run(cli: Cli) -> Result<()> {
    verbose::init(cli.global.verbose);
    // Generated from the clap definitions; no settings needed.
    match &cli.command {
        Command::Completion { shell } => return commands::help::completion(*shell),
        Command::Man => return commands::help::man(),
        _ => {}
    }
    // The tap's --config is its own JSON file (Singer's), not the CLI's profiles.
    if let Command::Tap(a) = &cli.command {
        let (config, format) = (cli.global.config.as_deref(), cli.global.format);
        return runtime(2)?.block_on(commands::tap::run(config, format, a));
    }
    let settings = Settings::resolve(&cli.global)?;
    if cli.global.verbose
        && let Some(p) = &settings.profile
    {
        eprintln!("using profile `{p}` of the config file");
    }
    // --jq: the command's output as JSON, into memory, then filtered.
    let jq = match &cli.global.jq {
        Some(e) if jq_takes(&cli.command) => Some(output::jq::Jq::new(e)?),
        Some(_) => {
            return Err(CliError::usage(
                "--jq filters JSON output: list, get, create, update, delete, call and areas print it",
            ));
        }
        None => None,
    };
    let format = if jq.is_some() {
        Some(Format::Json)
    } else {
        cli.global.format
    };
    let ctx = Ctx {
        settings,
        format: output::pick(format),
        asked_format: format,
    };
    let rt = runtime(workers(&cli.command))?;
    if let Some(jq) = jq {
        let mut buf = Vec::new();
        rt.block_on(print(&ctx, &cli, &mut buf))?;
        return jq.run(&buf, &mut std::io::stdout().lock());
    }
    if jq_takes(&cli.command) {
        return rt.block_on(print(&ctx, &cli, &mut std::io::stdout().lock()));
    }
    let stdout = std::io::stdout();
    rt.block_on(async {
        match &cli.command {
            Command::Demo(a) => commands::demo::run(&ctx, a).await,
            Command::Sync(a) => commands::sync::run(&ctx, a).await,
            Command::Sandbox(a) => commands::sandbox::run(&ctx, a).await,
            Command::Codegen(a) => commands::codegen::run(&ctx, a, &mut stdout.lock()).await,
            Command::Watch(a) => commands::watch::run(&ctx, a).await,
            Command::Export(a) => commands::export::run(&ctx, a).await,
            // Run above, before the settings; the same call, should it get here.
            Command::Completion { shell } => commands::help::completion(*shell),
            Command::Man => commands::help::man(),
            Command::Tap(a) => {
                commands::tap::run(cli.global.config.as_deref(), cli.global.format, a).await
            }
            _ => print(&ctx, &cli, &mut stdout.lock()).await,
        }
    })
}

/// Threads that decode pages: two, but one for a sync into SQLite, whose database runs in
/// this process on the sync's writer thread. There it is the slower side, and a second
/// decoding thread would take its core away from it: a million machines into SQLite took
/// 2.10-2.17 s with one and 2.25-2.36 s with two (four runs each, alternating, 2 cores).
/// That one is the main thread itself ([`runtime`]).
fn workers(command: &Command) -> usize {
    match command {
        Command::Sync(a) if a.to.as_deref().is_some_and(|t| t.starts_with("sqlite:")) => 1,
        _ => 2,
    }
}

/// The runtime a command runs on, with `workers` threads. One is the calling thread: the
/// pages are then decoded and made into rows on the thread that frees them, and the
/// writer's core is left to it (a million machines into SQLite, five alternating runs:
/// median 1.94 s with a separate worker thread, 1.82 s without).
fn runtime(workers: usize) -> Result<tokio::runtime::Runtime> {
    let mut builder = if workers == 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut b = tokio::runtime::Builder::new_multi_thread();
        b.worker_threads(workers);
        b
    };
    builder
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("starting the runtime: {e}")))
}

/// Whether a command prints JSON that `--jq` can filter.
fn jq_takes(command: &Command) -> bool {
    matches!(
        command,
        Command::Areas(_)
            | Command::List(_)
            | Command::Get(_)
            | Command::Create(_)
            | Command::Update(_)
            | Command::Delete(_)
            | Command::Call(_)
    )
}

/// Runs a command that prints records to `out` (the ones `--jq` takes); the others are
/// run by `run` itself.
async fn print(ctx: &Ctx, cli: &Cli, out: &mut dyn std::io::Write) -> Result<()> {
    match &cli.command {
        Command::Areas(a) => commands::areas::run(ctx, a, out),
        Command::List(a) => commands::list::run(ctx, a, std::io::BufWriter::new(out)).await,
        Command::Get(a) => commands::crud::get(ctx, a, out).await,
        Command::Create(a) => commands::crud::create(ctx, a, out).await,
        Command::Update(a) => commands::crud::update(ctx, a, out).await,
        Command::Delete(a) => commands::crud::delete(ctx, a, out).await,
        Command::Call(a) => commands::call::run(ctx, a, out).await,
        _ => Ok(()),
    }
}
