#!/usr/bin/env bash
# Set up (if needed), then serve the site with live reload at http://127.0.0.1:8000
# Pass "build" to build ./site once instead: ./scripts/serve.sh build
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-serve}" = "build" ]; then
  exec .venv/bin/mkdocs build --strict
fi
exec .venv/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000
