#!/usr/bin/env bash
# Generates a crate of AREAS record areas of FIELDS fields each (30 x 20 by default) that
# depends on l2l-areas by path, and times its builds:
#   - fully clean: the crate and every dependency, in a fresh target directory;
#   - crate only: `cargo clean -p` of the generated crate, then a build (dependencies built);
#   - incremental: one field added to one area, then a build;
#   - the same three for `cargo check` where it makes sense.
# Usage: tests/bench/gen-areas.sh [DIR]   (DIR defaults to a new temp dir; nothing is committed)
# Env: AREAS, FIELDS, SKIP_FULL=1 to skip the fully clean build.
set -euo pipefail

AREAS=${AREAS:-30}
FIELDS=${FIELDS:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${1:-$(mktemp -d /tmp/l2l-bench.XXXXXX)}
mkdir -p "$DIR/src"

TYPES=("String" "Option<String>" "bool" "Option<f64>" "Option<DateTime>" "Date" "Option<i32>" "Decimal" "Option<bool>" "i64")

area() { # area INDEX EXTRA_FIELDS
    local i=$1 extra=$2 n
    echo "//! Area $i."
    echo "use l2l_areas::{Date, DateTime, Decimal};"
    echo
    echo "/// Area number $i."
    echo "#[l2l_areas::record_area(path = \"area$i\", scope = site)]"
    echo "#[derive(Debug, Clone)]"
    echo "pub struct Area$i {"
    echo "    /// The id."
    echo "    #[l2l(id, read_only)]"
    echo "    pub id: i64,"
    echo "    /// The site."
    echo "    pub site: i64,"
    for ((n = 2; n < FIELDS + extra; n++)); do
        echo "    /// Field $n."
        echo "    pub field$n: ${TYPES[$((n % ${#TYPES[@]}))]},"
    done
    echo "}"
}

cat > "$DIR/Cargo.toml" <<TOML
[package]
name = "l2l-bench-areas"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
l2l-areas = { path = "$ROOT/l2l-areas" }

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false

[workspace]
TOML
cp "$ROOT/Cargo.lock" "$DIR/Cargo.lock"
{
    echo "//! $AREAS generated areas of $FIELDS fields."
    echo "#![deny(missing_docs)]"
    for ((i = 0; i < AREAS; i++)); do echo "pub mod a$i;"; done
} > "$DIR/src/lib.rs"
for ((i = 0; i < AREAS; i++)); do area "$i" 0 > "$DIR/src/a$i.rs"; done

export CARGO_TARGET_DIR="$DIR/target"
cd "$DIR"
secs() { local s=$(date +%s.%N); "$@" >/dev/null 2>"$DIR/last.log" || { cat "$DIR/last.log"; exit 1; }; awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $s }"; }

if [[ -z "${SKIP_FULL:-}" ]]; then
    echo "fully clean build (crate + all dependencies): $(secs cargo build --offline)s"
else
    cargo build --offline -q
fi
cargo clean -p l2l-bench-areas -q
echo "crate-only clean build: $(secs cargo build --offline)s"
area 7 1 > src/a7.rs
echo "incremental build (one field added to one area): $(secs cargo build --offline)s"
area 7 0 > src/a7.rs
cargo check --offline -q # dependencies' metadata, so that the next check is of the crate alone
cargo clean -p l2l-bench-areas -q
echo "crate-only clean check: $(secs cargo check --offline)s"
area 7 1 > src/a7.rs
echo "incremental check (one field added to one area): $(secs cargo check --offline)s"
echo "source: $(cat src/*.rs | wc -l) lines in $DIR"
