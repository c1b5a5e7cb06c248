"""``casebook init DIR``: a new casebook that builds at once.

Writes ``DIR/mkdocs.yml`` (Material theme, the casebook plugin, whose search is Pagefind), ``DIR/cases/`` with
one example case that validates (and the JSON Schema its first line points editors at), and
``DIR/content/index.md``. No taxonomy file is needed: the
vocabularies shipped with the package are used until ``cases/_data/taxonomy.yaml`` exists.
``mkdocs build --strict`` in ``DIR`` then builds the site.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

MKDOCS_YML = """\
# A Casebook site: cases in cases/ (one YAML file each), hand-written pages in content/.
# Build: mkdocs build --strict     Preview: mkdocs serve     Check cases: casebook validate
site_name: {title}
site_description: Case studies of provider collaboration, with their outcomes, evidence and sources.
docs_dir: content
use_directory_urls: true

theme:
  name: material
  language: en
  features:
    - navigation.sections
    - content.tooltips

# No `search` plugin: the casebook plugin writes the search index (Pagefind, /pagefind/) and
# puts its search box in the header.
plugins:
  - casebook:
      cases_dir: cases
      # taxonomy: cases/_data/taxonomy.yaml   # your own vocabularies (default: Casebook's)

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - tables
  - toc:
      permalink: true
"""

INDEX_MD = """\
---
title: {title_yaml}
---

# {title}

Case studies of health and care providers that work together: what each set out to do,
what it reports, and how we know.

- [All cases](cases/index.md)
- [Explore and filter](explore.md)
- [Benefits](benefits/index.md)

To add a case, run `casebook new "Name of the collaborative"`, fill in the file it writes in
`cases/`, and check it with `casebook validate`.
"""

EXAMPLE_CASE = """\
# yaml-language-server: $schema=_data/case.schema.json
# An example case: replace it with a real one (or delete it once you have your own).
# Every field is described in the JSON Schema (casebook schema) and by `casebook new`.
id: example-partnership
name: Example Partnership
short_name: EXP
country: GB
region: Example region
established: 2021
sectors: [acute, community]
governance: lead-provider
benefits: [workforce]
summary: >-
  Two hospital trusts and a community provider share one staff bank, so that shifts are
  filled by their own staff before agencies are asked.
outcomes:
  - measure: Shifts filled by agency staff
    benefit: workforce
    change_percent: -10
    period: first year
    source: 1
lessons:
  - Agree the rates of pay before the shared bank opens.
sources:
  - title: An article about the shared staff bank
    publisher: Example Publisher
    url: https://example.org/article
    undated: true
    evidence: self-reported
added: {today}
last_reviewed: {today}
"""


def init_project(folder: str | Path, title: str = "Casebook", today: _dt.date | None = None) -> list[Path]:
    """Write the starter files into ``folder`` (created if needed); refuses to overwrite any
    of them (:class:`FileExistsError`). Returns the files written."""
    folder = Path(folder)
    day = (today or _dt.date.today()).isoformat()
    files = {
        folder / "mkdocs.yml": MKDOCS_YML.format(title=_yaml_text(title)),
        folder / "content" / "index.md": INDEX_MD.format(title=title, title_yaml=_yaml_text(title)),
        folder / "cases" / "example-partnership.yaml": EXAMPLE_CASE.format(today=day),
    }
    from .records.project import PACKAGED_TAXONOMY
    from .records.schema import schema_text
    from .records.taxonomy import load_taxonomy

    # The JSON Schema editors use for autocompletion (the example case's first line points at it).
    files[folder / "cases" / "_data" / "case.schema.json"] = schema_text(load_taxonomy(PACKAGED_TAXONOMY))
    clash = [p for p in files if p.exists()]
    if clash:
        raise FileExistsError(clash[0])
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
        written.append(path)
    return written


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
