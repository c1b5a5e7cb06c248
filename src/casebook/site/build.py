"""The whole pipeline in one call, independent of any site engine.

load → validate → enrich → plan charts → render pages → draw charts (cached) → exports.
:func:`build_site` returns a :class:`SiteBuild`: one list of :class:`SiteFile` (a site path
with its text, or with a file on disk) plus the two hooks an engine applies to hand-written
pages (markers) and to rendered HTML (deferred blocks, abbreviations). The MkDocs plugin turns
the files into virtual files; ``casebook export-docs`` writes them into a folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..records.problems import Problem, ValidationFailed
from ..records.taxonomy import Taxonomy, load_taxonomy
from ..records.validate import validate_paths
from .case_data import case_data_files
from .cite import citation_files
from .context import BuildContext
from .contribute import FORM_PATH, form_file, render_contribute
from .contribute import LOADER as CONTRIBUTE_LOADER
from .contribute import SCRIPTS as CONTRIBUTE_SCRIPTS
from .enrich import Corpus, enrich
from .feed import atom_feed
from .guides import read_abbreviator, read_guides

if TYPE_CHECKING:
    from ..charts import Drawing
    from .abbreviations import Abbreviator
    from .render import SiteRenderer

ASSETS_DIR = Path(__file__).parent / "assets"
#: Casebook's templates for the theme (the header's Pagefind search box): the plugin puts this
#: folder in the theme after the project's own ``custom_dir``; ``export-docs`` copies it.
THEME_DIR = Path(__file__).parent / "theme"
#: Static files the site needs, as site path → packaged file.
#: The site's stylesheets and scripts (site paths, load order): the one list the MkDocs plugin
#: and ``export-docs`` add to ``extra_css`` / ``extra_javascript``.
SITE_STYLES = ("assets/casebook.css", "assets/search.css")
SITE_SCRIPTS = ("assets/listing.js", "assets/compare.js", "assets/reader.js", "assets/search.js", CONTRIBUTE_LOADER)
#: Files only some pages load (the contribute form's scripts) and the vendored code's licence.
PAGE_ASSETS = CONTRIBUTE_SCRIPTS + ("assets/vendor/ajv-LICENSE.txt",)
#: Styles only the export lists (engines whose theme lacks Material's search-box rules: Zensical).
EXPORT_STYLES = ("assets/material-search.css",)
ASSETS = {path: ASSETS_DIR / path.split("/", 1)[1]
          for path in EXPORT_STYLES + SITE_STYLES + SITE_SCRIPTS + PAGE_ASSETS}


@dataclass(frozen=True)
class SiteFile:
    """One file of the site: its path, and either its ``text`` or a ``source`` file on disk.

    A ``source`` may be a chart still being drawn: call :meth:`SiteBuild.wait` before reading it.
    """

    path: str
    text: str | None = None
    source: Path | None = None

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


@dataclass
class SiteBuild:
    """Everything generated for the site."""

    corpus: Corpus
    files: list[SiteFile]
    problems: list[Problem] = field(default_factory=list)
    charts_drawn: int = 0
    charts_total: int = 0
    renderer: SiteRenderer | None = None
    abbreviator: Abbreviator | None = None
    drawing: Drawing | None = None

    def summary(self) -> str:
        """One line for the build log."""
        pages = sum(f.is_page for f in self.files)
        return (f"casebook: {len(self.corpus.cases)} cases, {pages} generated pages, {self.charts_drawn} chart(s) "
                f"drawn, {self.charts_total - self.charts_drawn} reused from cache")

    def paths(self) -> set[str]:
        """Every generated site path."""
        return {f.path for f in self.files}

    def expand_markers(self, markdown: str, page_path: str) -> tuple[str, list[str]]:
        """A hand-written page's Markdown with its ``<!-- casebook:... -->`` markers expanded;
        also returns the markers it did not know."""
        if "<!-- casebook:" not in markdown or self.renderer is None:
            return markdown, []
        return self.renderer.expand_markers(markdown, page_path)

    def finish_html(self, html: str, page_path: str, glossary: str = "glossary.md") -> str:
        """Rendered HTML of any page with the deferred HTML blocks put back and the glossary's
        abbreviations marked up (not on the glossary itself)."""
        if self.renderer is not None:
            html = self.renderer.fill_deferred(html)
        if self.abbreviator is not None and page_path != glossary:
            html = self.abbreviator.apply(html)
        return html

    def wait(self) -> None:
        """Block until every chart file exists (charts may draw in the background)."""
        if self.drawing is not None:
            self.drawing.wait()


def load_cases(cases_dir: str | Path, taxonomy: Taxonomy, strict: bool = True):
    """Validate every case in ``cases_dir``. With ``strict``, raise
    :class:`ValidationFailed` on any error; otherwise return only the valid cases."""
    result, missing = validate_paths([str(cases_dir)], taxonomy)
    if missing:
        raise ValidationFailed([Problem(str(cases_dir), 1, 1, "the cases folder does not exist")])
    if strict and result.errors:
        raise ValidationFailed(result.problems)
    return result


def _error_pages(renderer, corpus: Corpus, errors: list[Problem]) -> dict[str, str]:
    """While previewing, a case with errors gets a page that shows them, so the server stays
    up and links to the case keep working until the contributor fixes it."""
    bad: dict[str, list[Problem]] = {}
    for p in errors:
        bad.setdefault(Path(p.path).name.rsplit(".", 1)[0], []).append(p)
    return {f"cases/{stem}.md": renderer.error_page(stem, problems)
            for stem, problems in sorted(bad.items()) if stem not in corpus.by_id}


def build_site(cases_dir: str | Path, taxonomy_path: str | Path, chart_cache: str | Path,
               context: BuildContext | None = None) -> SiteBuild:
    """Run the pipeline with the options in ``context`` (a default :class:`BuildContext` when
    none is given). Raises :class:`ValidationFailed` (with every problem) when a case is
    invalid and ``context.strict`` is true; otherwise invalid cases are left out and their
    problems returned, which ``mkdocs serve`` uses to stay up while a contributor edits.

    With ``context.background_charts`` the charts keep drawing while the caller renders pages;
    it must call :meth:`SiteBuild.wait` before copying the chart files. ``context.repo_url`` and
    ``context.branch`` (the repository the site is built from, when known) let the contribute
    form propose files on GitHub."""
    from .. import charts as chartlib
    from .exports import exports
    from .render import SiteRenderer

    ctx = context if context is not None else BuildContext()
    content = Path(ctx.content_dir) if ctx.content_dir is not None else None
    taxonomy = load_taxonomy(taxonomy_path)
    result = load_cases(cases_dir, taxonomy, ctx.strict)
    corpus = enrich(result.cases, taxonomy)
    renderer = SiteRenderer(corpus, ctx, guides=read_guides(content), plan=chartlib.plan(corpus))
    abbreviator = read_abbreviator(content, ctx.glossary)
    renderer.glossary = abbreviator.definitions if abbreviator is not None else {}  # case pages' search terms
    pages = renderer.pages()
    if not ctx.strict:
        pages.update(_error_pages(renderer, corpus, result.errors))
    specs = renderer.chart_specs()
    drawing = chartlib.start_drawing(specs, Path(chart_cache), ctx.workers or os.cpu_count(),
                                     background=ctx.background_charts)
    guide = "contributing.md" if content is not None and (content / "contributing.md").is_file() else None
    pages["contribute.md"] = render_contribute(taxonomy, ctx.repo_url, ctx.branch, guide, ctx.urls)
    files = [SiteFile(uri, text=text) for uri, text in pages.items()]
    files += [SiteFile(uri, text=text) for uri, text in renderer.listing_data().items()]
    files += [SiteFile(uri, text=text) for uri, text in case_data_files(corpus.cases, ctx.urls).items()]
    files.append(SiteFile(FORM_PATH, text=form_file(taxonomy)))
    files += [SiteFile(uri, text=text) for uri, text in exports(corpus.cases, taxonomy, ctx.urls).items()]
    files += [SiteFile(uri, text=text) for uri, text in citation_files(corpus.cases, ctx.urls).items()]
    files.append(SiteFile("feed.xml", text=atom_feed(corpus.cases, ctx.urls)))
    files += [SiteFile(uri, source=path) for uri, path in ASSETS.items()]
    files += [SiteFile(f"charts/{cid}.svg", source=Path(p)) for cid, p in sorted(drawing.paths.items())]
    return SiteBuild(corpus, files, result.problems, drawing.count, len(drawing.paths), renderer,
                     abbreviator, drawing)


def discard_partial_site(site_dir: str | Path, existed: bool) -> None:
    """After a failed build, leave no partial site: remove a site folder the build created, or
    empty again one that existed (the engine emptied it when the build started, so whatever is
    in it now came from the failed build). Hidden entries such as ``.git`` are kept, as
    MkDocs' own cleaning keeps them."""
    import shutil

    path = Path(site_dir)
    if not path.is_dir():
        return
    if not existed:
        shutil.rmtree(path, ignore_errors=True)
        return
    for child in path.iterdir():
        if child.name.startswith("."):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
