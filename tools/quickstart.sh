#!/usr/bin/env bash
# Installs the Debian packages phasecast needs, builds it into ./build and
# runs the baseline scenario.  Uses sudo only when not already root.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  build-essential meson ninja-build pkg-config python3 \
  libglib2.0-dev libxml2-dev libsqlite3-dev libgsl-dev libjson-glib-dev \
  libplplot-dev plplot-driver-cairo libcairo2-dev fonts-dejavu-core chromium parallel \
  valgrind locales-all
[ -d build ] || meson setup build
ninja -C build
./build/phasecast run scenarios/baseline.xml   # the uninstalled CLI: build-tree plugins, source-tree data
