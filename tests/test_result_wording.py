"""A result reads as one phrase, the way a reader writes it (site/text.py outcome_result, the one
number-wording place): the expectations are written out by hand from the issue's examples."""

from __future__ import annotations

import pytest

from casebook.site.text import outcome_result

MINUS = "\u2212"


@pytest.mark.parametrize(("outcome", "phrase"), [
    ({"change_percent": -42}, f"{MINUS}42 %"),
    ({"value": 11.5, "unit": "GBP million"}, "£11.5m"),
    ({"value": 11.5, "unit": "GBP million a year"}, "£11.5m a year"),
    ({"value": 120, "unit": "GBP per patient"}, "£120 per patient"),
    ({"value": 40, "unit": "SEK million"}, "SEK\u00a040m"),
    ({"value": -3, "unit": "GBP million"}, f"{MINUS}£3m"),
    ({"value": 6, "baseline": 14, "unit": "percent", "qualifier": "less-than"}, "14 % → less than 6 %"),
    ({"value": 12, "baseline": 20, "unit": "% of patients"}, "20 % → 12 % of patients"),
    ({"value": 7, "baseline": 73, "unit": "miles"}, "73 → 7 miles"),
    ({"value": 152, "baseline": 201, "unit": "placements", "change_percent": -24}, f"201 → 152 placements ({MINUS}24 %)"),
    ({"value": 3000, "unit": "staff", "qualifier": "about"}, "about 3,000 staff"),
    ({"change_percent": -8, "qualifier": "more-than"}, "fall of more than 8 %"),
    ({"change_percent": -50, "qualifier": "up-to"}, "fall of up to 50 %"),
    ({"change_points": -3}, f"{MINUS}3 pp"),
    ({"value": 12, "baseline": 15, "unit": "percent", "change_points": -3}, f"15 % → 12 % ({MINUS}3 pp)"),
    ({"value": 4, "unit": "ICU beds"}, "4 ICU beds"),  # a capitalised unit is not a currency
])
def test_result_phrase(outcome, phrase):
    assert outcome_result(outcome) == phrase
