#!/bin/sh
# Quick start 2: install, build and run every test, then again under
# AddressSanitizer + UndefinedBehaviorSanitizer (set CANDOUR_SKIP_SANITIZERS=1 to skip that part).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/build.sh
ctest --test-dir build -j"$(nproc)" --output-on-failure
if [ "${CANDOUR_SKIP_SANITIZERS:-0}" != "1" ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCANDOUR_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan -j"$(nproc)" --output-on-failure
fi
