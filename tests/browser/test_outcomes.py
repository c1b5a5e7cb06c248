"""/outcomes/, /compare/ and the charts in Chromium: every outcomes filter gives the rows and
count computed from /data/outcomes.json; the compare page lines cases up; charts are readable
on a 390 px phone and follow the dark scheme; axe finds nothing on the new pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import CASE, describe_violations, open_context, run_axe

pytestmark = pytest.mark.browser

FILTERS = {"indicator": "indicator", "benefit": "benefit", "country": "country", "status": "status",
           "evidence": "evidence"}


@pytest.fixture(scope="module")
def outcomes(site_dir) -> list[dict]:
    return json.loads((site_dir / "data" / "outcomes.json").read_text(encoding="utf-8"))["outcomes"]


def row_value(o: dict, name: str):
    if name == "indicator":
        return o["indicator"] or "none"
    if name == "sector":
        return o["sectors"].split("; ")
    return o[name]


def expected(outcomes: list[dict], **f) -> list[str]:
    """Row ids (in the download's order) passing filters ``f``: each a value or a list (any of them)."""
    out = []
    for o in outcomes:
        ok = True
        for name, value in f.items():
            v = row_value(o, name)
            have = set(v) if isinstance(v, list) else {v}
            ok &= bool(have & (set(value) if isinstance(value, list) else {value}))
        if ok:
            out.append("o-" + o["outcome_id"])
    return out


PAGE = 50


def shown(page) -> list[str]:
    return page.eval_on_selector_all("#cb-o-table tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def open_outcomes(page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "outcomes/" + query)
    page.wait_for_selector("#cb-o-filters:not([hidden])")


def count_is(page, n: int, total: int) -> None:
    page.wait_for_function("t => document.getElementById('cb-o-count').textContent.startsWith(t)",
                           arg=f"{n} of {total} outcome")


def data_requests(page) -> list[str]:
    return [urlsplit(u).path for u in page.rec.requests if "/data/" in urlsplit(u).path]


def selective_value(outcomes, name, skip=()) -> str:
    values = Counter()
    for o in outcomes:
        v = row_value(o, name)
        values.update(v if isinstance(v, list) else [v])
    # The value that keeps the fewest rows while keeping more than one, for a telling check.
    return sorted(((k, n) for k, n in values.items() if k not in skip), key=lambda kv: (kv[1] < 2, kv[1], kv[0]))[0][0]


def test_without_javascript_the_pages_hold_every_row(browser, base_url, outcomes):
    """Following Next from /outcomes/ reaches every row once, in the download's order, 50 a page."""
    ctx = open_context(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + "outcomes/")
    assert not page.is_visible("#cb-o-filters")
    seen, pages = [], 0
    while True:
        rows = shown(page)
        assert 0 < len(rows) <= PAGE
        seen += rows
        pages += 1
        nxt = page.locator('.cb-pages a[rel="next"]')
        if not nxt.count():
            break
        nxt.first.click()
        page.wait_for_load_state("load")
    assert seen == ["o-" + o["outcome_id"] for o in outcomes]
    assert pages == -(-len(outcomes) // PAGE) and pages > 1
    # The numbers link straight to a page, and the current one is marked.
    page.goto(base_url + "outcomes/")
    page.locator('.cb-pages a[aria-label="Page 2"]').click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/outcomes/page/2/"
    assert page.locator('.cb-pages a[aria-current="page"]').inner_text() == "2"
    assert shown(page) == ["o-" + o["outcome_id"] for o in outcomes][PAGE:2 * PAGE]
    ctx.close()


def test_data_is_fetched_only_when_the_reader_uses_the_filters(page, base_url, outcomes):
    open_outcomes(page, base_url)
    page.wait_for_load_state("networkidle")
    assert data_requests(page) == [], "nothing corpus-wide on the first view"
    assert shown(page) == ["o-" + o["outcome_id"] for o in outcomes][:PAGE]
    value = selective_value(outcomes, "benefit")
    page.check(f'input[name="benefit"][value="{value}"]')
    count_is(page, len(expected(outcomes, benefit=value)), len(outcomes))
    got = data_requests(page)
    assert "/data/listing/outcomes/f-0.json" in got
    assert not any("/t-" in u for u in got), "the search text is fetched only for a text search"
    page.fill("#cb-o-q", "zzzz")
    count_is(page, 0, len(outcomes))
    assert "/data/listing/outcomes/t-0.json" in data_requests(page)
    assert not page.rec.problems(), page.rec.problems()


@pytest.mark.parametrize("name", list(FILTERS) + ["sector"])
def test_each_filter_matches_the_data(page, base_url, outcomes, name):
    value = selective_value(outcomes, name)
    open_outcomes(page, base_url)
    page.check(f'input[name="{name}"][value="{value}"]')
    want = expected(outcomes, **{name: value})
    count_is(page, len(want), len(outcomes))
    assert shown(page) == want[:PAGE]
    assert parse_qs(urlsplit(page.url).query).get(name) == [value]
    assert f"({len(want)} of {len(outcomes)} match" in page.text_content("#cb-o-table caption")
    # The URL alone restores the view.
    open_outcomes(page, base_url, f"?{name}={value}")
    count_is(page, len(want), len(outcomes))
    assert page.is_checked(f'input[name="{name}"][value="{value}"]')


def test_two_values_of_one_facet_in_the_url(page, base_url, outcomes):
    first = selective_value(outcomes, "country")
    second = selective_value(outcomes, "country", skip=(first,))
    open_outcomes(page, base_url, f"?country={first}&country={second}")
    want = expected(outcomes, country=[first, second])
    count_is(page, len(want), len(outcomes))
    assert shown(page) == want[:PAGE]
    assert len(want) > len(expected(outcomes, country=first))


def test_filters_combine_search_and_clear(page, base_url, outcomes, cases_data):
    status = "achieved"
    indicator = selective_value([o for o in outcomes if o["status"] == status], "indicator")
    open_outcomes(page, base_url, f"?indicator={indicator}&status={status}")
    want = expected(outcomes, indicator=indicator, status=status)
    count_is(page, len(want), len(outcomes))
    # The text box searches the case's short name and name, the measure and the period.
    names = {c["id"]: " ".join(filter(None, [c.get("short_name"), c["name"]])) for c in cases_data}
    word = max(outcomes[0]["measure"].split(), key=len).lower()
    page.click("#cb-o-clear")
    page.fill("#cb-o-q", word)
    folded = re.sub(r"[\W_]+", " ", word).strip()
    want = [f"o-{o['outcome_id']}" for o in outcomes
            if folded in re.sub(r"[\W_]+", " ", " ".join(filter(None, [names[o["case_id"]], o["measure"],
                                                                        o["period"]])).lower())]
    count_is(page, len(want), len(outcomes))
    page.click("#cb-o-clear")
    count_is(page, len(outcomes), len(outcomes))
    assert shown(page) == ["o-" + o["outcome_id"] for o in outcomes][:PAGE]


def test_change_is_sorted_only_within_one_indicator(page, base_url, outcomes):
    counts = Counter(o["indicator"] for o in outcomes if o["change_percent"] is not None and o["indicator"])
    indicator = counts.most_common(1)[0][0]
    open_outcomes(page, base_url)
    disabled = page.eval_on_selector_all("#cb-o-sort option", "o => o.filter(x => x.disabled).map(x => x.value)")
    assert sorted(disabled) == ["fall", "rise"], "no league table of different measures"
    # A sort=fall URL without one indicator keeps the records' order.
    open_outcomes(page, base_url, "?sort=fall&benefit=" + outcomes[0]["benefit"])
    count_is(page, len(expected(outcomes, benefit=outcomes[0]["benefit"])), len(outcomes))
    assert shown(page) == expected(outcomes, benefit=outcomes[0]["benefit"])[:PAGE]
    open_outcomes(page, base_url, f"?indicator={indicator}&sort=fall")
    rows = [o for o in outcomes if o["indicator"] == indicator]
    count_is(page, len(rows), len(outcomes))
    with_change = sorted((o for o in rows if o["change_percent"] is not None), key=lambda o: o["change_percent"])
    want = ["o-" + o["outcome_id"] for o in with_change] + ["o-" + o["outcome_id"] for o in rows
                                                             if o["change_percent"] is None]
    assert shown(page) == want[:PAGE]
    th = page.eval_on_selector_all("#cb-o-table thead th[aria-sort]", "c => c.map(x => x.textContent)")
    assert th == ["Result"]
    assert page.locator(".cb-charts-link a").get_attribute("href") == f"#indicator-{indicator}"
    assert page.locator(f"#indicator-{indicator}").count() == 1


def test_on_a_phone_filters_fold_and_a_change_brings_the_count_into_view(browser, base_url, outcomes):
    ctx = open_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    open_outcomes(page, base_url)
    toggle = page.locator("#cb-o-filters .cb-collapse-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "Filters"
    assert not page.is_visible('#cb-o-filters input[name="indicator"]'), "folded on a phone"
    assert page.is_visible("#cb-o-count"), "the count stays in view"
    toggle.click()
    value = selective_value(outcomes, "indicator")
    box = page.locator(f'input[name="indicator"][value="{value}"]')
    box.scroll_into_view_if_needed()
    box.check()
    want = expected(outcomes, indicator=value)
    count_is(page, len(want), len(outcomes))
    page.wait_for_timeout(200)
    top = page.evaluate("() => document.getElementById('cb-o-count').getBoundingClientRect().top")
    assert 0 <= top < 844, f"the count is off screen after the change (top {top})"
    assert toggle.inner_text() == "Hide filters (1 active)"
    assert f"{len(want)} of {len(outcomes)} match" in page.text_content("#cb-o-table caption")
    ctx.close()


# -- /compare/ ----------------------------------------------------------------------------------
def test_compare_fetches_only_the_chosen_cases(page, base_url, outcomes, cases_data):
    by_case = Counter(o["case_id"] for o in outcomes)
    a, b = [cid for cid, _ in by_case.most_common(2)]
    page.goto(base_url + f"compare/?cases={a},{b}")
    page.wait_for_selector(".cb-compare-table")
    assert sorted(data_requests(page)) == sorted([f"/data/cases/{a}.json", f"/data/cases/{b}.json"])
    heads = page.eval_on_selector_all(".cb-compare-table >> nth=0 >> thead th a", "x => x.map(a => a.getAttribute('href'))")
    assert heads == [f"../cases/{a}/", f"../cases/{b}/"]
    table = page.locator(".cb-compare-table").nth(1)
    rows = table.locator("tbody tr")
    items = table.locator("tbody li")
    assert items.count() == by_case[a] + by_case[b], "every outcome of both cases, once"
    labels = {o["indicator"] for o in outcomes if o["case_id"] in (a, b)}
    assert rows.count() == len(labels)
    # Finding a third case by name adds it to the URL and the table.
    third = next(c for c in cases_data if c["id"] not in (a, b) and c["id"] in by_case)
    page.fill("#cb-compare-q", third["name"][:12])
    page.check(f"#cb-compare-found #cb-cmp-{third['id']}")
    page.wait_for_function("() => document.querySelectorAll('.cb-compare-table thead th').length >= 8")
    assert parse_qs(urlsplit(page.url).query)["cases"] == [f"{a},{b},{third['id']}"]
    assert not page.rec.problems(), page.rec.problems()


def test_compare_from_a_case_page_and_explore(page, base_url, cases_data):
    page.goto(base_url + CASE)
    href = page.get_attribute("a[href*='compare/?cases=']", "href")
    assert href.endswith("compare/?cases=" + CASE.split("/")[1])
    page.goto(base_url + "explore/")
    page.wait_for_selector(".cb-compare-bar button")
    assert page.locator(".cb-compare-box").count() == 0, "no second tab stop per row until asked"
    page.click(".cb-compare-bar button")
    boxes = page.locator(".cb-compare-box")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.click("#cb-compare-link")
    page.wait_for_selector(".cb-compare-table")
    assert len(parse_qs(urlsplit(page.url).query)["cases"][0].split(",")) == 2


@pytest.mark.parametrize("path", [CASE, "", "explore/", "outcomes/", "outcomes/page/2/", "cases/",
                                  "benefits/workforce/", "compare/"])
def test_a_first_view_fetches_nothing_corpus_wide(page, base_url, path):
    """No listing data, no case data and not the sitemap (Material fetches sitemap.xml for any
    link[rel=alternate]; the feed's link is rel="alternate feed"). Material's own search index
    is the search issue's to replace."""
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert data_requests(page) == []
    assert not [u for u in page.rec.requests if urlsplit(u).path.endswith("sitemap.xml")]


def test_compare_without_javascript(browser, base_url, cases_data):
    ctx = open_context(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + "compare/?cases=a,b")
    assert "needs JavaScript" in page.content()
    assert page.locator("a[href='../explore/']").count() >= 1
    ctx.close()


# -- charts -------------------------------------------------------------------------------------
SMALLEST_TEXT = """async (i) => {
  const img = document.querySelectorAll('figure.cb-chart img')[i];
  img.scrollIntoView();
  await new Promise(r => { if (img.complete && img.naturalWidth) r(); else img.onload = r; });
  const svg = await (await fetch(img.currentSrc)).text();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const vb = root.getAttribute('viewBox').split(' ').map(Number);
  const scale = img.getBoundingClientRect().width / vb[2];  // screen px per SVG unit
  const sizes = [...svg.matchAll(/font-size: ?([\\d.]+)px/g)].map(m => parseFloat(m[1]));
  return {src: img.currentSrc, min: Math.min(...sizes) * scale, sizes: sizes.length};
}"""


@pytest.mark.parametrize("path", [CASE, "outcomes/", ""])
def test_charts_readable_on_a_phone(browser, base_url, path):
    ctx = open_context(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = ctx.new_page()
    page.goto(base_url + path)
    n = page.locator("figure.cb-chart img").count()
    assert n, f"no chart on /{path}"
    for i in range(n):
        got = page.evaluate(SMALLEST_TEXT, i)
        assert got["src"].endswith("-narrow.svg"), got
        assert got["min"] >= 11, f"/{path} chart {i}: smallest text {got['min']:.1f} px on screen"
    ctx.close()


def _luminance(rgb) -> float:
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_charts_follow_the_dark_scheme(browser, base_url, site_dir):
    from io import BytesIO

    from PIL import Image

    ctx = open_context(browser, color_scheme="dark")
    page = ctx.new_page()
    page.goto(base_url + CASE)
    img = page.locator("figure.cb-chart img").first
    img.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure.cb-chart img').complete")
    shot = Image.open(BytesIO(img.screenshot())).convert("RGB")
    bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page_bg = tuple(int(x) for x in re.findall(r"\d+", bg)[:3])
    corner = shot.getpixel((3, 3))
    assert max(abs(a - b) for a, b in zip(corner, page_bg)) < 12, f"chart background {corner} vs page {page_bg}"
    svg = (site_dir / "charts" / (img.get_attribute("src").rsplit("/", 1)[1])).read_text(encoding="utf-8")
    dark = re.search(r"prefers-color-scheme: dark\)\{svg\{([^}]*)\}", svg).group(1)
    ink = re.search(r"--cb-ink:#([0-9a-f]{6})", dark).group(1)
    fg = tuple(int(ink[i:i + 2], 16) for i in (0, 2, 4))
    hi, lo = sorted((_luminance(fg), _luminance(page_bg)), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 4.5
    ctx.close()


# -- accessibility ------------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["outcomes/", "compare/"])
def test_no_axe_violations(browser, base_url, axe_source, outcomes, scheme, width, path):
    ctx = open_context(browser, color_scheme=scheme, viewport={"width": width, "height": 900})
    page = ctx.new_page()
    if path == "compare/":
        ids = list(dict.fromkeys(o["case_id"] for o in outcomes))[:2]
        page.goto(base_url + f"compare/?cases={','.join(ids)}")
        page.wait_for_selector(".cb-compare-table")
    else:
        page.goto(base_url + path)
        page.wait_for_selector("#cb-o-filters:not([hidden])")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = run_axe(page, axe_source)
    assert not violations, f"axe on /{path} ({scheme}, {width} px):\n" + describe_violations(violations)
    ctx.close()
