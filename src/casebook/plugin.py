"""The ``casebook`` MkDocs plugin: wires MkDocs events to the pipeline in :mod:`casebook.site`.

All the work lives in the pipeline; this module only translates between MkDocs and it (as
mkdocs-material's tags plugin keeps ``plugin.py`` to event wiring).
"""

from __future__ import annotations

import logging
import shutil
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .problems import ValidationFailed
from .taxonomy import TaxonomyError

log = logging.getLogger("mkdocs.plugins.casebook")

_GUIDE_KEYS = {"benefits": "benefits", "sectors": "sectors", "governance": "governance", "countries": "countries"}


class CasebookConfig(Config):
    """Options of the plugin in ``mkdocs.yml``."""

    cases_dir = c.Type(str, default="cases")
    taxonomy = c.Type(str, default="cases/_data/taxonomy.yaml")
    chart_cache = c.Type(str, default=".cache/casebook/charts")
    edit_url = c.Optional(c.Type(str))  # base URL for "edit this record", e.g. .../edit/main/cases/
    glossary = c.Type(str, default="glossary.md")
    workers = c.Optional(c.Type(int))


class CasebookPlugin(BasePlugin[CasebookConfig]):
    """Validate the cases, then add every generated page, chart and download as virtual files."""

    def __init__(self):
        self.serving = False
        self.build = None
        self.abbreviator = None
        self.generated: set[str] = set()

    def _path(self, config, value: str) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (base / value).resolve()

    def on_startup(self, *, command, dirty) -> None:
        """Remember whether we serve: then an invalid case must not stop the server."""
        self.serving = command == "serve"

    def on_config(self, config):
        """Add the site's stylesheet and script."""
        if "assets/casebook.css" not in config.extra_css:
            config.extra_css.append("assets/casebook.css")
        if not any(str(s) == "assets/explore.js" for s in config.extra_javascript):
            config.extra_javascript.append("assets/explore.js")
        return config

    def on_pre_build(self, config) -> None:
        """Fork the chart workers before the corpus fills this process's memory."""
        if not self.serving:
            from .charts import prestart_pool

            prestart_pool(self.config.workers)

    def on_files(self, files: Files, config) -> Files:
        """Run the pipeline and add its output as virtual files (never written to docs_dir)."""
        from .site import build_site

        guides = self._guides(files)
        try:
            build = build_site(
                self._path(config, self.config.cases_dir),
                self._path(config, self.config.taxonomy),
                self._path(config, self.config.chart_cache),
                guides=guides,
                edit_base=self.config.edit_url,
                workers=self.config.workers,
                strict=not self.serving,
                defer_html=True,
                # Charts draw in worker processes while MkDocs renders the pages; they are
                # copied into the site once the pages are done (on_post_build).
                background_charts=not self.serving,
            )
        except ValidationFailed as exc:
            from .charts import discard_prestarted

            discard_prestarted()
            errors = [p for p in exc.problems if p.is_error]
            for p in errors:
                log.error(p.format())
            raise PluginError(f"{len(errors)} problem(s) in case files; see the messages above. "
                              "Run 'casebook validate' to check them without building.") from None
        except TaxonomyError as exc:
            raise PluginError(str(exc)) from None
        for p in build.problems:
            # Warnings never fail a strict build, so they go out at INFO level.
            (log.error if p.is_error else log.info)(p.format())
        self.build = build
        self.generated = set()
        for uri, text in build.pages.items():
            self._add(files, File.generated(config, uri, content=text))
        for uri, text in build.texts.items():
            self._add(files, File.generated(config, uri, content=text))
        for uri, path in build.files.items():
            self._add(files, File.generated(config, uri, abs_src_path=str(path)))
        n_charts = len(build.charts)
        log.info(f"casebook: {len(build.corpus.cases)} cases, {len(build.pages)} generated pages, "
                 f"{build.charts_drawn} chart(s) drawn, {n_charts - build.charts_drawn} reused from cache")
        self.abbreviator = self._abbreviator(files)
        return files

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            if existing.generated_by is None:
                raise PluginError(f"content/{file.src_uri} clashes with a page Casebook generates; rename it")
            files.remove(existing)
        files.append(file)
        self.generated.add(file.src_uri)

    def _guides(self, files: Files) -> dict:
        """Hand-written pages whose front matter names terms (``benefits: [workforce]``)."""
        import frontmatter

        guides: dict = {}
        for f in files.documentation_pages():
            if f.generated_by is not None or not f.abs_src_path:
                continue
            post = frontmatter.load(f.abs_src_path)
            title = post.metadata.get("title") or Path(f.src_uri).stem.replace("-", " ").capitalize()
            for key, facet in _GUIDE_KEYS.items():
                terms = post.metadata.get(key) or []
                for term in terms if isinstance(terms, list) else [terms]:
                    guides.setdefault(facet, {}).setdefault(str(term), []).append((str(title), f.src_uri))
        return guides

    def _abbreviator(self, files: Files):
        from .abbreviations import Abbreviator, parse_definitions

        f = files.get_file_from_path(self.config.glossary)
        if f is None or not f.abs_src_path:
            return None
        return Abbreviator(parse_definitions(Path(f.abs_src_path).read_text(encoding="utf-8")))

    def on_page_markdown(self, markdown: str, page, config, files):
        """Expand ``<!-- casebook:... -->`` markers in hand-written pages."""
        uri = page.file.src_uri
        if self.build is not None and uri not in self.generated and "<!-- casebook:" in markdown:
            markdown, unknown = self.build.renderer.expand_markers(markdown, uri)
            for marker in unknown:
                log.warning(f"{page.file.src_path}: unknown Casebook marker {marker}")
        return markdown

    def on_page_content(self, html, page, config, files):
        """Insert the HTML blocks the renderer kept out of Markdown conversion, then mark up
        the glossary's abbreviations so they get tooltips site-wide."""
        if self.build is not None:
            html = self.build.renderer.fill_deferred(html)
        if self.abbreviator is not None and page.file.src_uri != self.config.glossary:
            html = self.abbreviator.apply(html)
        return html

    def on_build_error(self, error) -> None:
        """A failed build leaves no chart workers behind."""
        from .charts import discard_prestarted

        discard_prestarted()

    def on_post_build(self, config):
        """Wait for charts drawn in the background and copy them into the site."""
        build = self.build
        if build is None or not build.charts or any(u in self.generated for u in build.charts):
            return
        try:
            build.drawing.wait()
        except Exception as exc:  # a chart that cannot be drawn must not leave a half-built site
            raise PluginError(f"drawing the charts failed: {exc}") from None
        site = Path(config.site_dir)
        for uri, path in build.charts.items():
            target = site / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    def on_serve(self, server, config, builder):
        """Rebuild when a case or the taxonomy changes."""
        server.watch(str(self._path(config, self.config.cases_dir)))
        return server
