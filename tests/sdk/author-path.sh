#!/usr/bin/env bash
# The plugin author's path, from a clean checkout, with the installed SDK
# alone (run by .ci/run; about a minute and a half on two cores, most of it
# building phasecast):
#   1. phasecast built and installed into a temporary prefix; a new plugin
#      also builds and passes its tests against the uninstalled SDK
#      (build/meson-uninstalled); the installed binary uses installed
#      plugins and data only, with the build tree still there and after it
#      is deleted;
#   2. `phasecast new-plugin sqs`, built out of tree with pkg-config alone,
#      its tests, `plugins check`, `price`, and the example scenario whose
#      roadmap uses it, priced from the plugin's fragment only (the run
#      fails without the fragment);
#   3. the plugin installed into the prefix and found by name.
# The plugin's `meson setup` and build must print no warning or deprecation
# in any case (meson says "WARNING:" and "DEPRECATION:", compilers
# "warning:").  Prints one line per step and "author-path: ok" or the first
# failure.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
step() { echo "author-path: $*"; }
fail() { echo "author-path: FAIL: $*"; exit 1; }
json() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $2" "$1"; }
# holds TEXT WORDS: whether TEXT contains WORDS (no pipe into grep -q, which
# would end the writer with SIGPIPE under pipefail).
holds() { [[ $1 == *"$2"* ]]; }
# quiet WHAT COMMAND...: runs COMMAND; fails, showing its output, when it
# fails or says "warning" or "deprecat" in any case.
quiet() {
  local what=$1 out
  shift
  out=$("$@" 2>&1) || { echo "$out"; fail "$what failed"; }
  if [[ ${out,,} == *warning* || ${out,,} == *deprecat* ]]; then
    echo "$out"
    fail "$what printed a warning"
  fi
}

step "build phasecast and install it into $prefix"
meson setup "$work/build" "$src" --prefix="$prefix" >/dev/null
ninja -C "$work/build" >/dev/null
meson install -C "$work/build" >/dev/null
unset PHASECAST_PLUGIN_PATH PHASECAST_DATA_DIR

step "uninstalled SDK: a new plugin builds and passes its tests against build/meson-uninstalled"
"$work/build/phasecast" new-plugin early "$work/early" >/dev/null
(
  cd "$work/early"
  export PKG_CONFIG_PATH=$work/build/meson-uninstalled
  quiet "meson setup (uninstalled SDK)" meson setup build
  quiet "the build (uninstalled SDK)" ninja -C build
  # An uninstalled libphasecast looks for its data under the prefix it
  # would be installed to: the tests need the source tree's.
  PHASECAST_DATA_DIR=$src/data meson test -C build --print-errorlogs >/dev/null \
    || fail "the generated tests fail against the uninstalled SDK"
  "$work/build/phasecast" plugins check build/early.so >/dev/null || fail "plugins check failed (uninstalled SDK)"
)
rm -rf "$work/early"

export PATH="$prefix/bin:$PATH"
PKG_CONFIG_PATH=$(find "$prefix" -name phasecast-plugin.pc -printf '%h')
export PKG_CONFIG_PATH
cd "$work"

step "installed binary, build tree present: plugins and prices come from the prefix"
holds "$(phasecast plugins show sns)" "file: $prefix/" || fail "sns was not loaded from $prefix"
holds "$(phasecast price sns)" "$prefix/share/phasecast/data/pricing/aws-ap-southeast-2.xml" \
  || fail "prices were not read from $prefix"

step "build tree deleted: every plugin and the baseline still come from the prefix"
rm -rf "$work/build"
for name in $(phasecast plugins list | awk '{ print $1 }'); do
  holds "$(phasecast plugins show "$name")" "file: $prefix/" || fail "$name was not loaded from $prefix"
done
phasecast run "$prefix/share/phasecast/scenarios/baseline.xml" --runs 10 >/dev/null || fail "baseline did not run"

started=$(date +%s)
step "new-plugin sqs, built out of tree with pkg-config alone"
phasecast new-plugin sqs "$work/sqs" >/dev/null
cd "$work/sqs"
quiet "meson setup" meson setup build --prefix="$prefix"
quiet "the build" ninja -C build
meson test -C build --print-errorlogs >/dev/null || fail "the generated tests fail"

step "plugins check, price"
phasecast plugins check build/sqs.so >/dev/null || fail "plugins check failed"
phasecast price sqs --plugin-dir build --region us-east-1 --set requests=1000000 --format json >price.json
# 3,000,000 billed requests: a free million, then 2,000,000 x $0.40 per million.
json price.json 'assert abs(d["total_usd"] - 2e6 * 0.40 / 1e6) <= 1e-9, d["total_usd"]'
json price.json 'assert d["lines"][0]["price_file"].endswith("sqs.prices.xml"), d["lines"][0]'

step "a scenario whose roadmap uses the plugin, priced from its fragment only"
phasecast run example/scenario.xml --plugin-dir build --format json >run.json
json run.json 'assert d["phases"][1]["id"] == "batched" and d["phases"][1]["reached_probability"] > 0, d["phases"]'
mv build/sqs.prices.xml fragment.aside
if phasecast run example/scenario.xml --plugin-dir build 2>err.txt; then fail "ran without the fragment"; fi
holds "$(cat err.txt)" 'no price "sqs.standard.request"' || fail "the run without a fragment did not name the price"
mv fragment.aside build/sqs.prices.xml

step "installed beside phasecast's plugins, found by name"
meson install -C build >/dev/null
cd "$work"
phasecast price sqs --region us-east-1 >/dev/null || fail "the installed plugin was not found"
phasecast plugins check sqs >/dev/null || fail "plugins check of the installed plugin failed"
step "the author's steps took $(( $(date +%s) - started )) s"
step ok
