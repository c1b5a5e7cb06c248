"""How numbers read (``casebook/wording.py``), table by table: expectations written by hand.
Pages, charts and downloads all word results through these functions."""

from __future__ import annotations

import pytest

from casebook.wording import format_change, format_number, format_value, outcome_result

M = "\u2212"  # the real minus sign


@pytest.mark.parametrize("value,expected", [
    (None, ""),
    (0, "0"),
    (-0.0, "0"),
    (3, "3"),
    (-3, f"{M}3"),
    (2000, "2,000"),
    (1234567, "1,234,567"),
    (4.6, "4.6"),
    (4.60, "4.6"),
    (4.125, "4.12"),  # two decimals at most (banker's rounding of 4.125 gives 4.12)
    (12.5, "12.5"),
    (0.004, "0.004"),
    (-0.0012, f"{M}0.0012"),
    (0.001234, "0.0012"),
    (2.0, "2"),
])
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize("value,qualifier,expected", [
    (None, None, ""),
    (-36, None, f"{M}36 %"),
    (12.5, None, "+12.5 %"),
    (0, None, "0 %"),
    (-8, "more-than", "fall of more than 8 %"),
    (20, "more-than", "rise of more than 20 %"),
    (-5, "less-than", "fall of less than 5 %"),
    (3, "about", "rise of about 3 %"),
    (0, "about", "about 0 %"),
    (-1500, None, f"{M}1,500 %"),
])
def test_format_change(value, qualifier, expected):
    assert format_change(value, qualifier) == expected


@pytest.mark.parametrize("value,unit,qualifier,expected", [
    (None, "staff", None, ""),
    (3000, "staff", "about", "about 3,000 staff"),
    (4.6, "GBP million", None, "£4.6m"),
    (14, "%", None, "14 %"),
    (14, "percent", None, "14 %"),
    (6, "%", "less-than", "less than 6 %"),
    (73, "  miles\n", None, "73 miles"),
    (12, None, None, "12"),
])
def test_format_value(value, unit, qualifier, expected):
    assert format_value(value, unit, qualifier) == expected


@pytest.mark.parametrize("outcome,expected", [
    ({"change_percent": -36}, f"{M}36 %"),
    ({"value": 7, "baseline": 73, "unit": "miles"}, "73 → 7 miles"),
    ({"value": 2000, "unit": "staff", "qualifier": "more-than"}, "more than 2,000 staff"),
    ({"change_percent": -42, "value": 11.5, "unit": "GBP million"}, f"£11.5m ({M}42 %)"),
    # The qualifier goes with the change when there is one, never with both.
    ({"change_percent": -8, "value": 30, "unit": "beds", "qualifier": "about"}, "30 beds (fall of about 8 %)"),
    ({}, ""),
])
def test_outcome_result(outcome, expected):
    assert outcome_result(outcome) == expected
