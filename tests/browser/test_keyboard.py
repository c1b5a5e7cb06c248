"""Keyboard only: reach the search, pick a result, and operate the /explore/ filters, with a
visible focus indicator on every control on the way."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browserkit import benefit_pair, check_explore, count_text, open_explore, settled_results

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), name: e.getAttribute('name'), type: e.type || '',
          value: e.value === undefined ? null : String(e.value), cls: e.className || '',
          href: e.getAttribute('href'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)};
}"""


def active(page) -> dict:
    return page.evaluate(ACTIVE)


def assert_focus_visible(page) -> dict:
    a = active(page)
    assert a["outline"] != "none" and a["width"] > 0, f"focused control has no visible outline: {a}"
    return a


def tab_to(page, test, limit: int = 80) -> dict:
    """Press Tab until ``test(active element)`` holds."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        a = active(page)
        if test(a):
            return a
        seen.append(f"{a['tag']}.{a['cls']}[{a['name'] or a['href'] or ''}]")
    raise AssertionError(f"Tab never reached the control; went through: {seen}")


def is_search(a: dict) -> bool:
    return a["tag"] == "input" and "md-search__input" in a["cls"]


def test_search_by_keyboard(page, base_url):
    page.goto(base_url)
    tab_to(page, is_search, limit=20)
    assert_focus_visible(page)
    page.keyboard.type("CMAST", delay=20)
    results = settled_results(page)
    assert urlsplit(results[0]).path == "/cases/cmast/"
    page.keyboard.press("ArrowDown")
    first = assert_focus_visible(page)
    assert first["tag"] == "a" and urlsplit(first["href"]).path.endswith("/cases/cmast/"), first
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/cmast/**")
    assert page.locator("h1").first.inner_text().startswith("Cheshire and Merseyside")

    # The shortcut keys open the search from anywhere on the page.
    for key in ("/", "s"):
        page.goto(base_url + "glossary/")
        page.keyboard.press(key)
        assert is_search(active(page)), f"'{key}' did not focus the search box"
    assert not page.rec.problems(), page.rec.problems()


def test_explore_filters_by_keyboard(page, base_url, cases_data):
    total = len(cases_data)
    a, b = benefit_pair(cases_data)
    open_explore(page, base_url)
    assert page.text_content("#cb-count") == count_text(total, total)

    # Tab to the benefit checkboxes, ticking the two chosen ones with Space.
    ticked = []
    box = tab_to(page, lambda x: x["name"] == "benefit")
    while box["name"] == "benefit":
        assert_focus_visible(page)
        if box["value"] in (a, b):
            page.keyboard.press("Space")
            ticked.append(box["value"])
            check_explore(page, cases_data, benefit=list(ticked))
        page.keyboard.press("Tab")
        box = active(page)
    assert sorted(ticked) == sorted([a, b])

    # The "any/all" radios: Tab lands on the checked one, an arrow key moves to "all".
    assert box["name"] == "match" and box["value"] == "any", box
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    assert active(page)["value"] == "all"
    check_explore(page, cases_data, benefit=[a, b], match="all")

    # The sector choices: Tab reaches the first, Space ticks it and the table follows.
    page.keyboard.press("Tab")
    sel = assert_focus_visible(page)
    assert sel["name"] == "sector", sel
    page.keyboard.press("Space")
    sector = sel["value"]
    check_explore(page, cases_data, benefit=[a, b], match="all", sector=sector)

    # Clear filters is a button: reach it and press it with Enter.
    tab_to(page, lambda x: x["tag"] == "button" and x["cls"].startswith("cb-button"), limit=60)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    check_explore(page, cases_data)
    assert not page.rec.problems(), page.rec.problems()


def test_the_table_can_be_skipped_and_each_row_is_one_tab_stop(page, base_url, cases_data):
    open_explore(page, base_url)
    skip = tab_to(page, lambda x: x["tag"] == "a" and "cb-skip" in x["cls"], limit=200)
    assert skip["href"] == "#cb-after"
    assert_focus_visible(page)
    assert page.is_visible("a.cb-skip"), "the skip link shows when it has focus"
    # Through the table: the scrollable region, then exactly one stop (the name) per row.
    stops = []
    for _ in range(len(cases_data) + 3):
        page.keyboard.press("Tab")
        a = active(page)
        inside = page.evaluate("() => !!document.activeElement.closest('#cb-table, .cb-table-wrap')")
        if not inside:
            break
        stops.append(a)
    rows = page.locator("#cb-table tbody tr").count()
    assert [s["tag"] for s in stops[1:]] == ["a"] * rows, stops[:5]
    # Back at the skip link, Enter moves focus past the table.
    page.goto(base_url + "explore/")
    page.wait_for_selector("#cb-filters:not([hidden])")
    tab_to(page, lambda x: x["tag"] == "a" and "cb-skip" in x["cls"], limit=200)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate("() => !!document.activeElement.closest('#cb-table')")
    assert not after, "Tab after skipping landed in the table"


def test_established_years_have_no_placeholder(page, base_url):
    open_explore(page, base_url)
    for name in ("from", "to"):
        box = page.locator(f'input[name="{name}"]')
        assert box.get_attribute("placeholder") is None
        assert box.input_value() == ""
