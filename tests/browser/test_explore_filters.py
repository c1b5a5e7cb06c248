"""/explore/: every filter gives the count and rows the data says, the URL follows the
filters, a shared URL restores them, Back undoes a step and Clear shows every case."""

from __future__ import annotations

from collections import Counter

import pytest

from browserkit import (
    benefit_pair,
    check_explore,
    count_text,
    expected_ids,
    fold,
    open_context,
    open_explore,
    query_of,
    selective,
    text_ids,
    visible_ids,
    visible_order,
    wait_count,
    year_range,
)

pytestmark = pytest.mark.browser


def test_benefits_any_and_all(page, base_url, cases_data):
    a, b = benefit_pair(cases_data)
    open_explore(page, base_url)
    total = len(cases_data)
    check_explore(page, cases_data)
    assert page.text_content("#cb-count") == count_text(total, total)

    page.check(f'input[name="benefit"][value="{a}"]')
    one = check_explore(page, cases_data, benefit=[a])
    assert query_of(page).get("benefit") == [a]

    page.check(f'input[name="benefit"][value="{b}"]')
    any_ids = check_explore(page, cases_data, benefit=[a, b], match="any")
    assert sorted(query_of(page)["benefit"]) == sorted([a, b])
    assert "match" not in query_of(page)  # "any" is the default

    page.check('input[name="match"][value="all"]')
    all_ids = check_explore(page, cases_data, benefit=[a, b], match="all")
    assert query_of(page).get("match") == ["all"]
    assert all_ids < any_ids and one != set(c["id"] for c in cases_data)


def _values(cases_data, field):
    values = Counter()
    for c in cases_data:
        v = c.get(field)
        values.update(v if isinstance(v, list) else [v])
    return values


@pytest.mark.parametrize("name,field", [("sector", "sectors"), ("country", "country"),
                                        ("evidence", "evidence"), ("governance", "governance")])
def test_every_facet_is_multi_choice(page, base_url, cases_data, name, field):
    """One value, then a second: rows having either show, and the URL repeats the parameter
    (?country=DK&country=SE); the count beside each choice is the data's."""
    values = _values(cases_data, field)
    first = selective(cases_data, values)
    second = sorted((v for v in values if v != first), key=lambda v: (-values[v], v))[0]
    open_explore(page, base_url)
    for v in (first, second):
        label = page.locator(f'input[name="{name}"][value="{v}"]').locator("xpath=..").inner_text()
        assert label.endswith(f"({values[v]})"), label
    page.check(f'input[name="{name}"][value="{first}"]')
    one = check_explore(page, cases_data, **{name: first})
    assert query_of(page).get(name) == [first]
    page.check(f'input[name="{name}"][value="{second}"]')
    both = check_explore(page, cases_data, **{name: [first, second]})
    assert sorted(query_of(page).get(name)) == sorted([first, second])  # repeated, in the form's order
    assert one < both
    assert "(" + str(len(both)) + " of " in page.text_content("#cb-table caption")


def test_two_countries_from_the_url(context, page, base_url, cases_data):
    countries = sorted(_values(cases_data, "country"), key=lambda v: (_values(cases_data, "country")[v], v))[:2]
    open_explore(page, base_url, "?" + "&".join(f"country={c}" for c in countries))
    check_explore(page, cases_data, country=countries)
    assert all(page.is_checked(f'input[name="country"][value="{c}"]') for c in countries)
    assert page.text_content(".cb-collapse-toggle") in ("Filters (2 active)", "Hide filters (2 active)")


def test_established_years(page, base_url, cases_data):
    lo, hi = year_range(cases_data)
    open_explore(page, base_url)
    page.fill('input[name="from"]', str(lo))
    check_explore(page, cases_data, **{"from": lo})
    page.fill('input[name="to"]', str(hi))
    want = check_explore(page, cases_data, **{"from": lo, "to": hi})
    q = query_of(page)
    assert q.get("from") == [str(lo)] and q.get("to") == [str(hi)]
    assert 0 < len(want) < len(cases_data)


def test_url_restores_back_undoes_clear_resets(context, page, base_url, cases_data):
    a, b = benefit_pair(cases_data)
    sectors = Counter(s for c in cases_data for s in c["sectors"])
    lo, hi = year_range(cases_data)
    total = len(cases_data)
    open_explore(page, base_url)

    page.check(f'input[name="benefit"][value="{a}"]')
    page.check(f'input[name="benefit"][value="{b}"]')
    page.check('input[name="match"][value="all"]')
    step1 = dict(benefit=[a, b], match="all")
    ids1 = check_explore(page, cases_data, **step1)
    url1 = page.url

    # A sector that still leaves rows after the benefit filter, else the most common one.
    sector = max(sectors, key=lambda s: (len(expected_ids(cases_data, sector=s, **step1)),
                                         sectors[s], s))
    page.check(f'input[name="sector"][value="{sector}"]')
    page.fill('input[name="from"]', str(lo))
    page.fill('input[name="to"]', str(hi))
    page.press('input[name="to"]', "Tab")
    step2 = dict(step1, sector=sector, **{"from": lo, "to": hi})
    ids2 = check_explore(page, cases_data, **step2)
    url2 = page.url
    assert url2 != url1

    # The URL alone brings back the same filters and rows, in a page that never saw them.
    fresh = context.new_page()
    open_explore(fresh, url2.split("explore/")[0], "?" + url2.split("?", 1)[1])
    assert check_explore(fresh, cases_data, **step2) == ids2
    assert fresh.is_checked(f'input[name="benefit"][value="{a}"]')
    assert fresh.is_checked(f'input[name="benefit"][value="{b}"]')
    assert fresh.is_checked('input[name="match"][value="all"]')
    assert fresh.is_checked(f'input[name="sector"][value="{sector}"]')
    assert fresh.input_value('input[name="from"]') == str(lo)
    assert fresh.input_value('input[name="to"]') == str(hi)
    fresh.close()

    # Back undoes the last step. Selecting the sector pushed a history entry; the years typed
    # after it replaced that entry rather than adding one per keystroke, so Back returns to the
    # state before the sector: benefits only, no years.
    page.go_back()
    assert check_explore(page, cases_data, **step1) == ids1
    assert not page.is_checked(f'input[name="sector"][value="{sector}"]')
    assert page.input_value('input[name="from"]') == ""
    assert page.url == url1
    page.go_back()  # undo "all"
    check_explore(page, cases_data, benefit=[a, b], match="any")
    assert page.is_checked('input[name="match"][value="any"]')
    page.go_forward()
    page.go_forward()
    assert check_explore(page, cases_data, **step2) == ids2
    assert ids1 >= ids2

    page.click("#cb-clear")
    check_explore(page, cases_data)
    assert page.text_content("#cb-count") == count_text(total, total)
    assert query_of(page) == {}
    assert not page.is_checked(f'input[name="benefit"][value="{a}"]')
    assert page.input_value('input[name="from"]') == ""


def test_without_javascript_the_table_lists_every_case(browser, base_url, cases_data):
    ctx = open_context(browser, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + "explore/")
        assert page.is_hidden("#cb-filters"), "filters that cannot work are shown without JS"
        # Following Next reaches every case once, 50 a page at most.
        seen: list[str] = []
        while True:
            rows = page.eval_on_selector_all("#cb-table tbody tr", "r => r.map(x => x.dataset.case)")
            assert 0 < len(rows) <= 50
            seen += rows
            nxt = page.locator('.cb-pages a[rel="next"]')
            if not nxt.count():
                break
            nxt.first.click()
            page.wait_for_load_state("load")
        assert sorted(seen) == sorted(c["id"] for c in cases_data) and len(seen) == len(set(seen))
    finally:
        ctx.close()


def test_text_box_and_sort(context, page, base_url, cases_data):
    """The text box filters names, regions and summaries (URL parameter "text", since Material
    claims "q"); sorting by year puts the newest first and undated cases last."""
    by_id = {c["id"]: c for c in cases_data}
    words = Counter(w for c in cases_data for w in fold(c.get("region") or "").split() if len(w) > 4)
    word = selective(cases_data, Counter({w: len(text_ids(cases_data, w)) for w in words}))
    want = text_ids(cases_data, word)
    open_explore(page, base_url)
    page.fill('input[name="q"]', word.upper())
    wait_count(page, len(want), len(cases_data))
    assert visible_ids(page) == want
    assert query_of(page).get("text") == [word.upper()]
    assert "q" not in query_of(page)

    page.select_option('select[name="sort"]', "newest")
    order = visible_order(page)
    years = [by_id[i].get("established") for i in order]
    dated = [y for y in years if isinstance(y, int)]
    assert years == dated + [None] * (len(years) - len(dated)), f"undated cases not last: {years}"
    assert dated == sorted(dated, reverse=True), f"not newest first: {years}"
    assert query_of(page).get("sort") == ["newest"]

    fresh = context.new_page()
    open_explore(fresh, base_url, "?" + page.url.split("?", 1)[1])
    wait_count(fresh, len(want), len(cases_data))
    assert visible_order(fresh) == order
    assert fresh.input_value('input[name="q"]') == word.upper()
    assert fresh.input_value('select[name="sort"]') == "newest"
