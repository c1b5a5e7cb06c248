"""/outcomes/ and /compare/ as rendered Markdown: plain tables without JavaScript, paged, the
pages together holding every outcome in the downloads' order; the filters' chunked data; the
compare page's fallback, its inert label data and its per-case data files."""

from __future__ import annotations

import json
import re

from casebook.site.compare import case_data_files, render_compare
from casebook.site.exports import outcomes_json
from casebook.site.listing import listing_data
from casebook.site.outcomes import outcomes_listing, render_outcomes


def test_outcomes_pages_hold_every_row_in_download_order(sample_corpus):
    rows = json.loads(outcomes_json(sample_corpus.cases))["outcomes"]
    assert len(rows) > 4, "the sample needs more than one page of 3 rows"
    pages = render_outcomes(sample_corpus.cases, sample_corpus.taxonomy, page_size=3)
    n_pages = -(-len(rows) // 3)
    assert sorted(pages) == sorted(["outcomes.md"] + [f"outcomes/page/{n}.md" for n in range(2, n_pages + 1)])
    ids = []
    for n in range(1, n_pages + 1):
        page = pages["outcomes.md" if n == 1 else f"outcomes/page/{n}.md"]
        on_page = re.findall(r'<tr id="o-([^"]+)"', page)
        assert len(on_page) == min(3, len(rows) - 3 * (n - 1))
        ids += on_page
        assert not re.search(r"<tr [^>]*hidden", page), "every row shows without JavaScript"
        assert "\n\n" not in page[page.index("<section"):page.index("</section>")], "one raw-HTML block"
        # Previous / Next and the numbers link the pages (relative links from this page).
        if n > 1:
            assert 'rel="prev"' in page and ">Previous</a>" in page
        if n < n_pages:
            assert 'rel="next"' in page and ">Next</a>" in page
        assert f"Page {n} of {n_pages}" in page
    assert ids == [r["outcome_id"] for r in rows]
    assert 'href="../../../outcomes/page/3/"' in pages["outcomes/page/2.md"] or n_pages < 3
    assert 'href="../outcomes/page/2/"' in pages["outcomes.md"]


def test_form_only_on_the_first_page_with_every_facet_multi_choice(sample_corpus):
    pages = render_outcomes(sample_corpus.cases, sample_corpus.taxonomy, page_size=3)
    first = pages["outcomes.md"]
    assert '<form class="cb-filters" id="cb-o-filters" role="search" aria-label="Filter outcomes"' in first
    assert "<noscript>" in first and " hidden>" in first.split("<tbody>")[0]
    for name in ("indicator", "benefit", "sector", "country", "status", "evidence"):
        assert re.search(rf'<input type="checkbox" name="{name}" value="[^"]+">', first), name
    assert 'name="sort"' in first
    assert all("<form" not in text for uri, text in pages.items() if uri != "outcomes.md")


def test_facet_counts_are_counted_at_build_time(sample_corpus):
    rows = json.loads(outcomes_json(sample_corpus.cases))["outcomes"]
    first = render_outcomes(sample_corpus.cases, sample_corpus.taxonomy)["outcomes.md"]
    for benefit in {r["benefit"] for r in rows}:
        n = sum(r["benefit"] == benefit for r in rows)
        assert re.search(rf'name="benefit" value="{benefit}"> [^<]+ <span class="cb-n">\({n}\)</span>', first), benefit


def test_change_sorts_only_within_one_indicator(sample_corpus):
    listing, _ = outcomes_listing(sample_corpus.cases, sample_corpus.taxonomy)
    by_value = {s.value: s for s in listing.sorts}
    assert by_value["fall"].within == "indicator" and by_value["rise"].within == "indicator"
    assert by_value["case"].within is None


def test_chunked_data_matches_the_rows(sample_corpus):
    listing, rows = outcomes_listing(sample_corpus.cases, sample_corpus.taxonomy)
    files = listing_data(listing, rows, 3)
    fields = listing.all_fields()
    data = json.loads(files["data/listing/outcomes/f-0.json"])
    published = json.loads(outcomes_json(sample_corpus.cases))["outcomes"]
    assert len(data) == len(published)
    for values, row in zip(data, published):
        got = dict(zip(fields, values))
        assert (got["benefit"], got["country"], got["status"], got["change"]) == (
            row["benefit"], row["country"], row["status"], row["change_percent"])
        assert got["indicator"] == (row["indicator"] or "none")
    html = [r for k in range(-(-len(published) // 3)) for r in json.loads(files[f"data/listing/outcomes/h-{k}.json"])]
    assert [re.search(r'<tr id="o-([^"]+)"', h).group(1) for h in html] == [r["outcome_id"] for r in published]
    assert all("<" not in raw for raw in files.values()), "markup in data is written as \\u003c"


def test_outcomes_page_shows_qualifiers_and_periods(sample_corpus):
    cases = [dict(c) for c in sample_corpus.cases]
    case = next(c for c in cases if any(o.get("change_percent") is not None for o in c.get("outcomes") or []))
    case["outcomes"] = [dict(o) for o in case["outcomes"]]
    o = next(o for o in case["outcomes"] if o.get("change_percent") is not None)
    o.update(change_percent=-8, qualifier="more-than", period="since 2020")
    page = "".join(render_outcomes(cases, sample_corpus.taxonomy, page_size=1000).values()).replace("\u00a0", " ")  # "8 %" kept on one line
    assert "fall of more than 8 %" in page and "since 2020" in page


def test_compare_page_is_the_same_size_whatever_the_corpus(sample_corpus):
    page = render_compare(sample_corpus.cases, sample_corpus.taxonomy)
    assert "needs JavaScript" in page and 'id="cb-compare"' in page
    assert not any(c["name"] in page for c in sample_corpus.cases), "no list of every case"
    assert 'data-case-data="../data/cases/ID.json"' in page
    data = re.search(r'<script type="application/json" id="cb-compare-labels">(.*?)</script>', page).group(1)
    assert "<" not in data
    labels = json.loads(data)
    assert {"benefits", "sectors", "governance", "evidence", "indicators", "countries"} <= set(labels)


def test_one_data_file_per_case_with_its_outcomes(sample_corpus):
    files = case_data_files(sample_corpus.cases)
    assert sorted(files) == sorted(f"data/cases/{c['id']}.json" for c in sample_corpus.cases)
    published = json.loads(outcomes_json(sample_corpus.cases))["outcomes"]
    for c in sample_corpus.cases:
        d = json.loads(files[f"data/cases/{c['id']}.json"])
        assert d["case"]["id"] == c["id"] and d["case"]["name"] == c["name"]
        assert [o["outcome_id"] for o in d["outcomes"]] == [o["outcome_id"] for o in published if o["case_id"] == c["id"]]
