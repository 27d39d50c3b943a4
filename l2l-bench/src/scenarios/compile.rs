//! Scenario 6: compile time. Clean and incremental debug builds of `l2l-areas` (in a copy
//! of its three crates, so that the work tree is never touched) and of a generated user
//! crate of 30 areas of 20 fields (`tests/bench/gen-areas.sh`, the macro's own bench
//! script), and the lines the macro expands to per field.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::machine_note;
use crate::report::{self, Table};

/// What to run.
#[derive(Debug, Clone)]
pub struct Opts {
    /// The workspace root.
    pub root: PathBuf,
    /// Areas in the generated crate.
    pub areas: usize,
    /// Fields per area.
    pub fields: usize,
    /// Time the fully clean build (every dependency from scratch) as well.
    pub full: bool,
}

/// One timed build.
#[derive(Debug, Clone)]
pub struct Timing {
    /// What was built.
    pub what: String,
    /// Seconds.
    pub secs: f64,
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn timed(what: &str, cmd: &mut Command) -> Result<Timing, String> {
    let t = Instant::now();
    run(cmd)?;
    let secs = t.elapsed().as_secs_f64();
    eprintln!("  {what}: {secs:.1}s");
    Ok(Timing {
        what: what.to_owned(),
        secs,
    })
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let name = e.file_name();
        if name == "target" {
            continue;
        }
        let ty = e.file_type()?;
        if ty.is_dir() {
            copy_dir(&e.path(), &to.join(&name))?;
        } else if ty.is_file() {
            std::fs::copy(e.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// A workspace holding copies of l2l-core, l2l-derive and l2l-areas, with the root's
/// dependency versions and lock file.
fn copy_workspace(root: &Path, ws: &Path) -> Result<(), String> {
    let crates = ["l2l-core", "l2l-derive", "l2l-areas"];
    for c in crates {
        copy_dir(&root.join(c), &ws.join(c)).map_err(|e| format!("copying {c}: {e}"))?;
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let start = manifest
        .find("members = [")
        .ok_or("no members in Cargo.toml")?;
    let end = start + manifest[start..].find(']').ok_or("unclosed members")? + 1;
    let manifest = format!(
        "{}members = [\"l2l-core\", \"l2l-derive\", \"l2l-areas\"]{}",
        &manifest[..start],
        &manifest[end..]
    );
    std::fs::write(ws.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), ws.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}

/// Adds one `Option<String>` field to the first struct of `file` marked
/// `#[record_area`.
fn add_field(file: &Path) -> Result<(), String> {
    let src = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let at = src
        .find("record_area(")
        .ok_or("no record_area in the file")?;
    let open = at + src[at..].find("pub struct").ok_or("no struct")?;
    let close = open + src[open..].find("\n}").ok_or("no struct end")?;
    let next = format!(
        "{}\n    /// A field added by the compile benchmark.\n    pub bench_added: Option<String>,{}",
        &src[..close],
        &src[close..]
    );
    std::fs::write(file, next).map_err(|e| e.to_string())
}

/// The source of one generated area, the same as `tests/bench/gen-areas.sh` writes.
pub fn gen_area(i: usize, fields: usize) -> String {
    const TYPES: [&str; 10] = [
        "String",
        "Option<String>",
        "bool",
        "Option<f64>",
        "Option<DateTime>",
        "Date",
        "Option<i32>",
        "Decimal",
        "Option<bool>",
        "i64",
    ];
    let mut s = format!(
        "//! Area {i}.\nuse l2l_areas::{{Date, DateTime, Decimal}};\n\n/// Area number {i}.\n\
         #[l2l_areas::record_area(path = \"area{i}\", scope = site)]\n#[derive(Debug, Clone)]\n\
         pub struct Area{i} {{\n    /// The id.\n    #[l2l(id, read_only)]\n    pub id: i64,\n\
         \x20   /// The site.\n    pub site: i64,\n"
    );
    for n in 2..fields {
        let _ = write!(
            s,
            "    /// Field {n}.\n    pub field{n}: {},\n",
            TYPES[n % TYPES.len()]
        );
    }
    s.push_str("}\n");
    s
}

fn write_gen_sources(dir: &Path, areas: usize, fields: usize) -> Result<(), String> {
    let src = dir.join("src");
    let mut lib =
        format!("//! {areas} generated areas of {fields} fields.\n#![deny(missing_docs)]\n");
    for i in 0..areas {
        let _ = writeln!(lib, "pub mod a{i};");
        std::fs::write(src.join(format!("a{i}.rs")), gen_area(i, fields))
            .map_err(|e| e.to_string())?;
    }
    std::fs::write(src.join("lib.rs"), lib).map_err(|e| e.to_string())
}

/// Lines of the macro-expanded crate in `dir` (`-Zunpretty=expanded`, through
/// `RUSTC_BOOTSTRAP` on the stable compiler), blank lines left out.
fn expanded_lines(dir: &Path, target: &Path) -> Result<usize, String> {
    let out = run(Command::new(cargo())
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTC_BOOTSTRAP", "1")
        .args([
            "rustc",
            "--offline",
            "-q",
            "--lib",
            "--",
            "-Zunpretty=expanded",
        ]))?;
    Ok(out.lines().filter(|l| !l.trim().is_empty()).count())
}

/// Runs the builds and returns the section.
pub fn run_all(opts: &Opts, load: Option<(f64, f64, f64)>) -> Result<String, String> {
    let base = std::env::temp_dir().join(format!("l2l-bench-compile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let ws = base.join("ws");
    let target = base.join("target");
    copy_workspace(&opts.root, &ws)?;
    let mut timings = Vec::new();
    let build_areas = |target: &Path| {
        let mut c = Command::new(cargo());
        c.current_dir(&ws).env("CARGO_TARGET_DIR", target).args([
            "build",
            "--offline",
            "-q",
            "-p",
            "l2l-areas",
        ]);
        c
    };
    eprintln!("compile: l2l-areas (debug)");
    if opts.full {
        timings.push(timed(
            "l2l-areas, fully clean (every dependency too)",
            &mut build_areas(&target),
        )?);
    } else {
        run(&mut build_areas(&target))?;
    }
    run(Command::new(cargo())
        .current_dir(&ws)
        .env("CARGO_TARGET_DIR", &target)
        .args([
            "clean",
            "-q",
            "-p",
            "l2l-core",
            "-p",
            "l2l-derive",
            "-p",
            "l2l-areas",
        ]))?;
    timings.push(timed(
        "l2l-areas, clean (l2l-core, l2l-derive, l2l-areas; dependencies built)",
        &mut build_areas(&target),
    )?);
    add_field(&ws.join("l2l-areas/src/plant.rs"))?;
    timings.push(timed(
        "l2l-areas, incremental (one field added to one area)",
        &mut build_areas(&target),
    )?);

    // The user crate, by the macro's bench script, sharing the built dependencies.
    eprintln!(
        "compile: a user crate of {} areas x {} fields (tests/bench/gen-areas.sh)",
        opts.areas, opts.fields
    );
    let gen_dir = base.join("gen");
    std::fs::create_dir_all(&gen_dir).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, gen_dir.join("target")).map_err(|e| e.to_string())?;
    let script = opts.root.join("tests/bench/gen-areas.sh");
    let out = run(Command::new("bash")
        .arg(&script)
        .arg(&gen_dir)
        .env("AREAS", opts.areas.to_string())
        .env("FIELDS", opts.fields.to_string())
        .env("SKIP_FULL", "1"))?;
    let mut script_lines = Vec::new();
    for line in out.lines() {
        eprintln!("  {line}");
        if let Some((what, rest)) = line.split_once(": ")
            && let Some(secs) = rest.strip_suffix('s').and_then(|s| s.parse::<f64>().ok())
        {
            timings.push(Timing {
                what: format!("user crate, {what}"),
                secs,
            });
        } else {
            script_lines.push(line.to_owned());
        }
    }

    // Expansion: the same crate at two field counts; the slope is the cost of one field.
    eprintln!("compile: expanded lines");
    let lo = opts.fields / 2;
    write_gen_sources(&gen_dir, opts.areas, lo)?;
    let lines_lo = expanded_lines(&gen_dir, &target)?;
    write_gen_sources(&gen_dir, opts.areas, opts.fields)?;
    let lines_hi = expanded_lines(&gen_dir, &target)?;
    let per_field = (lines_hi as f64 - lines_lo as f64) / (opts.areas * (opts.fields - lo)) as f64;
    let per_area = lines_hi as f64 / opts.areas as f64 - per_field * opts.fields as f64;
    let source_lines: usize = (0..opts.areas)
        .map(|i| gen_area(i, opts.fields).lines().count())
        .sum();

    let _ = std::fs::remove_dir_all(&base);

    let mut t = Table::new(["build (debug profile)", "seconds"]);
    for tm in &timings {
        t.row([tm.what.clone(), report::fixed(tm.secs, 1)]);
    }
    let mut e = Table::new(["expansion", "lines"]);
    e.row([
        format!("{} areas × {} fields, source", opts.areas, opts.fields),
        report::thousands(source_lines as f64),
    ]);
    e.row([
        format!("{} areas × {lo} fields, expanded", opts.areas),
        report::thousands(lines_lo as f64),
    ]);
    e.row([
        format!("{} areas × {} fields, expanded", opts.areas, opts.fields),
        report::thousands(lines_hi as f64),
    ]);
    e.row([
        "expanded lines per field (the slope)".to_owned(),
        report::fixed(per_field, 1),
    ]);
    e.row([
        "expanded lines per area besides its fields".to_owned(),
        report::fixed(per_area, 0),
    ]);

    let mut s = String::new();
    let _ = writeln!(s, "## 6. Compile time\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- compile{}` · debug builds in a fresh target \
         directory, `l2l-areas` from a copy of its three crates (so the work tree is never \
         touched), the user crate from `tests/bench/gen-areas.sh` ({} areas of {} fields, \
         sharing the built dependencies). {}\n",
        if opts.full { " --full" } else { "" },
        opts.areas,
        opts.fields,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    let _ = writeln!(s, "{}", e.markdown());
    let _ = writeln!(
        s,
        "Expanded lines are those of `cargo rustc -- -Zunpretty=expanded` (blank lines left \
         out); the slope is the difference between the crate at {} and at {lo} fields per \
         area, divided by the fields added.",
        opts.fields
    );
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_areas_match_the_script() {
        let a = gen_area(3, 5);
        assert!(a.contains("#[l2l_areas::record_area(path = \"area3\", scope = site)]"));
        assert!(a.contains("    pub field4: Option<DateTime>,\n}"));
        assert_eq!(a.matches("pub field").count(), 3);
    }

    #[test]
    fn a_field_is_added_inside_the_struct() {
        let dir = std::env::temp_dir().join(format!("l2l-bench-addfield-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.rs");
        std::fs::write(
            &f,
            "#[x::record_area(path = \"a\")]\npub struct A {\n    pub id: i64,\n}\n",
        )
        .unwrap();
        add_field(&f).unwrap();
        let s = std::fs::read_to_string(&f).unwrap();
        assert!(s.ends_with("    pub id: i64,\n    /// A field added by the compile benchmark.\n    pub bench_added: Option<String>,\n}\n"), "{s}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
