#!/usr/bin/env python3
"""Write the Markdown that the casebook plugin generates as ordinary files.

A thin wrapper over :func:`casebook.site.export_docs.write_docs` (the core of ``casebook
export-docs``), kept for the benchmark's baseline, which takes the corpus paths directly.

The benchmark builds these with plain MkDocs Material (no casebook plugin) to get the cost of
the same pages without the plugin: the "same generated Markdown" baseline of issue 5.

    python scripts/dump_generated.py --cases DIR --taxonomy FILE --content content --out DOCS
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from casebook.site.build import build_site  # noqa: E402
from casebook.site.context import BuildContext  # noqa: E402
from casebook.site.export_docs import write_docs  # noqa: E402


def dump(cases: Path, taxonomy: Path, content: Path, out: Path) -> int:
    """Write every generated page (blocks inlined, markers expanded), download, chart and
    asset, plus the hand-written pages, into ``out``; returns the number of generated files.
    The baseline keeps the plugin's own Markdown as it is: no glossary abbreviations are added
    (``casebook export-docs``, built on the same :func:`write_docs`, adds them)."""
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory() as cache:
        build = build_site(cases, taxonomy, cache, BuildContext(content_dir=content, defer_html=False))
        _, count, _ = write_docs(build, content, out, abbreviations=False)
    return count


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=ROOT / "cases")
    ap.add_argument("--taxonomy", type=Path)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    taxonomy = args.taxonomy or args.cases / "_data" / "taxonomy.yaml"
    n = dump(args.cases, taxonomy, args.content, args.out)
    print(f"wrote {n} generated files (+ hand-written pages) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
