//! `l2l completion SHELL` and `l2l man`: the shell completions and the man page, generated
//! from the clap definitions (clap_complete, clap_mangen), so they never drift from the
//! flags.

use clap::CommandFactory as _;

use crate::cli::Cli;
use crate::error::{CliError, Result};

/// Prints the completion script of `shell`.
pub fn completion(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "l2l", &mut std::io::stdout());
    Ok(())
}

/// Prints the man page of `l2l` (roff).
pub fn man() -> Result<()> {
    clap_mangen::Man::new(Cli::command())
        .render(&mut std::io::stdout())
        .map_err(|e| CliError::failure(format!("writing the man page: {e}")))
}
