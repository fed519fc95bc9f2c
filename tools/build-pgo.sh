#!/usr/bin/env bash
# Builds phasecast into DIR (default: build-pgo; relative to the source
# tree) as a release build that GCC has optimised with profile feedback
# (meson's b_pgo option): built once instrumented, run on a training
# workload, built again with the profile.  Its reports are the default
# build's byte for byte (.ci/run checks it with tests/same-reports.sh); a
# month simulates about a tenth faster (docs/speed.md, "A build trained on
# other scenarios").
#
# The training workload is the three scenarios the benchmark does not
# measure (slow-growth, fast-growth, enterprise-deal), exported to SQLite,
# and the benchmark's fused reference loop: so the benchmark's figures for
# phasecast come from inputs the profile never saw, and the loop it is
# compared with is trained too.  Needs GCC.  Run it again after changing
# the sources; until then GCC warns that the profile no longer fits.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-pgo}
export CC=${CC:-gcc} CXX=${CXX:-g++}
if ! "$CC" -v 2>&1 | grep -q '^gcc version'; then
  echo "tools/build-pgo.sh: CC=$CC is not GCC; this script uses GCC's profile feedback" >&2
  exit 1
fi
# Files the training does not reach (tests, unused plugins) have no profile:
# that is expected, not worth a warning each.
flags="-Wno-missing-profile -Wno-error=coverage-mismatch"
options=(-Dbuildtype=release "-Dc_args=$flags" "-Dcpp_args=$flags")
if [ -f "$dir/build.ninja" ]; then
  meson configure "$dir" "${options[@]}" -Db_pgo=generate
else
  meson setup "$dir" "${options[@]}" -Db_pgo=generate
fi
ninja -C "$dir"

find "$dir" -name '*.gcda' -delete   # a profile of the training below only
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
for scenario in slow-growth fast-growth enterprise-deal; do
  "$dir/phasecast" run "scenarios/$scenario.xml" --runs 1000 --threads 2 --sqlite "$train/$scenario.db" > /dev/null
done
PHASECAST_PLUGIN_PATH="$dir/plugins" PHASECAST_DATA_DIR=data G_TEST_SRCDIR=tests \
  "$dir/tests/bench-speed" --fused-runs 1000 2> /dev/null

meson configure "$dir" -Db_pgo=use
ninja -C "$dir"
echo "tools/build-pgo.sh: built $dir with GCC's profile feedback; run it with $dir/phasecast"
