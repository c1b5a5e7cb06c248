"""Summaries cannot drift: the figures `casebook validate` finds in a summary and the ones it
warns about. Every expectation is written by hand from the rule in summary_figures' docstring."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.records.summary_figures import summary_figures, unmatched

VALID_CASE = (Path(__file__).resolve().parent / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")


def figures(text: str) -> list[tuple[str, str, float]]:
    return [(f.text, f.kind, f.value) for f in summary_figures(text)]


@pytest.mark.parametrize("text, expected", [
    ("Costs fell 36 % in a year.", [("36 %", "percent", 36)]),
    ("Costs fell 36% and 7 percentage points.", [("36%", "percent", 36), ("7 percentage points", "points", 7)]),
    ("A rise of 2.5 per cent.", [("2.5 per cent", "percent", 2.5)]),
    ("It saved £4.6m and $3bn.", [("£4.6m", "number", 4.6e6), ("$3bn", "number", 3e9)]),
    ("It saved 40 million pounds.", [("40 million", "number", 40e6)]),
    ("It saved SEK 80 million.", [("SEK 80 million", "number", 80e6)]),
    ("137,619 hours and 750 beds.", [("137,619", "number", 137619), ("750", "number", 750)]),
    ("Beds fell from 750 in 1998/99 to 528.", [("750", "number", 750), ("1998/99", "financial-year", 1998),
                                               ("528", "number", 528)]),
])
def test_what_counts_as_a_figure(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "Three trusts and seven hospitals.",          # numbers in words
    "It has 23 care homes and 11 networks.",       # small counts
    "It opened on 1 October 2020.",                # a day, and a year in a sentence with no result
    "Seclusion per 100 patients.",                 # the denominator of a rate
    "After COVID-19 the A1 road.",                  # parts of names
    "Formed in 2013-14, a vanguard from 2015.",    # history: years with no result beside them
])
def test_what_is_not_a_figure(text):
    assert figures(text) == []


def test_years_beside_a_result_are_figures():
    assert figures("It saved £1.2m by 2022.") == [("£1.2m", "number", 1.2e6), ("2022", "year", 2022)]


CASE = {
    "established": 2018, "population": 1_300_000,
    "sources": [{"published": "2021-05"}],
    "outcomes": [
        {"change_percent": -36, "period": "2019 to 2022"},
        {"value": 4.6, "unit": "GBP million", "period": "2022-23"},
        {"value": 137619, "unit": "shift hours", "period": "July 2023 to July 2024"},
        {"value": 76, "unit": "% fill rate", "baseline": 60},
        {"change_percent": -50, "qualifier": "more-than"},
        {"change_points": -7},
    ],
}


@pytest.mark.parametrize("summary", [
    "Costs fell 36 % from 2019 to 2022.",                     # change, either sign; period years
    "About 1.3 million people; it saved £4.6m in 2022-23.",   # population, scaled value, financial year
    "It saved £4,600,000.",                                    # the same value written out
    "It booked 137,619 hours at a 76 % fill rate, from 60 %.", # value, percent-unit value and baseline
    "Costs fell by almost 7 percentage points since 2018.",    # points; year established
    "It saved about £4.6 million, reported in 2021.",          # a source's year
    "More than 50 % fewer admissions.",                        # same hedge as the outcome
])
def test_figures_the_outcomes_hold_do_not_warn(summary):
    assert unmatched(summary, CASE) == []


@pytest.mark.parametrize("summary, figure, why", [
    ("It saved £4.62m.", "£4.62m", "matches no outcome"),                # more precise than the value
    ("Costs fell 35 %.", "35 %", "matches no outcome"),
    ("A 76 % fill rate in 2023/24.", "2023/24", "financial year must be the period an outcome gives"),
    ("£4.6m saved by 2020.", "2020", "beside a result matches no outcome's period"),
    ("Up to 50 % fewer admissions.", "50 %", "hedged 'up-to' here, but outcome 5 says 'more-than'"),
    ("It has 35,000 staff.", "35,000", "matches no outcome"),
    ("Occupancy rose 7 %.", None, None),  # 7 is held as points; a percent may match either change
])
def test_figures_that_drift_warn(summary, figure, why):
    found = unmatched(summary, CASE)
    if figure is None:
        assert found == []
        return
    (f, reason), = found
    assert f.text == figure and why in reason


@pytest.fixture()
def check(validate_case):
    return validate_case  # conftest.py: one case file validated on a fixed day


def test_validate_points_at_the_figure_in_the_summary(check):
    summary = "summary: >-\n  Two hospital trusts share a staff bank. Shifts fell 10 %, and\n  then 12 % more.\n"
    result = check(VALID_CASE.replace("summary: Two hospital trusts share a staff bank.\n", summary))
    assert result.ok
    (warning,) = result.warnings
    assert (warning.line, warning.col, warning.severity) == (9, 8, "warning")
    assert warning.message == ("the summary's figure '12 %' matches no outcome of the case "
                               "(its value, baseline, change or period)")


def test_validate_points_at_the_second_of_two_equal_figures(check):
    text = VALID_CASE.replace("summary: Two hospital trusts share a staff bank.",
                              "summary: Shifts fell 10 % by 2021, and 10 % by 2021.")
    text = text.replace("    source: 1\n", "    source: 1\n    period: '2020'\n")
    result = check(text)
    assert [(w.line, w.col) for w in result.warnings] == [(7, 30), (7, 48)]
    assert all("'2021' beside a result" in w.message for w in result.warnings)
