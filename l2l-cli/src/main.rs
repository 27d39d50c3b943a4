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
    verbose::init(cli.global.verbose);
    let settings = Settings::resolve(&cli.global)?;
    if cli.global.verbose
        && let Some(p) = &settings.profile
    {
        eprintln!("using profile `{p}` of the config file");
    }
    let ctx = Ctx {
        settings,
        format: output::pick(cli.global.format),
        asked_format: cli.global.format,
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
            Command::Call(a) => commands::call::run(&ctx, a, &mut stdout.lock()).await,
            Command::Codegen(a) => commands::codegen::run(&ctx, a, &mut stdout.lock()).await,
            Command::Watch(a) => commands::watch::run(&ctx, a).await,
            Command::Export(a) => commands::export::run(&ctx, a).await,
        }
    })
}
