"""Evidence levels belong to sources: an outcome's is its source's, a case's is the strongest of
its sources'; validation warns when a case states a level its sources contradict."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.records.evidence import cited_source, level_disagreement, outcome_evidence, strongest

ORDER = ["self-reported", "independently-evaluated", "peer-reviewed"]
VALID_CASE = (Path(__file__).resolve().parent / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")


def test_outcome_takes_its_cited_sources_level():
    case = {"evidence": "peer-reviewed",
            "sources": [{"evidence": "self-reported"}, {"evidence": "peer-reviewed"}, {}]}
    assert outcome_evidence(case, {"source": 1}) == "self-reported"
    assert outcome_evidence(case, {"source": 2}) == "peer-reviewed"
    assert outcome_evidence(case, {"source": 3}) == "peer-reviewed"  # no level: the case's
    assert outcome_evidence(case, {}) == "peer-reviewed"  # names no source among three: the case's


def test_single_source_is_the_cited_one():
    case = {"evidence": "peer-reviewed", "sources": [{"title": "only", "evidence": "self-reported"}]}
    assert cited_source(case, {})["title"] == "only"
    assert outcome_evidence(case, {}) == "self-reported"
    assert outcome_evidence({"sources": []}, {}) == "self-reported"  # nothing stated anywhere


def test_strongest_follows_the_vocabulary_order():
    assert strongest(["self-reported", "peer-reviewed", "independently-evaluated"], ORDER) == "peer-reviewed"
    assert strongest(["self-reported"], ORDER) == "self-reported"
    assert strongest([], ORDER) is None


@pytest.mark.parametrize("stated, levels, expected", [
    ("self-reported", ["self-reported", "peer-reviewed"], "peer-reviewed"),  # weaker than a source
    ("peer-reviewed", ["self-reported", "self-reported"], "self-reported"),  # stronger than all, all levelled
    ("peer-reviewed", ["self-reported", None], None),  # the unlevelled source may be the journal
    ("peer-reviewed", ["peer-reviewed", "self-reported"], None),  # agrees
    ("peer-reviewed", [None, None], None),  # sources say nothing
])
def test_level_disagreement(stated, levels, expected):
    assert level_disagreement(stated, levels, ORDER) == expected


@pytest.fixture()
def check(validate_case):
    return validate_case  # conftest.py: one case file validated on a fixed day


def test_validate_warns_when_the_case_level_contradicts_its_sources(check):
    text = VALID_CASE.replace("    published: 2023-05", "    published: 2023-05\n    evidence: self-reported")
    text = text.replace("last_reviewed:", "evidence: peer-reviewed\nlast_reviewed:")
    result = check(text)
    assert result.ok
    (warning,) = result.warnings
    assert (warning.line, warning.col) == (19, 11)
    assert warning.message == ("the case's evidence is 'peer-reviewed', but the strongest of its sources' "
                               "levels is 'self-reported'")
    assert "set 'evidence: self-reported'" in warning.hint


def test_a_case_that_states_no_level_takes_its_strongest_source(check):
    text = VALID_CASE.replace("    published: 2023-05", "    published: 2023-05\n    evidence: independently-evaluated")
    result = check(text)
    assert result.problems == []
    assert result.cases[0]["evidence"] == "independently-evaluated"
