#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 45) from a seed corpus of
# the shipped files, in a scratch folder; fails if any target finds a
# crash, a leak, a sanitizer report or a refusal without a one-line
# message.  Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]
# (BUILD_DIR set up with CC=clang -Dfuzzing=enabled; docs/testing.md).
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [SECONDS]}" && pwd)
seconds=${2:-45}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
# The uninstalled tree's data and plugins, as the tests use them.
export PHASECAST_DATA_DIR="$src/data" PHASECAST_PLUGIN_PATH="$build/plugins"
# The feed importer's target reads feeds through the test map (Sydney).
export PHASECAST_FUZZ_FEED_MAP="$src/tests/data/feeds/test-map.xml"
# Undefined behaviour is a finding too (UBSan only reports it by default).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
trap 'rm -rf "$work"' EXIT

# A finding outlives the scratch folder: copied to BUILD_DIR/fuzz-findings and
# printed in base64, so a CI log alone is enough to reproduce it.
keep_findings() {  # keep_findings TARGET
  local finding
  mkdir -p "$build/fuzz-findings"
  for finding in "$work/$1"-*; do
    [ -e "$finding" ] || continue
    cp "$finding" "$build/fuzz-findings/"
    echo "== finding $(basename "$finding") (base64; also in $build/fuzz-findings):"
    base64 "$finding"
  done
}

fuzz() {  # fuzz TARGET SEED_DIR...
  local target=$1; shift
  mkdir -p "$work/$target"
  echo "== $target for ${seconds}s"
  (cd "$work" && "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -dict="$src/tests/fuzz/phasecast.dict" -print_final_stats=1 -artifact_prefix="$work/$target-" \
     "$work/$target" "$@") || { keep_findings "$target"; return 1; }
}

failed=0
fuzz fuzz-scenario "$src/scenarios" "$src/tests/data/good" "$src/tests/data/bad" || failed=$((failed+1))
fuzz fuzz-roadmap "$src/data/roadmaps" "$src/tests/data/good" "$src/tests/data/bad" || failed=$((failed+1))
fuzz fuzz-catalog "$src/data/pricing" "$src/tests/data/good" "$src/tests/data/bad" || failed=$((failed+1))
fuzz fuzz-feed "$src/tests/data/feeds" || failed=$((failed+1))
[ "$failed" -eq 0 ] || { echo "fuzzing: $failed of 4 targets found something (the input is printed above)"; exit 1; }
