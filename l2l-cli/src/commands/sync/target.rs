//! Where a sync writes: `--to URL` or `--out FILE`, and with `--all` into JSON Lines, one
//! file per area in the directory named.

use l2l_areas::AreaSchema;
use l2l_sync::Target;

use crate::cli::SyncArgs;
use crate::error::{CliError, Result};

/// The destination of the command line.
pub fn resolve(args: &SyncArgs) -> Result<Target> {
    match (&args.to, &args.out) {
        (Some(url), _) => url.parse::<Target>().map_err(|e| {
            CliError::usage(e.to_string())
                .hint("for example --to sqlite:plant.db (a file, created when missing)")
        }),
        (None, Some(path)) => Ok(Target::Jsonl(path.clone())),
        (None, None) => Err(CliError::usage("name where to write with --to URL")
            .hint("for example --to sqlite:plant.db")),
    }
}

/// The destination of one area: a database holds every area's table; JSON Lines with
/// `--all` is a directory with `AREA.jsonl` in it.
pub fn for_area(target: &Target, area: &AreaSchema, all: bool) -> Target {
    match target {
        Target::Jsonl(dir) if all => Target::Jsonl(dir.join(format!("{}.jsonl", area.path))),
        t => t.clone(),
    }
}
