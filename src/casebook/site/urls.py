"""Where each generated page lives: source paths and the links between them (one URL scheme).

Source paths (``cases/x.md``) are engine-neutral; how they are served depends on the engine's
URL style (MkDocs' ``use_directory_urls``: ``cases/x/`` or ``cases/x.html``) and on the site's
address (``site_url``). Both travel in a :class:`Urls` object, carried by the build context,
never in module state: two builds in one process can use different styles.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..records.facets import FACET_LIST

#: facet → folder of its term pages; facet → (plural, singular) as pages name it (records/facets.py).
FACET_PATHS = {f.name: f.path for f in FACET_LIST}
FACET_TITLES = {f.name: (f.plural, f.singular) for f in FACET_LIST}


def _is_index(src_uri: str) -> bool:
    return posixpath.basename(src_uri) in ("index.md", "README.md")


@dataclass(frozen=True)
class Urls:
    """The URL scheme of one build: ``directory`` is the engine's ``use_directory_urls``;
    ``site_url`` the published address (may be empty), for absolute links in downloads."""

    directory: bool = True
    site_url: str = ""

    def page_url(self, src_uri: str) -> str:
        """A page's address from the site root: ``cases/x/`` (or ``cases/x.html``); other files as they are."""
        if not src_uri.endswith(".md"):
            return src_uri
        if _is_index(src_uri):
            folder = posixpath.dirname(src_uri)
            return (folder + "/" if folder else "") + ("" if self.directory else "index.html")
        stem = src_uri[:-3]
        return stem + "/" if self.directory else stem + ".html"

    def root_prefix(self, src_uri: str) -> str:
        """Relative prefix from a page's URL back to the site root (``../../``)."""
        depth = src_uri.count("/") + (0 if _is_index(src_uri) or not self.directory else 1)
        return "../" * depth

    def href(self, from_uri: str, to_uri: str) -> str:
        """The relative link from the page ``from_uri`` to the page or file ``to_uri`` (source
        paths): the one way raw-HTML blocks and scripts link within the site."""
        return self.root_prefix(from_uri) + self.page_url(to_uri)

    @property
    def root(self) -> str:
        """The site's address (``site_url`` with one trailing slash), or ``/`` when it is not set."""
        return self.site_url.rstrip("/") + "/" if self.site_url else "/"

    def absolute(self, src_uri: str) -> str:
        """A page's address for downloads, feeds and citations: under ``site_url`` when it is
        set, else from the site root (``/cases/x/``)."""
        return self.root + self.page_url(src_uri)


#: Directory URLs and no site address: MkDocs' default, and the default of every renderer.
DIRECTORY_URLS = Urls()


def rel_md(from_uri: str, to_uri: str) -> str:
    """A relative link between two source files (MkDocs rewrites and checks these)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}.md"


def term_uri(facet: str, term: str) -> str:
    return f"{FACET_PATHS[facet]}/{term.lower()}.md"


def numbered_uri(first_uri: str, n: int) -> str:
    """The source path of page ``n`` of a paged listing whose first page is ``first_uri``:
    ``explore.md`` → ``explore/page/2.md`` (served at ``/explore/page/2/``), ``cases/index.md``
    → ``cases/page/2.md``; page 1 is ``first_uri`` itself."""
    if n <= 1:
        return first_uri
    base = posixpath.dirname(first_uri) if _is_index(first_uri) else first_uri[:-3]
    return f"{base}/page/{n}.md"
