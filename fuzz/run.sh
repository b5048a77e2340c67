#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# SECONDS (default 60), seeded with our test fixtures. Crashes are written to
# build-fuzz/crashes/; each one found becomes a regression test.
# Usage: fuzz/run.sh [SECONDS]   (TARGETS="scanner policy" to run some)
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v clang++ >/dev/null || { echo "fuzz/run.sh needs clang and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev)"; exit 1; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCANDOUR_FUZZ=ON \
  -DCANDOUR_SANITIZE=ON -DCANDOUR_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)"
mkdir -p build-fuzz/crashes build-fuzz/corpus
READERS="messenger_reader messenger_html_reader telegram_reader telegram_html_reader slack_reader discord_reader teams_reader cellebrite_reader csv_reader jsonl_reader"
for target in ${TARGETS:-whatsapp_reader $READERS normalizer scanner policy ftz_model}; do
  corpus="build-fuzz/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    whatsapp_reader) cp tests/fixtures/whatsapp/*.txt "$corpus/" ;;
    normalizer|scanner) cp tests/fixtures/whatsapp/*.txt "$corpus/" ;;
    policy) cp policy/phrases/*.toml policy/terms/bullying.toml "$corpus/" ;;
    ftz_model) cp models/*.ftz "$corpus/" ;;
    messenger_reader) cp tests/fixtures/exports/facebook-dyi/*/messages/inbox/*/message_*.json tests/fixtures/exports/messenger-e2ee/*.json "$corpus/" ;;
    telegram_reader) cp tests/fixtures/exports/telegram/result.json "$corpus/tg1.json"; cp tests/fixtures/exports/telegram-account/result.json "$corpus/tg2.json" ;;
    messenger_html_reader) cp tests/fixtures/exports/facebook-html/*/*/*/*.html "$corpus/" ;;
    telegram_html_reader) cp tests/fixtures/exports/telegram-html/*.html "$corpus/" ;;
    slack_reader) for f in tests/fixtures/exports/slack/*/*.json tests/fixtures/exports/slack/*.json; do cp "$f" "$corpus/$(echo "$f" | tr / _)"; done ;;
    discord_reader) cp tests/fixtures/exports/discord/*.json "$corpus/" ;;
    teams_reader) cp tests/fixtures/exports/teams/messages.json "$corpus/" ;;
    cellebrite_reader) cp tests/fixtures/exports/cellebrite/report.xml "$corpus/" ;;
    csv_reader) cp tests/fixtures/exports/csv*/*.csv "$corpus/" ;;
    jsonl_reader) cp tests/fixtures/exports/jsonl/*.jsonl "$corpus/" ;;
  esac
  echo "== $target ($seconds s)"
  ./build-fuzz/fuzz/"${target}_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
    -artifact_prefix=build-fuzz/crashes/"$target"- "$corpus" 2>&1 | grep -E "^#[0-9]+ +DONE|Done|ERROR|SUMMARY" || true
done
ls build-fuzz/crashes
