#!/usr/bin/env bash
# Refresh requirements/lock.txt: exact versions and sha256 hashes of every Python package that
# setup, the tests and CI install (runtime + test + dev extras of pyproject.toml, and the build
# backend). Run it after changing a dependency range in pyproject.toml, or to take upgrades:
#   ./scripts/lock.sh                    # re-resolve, keeping locked versions where still allowed
#   ./scripts/lock.sh --upgrade          # newest allowed versions of everything
#   ./scripts/lock.sh --upgrade-package mkdocs-material
# then run ./scripts/test.sh (setup.sh notices the changed lock and re-installs) and commit the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tools=.cache/lock-tools
if [ ! -x "$tools/bin/uv" ] || [ "$("$tools/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "${PYTHON:-python3}" -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet "uv==$UV_VERSION"
fi
# --universal: one lock for Linux, macOS and Windows; markers pick per platform/Python.
"$tools/bin/uv" pip compile pyproject.toml requirements/build.in \
  --extra test --extra dev \
  --universal --python-version 3.11 \
  --generate-hashes \
  --custom-compile-command ./scripts/lock.sh \
  --output-file requirements/lock.txt "$@" >/dev/null
echo "wrote requirements/lock.txt ($(grep -c '^[A-Za-z]' requirements/lock.txt) packages)"
