#!/bin/sh
# Quick start 1: install, build, and screen the bundled example WhatsApp export.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/build.sh
./build/candour scan "examples/WhatsApp Chat - Response Team 4.zip" --out candour-out
echo
echo "Open the report: $(pwd)/candour-out/report.html"
echo "Flagged messages: $(pwd)/candour-out/findings.jsonl   Summary: $(pwd)/candour-out/summary.json"
