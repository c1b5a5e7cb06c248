"""The command line: generate cases, link related ones, write the folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cases import Generator
from .helpers import load_vocabularies
from .output import write_corpus, write_markdown
from .words import DEFAULT_TAXONOMY, REPO


def generate(count: int, seed: int, vocab: dict) -> list[dict]:
    """Build ``count`` cases (as dicts) deterministically from ``seed``."""
    gen = Generator(vocab, seed)
    width = max(3, len(str(count)))
    cases = [gen.base(i, width) for i in range(count)]
    r = gen.rng
    by_sector: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        by_sector.setdefault(c["sectors"][0], []).append(i)
    for i, c in enumerate(cases):
        k = r.choices((0, 1, 2, 3), (25, 30, 25, 20))[0] if count > 1 else 0
        related: list[str] = []
        tries = 0
        while len(related) < k and tries < 12:
            tries += 1
            pool = by_sector[c["sectors"][0]] if r.random() < 0.6 else None
            j = r.choice(pool) if pool else r.randrange(count)
            rid = cases[j]["id"]
            if j != i and rid not in related:
                related.append(rid)
        c["related"] = related
    return cases


def _clear(folder: Path, pattern: str, force: bool, what: str) -> None:
    """Refuse to mix a new corpus with old files unless ``--force``; then delete only those."""
    if not folder.is_dir():
        return
    old = sorted(folder.glob(pattern))
    if not old:
        return
    if not force:
        raise SystemExit(f"make_corpus: {folder} already holds {len(old)} {what}; "
                         "choose an empty folder or pass --force to replace them")
    for p in old:
        p.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic, valid Casebook corpus for benchmarks.")
    ap.add_argument("--count", type=int, required=True, help="number of cases to write")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same count and seed → identical files)")
    ap.add_argument("--out", required=True, help="folder to write <id>.yaml files and _data/ into")
    ap.add_argument("--taxonomy", default=None,
                    help=f"taxonomy file to read vocabularies from (default: {DEFAULT_TAXONOMY})")
    ap.add_argument("--markdown", default=None, metavar="DIR",
                    help="also write a plain Markdown page per case and index.md into DIR")
    ap.add_argument("--force", action="store_true",
                    help="replace existing *.yaml (and, with --markdown, *.md) files in the output folders")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")

    taxonomy = Path(args.taxonomy) if args.taxonomy else Path(DEFAULT_TAXONOMY)
    if not args.taxonomy and not taxonomy.is_file():
        taxonomy = REPO / DEFAULT_TAXONOMY
    if not taxonomy.is_file():
        ap.error(f"taxonomy file not found: {taxonomy}")
    out = Path(args.out)
    if out.resolve() == taxonomy.resolve().parent.parent:
        ap.error(f"--out {out} is the folder the taxonomy belongs to; write the corpus somewhere else")
    md = Path(args.markdown) if args.markdown else None

    _clear(out, "*.yaml", args.force, ".yaml files")
    if md is not None:
        _clear(md, "*.md", args.force, ".md files")

    vocab = load_vocabularies(taxonomy)
    cases = generate(args.count, args.seed, vocab)
    write_corpus(cases, out, taxonomy)
    if md is not None:
        write_markdown(cases, md)
    print(f"make_corpus: wrote {len(cases)} cases to {out}" + (f" and Markdown pages to {md}" if md else ""),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
