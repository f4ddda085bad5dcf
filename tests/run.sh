#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian machine, then runs
# the whole suite (library unit tests, the `cli` integration binary, doc tests) with the default
# features, Typst included. Headless Chromium and poppler check the built HTML and PDF.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "tests/run.sh: please install: ${need[*]} (apt-get install ${need[*]})" >&2
    exit 2
  fi
fi

cargo test --locked "$@"
