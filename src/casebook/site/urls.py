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


def root_prefix(src_uri: str) -> str:
    """Relative prefix from a page's directory URL back to the site root (``../../``)."""
    if posixpath.basename(src_uri) in ("index.md", "README.md"):
        depth = src_uri.count("/")
    else:
        depth = src_uri.count("/") + 1
    return "../" * depth


def rel_md(from_uri: str, to_uri: str) -> str:
    """A relative link between two source files (MkDocs rewrites and checks these)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}.md"


def term_uri(facet: str, term: str) -> str:
    return f"{FACET_PATHS[facet]}/{term.lower()}.md"
