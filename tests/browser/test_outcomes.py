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
    out = []
    for o in outcomes:
        ok = True
        for name, value in f.items():
            v = row_value(o, name)
            ok &= value in v if isinstance(v, list) else v == value
        if ok:
            out.append("o-" + o["outcome_id"])
    return out


def shown(page) -> list[str]:
    return page.eval_on_selector_all("#cb-o-table tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def open_outcomes(page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "outcomes/" + query)
    page.wait_for_selector("#cb-o-filters:not([hidden])")


def count_is(page, n: int, total: int) -> None:
    page.wait_for_function("t => document.getElementById('cb-o-count').textContent.startsWith(t)",
                           arg=f"{n} of {total} outcome")


def selective_value(outcomes, name) -> str:
    values = Counter()
    for o in outcomes:
        v = row_value(o, name)
        values.update(v if isinstance(v, list) else [v])
    # The value that keeps the fewest rows while keeping more than one, for a telling check.
    return sorted(values.items(), key=lambda kv: (kv[1] < 2, kv[1], kv[0]))[0][0]


def test_page_and_download_agree_row_for_row(page, base_url, outcomes, site_dir):
    open_outcomes(page, base_url)
    assert shown(page) == ["o-" + o["outcome_id"] for o in outcomes][:200]
    assert page.eval_on_selector_all("#cb-o-table tbody tr", "r => r.length") == len(outcomes)
    cases = json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    assert len(outcomes) == sum(len(c.get("outcomes") or []) for c in cases)


@pytest.mark.parametrize("name", list(FILTERS) + ["sector"])
def test_each_filter_matches_the_data(page, base_url, outcomes, name):
    value = selective_value(outcomes, name)
    open_outcomes(page, base_url)
    page.select_option(f"#cb-o-{name}", value)
    want = expected(outcomes, **{name: value})
    count_is(page, len(want), len(outcomes))
    assert shown(page) == want[:200]
    assert parse_qs(urlsplit(page.url).query).get(name) == [value]
    # The URL alone restores the view.
    open_outcomes(page, base_url, f"?{name}={value}")
    count_is(page, len(want), len(outcomes))
    assert page.input_value(f"#cb-o-{name}") == value


def test_filters_combine_search_and_clear(page, base_url, outcomes, cases_data):
    status = "achieved"
    indicator = selective_value([o for o in outcomes if o["status"] == status], "indicator")
    open_outcomes(page, base_url, f"?indicator={indicator}&status={status}")
    want = expected(outcomes, indicator=indicator, status=status)
    count_is(page, len(want), len(outcomes))
    # The text box searches what each row shows: the case (short name, else name), measure, period.
    shown_name = {c["id"]: c.get("short_name") or c["name"] for c in cases_data}
    word = max(outcomes[0]["measure"].split(), key=len).lower()
    page.click("#cb-o-clear")
    page.fill("#cb-o-q", word)
    folded = re.sub(r"[\W_]+", " ", word).strip()
    want = [f"o-{o['outcome_id']}" for o in outcomes
            if folded in re.sub(r"[\W_]+", " ", " ".join(filter(None, [shown_name[o["case_id"]], o["measure"],
                                                                        o["period"]])).lower())]
    count_is(page, len(want), len(outcomes))
    page.click("#cb-o-clear")
    count_is(page, len(outcomes), len(outcomes))


def test_sort_by_largest_fall(page, base_url, outcomes):
    open_outcomes(page, base_url, "?sort=fall")
    changes = sorted((o["change_percent"], i) for i, o in enumerate(outcomes) if o["change_percent"] is not None)
    first = shown(page)[0]
    assert first == "o-" + outcomes[changes[0][1]]["outcome_id"]
    th = page.eval_on_selector_all("#cb-o-table thead th[aria-sort]", "c => c.map(x => x.textContent)")
    assert th == ["Result"]


def test_outcomes_without_javascript(browser, base_url, outcomes):
    ctx = open_context(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + "outcomes/")
    assert page.eval_on_selector_all("#cb-o-table tbody tr:not([hidden])", "r => r.length") == len(outcomes)
    assert not page.is_visible("#cb-o-filters")
    ctx.close()


# -- /compare/ ----------------------------------------------------------------------------------
def test_compare_lines_cases_up_by_indicator(page, base_url, outcomes):
    by_case = Counter(o["case_id"] for o in outcomes)
    a, b = [cid for cid, _ in by_case.most_common(2)]
    page.goto(base_url + f"compare/?cases={a},{b}")
    page.wait_for_selector(".cb-compare-table")
    heads = page.eval_on_selector_all(".cb-compare-table >> nth=0 >> thead th a", "x => x.map(a => a.getAttribute('href'))")
    assert heads == [f"../cases/{a}/", f"../cases/{b}/"]
    table = page.locator(".cb-compare-table").nth(1)
    rows = table.locator("tbody tr")
    items = table.locator("tbody li")
    assert items.count() == by_case[a] + by_case[b], "every outcome of both cases, once"
    labels = {o["indicator"] for o in outcomes if o["case_id"] in (a, b)}
    assert rows.count() == len(labels)
    # Ticking a third case adds it to the URL and the table.
    third = next(cid for cid in by_case if cid not in (a, b))
    page.check(f"#cb-cmp-{third}")
    page.wait_for_function("() => document.querySelectorAll('.cb-compare-table thead th').length >= 8")
    assert parse_qs(urlsplit(page.url).query)["cases"] == [f"{a},{b},{third}"]


def test_compare_from_a_case_page_and_explore(page, base_url, cases_data):
    page.goto(base_url + CASE)
    href = page.get_attribute("a[href*='compare/?cases=']", "href")
    assert href.endswith("compare/?cases=" + CASE.split("/")[1])
    page.goto(base_url + "explore/")
    page.wait_for_selector(".cb-compare-box")
    boxes = page.locator(".cb-compare-box")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.click("#cb-compare-link")
    page.wait_for_selector(".cb-compare-table")
    assert len(parse_qs(urlsplit(page.url).query)["cases"][0].split(",")) == 2


def test_compare_without_javascript(browser, base_url, cases_data):
    ctx = open_context(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + "compare/?cases=a,b")
    assert "needs JavaScript" in page.content()
    assert page.locator("#cb-compare-list a").count() == len(cases_data)
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
