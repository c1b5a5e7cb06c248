#!/usr/bin/env bash
# Set up the project: a virtual environment in .venv with exactly the locked dependencies
# (requirements/lock.txt: versions and sha256 hashes) and Casebook itself, editable.
# Safe to run again: it re-installs only when the lock, pyproject.toml or this script changed.
# Refresh the lock with ./scripts/lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=requirements/lock.txt

# Python 3.11 or newer: $PYTHON, else python3.11, else python3.
if [ -z "${PYTHON:-}" ]; then
  PYTHON=python3
  command -v python3.11 >/dev/null 2>&1 && PYTHON=python3.11
fi
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: .venv uses an old Python; recreating it" >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup: Casebook needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2; exit 2; }
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.casebook-installed
want=$(cat "$lock" pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x .venv/bin/casebook ]; then
  echo "setup: installing the locked dependencies into .venv" >&2
  # Every file is checked against its hash in the lock; nothing unlocked is installed.
  .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r "$lock"
  # Casebook itself, editable, built with the locked setuptools (no unhashed download).
  .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
  # Remove what the lock no longer lists, so .venv holds exactly the locked set.
  .venv/bin/python scripts/check_lock.py --sync "$lock"
  echo "$want" > "$stamp"
fi
