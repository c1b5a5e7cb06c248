"""A number and its unit in a summary never break across lines ("36 %" on a phone), while the
text readers, search and copying see stays exactly the record's."""

from __future__ import annotations

import html
import re

from casebook.site.text import prose


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_percent_and_points_are_kept_with_their_number():
    out = prose("Costs fell 36 % and the rate by −3 pp; 1,000 % of 12.5 %.")
    assert out == ('Costs fell <span class="cb-nw">36 %</span> and the rate by <span class="cb-nw">−3 pp</span>; '
                   '<span class="cb-nw">1,000 %</span> of <span class="cb-nw">12.5 %</span>.')


def test_text_is_unchanged_and_markup_in_it_stays_text():
    for text in ["<img src=x onerror=alert(1)> 36 %", "a 10 % & b", "no figures here", "x36 % y 3 pps"]:
        out = prose(text)
        assert _text(out) == text
        assert "<img" not in out
    assert prose("x36 % y 3 pps") == "x36 % y 3 pps"  # not a figure and a unit: left alone
