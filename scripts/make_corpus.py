#!/usr/bin/env python3
"""Generate a synthetic corpus of valid, varied case records for benchmarks.

    python scripts/make_corpus.py --count 10000 --seed 1 --out /tmp/corpus10k
    python scripts/make_corpus.py --count 500 --seed 7 --out /tmp/c --markdown /tmp/c-md

Writes ``OUT/<id>.yaml`` for every case (each starting with the editor schema comment) and
copies the taxonomy (and the JSON Schema, when one sits beside it) into ``OUT/_data/``, so
``OUT`` works as a cases folder on its own: ``casebook validate OUT``.

With ``--markdown DIR`` it also writes one plain Markdown page per case (title, summary,
narrative) and ``DIR/index.md``: the "plain MkDocs Material build of the same Markdown"
baseline the benchmark compares against.

Reproducible: the same ``--count`` and ``--seed`` (and taxonomy) give byte-identical files.
All randomness comes from one ``random.Random(seed)``; nothing reads the clock. Vocabulary ids
(benefits, sectors, governance, focus areas, themes, evidence) are read from the taxonomy file,
so the generator keeps working when a vocabulary gains, loses or renames a term: known ids get
hand-written phrasing, unknown ones are described from their taxonomy label.

Files are written with plain string formatting (no ``yaml.dump``) for speed. Every free-text
scalar is written with ``json.dumps``, which is always a valid YAML double-quoted scalar;
summaries and narratives use block scalars of generated text that never starts a line with
whitespace.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from corpus import generate, load_vocabularies, main  # noqa: E402

__all__ = ["generate", "load_vocabularies", "main"]

if __name__ == "__main__":
    sys.exit(main())
