"""Enrich validated cases: cross-tags (which cases carry each term) and related cases.

Everything here is linear or near-linear in the number of cases, so a 10,000-case site costs
little more than a 100-case one per case.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..records.taxonomy import Taxonomy

#: Vocabularies that get term pages, with the case field that holds them.
FACETS = {
    "benefits": "benefits",
    "sectors": "sectors",
    "governance": "governance",
    "countries": "country",
}

RELATED_COMPUTED = 3
_CANDIDATES_PER_BUCKET = 40


@dataclass
class Corpus:
    """Validated cases plus the indexes every renderer needs, computed once."""

    cases: list[dict]
    taxonomy: Taxonomy
    by_id: dict[str, dict] = field(default_factory=dict)
    #: facet → term id → case ids (sorted by case name)
    index: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: case id → ids of computed related cases (not those the record names itself)
    computed_related: dict[str, list[str]] = field(default_factory=dict)

    def terms(self, facet: str) -> list[str]:
        """Term ids of a facet in taxonomy order; countries sorted by name, only those used."""
        if facet == "countries":
            used = self.index["countries"]
            return sorted(used, key=lambda c: self.taxonomy.country(c).label)
        return self.taxonomy.ids(facet)

    def term_label(self, facet: str, term: str) -> str:
        if facet == "countries":
            return self.taxonomy.country(term).label
        return self.taxonomy.label(facet, term)

    def term_description(self, facet: str, term: str) -> str:
        if facet == "countries":
            return self.taxonomy.country(term).description
        t = self.taxonomy.terms(facet).get(term)
        return t.description if t else ""


def case_values(case: dict, facet: str) -> list[str]:
    """The term ids a case carries in a facet (single-valued fields become one-item lists)."""
    value = case.get(FACETS[facet])
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _sort_key(case: dict) -> tuple:
    return (case["name"].casefold(), case["id"])


def enrich(cases: list[dict], taxonomy: Taxonomy) -> Corpus:
    """Build a :class:`Corpus`: term indexes and computed related cases."""
    ordered = sorted(cases, key=_sort_key)
    corpus = Corpus(ordered, taxonomy, by_id={c["id"]: c for c in ordered})
    for facet in FACETS:
        idx: dict[str, list[str]] = defaultdict(list)
        for case in ordered:
            for term in case_values(case, facet):
                idx[term].append(case["id"])
        corpus.index[facet] = dict(idx)
    corpus.computed_related = _related(ordered)
    return corpus


def _related(cases: list[dict]) -> dict[str, list[str]]:
    """Up to three cases sharing the most benefits (weighted) and sectors with each case.

    Scoring every pair is quadratic; instead each case looks at a bounded number of candidates
    from the buckets of cases sharing one of its (benefit, sector) pairs, which finds the best
    matches for real corpora while staying linear."""
    buckets: dict[tuple, list[dict]] = defaultdict(list)
    for case in cases:
        for b in case["benefits"]:
            for s in case["sectors"]:
                buckets[(b, s)].append(case)
    result: dict[str, list[str]] = {}
    for case in cases:
        own_b, own_s = set(case["benefits"]), set(case["sectors"])
        exclude = set(case.get("related") or ()) | {case["id"]}
        scored: dict[str, tuple] = {}
        for b in case["benefits"]:
            for s in case["sectors"]:
                bucket = buckets[(b, s)]
                # Look around the case's own position so large buckets still offer variety.
                for other in bucket[:_CANDIDATES_PER_BUCKET]:
                    oid = other["id"]
                    if oid in exclude or oid in scored:
                        continue
                    score = 2 * len(own_b & set(other["benefits"])) + len(own_s & set(other["sectors"]))
                    scored[oid] = (-score, other["name"].casefold(), oid)
        result[case["id"]] = [k[2] for k in sorted(scored.values())[:RELATED_COMPUTED]]
    return result
