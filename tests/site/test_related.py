"""Computed related cases: similar cases over the whole corpus, spread across the alphabet."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from casebook.records.taxonomy import load_taxonomy
from casebook.records.validate import validate_paths
from casebook.site.enrich import enrich

ROOT = Path(__file__).resolve().parents[2]


def _case(cid, name, benefits, sectors, governance="lead-provider", country="GB", indicators=()):
    outcomes = [{"indicator": i, "benefit": benefits[0]} for i in indicators]
    return {"id": cid, "name": name, "benefits": list(benefits), "sectors": list(sectors),
            "governance": governance, "country": country, "outcomes": outcomes, "related": []}


def test_most_similar_case_is_recommended_first(taxonomy):
    cases = [
        _case("a", "Alpha", ["workforce"], ["acute"], indicators=["waiting-times"]),
        _case("z", "Zulu", ["workforce", "health-inequalities"], ["acute"], indicators=["waiting-times"]),
        _case("b", "Bravo", ["efficiency-and-scale"], ["community"], governance="other", country="US"),
        _case("c", "Charlie", ["workforce"], ["mental-health"], governance="other", country="DK"),
    ]
    corpus = enrich(cases, taxonomy)
    # Zulu shares a benefit (2), a sector (1), an indicator (2), governance (1) and country (1)
    # with Alpha; Charlie shares only the benefit; Bravo nothing.
    assert corpus.computed_related["a"] == ["z", "c"]
    assert "b" not in corpus.computed_related["a"]


def test_named_related_cases_are_not_repeated(taxonomy):
    cases = [_case("a", "Alpha", ["workforce"], ["acute"]), _case("b", "Bravo", ["workforce"], ["acute"]),
             _case("c", "Charlie", ["workforce"], ["acute"])]
    cases[0]["related"] = ["b"]
    corpus = enrich(cases, taxonomy)
    assert corpus.computed_related["a"] == ["c"]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "cases"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--count", "1000",
                    "--seed", "7", "--out", str(out)], check=True, capture_output=True)
    taxonomy = load_taxonomy(out / "_data" / "taxonomy.yaml")
    result, _ = validate_paths([str(out)], taxonomy)
    assert not result.errors
    return enrich(result.cases, taxonomy)


def test_recommendations_spread_across_the_alphabet(big_corpus):
    """No part of the A–Z order gets far more than its share of recommendations."""
    order = {c["id"]: i for i, c in enumerate(big_corpus.cases)}  # cases sorted by name
    n = len(order)
    tenth = Counter()
    total = 0
    for recs in big_corpus.computed_related.values():
        for r in recs:
            tenth[order[r] * 10 // n] += 1
            total += 1
    assert total >= 2 * n
    shares = [tenth[d] / total for d in range(10)]
    # An even spread gives 10 % per tenth; the old candidate window gave the first tenth 54 %.
    assert max(shares) < 0.2, shares
    assert min(shares) > 0.04, shares
