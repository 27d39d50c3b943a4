#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS, 60 by default) from the
# checked-in seeds, which come from the docs' examples. Needs nightly and cargo-fuzz.
#
# Fails when a target does not build, when the fuzzer exits with an error, and when it leaves
# any artifact behind (crash, leak, oom, timeout, slow unit): each is a finding.
set -euo pipefail
cd "$(dirname "$0")"
secs="${FUZZ_SECONDS:-60}"
for target in envelope_json envelope_xml dates; do
  mkdir -p "corpus-run/$target"
  cp -n "seeds/$target"/* "corpus-run/$target/" 2>/dev/null || true
  rm -rf "artifacts/$target"
  log="$(mktemp)"
  start=$(date +%s)
  status=0
  cargo +nightly fuzz run "$target" "corpus-run/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|thread|error)' "$log" || true
  found=$(find "artifacts/$target" -type f 2>/dev/null | head -5)
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    tail -n 30 "$log"
    echo "fuzz: $target failed (exit status $status)${found:+; artifacts: $found}"
    exit 1
  fi
  rm -f "$log"
  echo "fuzz: $target ran $(( $(date +%s) - start ))s: no crash, leak, oom or timeout"
done
