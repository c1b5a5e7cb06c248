"""Issue 14, "a site for every reader": every page kind fits a phone and a desktop, tables
re-flow, filters fold away, search finds what people type, and the trust signals (feed,
citations, meta tags, sitemap, print) hold. Expectations come from the case records."""

from __future__ import annotations

import re
import urllib.request

import pytest
import yaml

from browserkit import BENEFIT, CASE, ROOT, describe_violations, open_context, run_axe

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
KINDS = {"home": "", "case": CASE, "benefit": BENEFIT, "sector": "sectors/mental-health/",
         "governance": "governance/lead-provider/", "country": "countries/gb/", "cases-index": "cases/",
         "benefits-index": "benefits/", "explore": "explore/", "glossary": "glossary/",
         "guide": "guides/governance-models/", "about-data": "about-data/", "outcomes": "outcomes/",
         "outcomes-page": "outcomes/page/2/", "explore-page": "explore/page/2/",
         "outcomes-filtered": "outcomes/?indicator=out-of-area-placements&country=GB",
         "compare": "compare/?cases=wyaat,cmast,south-london-partnership,kaiser-permanente"}  # four: the most
ATOM = "{http://www.w3.org/2005/Atom}"


def records() -> dict[str, dict]:
    out = {}
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        rec = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[rec["id"]] = rec
    return out


def site_url() -> str:
    """The address the suite builds the site for (mkdocs.yml reads it from the environment)."""
    from browserkit import SITE_URL

    return SITE_URL


def kinds(site_dir) -> dict[str, str]:
    return {k: p for k, p in KINDS.items() if (site_dir / p.split("?")[0] / "index.html").is_file()}


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


@pytest.fixture(scope="module", params=list(SIZES))
def sized(request, browser):
    w, h = SIZES[request.param]
    ctx = open_context(browser, viewport={"width": w, "height": h})
    page = ctx.new_page()
    page.size = request.param
    yield page
    ctx.close()


# -- every screen ----------------------------------------------------------------------------
OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth, bad = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= vw + 1 || el.closest('details:not([open])')) continue;
    let p = el.parentElement, boxed = false;
    for (; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') { boxed = true; break; }
    if (!boxed) bad.push(el.tagName + '.' + el.className + ' ends at ' + Math.round(r.right));
  }
  const wraps = [...document.querySelectorAll('.cb-table-wrap')].filter(w => w.querySelector('.cb-explore, .cb-outcomes'))
    .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.getAttribute('aria-label') + ' scrolls sideways');
  return {page: document.documentElement.scrollWidth - vw, bad: bad.slice(0, 5).concat(wraps)};
}"""


def test_every_page_kind_fits_the_screen(sized, site_dir, base_url):
    problems = {}
    for kind, path in kinds(site_dir).items():
        sized.goto(base_url + path)
        sized.wait_for_load_state("load")
        got = sized.evaluate(OVERFLOW)
        if got["page"] > 0 or got["bad"]:
            problems[kind] = got
    assert {"home", "case", "explore", "glossary"} <= set(kinds(site_dir))
    assert not problems, f"{sized.size}: content cut off or sideways scrolling: {problems}"
    assert not sized.rec.problems(), sized.rec.problems()


def test_explore_shows_every_column_on_a_desktop(browser, base_url):
    for width, height in ((1280, 800), (1920, 1080)):
        ctx = open_context(browser, viewport={"width": width, "height": height})
        page = ctx.new_page()
        page.goto(base_url + "explore/")
        wrap = page.evaluate("() => { const w = document.querySelector('#cb-table').parentElement;"
                             " const last = document.querySelector('#cb-table thead th:last-child').getBoundingClientRect();"
                             " return [w.scrollWidth, w.clientWidth, last.right, window.innerWidth]; }")
        assert wrap[0] <= wrap[1] + 1 and wrap[2] <= wrap[3], f"{width}px: explore table cut off: {wrap}"
        ctx.close()


def phone(browser):
    ctx = open_context(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    return ctx, ctx.new_page()


def test_tables_stack_into_label_value_rows_on_a_phone(browser, base_url):
    ctx, page = phone(browser)
    for path, table in ((CASE, "table.cb-outcomes"), ("explore/", "table.cb-explore")):
        page.goto(base_url + path)
        cells = page.eval_on_selector_all(
            f"{table} tbody td",
            "tds => tds.map(td => [td.dataset.label || '', getComputedStyle(td).display,"
            " getComputedStyle(td, '::before').content])")
        assert cells, f"no cells in {table} on /{path}"
        for label, display, before in cells:
            assert label and display != "table-cell" and label in before, (path, label, display, before)
        box = page.locator(f"{table} thead").bounding_box()
        assert box and box["width"] <= 1 and box["height"] <= 1, f"{table}: header row still shown on a phone"
    ctx.close()


def test_filters_fold_behind_a_button_on_a_phone(browser, base_url, cases_data):
    ctx, page = phone(browser)
    page.goto(base_url + "explore/")
    button = page.locator("#cb-filters .cb-collapse-toggle")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert button.inner_text().strip() == "Filters"
    assert page.is_visible("#cb-count") and not page.is_visible("#cb-filters fieldset")
    top = page.evaluate("() => document.querySelector('#cb-table tbody tr').getBoundingClientRect().top")
    assert top < 844, f"first result {top}px down the page, below the first screen"
    button.click()
    assert page.is_visible("#cb-filters fieldset") and button.get_attribute("aria-expanded") == "true"
    benefit = cases_data[0]["benefits"][0]
    page.check(f'input[name="benefit"][value="{benefit}"]')
    page.select_option("#cb-sort", "newest")  # the order is not a filter
    page.wait_for_function("() => /\\(1 active\\)/.test(document.querySelector('.cb-collapse-toggle').textContent)")
    button.click()
    assert not page.is_visible("#cb-filters fieldset")
    assert "1 active" in button.inner_text()
    ctx.close()


def test_filter_button_is_hidden_on_a_desktop(page, base_url):
    page.goto(base_url + "explore/")
    page.wait_for_selector("#cb-filters:not([hidden])")
    assert not page.is_visible(".cb-collapse-toggle")
    assert page.is_visible('#cb-filters fieldset[data-cb-choice="benefit"]')


SCHEME = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", list(SCHEME))
@pytest.mark.parametrize("size", list(SIZES))
def test_no_axe_violation_on_any_page_kind(browser, site_dir, base_url, axe_source, scheme, size):
    w, h = SIZES[size]
    ctx = open_context(browser, viewport={"width": w, "height": h}, color_scheme=scheme)
    page = ctx.new_page()
    found = {}
    for kind, path in kinds(site_dir).items():
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        if "?" in path:  # a filtered listing or a comparison: wait for the data it fetches
            page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == SCHEME[scheme]
        violations = run_axe(page, axe_source)
        if violations:
            found[kind] = describe_violations(violations)
    ctx.close()
    assert not found, f"axe ({scheme}, {size}): " + "\n".join(f"{k}: {v}" for k, v in found.items())


# -- print -------------------------------------------------------------------------------------
def test_printing_opens_data_tables_and_shows_link_addresses(page, base_url):
    page.goto(base_url + CASE)
    assert page.locator("details").count(), "the case page has no folded data table"
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("() => [...document.querySelectorAll('.md-content details')].every(d => d.open)")
    after = page.evaluate("() => getComputedStyle(document.querySelector('.cb-sources a[href^=\"http\"]'), '::after').content")
    assert "http" in after, f"printed links show no address: {after!r}"
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert not page.evaluate("() => [...document.querySelectorAll('.md-content details')].some(d => d.open)")


def test_no_hover_instructions(site_dir):
    for path in ("index.html", "glossary/index.html"):
        text = re.sub(r"<[^>]+>", " ", (site_dir / path).read_text(encoding="utf-8"))
        assert not re.search(r"\bhover", text, re.I), f"{path} tells touch-screen readers to hover"
