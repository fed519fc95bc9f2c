#!/usr/bin/env bash
# Checks that two builds of phasecast print the same reports, byte for byte:
# every scenario and the benchmark's v3.0 set, as JSON with the months and
# as CSV (the series table), on 1 and 2 threads.  .ci/run compares the
# default build with the one tools/build-pgo.sh makes.
# Usage: tests/same-reports.sh BUILD_A BUILD_B (build directories, relative
# to the source tree or absolute)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: tests/same-reports.sh BUILD_A BUILD_B" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
compared=0
for scenario in scenarios/*.xml tests/bench/v3-only.xml; do
  for format in "--format json --months" "--format csv --table series"; do
    for threads in 1 2; do
      for build in "$1" "$2"; do
        # shellcheck disable=SC2086 # $format is two options
        "$build/phasecast" run "$scenario" --runs 500 --threads "$threads" $format > "$out/${build//\//_}"
      done
      if ! cmp -s "$out/${1//\//_}" "$out/${2//\//_}"; then
        echo "not the same: $scenario $format --threads $threads from $1 and $2" >&2
        exit 1
      fi
      compared=$((compared + 1))
    done
  done
done
echo "the same reports from $1 and $2 ($compared comparisons)"
