#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS, 60 by default) from the
# checked-in seeds, which come from the docs' examples. Needs nightly and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")"
secs="${FUZZ_SECONDS:-60}"
for target in envelope_json envelope_xml dates; do
  mkdir -p "corpus-run/$target"
  cp -n "seeds/$target"/* "corpus-run/$target/" 2>/dev/null || true
  start=$(date +%s)
  cargo +nightly fuzz run "$target" "corpus-run/$target" -- -max_total_time="$secs" -rss_limit_mb=2048 2>&1 \
    | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|thread)' || true
  # cargo fuzz exits non-zero on a crash; re-check so a crash fails the run.
  if ls "artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "fuzz: $target crashed: $(ls artifacts/$target/crash-*)"; exit 1
  fi
  echo "fuzz: $target ran $(( $(date +%s) - start ))s without a crash"
done
