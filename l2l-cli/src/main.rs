//! `l2l`: the command-line tool of the l2l workspace. See `l2l --help`.

mod cli;
mod commands;
mod config;
mod error;
mod output;
mod schema;

use std::io::Write as _;

use clap::Parser as _;

use crate::cli::{Cli, Command};
use crate::commands::Ctx;
use crate::config::Settings;
use crate::error::{CliError, Result};

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(()) => 0,
        Err(e) if e.is_quiet() => 0,
        Err(e) => {
            let _ = std::io::stdout().flush();
            eprintln!("{e}");
            e.code
        }
    };
    std::process::exit(code);
}

fn run(cli: Cli) -> Result<()> {
    if cli.global.verbose {
        init_verbose();
    }
    let settings = Settings::resolve(&cli.global)?;
    if cli.global.verbose
        && let Some(p) = &settings.profile
    {
        eprintln!("using profile `{p}` of the config file");
    }
    let ctx = Ctx {
        settings,
        format: output::pick(cli.global.format),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("starting the runtime: {e}")))?;
    let stdout = std::io::stdout();
    rt.block_on(async {
        match &cli.command {
            Command::Demo(a) => commands::demo::run(&ctx, a).await,
            Command::Areas(a) => commands::areas::run(&ctx, a, &mut stdout.lock()),
            Command::List(a) => {
                commands::list::run(&ctx, a, std::io::BufWriter::new(stdout.lock())).await
            }
            Command::Get(a) => commands::crud::get(&ctx, a, &mut stdout.lock()).await,
            Command::Create(a) => commands::crud::create(&ctx, a, &mut stdout.lock()).await,
            Command::Update(a) => commands::crud::update(&ctx, a, &mut stdout.lock()).await,
            Command::Delete(a) => commands::crud::delete(&ctx, a, &mut stdout.lock()).await,
            Command::Sync(a) => commands::sync::run(&ctx, a).await,
            Command::Sandbox(a) => commands::sandbox::run(&ctx, a).await,
        }
    })
}

/// `--verbose`: each request on stderr, as the client logs it (the key is never in it:
/// the client redacts `auth` and sends the key in a header by default).
fn init_verbose() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("L2L_LOG")
        .unwrap_or_else(|_| EnvFilter::new("l2l_core=debug,l2l_areas=debug"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .compact()
        .try_init();
}
