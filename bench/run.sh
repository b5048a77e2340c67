#!/bin/sh
# candour benchmark: generates seeded synthetic WhatsApp exports and measures
# `candour scan` (MB/s, messages/s, peak RSS) and `candour check --text`.
# Usage: bench/run.sh [MESSAGES...]   (default: 100000 1000000)
# Results are printed as a table; see docs/performance.md for recorded figures.
set -eu
cd "$(dirname "$0")/.."
[ -x build/candour ] && [ -x build/candour-gen ] || sh scripts/build.sh
WORK="${CANDOUR_BENCH_DIR:-/tmp/candour-bench}"
mkdir -p "$WORK"
SIZES="${*:-100000 1000000}"

printf '%-28s %10s %10s %10s %12s %10s\n' "run" "MB" "seconds" "MB/s" "messages/s" "peak MB"
for n in $SIZES; do
  file="$WORK/whatsapp-$n.txt"
  [ -f "$file" ] || ./build/candour-gen --messages "$n" --seed 1 --out "$file"
  bytes=$(stat -c %s "$file")
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" ./build/candour scan "$file" --out "$WORK/out" --quiet --date-order dmy
  read -r secs kb < "$WORK/time.txt"
  awk -v n="$n" -v b="$bytes" -v s="$secs" -v kb="$kb" 'BEGIN {
    printf "%-28s %10.1f %10.2f %10.1f %12.0f %10.1f\n", "scan whatsapp " n, b/1e6, s, (s>0?b/1e6/s:0), (s>0?n/s:0), kb/1024 }'
  # check --text on the message bodies alone (short texts)
  cut -d: -f3- "$file" | head -n "$n" > "$WORK/texts-$n.txt"
  tbytes=$(stat -c %s "$WORK/texts-$n.txt")
  tlines=$(wc -l < "$WORK/texts-$n.txt")
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" ./build/candour check --text < "$WORK/texts-$n.txt" > /dev/null
  read -r secs kb < "$WORK/time.txt"
  awk -v n="$tlines" -v b="$tbytes" -v s="$secs" -v kb="$kb" 'BEGIN {
    printf "%-28s %10.1f %10.2f %10.1f %12.0f %10.1f\n", "check --text " n, b/1e6, s, (s>0?b/1e6/s:0), (s>0?n/s:0), kb/1024 }'
done
