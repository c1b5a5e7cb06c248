"""A case page shows its chart and the chart's data, and its benefit tags lead to the benefit
pages that list it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browserkit import CASE

pytestmark = pytest.mark.browser
CASE_ID = CASE.rstrip("/").rsplit("/", 1)[-1]


def test_chart_loads_and_its_data_table_opens(page, base_url):
    page.goto(base_url + CASE)
    img = page.locator("figure.cb-chart img").first
    img.scroll_into_view_if_needed()  # the chart is lazy-loaded
    page.wait_for_function("img => img.complete", arg=img.element_handle())
    natural = img.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural[0] > 0 and natural[1] > 0, f"chart {img.get_attribute('src')} did not load"
    assert (img.get_attribute("alt") or "").strip(), "the chart has no text alternative"

    details = page.locator("details.cb-chart-data").first
    table = details.locator("table")
    assert not table.is_visible(), "the data table should start folded"
    details.locator("summary").click()
    assert details.evaluate("d => d.open")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() > 0 and rows.first.is_visible()
    assert not page.rec.problems(), page.rec.problems()


def test_benefit_tags_lead_to_pages_listing_the_case(page, base_url, cases_data):
    """Each benefit chip in the key facts leads to the benefit's page, which lists the case on
    its first page or, following Next, on a numbered one."""
    case = next(c for c in cases_data if c["id"] == CASE_ID)
    page.goto(base_url + CASE)
    tags = page.locator(".cb-facts a.cb-tag")  # the benefit chips in the key facts
    hrefs = [tags.nth(i).get_attribute("href") for i in range(tags.count())]
    assert len(hrefs) == len(case["benefits"]), f"tags {hrefs} vs benefits {case['benefits']}"
    seen = set()
    for i in range(len(hrefs)):
        page.goto(base_url + CASE)
        page.locator(".cb-facts a.cb-tag").nth(i).click()
        page.wait_for_load_state("load")
        path = urlsplit(page.url).path
        assert path.startswith("/benefits/") and path.count("/") == 3, path
        benefit = path.split("/")[2]
        seen.add(benefit)
        found = False
        for _ in range(50):
            links = page.eval_on_selector_all("article .cb-cards a[href]", "els => els.map(a => new URL(a.href).pathname)")
            if f"/cases/{CASE_ID}/" in links:
                found = True
                break
            if not page.locator('.cb-pages a[rel="next"]').count():
                break
            page.locator('.cb-pages a[rel="next"]').first.click()
            page.wait_for_load_state("load")
        assert found, f"{path} and its pages do not list {CASE_ID}"
    assert seen == set(case["benefits"])
    assert not page.rec.problems(), page.rec.problems()
