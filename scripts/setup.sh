#!/bin/sh
# Installs every Debian 12 package candour needs to build, test and benchmark.
# Run as root (or with sudo). Safe to run again: apt skips what is installed.
set -eu

PACKAGES="
  build-essential cmake pkg-config git
  libvectorscan-dev libutf8proc-dev libsimdjson-dev libarchive-dev libssl-dev
  libfmt-dev libtomlplusplus-dev libcli11-dev libfasttext-dev libxml2-dev
  libgtest-dev libbenchmark-dev
  time wbritish chromium ripgrep
"

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "candour setup: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing
else
  echo "candour setup: all packages present"
fi
