#!/usr/bin/env python3
"""Check that this Python environment holds exactly the versions in a lock file.

    python scripts/check_lock.py [requirements/lock.txt]          # report; exit 1 on a mismatch
    python scripts/check_lock.py --sync [requirements/lock.txt]   # also uninstall unlisted packages

Every package the lock lists (for this platform and Python) must be installed at exactly the
locked version. With ``--sync``, packages the lock does not list are removed (pip itself and
Casebook are kept), so an environment set up from an older lock matches the new one.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

KEEP = {"pip", "casebook"}
_REQ = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*(?:\\)?$")


def locked(lock: Path) -> dict[str, str]:
    """``{normalised name: version}`` of the lock's entries that apply here."""
    out: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = _REQ.match(line)
        if not m:
            continue
        name, version, marker = m.groups()
        if marker and not Marker(marker).evaluate():
            continue
        out[canonicalize_name(name)] = version
    return out


def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()
            if d.metadata["Name"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lock", nargs="?", type=Path, default=Path(__file__).resolve().parents[1] / "requirements" / "lock.txt")
    ap.add_argument("--sync", action="store_true", help="uninstall packages the lock does not list")
    args = ap.parse_args(argv)
    want, have = locked(args.lock), installed()
    extra = sorted(set(have) - set(want) - KEEP)
    if args.sync and extra:
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", *extra], check=True)
        have = installed()
        extra = sorted(set(have) - set(want) - KEEP)
    wrong = [f"{n}: locked {v}, installed {have.get(n, 'nothing')}" for n, v in sorted(want.items())
             if have.get(n) != v]
    for line in wrong:
        print(f"check_lock: {line}", file=sys.stderr)
    for n in extra:
        print(f"check_lock: {n} {have[n]} is installed but not in {args.lock.name}", file=sys.stderr)
    if wrong or extra:
        print("check_lock: run ./scripts/setup.sh (or ./scripts/lock.sh after changing pyproject.toml)", file=sys.stderr)
        return 1
    print(f"check_lock: {len(want)} locked packages installed at their locked versions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
