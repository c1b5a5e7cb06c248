"""Where each generated page lives: source paths and the links between them (one URL scheme)."""

from __future__ import annotations

import posixpath

FACET_PATHS = {"benefits": "benefits", "sectors": "sectors", "governance": "governance", "countries": "countries"}
FACET_TITLES = {
    "benefits": ("Benefits", "benefit"),
    "sectors": ("Sectors", "sector"),
    "governance": ("Governance models", "governance model"),
    "countries": ("Countries", "country"),
}


#: The engine's URL style (MkDocs' ``use_directory_urls``), set once per build by
#: :func:`use_directory_urls`: ``cases/x.md`` is served at ``cases/x/`` or at ``cases/x.html``.
_STYLE = {"directory": True}


def use_directory_urls(on: bool) -> None:
    """Choose the URL style every link of this build is written in."""
    _STYLE["directory"] = bool(on)


def _is_index(src_uri: str) -> bool:
    return posixpath.basename(src_uri) in ("index.md", "README.md")


def page_url(src_uri: str) -> str:
    """A page's address from the site root: ``cases/x/`` (or ``cases/x.html``); other files as they are."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if _is_index(src_uri):
        folder = posixpath.dirname(src_uri)
        return (folder + "/" if folder else "") + ("" if _STYLE["directory"] else "index.html")
    return stem + "/" if _STYLE["directory"] else stem + ".html"


def root_prefix(src_uri: str) -> str:
    """Relative prefix from a page's URL back to the site root (``../../``)."""
    depth = src_uri.count("/") + (0 if _is_index(src_uri) or not _STYLE["directory"] else 1)
    return "../" * depth


def href(from_uri: str, to_uri: str) -> str:
    """The relative link from the page ``from_uri`` to the page or file ``to_uri`` (source paths),
    in this build's URL style: the one way raw-HTML blocks and scripts link within the site."""
    return root_prefix(from_uri) + page_url(to_uri)


def rel_md(from_uri: str, to_uri: str) -> str:
    """A relative link between two source files (MkDocs rewrites and checks these)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}.md"


def term_uri(facet: str, term: str) -> str:
    return f"{FACET_PATHS[facet]}/{term.lower()}.md"
