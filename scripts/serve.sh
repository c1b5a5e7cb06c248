#!/usr/bin/env bash
# Set up (if needed), then serve the site with live reload at http://127.0.0.1:8000
#   ./scripts/serve.sh                 # serve on port 8000 (or $PORT)
#   ./scripts/serve.sh --port 8001     # another port (also: PORT=8001 ./scripts/serve.sh)
#   ./scripts/serve.sh build           # build ./site once, strictly (what CI runs)
# Serving is never strict: an invalid case shows the error page in the browser and the server
# keeps running until the file is fixed (with --strict MkDocs would abort every rebuild).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=serve
port=${PORT:-8000}
host=${HOST:-127.0.0.1}
while [ $# -gt 0 ]; do
  case "$1" in
    build|serve) mode=$1 ;;
    -p|--port) port=${2:?--port needs a number}; shift ;;
    --port=*) port=${1#--port=} ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$port" in ''|*[!0-9]*) echo "serve.sh: the port must be a number, not '$port'" >&2; exit 2 ;; esac
./scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "$mode" = build ]; then
  exec .venv/bin/mkdocs build --strict
fi
exec .venv/bin/mkdocs serve --dev-addr "$host:$port"
