#!/bin/sh
# Renders a report built from a hostile export in headless Chromium and checks
# that no script ran and the hostile text is shown as text. Leaves a
# screenshot in the build folder as a test artefact.
# Usage: hostile_report.sh CANDOUR FIXTURE OUTDIR
set -eu
candour="$1"; fixture="$2"; out="$3"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (scripts/setup.sh installs it)"; exit 77
fi
rm -rf "$out"; mkdir -p "$out"
"$candour" scan "$fixture" --out "$out/scan" --quiet --no-model
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir=$out/profile"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --virtual-time-budget=3000 --dump-dom "file://$out/scan/report.html" > "$out/dom.html" 2>/dev/null
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --window-size=1200,1600 --screenshot="$out/hostile-report.png" \
  "file://$out/scan/report.html" >/dev/null 2>&1 || true
fail=0
# A script that ran would have set data-pwned on <body>.
if grep -q '<body[^>]*data-pwned' "$out/dom.html"; then echo "FAIL: a script in a message ran"; fail=1; fi
# The DOM must not contain live hostile elements, only their escaped text.
for tag in '<script>document' '<img src="x"' '<iframe' '<svg onload'; do
  if grep -qF "$tag" "$out/dom.html"; then echo "FAIL: live element $tag in the report"; fail=1; fi
done
grep -qF '&lt;script&gt;document.body' "$out/dom.html" || { echo "FAIL: the hostile text is not shown"; fail=1; }
grep -qF '&lt;img src=x onerror=' "$out/dom.html" || { echo "FAIL: the hostile sender is not shown"; fail=1; }
[ -s "$out/hostile-report.png" ] || echo "note: no screenshot was taken"
[ "$fail" -eq 0 ] && echo "hostile report: no script ran, text shown; screenshot $out/hostile-report.png"
exit "$fail"
