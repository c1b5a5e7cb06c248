#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run all the tests.
#   ./scripts/test.sh            # everything (unit, site build, browser, accessibility, HTML, links)
#   ./scripts/test.sh -k explore # extra arguments go to pytest
#   COVERAGE=1 ./scripts/test.sh # also measure line and branch coverage of src/casebook, including
#                                # the builds and commands the tests run in subprocesses; the
#                                # report goes to the terminal and coverage.xml
set -euo pipefail
cd "$(dirname "$0")/.."

# CASEBOOK_NO_SETUP=1 keeps an existing .venv as it is (CI's upstream jobs install unlocked versions).
[ "${CASEBOOK_NO_SETUP:-0}" = 1 ] || ./scripts/setup.sh

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
if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/vnu-jar ] || [ ! -d node_modules/ajv-dist ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

export NO_MKDOCS_2_WARNING=1
if [ "${COVERAGE:-0}" = 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
# Coverage: one data file per process (parallel = true in pyproject.toml), at an absolute path
# because site builds run in copies of the project; subprocesses start measuring through the
# startup hook: [tool.coverage.run] patch = ["subprocess"] hands the configuration to every
# child Python process, whose coverage .pth (a1_coverage.pth) calls coverage.process_startup().
export COVERAGE_FILE="$PWD/.coverage"
rm -f .coverage .coverage.*
status=0
.venv/bin/python -m coverage run -m pytest "$@" || status=$?
.venv/bin/python -m coverage combine --quiet
.venv/bin/python -m coverage report --format=total > .coverage-total || true
.venv/bin/python -m coverage report --skip-covered --sort=cover | tail -n 25
.venv/bin/python -m coverage xml --quiet -o coverage.xml
echo "coverage: $(cat .coverage-total) % of src/casebook (lines and branches)"
exit $status
