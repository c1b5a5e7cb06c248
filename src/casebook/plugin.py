"""The ``casebook`` MkDocs plugin: wires MkDocs events to the pipeline in :mod:`casebook.site`.

All the work lives in the pipeline; this module only translates between MkDocs and it (as
Material's tags plugin keeps ``plugin.py`` to event wiring, with ``config.py`` beside it).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .config import CasebookConfig
from .records.problems import ValidationFailed
from .records.project import taxonomy_for
from .records.taxonomy import TaxonomyError

log = logging.getLogger("mkdocs.plugins.casebook")


class CasebookPlugin(BasePlugin[CasebookConfig]):
    """Validate the cases, then add every generated page, chart and download as virtual files."""

    def __init__(self):
        self.serving = self.dirty = False
        self.build = None
        self.search = None  # this build's BackgroundIndex, fed by on_post_page
        self.generated: set[str] = set()  # site paths of this build's files
        self.shown_warnings: set[str] = set()  # warnings already printed in this serve session
        self._site_dir, self._site_existed = None, True

    def _path(self, config, value: str) -> Path:  # relative to mkdocs.yml
        return ((Path(config.config_file_path).parent if config.config_file_path else Path.cwd()) / value).resolve()

    def on_startup(self, *, command, dirty) -> None:
        """Remember whether we serve: then an invalid case must not stop the server."""
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        """Add the site's stylesheet, script and templates."""
        if not self.config.enabled:
            return config
        from .site.build import SITE_SCRIPTS, SITE_STYLES, THEME_DIR
        # Casebook's templates (the header's Pagefind search box) come after the project's own
        # custom_dir, so a project can still override them, and before the theme's.
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra_css.extend([s for s in SITE_STYLES if s not in config.extra_css])
        scripts = {str(s) for s in config.extra_javascript}
        config.extra_javascript.extend([s for s in SITE_SCRIPTS if s not in scripts])
        return config

    def on_pre_build(self, config) -> None:
        """Fork the chart workers before the corpus fills this process's memory; note whether the
        site folder existed, so a failed build can leave none behind (see on_build_error)."""
        self._site_dir = config.site_dir
        self._site_existed = os.path.exists(config.site_dir)
        if self.config.enabled and not self.serving:
            from .charts import prestart_pool

            prestart_pool(self.config.workers)

    def on_files(self, files: Files, config) -> Files:
        """Run the pipeline and add its output as virtual files (never written to docs_dir)."""
        if not self.config.enabled:
            return files
        from .site.build import build_site
        from .site.context import BuildContext
        from .site.urls import Urls

        cases_dir = self._path(config, self.config.cases_dir)
        taxonomy = taxonomy_for(cases_dir, self._path(config, self.config.taxonomy) if self.config.taxonomy else None)
        repo_url = (config.repo_url or "").rstrip("/")
        edit_base = self.config.edit_url or (
            f"{repo_url}/edit/{self.config.branch}/{self.config.cases_dir.strip('/')}/" if repo_url else None)
        try:
            context = BuildContext(
                urls=Urls(directory=bool(config.use_directory_urls), site_url=config.site_url or ""),
                edit_base=edit_base, content_dir=Path(config.docs_dir), glossary=self.config.glossary,
                page_size=self.config.page_size, workers=self.config.workers, strict=not self.serving,
                defer_html=True, background_charts=not self.serving, repo_url=repo_url, branch=self.config.branch)
            build = build_site(cases_dir, taxonomy, self._path(config, self.config.chart_cache), context)
        except ValidationFailed as exc:
            self.on_build_error(exc)
            errors = [p for p in exc.problems if p.is_error]
            for p in errors:
                log.error(p.format())
            raise PluginError(f"{len(errors)} problem(s) in case files; see the messages above. "
                              "Run 'casebook validate' to check them without building.") from None
        except TaxonomyError as exc:
            raise PluginError(str(exc)) from None
        for text in (p.format() for p in build.problems if p.is_error):
            log.error(text)
        # Warnings never fail a build: INFO, once per `mkdocs serve` session (not on every rebuild).
        for text in (p.format() for p in build.problems if not p.is_error and p.format() not in self.shown_warnings):
            self.shown_warnings.add(text)
            log.info(text)
        self.build = build
        self.generated = build.paths()
        if not self.dirty:  # a dirty rebuild writes only some pages: on_post_build reads them all
            from .site.search_background import BackgroundIndex

            if self.search is not None:
                self.search.close()
            self.search = BackgroundIndex()
        for f in build.files:  # exactly one of a file on disk or its text
            generated = File.generated(config, f.path, abs_src_path=str(f.source)) if f.source is not None \
                else File.generated(config, f.path, content=f.text or "")
            self._add(files, generated)
        log.info(build.summary())
        return files

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            if existing.generated_by is None:
                raise PluginError(f"{file.src_uri} in the docs folder clashes with a page Casebook generates; rename it")
            files.remove(existing)
        files.append(file)

    def on_page_markdown(self, markdown: str, page, config, files):
        """Expand ``<!-- casebook:... -->`` markers in hand-written pages."""
        uri = page.file.src_uri
        if self.build is not None and uri not in self.generated:
            markdown, unknown = self.build.expand_markers(markdown, uri)
            for marker in unknown:
                log.warning(f"{page.file.src_path}: unknown Casebook marker {marker}")
        return markdown

    def on_page_content(self, html, page, config, files):
        """Put back the HTML blocks kept out of Markdown and mark up glossary abbreviations."""
        if self.build is None:
            return html
        html = self.build.finish_html(html, page.file.src_uri, self.config.glossary)
        if self.search is not None:  # Pagefind indexes it beside MkDocs (see on_env)
            self.search.add(page.file.dest_uri, html, page.title or "", config.theme.get("language") or "en")
        return html

    def on_env(self, env, config, files):
        """Charts must be on disk before MkDocs copies static files, which comes next. Every
        page's content is in: Pagefind writes the index while MkDocs renders templates."""
        if self.search is not None:
            self.search.all_added(config.site_dir)
        if self.build is not None:
            try:
                self.build.wait()
            except Exception as exc:  # a chart that cannot be drawn must not leave a half-built site
                raise PluginError(f"drawing the charts failed: {exc}") from None
        return env

    def on_post_build(self, config) -> None:
        """Write the search index (``/pagefind/``) from the pages just written. A ``--dirty``
        rebuild wrote only the changed pages, so then the whole site is read again."""
        if self.build is None:
            return
        from .site.search_index import SearchIndexError, index_site

        try:
            if self.search is not None:
                search, self.search = self.search, None
                result = search.finish(config.site_dir)
            else:
                result = index_site(config.site_dir)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        log.info(result.summary())

    def on_build_error(self, error) -> None:
        """A failed build leaves no chart workers and no partial site behind: a site folder this
        build created is removed; one that existed was emptied by MkDocs when the build started
        (unless ``--dirty``), so whatever is in it now is partial and is removed again."""
        from .charts import discard_prestarted
        from .site.build import discard_partial_site

        discard_prestarted()
        if self.search is not None:
            self.search.close()
            self.search = None
        if not (self.serving or self.dirty) and self._site_dir:
            discard_partial_site(self._site_dir, self._site_existed)

    def on_serve(self, server, config, builder):
        """Rebuild when a case or the taxonomy changes."""
        if self.config.enabled:
            server.watch(str(self._path(config, self.config.cases_dir)))
        return server
