#!/bin/sh
# Configures and builds candour (release build with debug info) in ./build.
# Usage: scripts/build.sh [extra cmake -D options]
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j"$(nproc)"
