"""/outcomes/ and /compare/ as rendered Markdown: a plain table without JavaScript, one row per
outcome in the downloads' order; the compare page's fallback and its inert label data."""

from __future__ import annotations

import json
import re

from casebook.site.compare import render_compare
from casebook.site.exports import outcomes_json
from casebook.site.outcomes import render_outcomes


def test_outcomes_page_is_a_plain_table_in_download_order(sample_corpus):
    page = render_outcomes(sample_corpus.cases, sample_corpus.taxonomy)
    ids = re.findall(r'<tr id="o-([^"]+)"', page)
    rows = json.loads(outcomes_json(sample_corpus.cases))["outcomes"]
    assert ids == [r["outcome_id"] for r in rows] and ids
    assert '<form class="cb-filters" id="cb-o-filters" role="search" aria-label="Filter outcomes" hidden>' in page
    assert "<noscript>" in page and "hidden>" in page.split("<tbody>")[0]
    assert not re.search(r"<tr [^>]*hidden", page), "every row shows without JavaScript"
    assert "\n\n" not in page[page.index("<section"):page.index("</section>")], "one raw-HTML block"
    for name in ("indicator", "benefit", "sector", "country", "status", "evidence", "sort"):
        assert f'name="{name}"' in page


def test_outcomes_page_shows_qualifiers_and_periods(sample_corpus):
    cases = [dict(c) for c in sample_corpus.cases]
    case = next(c for c in cases if any(o.get("change_percent") is not None for o in c.get("outcomes") or []))
    case["outcomes"] = [dict(o) for o in case["outcomes"]]
    o = next(o for o in case["outcomes"] if o.get("change_percent") is not None)
    o.update(change_percent=-8, qualifier="more-than", period="since 2020")
    page = render_outcomes(cases, sample_corpus.taxonomy).replace("\u00a0", " ")  # "8 %" kept on one line
    assert "fall of more than 8 %" in page and "since 2020" in page


def test_compare_page_fallback_and_inert_labels(sample_corpus):
    page = render_compare(sample_corpus.cases, sample_corpus.taxonomy)
    links = re.findall(r'<li data-case="([^"]+)"><a href="\.\./cases/\1/">', page)
    assert sorted(links) == sorted(c["id"] for c in sample_corpus.cases)
    assert "needs JavaScript" in page and 'id="cb-compare"' in page
    data = re.search(r'<script type="application/json" id="cb-compare-labels">(.*?)</script>', page).group(1)
    assert "<" not in data
    labels = json.loads(data)
    assert {"benefits", "sectors", "governance", "evidence", "indicators", "countries"} <= set(labels)
