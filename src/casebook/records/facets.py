"""The facets: the vocabularies a case is filed under, each with a page per term.

Defined once, below the site and the charts: which case field holds each facet, where its
pages live, and how a page names it. ``casebook.site`` (term pages, cross-tags, listings) and
``casebook.charts`` (term charts) both read this table, so adding a facet is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One facet. ``field`` is the case field (a list or a single value); ``path`` the folder of
    its term pages; ``slug`` the prefix of its term charts' ids; ``plural``/``singular`` how
    pages name it ("Governance models", "governance model")."""

    name: str
    field: str
    path: str
    slug: str
    plural: str
    singular: str


#: Every facet, in the order pages list them.
FACET_LIST = (
    Facet("benefits", "benefits", "benefits", "benefit", "Benefits", "benefit"),
    Facet("sectors", "sectors", "sectors", "sector", "Sectors", "sector"),
    Facet("governance", "governance", "governance", "governance", "Governance models", "governance model"),
    Facet("countries", "country", "countries", "country", "Countries", "country"),
)
FACET_BY_NAME = {f.name: f for f in FACET_LIST}

#: facet → the case field that holds it (the form most callers need).
FACETS = {f.name: f.field for f in FACET_LIST}


def case_values(case: dict, facet: str) -> list[str]:
    """The term ids a case carries in a facet (a single-valued field becomes a one-item list).
    Defaults (``governance: not-stated``) are already filled in by the validator."""
    value = case.get(FACETS[facet])
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
