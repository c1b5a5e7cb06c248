"""Issue 18: the header search on Pagefind, as a reader uses it in Chromium: nothing of the index
loads before the reader types; results are concise; facet filters with counts narrow them at
once; markup in the index stays text; without JavaScript the box leads to /explore/; the closed
results panel holds no tab stop."""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urlsplit

import pytest

from browserkit import search, settled_results

pytestmark = pytest.mark.browser


def _pagefind_requests(page) -> list[str]:
    return [u for u in page.rec.requests if "/pagefind/" in u]


def test_nothing_is_fetched_before_the_reader_types(page, base_url):
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert _pagefind_requests(page) == [], "the search index loaded with the page"
    results = search(page, "WYAAT")
    assert urlsplit(results[0]).path == "/cases/wyaat/"
    assert _pagefind_requests(page), "the search did not use /pagefind/"
    assert not page.rec.problems(), page.rec.problems()


def test_results_are_concise(page, base_url, cases_data):
    page.goto(base_url)
    search(page, "mental health")
    items = page.eval_on_selector_all(
        ".md-search-result__item",
        "els => els.map(e => ({title: e.querySelector('h1').textContent,"
        " line: (e.querySelector('.cb-search-line') || {}).textContent || '',"
        " teaser: e.querySelector('.md-search-result__teaser').textContent,"
        " top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom}))")
    assert len(items) >= 5
    # Five results are on screen at once on a laptop (1280 x 900 here, 800 px is enough).
    assert items[4]["bottom"] <= 800, items[4]
    regions = {c["name"]: c for c in cases_data}
    first = items[0]
    assert first["line"].startswith("Case · "), first
    if first["title"] in regions and regions[first["title"]].get("region"):
        assert regions[first["title"]]["region"] in first["line"]
    for item in items:
        assert len(item["teaser"]) < 200, item  # a snippet, never the whole fact box
        assert "Measure Result Period" not in item["teaser"]


def test_first_results_come_before_the_filter_index(page, base_url):
    """The filter index grows with the corpus: the first results need only the query's chunks
    and fragments; the filters (with counts) follow once the results are on screen."""
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("""() => { window.__firstResultFilters = null;
        new MutationObserver(() => {
          if (window.__firstResultFilters === null && document.querySelector('.md-search-result__item'))
            window.__firstResultFilters = performance.getEntriesByType('resource')
              .filter(e => e.name.includes('/pagefind/filter/')).length;
        }).observe(document.body, {childList: true, subtree: true}); }""")
    search(page, "mental health")
    assert page.evaluate("window.__firstResultFilters") == 0, "the filter index loaded before the first results"
    page.wait_for_selector(".cb-search-facet")
    assert any("/pagefind/filter/" in u for u in page.rec.requests), "the filters came without their index"
    assert any(u.endswith("/pagefind/casebook-facets.json") for u in page.rec.requests)
    assert not page.rec.problems(), page.rec.problems()


def test_facets_narrow_the_results_at_once(page, base_url):
    page.goto(base_url)
    search(page, "mental health")
    page.wait_for_selector(".cb-search-facet")  # after the results (the filter index loads then)
    total = int(page.inner_text(".md-search-result__meta").split()[0])
    labels = page.eval_on_selector_all(
        ".cb-search-facet", "fs => fs.map(f => f.querySelector('legend').textContent)")
    assert labels == ["Page", "Benefit", "Sector", "Governance model", "Country", "Evidence"][:len(labels)]
    assert {"Page", "Benefit", "Sector", "Country", "Evidence"} <= set(labels), labels
    # Choose "Case" under Page: every result is a case page, as many as the count said.
    box = page.locator(".cb-search-facet input[name='kind'][value='Case']")
    count = int(box.locator("xpath=..").locator(".cb-search-count").inner_text())
    assert 0 < count < total
    box.check()
    page.wait_for_function("n => (document.querySelector('.md-search-result__meta') || {}).textContent"
                           " === n + ' matching pages'", arg=count)
    while page.is_visible(".cb-search-more"):
        page.click(".cb-search-more")
        page.wait_for_timeout(200)
    hrefs = settled_results(page)
    assert len(hrefs) == count
    assert all(urlsplit(h).path.startswith("/cases/") for h in hrefs), hrefs
    # A benefit narrows further; its count, too, is what the reader then gets.
    benefit = page.locator(".cb-search-facet input[name='benefit']").first
    n = int(benefit.locator("xpath=..").locator(".cb-search-count").inner_text())
    benefit.check()
    page.wait_for_function("n => (document.querySelector('.md-search-result__meta') || {}).textContent"
                           " === (n === 1 ? '1 matching page' : n + ' matching pages')", arg=n)
    assert not page.rec.problems(), page.rec.problems()


def test_markup_in_the_index_shows_as_text(page, base_url):
    """Whatever the index holds, a title, a line or a snippet never becomes markup."""
    payload = '<img src=x onerror="window.__pwned=1"><b class="cb-evil">bold</b>'

    def poison(route):
        resp = route.fetch()
        raw = gzip.decompress(resp.body())
        record = json.loads(raw[len(b"pagefind_dcd"):])
        record["meta"]["title"] = payload + record["meta"].get("title", "")
        record["meta"]["line"] = payload
        record["content"] = payload + " WYAAT " + record["content"]
        route.fulfill(response=resp, body=gzip.compress(b"pagefind_dcd" + json.dumps(record).encode()))

    page.route("**/pagefind/fragment/*", poison)
    page.goto(base_url)
    search(page, "WYAAT")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text().startswith("<img src=x")
    assert first.locator(".cb-search-line").inner_text().endswith(payload)
    assert page.locator(".md-search-result img, .md-search-result .cb-evil").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_without_javascript_the_search_leads_to_explore(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "glossary/")
        page.fill("input.md-search__input", "mental health")
        page.press("input.md-search__input", "Enter")
        page.wait_for_url(re.compile(r"/explore/"))
        assert urlsplit(page.url).path == "/explore/"
        assert page.locator("#cb-table").count() == 1
    finally:
        context.close()


def test_closed_results_hold_no_tab_stop(page, base_url):
    page.goto(base_url)
    inside = []
    for _ in range(12):
        page.keyboard.press("Tab")
        where = page.evaluate("() => { const a = document.activeElement;"
                              " return a.closest('.md-search__output') ? a.outerHTML.slice(0, 80) : null; }")
        if where:
            inside.append(where)
    assert not inside, f"Tab reached the closed search results: {inside}"
