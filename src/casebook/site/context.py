"""The options of one build, in one object handed to the pipeline and its renderers.

Whatever the engine decides (URL style, the site's address) and whatever the project
configures (the plugin's options) travels here, never in module state or a long parameter
list: the MkDocs plugin, ``casebook export-docs`` and the tests each make one
:class:`BuildContext` and pass it down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .urls import Urls

#: Rows (cases or outcomes) on one page of a listing: /explore/, /outcomes/, /cases/ and term
#: pages send at most this many as HTML, whatever the size of the casebook.
PAGE_SIZE = 50


@dataclass(frozen=True)
class BuildContext:
    """One build's options.

    ``urls``: the URL style and site address; ``edit_base``: where "edit this record" links
    point (or ``None``); ``content_dir``: the hand-written pages (guides, glossary);
    ``glossary``: the glossary page's source path; ``page_size``: rows per listing page;
    ``workers``: chart processes (``None``: one per CPU); ``strict``: fail on any invalid case
    (else leave it out and show its problems, as ``mkdocs serve`` does); ``defer_html``: keep
    large HTML blocks out of Markdown and put them back afterwards (the plugin does);
    ``background_charts``: draw charts while pages render; ``repo_url`` and ``branch``: the
    repository the site is built from (may be empty), where the contribute form proposes files."""

    urls: Urls = field(default_factory=Urls)
    edit_base: str | None = None
    content_dir: Path | None = None
    glossary: str = "glossary.md"
    page_size: int = PAGE_SIZE
    workers: int | None = None
    strict: bool = True
    defer_html: bool = False
    background_charts: bool = False
    repo_url: str = ""
    branch: str = "main"

    @property
    def edit_prefix(self) -> str | None:
        """``edit_base`` with exactly one trailing slash."""
        return self.edit_base.rstrip("/") + "/" if self.edit_base else None
