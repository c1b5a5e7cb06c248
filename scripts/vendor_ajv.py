#!/usr/bin/env python3
"""Copy Ajv's browser bundle from the pinned npm package into the site's assets.

The contribute form checks a draft against the published JSON Schema with Ajv (draft 2020-12).
``package.json`` pins ``ajv-dist`` (Ajv's own prebuilt browser bundles) to an exact version and
``package-lock.json`` holds its hash; ``npm ci`` installs it. This script copies
``ajv2020.min.js`` into ``src/casebook/site/assets/vendor/`` without its source-map comment (no
map is shipped, so a browser's developer tools would otherwise request a missing file).
Ajv's MIT licence is beside it (``ajv-LICENSE.txt``). ``tests/test_contribute_form.py`` keeps the
copy identical to the pinned package. Run after changing the version: ``npm ci`` then
``python scripts/vendor_ajv.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "ajv-dist" / "dist" / "ajv2020.min.js"
TARGET = ROOT / "src" / "casebook" / "site" / "assets" / "vendor" / "ajv2020.min.js"


def vendored_text(source: str) -> str:
    """The bundle as shipped: the package's file without its ``sourceMappingURL`` line."""
    lines = source.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("//# sourceMappingURL=")]
    return "".join(kept).rstrip("\n") + "\n"


def main() -> int:
    if not SOURCE.is_file():
        print(f"{SOURCE.relative_to(ROOT)} is missing; run npm ci first", file=sys.stderr)
        return 1
    TARGET.write_text(vendored_text(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
