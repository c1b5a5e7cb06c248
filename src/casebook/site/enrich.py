"""Enrich validated cases: cross-tags (which cases carry each term) and related cases.

Everything here is linear or near-linear in the number of cases, so a 10,000-case site costs
little more than a 100-case one per case.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..records.facets import FACETS, case_values
from ..records.taxonomy import Taxonomy
from .text import sort_key

__all__ = ["FACETS", "Corpus", "case_values", "enrich"]

RELATED_COMPUTED = 3


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



def enrich(cases: list[dict], taxonomy: Taxonomy) -> Corpus:
    """Build a :class:`Corpus`: term indexes and computed related cases."""
    ordered = sorted(cases, key=sort_key)
    corpus = Corpus(ordered, taxonomy, by_id={c["id"]: c for c in ordered})
    for facet in FACETS:
        idx: dict[str, list[str]] = defaultdict(list)
        for case in ordered:
            for term in case_values(case, facet):
                idx[term].append(case["id"])
        corpus.index[facet] = dict(idx)
    corpus.computed_related = _related(ordered)
    return corpus


def _features(cases: list[dict]) -> tuple[list[str], list[list[int]]]:
    """Each case's similarity features as (feature ids, per-case column indexes)."""
    columns: dict[str, int] = {}
    rows = []
    for case in cases:
        feats = [f"b:{b}" for b in case["benefits"]] + [f"s:{s}" for s in case["sectors"]]
        feats += sorted({f"i:{o['indicator']}" for o in case.get("outcomes") or [] if o.get("indicator")})
        feats += [f"g:{case['governance']}", f"c:{case['country']}"]
        rows.append([columns.setdefault(f, len(columns)) for f in feats])
    return list(columns), rows


def _related(cases: list[dict]) -> dict[str, list[str]]:
    """Up to three cases most like each case, over ALL cases.

    Similarity is a weighted count of what two cases share: benefits and indicators count 2,
    sectors, governance model and country 1. Every pair is scored (a matrix product in blocks,
    so 10,000 cases take about a second); ties are broken by a fixed pseudo-random order of
    the pair, not by name, so recommendations spread across the alphabet."""
    import numpy as np

    n = len(cases)
    if n < 2:
        return {c["id"]: [] for c in cases}
    names, rows = _features(cases)
    weight = np.array([2.0 if f[0] in "bi" else 1.0 for f in names], dtype=np.float32)
    x = np.zeros((n, len(names)), dtype=np.float32)
    for i, cols in enumerate(rows):
        x[i, cols] = 1.0
    xw = x * np.sqrt(weight)
    # A tie-breaker below 1 never reorders different integer scores; it depends on both cases'
    # positions, so no case is favoured everywhere.
    ids_hash = np.array([(i * 2654435761) % 4294967296 for i in range(n)], dtype=np.uint64)
    result: dict[str, list[str]] = {}
    block = 512
    for start in range(0, n, block):
        stop = min(n, start + block)
        scores = xw[start:stop] @ xw.T
        jitter = ((ids_hash[start:stop, None] ^ (ids_hash[None, :] >> np.uint64(7))) % np.uint64(1000)).astype(np.float32)
        scores += jitter / np.float32(2000.0)
        for r in range(stop - start):
            case = cases[start + r]
            row = scores[r]
            row[start + r] = -1.0
            result[case["id"]] = _top(row, cases, case)
    return result


def _top(row, cases: list[dict], case: dict) -> list[str]:
    """The best-scoring cases of ``row`` that the record does not already name."""
    import numpy as np

    exclude = set(case.get("related") or ()) | {case["id"]}
    k = min(len(row), RELATED_COMPUTED + len(exclude))
    best = np.argpartition(-row, k - 1)[:k]
    best = best[np.argsort(-row[best], kind="stable")]
    return [cases[j]["id"] for j in best if cases[j]["id"] not in exclude and row[j] >= 1.0][:RELATED_COMPUTED]
