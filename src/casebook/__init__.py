"""Casebook: provider collaboration case studies as validated data and a static site.

The pipeline, one job per module: :mod:`loader` (YAML with line marks) → :mod:`validate` →
:mod:`enrich` (cross-tags, related cases) → :mod:`render` (Markdown pages) → :mod:`charts`
→ :mod:`exports`. :mod:`plugin` wires MkDocs events to it; :mod:`cli` is the command line.
"""

__version__ = "0.2.0"
