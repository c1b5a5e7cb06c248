"""The whole pipeline in one call, independent of any site engine.

load → validate → enrich → render pages → chart specs → draw charts (cached) → exports.
The MkDocs plugin calls :func:`build_site` and turns its output into virtual files; another
engine could do the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .enrich import Corpus, enrich
from .problems import Problem, ValidationFailed
from .taxonomy import Taxonomy, load_taxonomy
from .validate import validate_paths

ASSETS_DIR = Path(__file__).parent / "assets"
#: Static files the site needs, as site path → packaged file.
ASSETS = {
    "assets/casebook.css": ASSETS_DIR / "casebook.css",
    "assets/explore.js": ASSETS_DIR / "explore.js",
}


@dataclass
class SiteBuild:
    """Everything generated for the site."""

    corpus: Corpus
    pages: dict[str, str]
    #: site path → text (data exports)
    texts: dict[str, str]
    #: site path → file on disk (charts in the cache, packaged assets)
    files: dict[str, Path]
    problems: list[Problem] = field(default_factory=list)
    charts_drawn: int = 0
    #: site path → chart file in the cache (also in ``files`` unless drawn in the background)
    charts: dict[str, Path] = field(default_factory=dict)
    #: the chart drawing under way; ``drawing.wait()`` before using the chart files
    drawing: object = None


def load_cases(cases_dir: str | Path, taxonomy: Taxonomy, strict: bool = True):
    """Validate every case in ``cases_dir``. With ``strict``, raise
    :class:`ValidationFailed` on any error; otherwise return only the valid cases."""
    result, missing = validate_paths([str(cases_dir)], taxonomy)
    if missing:
        raise ValidationFailed([Problem(str(cases_dir), 1, 1, "the cases folder does not exist")])
    if strict and result.errors:
        raise ValidationFailed(result.problems)
    return result


def build_site(
    cases_dir: str | Path,
    taxonomy_path: str | Path,
    chart_cache: str | Path,
    *,
    guides: dict | None = None,
    edit_base: str | None = None,
    base_url: str = "",
    workers: int | None = None,
    strict: bool = True,
    defer_html: bool = False,
    background_charts: bool = False,
) -> SiteBuild:
    """Run the pipeline. Raises :class:`ValidationFailed` (with every problem) when a case is
    invalid and ``strict`` is true; with ``strict`` false invalid cases are left out and their
    problems returned, which ``mkdocs serve`` uses to stay up while a contributor edits.

    With ``background_charts`` the charts are left out of ``files`` and keep drawing while
    the caller renders pages; it must call ``build.drawing.wait()`` and then place
    ``build.charts`` itself."""
    from . import charts as chartlib
    from .exports import exports
    from .render import SiteRenderer

    taxonomy = load_taxonomy(taxonomy_path)
    result = load_cases(cases_dir, taxonomy, strict)
    corpus = enrich(result.cases, taxonomy)
    renderer = SiteRenderer(corpus, edit_base=edit_base, guides=guides, defer_html=defer_html)
    pages = renderer.pages()
    if not strict:
        # While previewing, a case with errors gets a page that shows them, so the server
        # stays up and links to the case keep working until the contributor fixes it.
        bad: dict[str, list[Problem]] = {}
        for p in result.errors:
            bad.setdefault(Path(p.path).name.rsplit(".", 1)[0], []).append(p)
        for stem, problems in sorted(bad.items()):
            if stem not in corpus.by_id:
                pages[f"cases/{stem}.md"] = renderer.error_page(stem, problems)
    specs = renderer.chart_specs()
    drawing = chartlib.start_drawing(specs, Path(chart_cache), workers or os.cpu_count(),
                                     background=background_charts)
    drawn = drawing.count
    charts = {f"charts/{cid}.svg": Path(p) for cid, p in sorted(drawing.paths.items())}
    files = dict(ASSETS)
    if not background_charts:
        files.update(charts)
    texts = exports(corpus.cases, taxonomy, base_url)
    build = SiteBuild(corpus, pages, texts, files, result.problems, drawn, charts, drawing)
    build.renderer = renderer  # markers in hand-written pages are expanded with it later
    return build
