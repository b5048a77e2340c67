#!/bin/sh
# candour benchmark (docs/performance.md). Generates seeded synthetic exports
# (WhatsApp text; a Facebook/Messenger JSON download of threads of 10,000
# messages, and one of a single thread as long as all of them) and measures,
# on the same files: `candour scan` and `candour check` on 1 and 2 threads (wall time,
# MB/s, messages/s, peak RSS); ripgrep searching our policy's literal term
# list (`rg -c -i -w -F -f`); and the npm package obscenity (English preset),
# installed from npm into the work folder. Prints ratios at the end.
# Usage: bench/run.sh [MESSAGES...]      (default: 100000 1000000; add 10000000 for the big run)
# RUNS=N bench/run.sh: each candour and ripgrep run N times, median kept (default 3).
# LONG_SIZES="N...": sizes also measured as a WhatsApp export of longer
# messages (candour-gen --long: ~100 bytes a line, the issue's reference
# shape, against ~66); default 1000000, "" to skip.
set -eu
cd "$(dirname "$0")/.."
[ -x build/candour ] && [ -x build/candour-gen ] || sh scripts/build.sh
WORK="${CANDOUR_BENCH_DIR:-/tmp/candour-bench}"
mkdir -p "$WORK"
SIZES="${*:-100000 1000000}"
CANDOUR="$PWD/build/candour"
RESULTS="$WORK/results.txt"
: > "$RESULTS"

# One measurement: label, bytes, messages, command... The command runs
# $RUNS times (default 3; this VM's timings move 10-20% from run to run) and
# the median wall time is kept, with the largest peak RSS; appends
# "label MB seconds MB/s msg/s peak" to the results.
measure() {
  label="$1"; bytes="$2"; n="$3"; shift 3
  : > "$WORK/times.txt"
  i=0
  while [ "$i" -lt "${RUNS:-3}" ]; do
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/stdout.txt"
    cat "$WORK/time.txt" >> "$WORK/times.txt"
    i=$((i + 1))
  done
  sort -n "$WORK/times.txt" | awk -v l="$label" -v n="$n" -v b="$bytes" '
    { s[NR] = $1; if ($2 > kb) kb = $2 }
    END {
      secs = s[int((NR + 1) / 2)]
      if (secs <= 0) secs = 0.005
      printf "%-40s %9.1f %8.2f %9.1f %12.0f %9.1f\n", l, b/1e6, secs, b/1e6/secs, n/secs, kb/1024 }' | tee -a "$RESULTS"
}

# Our policy's spellings as a literal word list, for ripgrep.
"$CANDOUR" policy show | awk '/^lexicon:/ { sub(/^[^:]*:[^:]*: /, ""); n = split($0, a, ", "); for (i = 1; i <= n; i++) print a[i] }' \
  | sort -u > "$WORK/terms.txt"
echo "candour benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); $(wc -l < "$WORK/terms.txt") literal terms for rg"

HAVE_OBSCENITY=0
if command -v npm >/dev/null && command -v node >/dev/null; then
  if [ ! -d "$WORK/obscenity/node_modules/obscenity" ]; then
    mkdir -p "$WORK/obscenity"
    cp bench/obscenity/package.json bench/obscenity/count.js "$WORK/obscenity/"
    (cd "$WORK/obscenity" && npm install --silent --no-audit --no-fund >/dev/null 2>&1) || echo "(npm install obscenity failed; skipping it)"
  fi
  cp bench/obscenity/count.js "$WORK/obscenity/"
  [ -d "$WORK/obscenity/node_modules/obscenity" ] && HAVE_OBSCENITY=1
else
  echo "(node and npm are not installed: skipping obscenity; apt-get install nodejs npm)"
fi
command -v rg >/dev/null || echo "(ripgrep is not installed: skipping it; apt-get install ripgrep)"

printf '%-40s %9s %8s %9s %12s %9s\n' "run" "MB" "seconds" "MB/s" "messages/s" "peak MB"
for n in $SIZES; do
  wa="$WORK/whatsapp-$n.txt"
  [ -f "$wa" ] || ./build/candour-gen --messages "$n" --seed 1 --out "$wa"
  fb="$WORK/messenger-$n"
  [ -d "$fb" ] || ./build/candour-gen --messages "$n" --seed 1 --format messenger --out "$fb"
  wa_bytes=$(stat -c %s "$wa")
  fb_bytes=$(du -sb "$fb" | cut -f1)
  ft="$WORK/messenger-thread-$n"
  [ -d "$ft" ] || ./build/candour-gen --messages "$n" --seed 1 --format messenger --one-thread --out "$ft"
  ft_bytes=$(du -sb "$ft" | cut -f1)
  for t in 1 2; do
    measure "scan whatsapp $n ${t}t" "$wa_bytes" "$n" "$CANDOUR" scan "$wa" --out "$WORK/out" --quiet --date-order dmy --threads "$t"
  done
  for t in 1 2; do
    measure "scan messenger $n ${t}t" "$fb_bytes" "$n" "$CANDOUR" scan "$fb" --out "$WORK/out" --quiet --threads "$t"
  done
  for t in 1 2; do
    measure "scan messenger-thread $n ${t}t" "$ft_bytes" "$n" "$CANDOUR" scan "$ft" --out "$WORK/out" --quiet --threads "$t"
  done
  # check --text on the message bodies alone (short texts)
  texts="$WORK/texts-$n.txt"
  [ -f "$texts" ] || cut -d: -f3- "$wa" | head -n "$n" > "$texts"
  t_bytes=$(stat -c %s "$texts")
  t_lines=$(wc -l < "$texts")
  for t in 1 2; do
    measure "check --text $t_lines ${t}t" "$t_bytes" "$t_lines" sh -c "'$CANDOUR' check --text --threads $t < '$texts'"
  done
  if command -v rg >/dev/null; then
    measure "rg -F -i -w terms whatsapp $n" "$wa_bytes" "$n" sh -c "rg -c -i -w -F -f '$WORK/terms.txt' '$wa' || true"
  fi
  if [ "$HAVE_OBSCENITY" = 1 ]; then
    runs="${RUNS:-3}"; RUNS=1  # obscenity once: about 27 s per 1M messages
    measure "obscenity whatsapp $n" "$wa_bytes" "$n" node "$WORK/obscenity/count.js" "$wa"
    RUNS="$runs"
  fi
done

# The same three (candour, ripgrep, obscenity) on exports of longer messages.
for n in ${LONG_SIZES-1000000}; do
  wl="$WORK/whatsapp-long-$n.txt"
  [ -f "$wl" ] || ./build/candour-gen --messages "$n" --seed 1 --long --out "$wl"
  wl_bytes=$(stat -c %s "$wl")
  for t in 1 2; do
    measure "scan whatsapp-long $n ${t}t" "$wl_bytes" "$n" "$CANDOUR" scan "$wl" --out "$WORK/out" --quiet --date-order dmy --threads "$t"
  done
  if command -v rg >/dev/null; then
    measure "rg -F -i -w terms whatsapp-long $n" "$wl_bytes" "$n" sh -c "rg -c -i -w -F -f '$WORK/terms.txt' '$wl' || true"
  fi
  if [ "$HAVE_OBSCENITY" = 1 ]; then
    runs="${RUNS:-3}"; RUNS=1
    measure "obscenity whatsapp-long $n" "$wl_bytes" "$n" node "$WORK/obscenity/count.js" "$wl"
    RUNS="$runs"
  fi
done

# Ratios on the largest size of each shape: candour scan (2 threads) against the others.
ratios() {
  awk -v shape="$1" -v n="$2" '
    $1 == "scan" && $2 == shape && $3 == n && $4 == "2t" { c = $(NF-2) }
    $1 == "scan" && $2 == shape && $3 == n && $4 == "1t" { c1 = $(NF-2) }
    $1 == "rg" && $(NF-6) == shape && $(NF-5) == n { r = $(NF-2) }
    $1 == "obscenity" && $2 == shape && $3 == n { o = $(NF-2) }
    END {
      if (c1 > 0 && c > 0) printf "%s %s: speed-up 1 -> 2 threads %.2fx", shape, n, c / c1
      if (r > 0) printf "; candour scan (2 threads) %.2f of ripgrep word list MB/s", c / r
      if (o > 0) printf "; %.0fx obscenity MB/s", c / o
      if (c1 > 0 && c > 0) printf "\n"
    }' "$RESULTS"
}
largest="$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1)"
ratios whatsapp "$largest"
ratios messenger "$largest"  # the speed-up alone: ripgrep and obscenity read the WhatsApp files
ratios messenger-thread "$largest"
for n in ${LONG_SIZES-1000000}; do last_long="$n"; done
if [ -n "${last_long:-}" ]; then ratios whatsapp-long "$last_long"; fi
