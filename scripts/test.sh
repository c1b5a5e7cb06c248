#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run all the tests.
#   ./scripts/test.sh            # everything (unit, site build, browser, accessibility, HTML, links)
#   ./scripts/test.sh -k explore # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

# System packages for the browser suite: Debian's Chromium (Playwright drives it; it cannot
# download its own browsers here) and a Java runtime for the Nu HTML Checker.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# axe-core and vnu-jar from npm, pinned by package-lock.json.
if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/vnu-jar ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
