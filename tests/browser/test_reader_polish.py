"""Issue 20, the reader's pages made exact (the parts outside the outcome tables): citations
that copy and keep their capitals, a case page that opens with its name, headings that keep
their words whole on a phone, cards that say what a case claims and how well it is evidenced,
a four-case comparison that fits a phone, and plain words where editorial ones were.
Expectations come from the case records and the published data, never from the page code."""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.request
from pathlib import Path

import pytest

from browserkit import CASE, open_context

pytestmark = pytest.mark.browser

CITED = "cases/wyaat/"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read().decode("utf-8")


def case_of(cases_data, cid):
    return next(c for c in cases_data if c["id"] == cid)


# -- 8. citations ------------------------------------------------------------------------------
def test_bibtex_file_keeps_capitals_and_names_the_short_name(base_url, cases_data):
    for case in cases_data:
        bib = fetch(f"{base_url}cite/{case['id']}.bib")
        title = re.search(r"^\s*title = \{(.*)\},?$", bib, re.M)
        assert title and title.group(1).startswith("{") and title.group(1).endswith("}"), \
            f"{case['id']}: title not protected by an inner pair of braces: {bib}"
        if case.get("short_name"):
            assert re.search(r"^\s*shorttitle = \{\{.+\}\},?$", bib, re.M), f"{case['id']}: no shorttitle"


def test_copy_buttons_copy_each_citation_format(browser, base_url, cases_data):
    ctx = open_context(browser)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = ctx.new_page()
    page.goto(base_url + CITED)
    case = case_of(cases_data, "wyaat")
    buttons = page.locator(".cb-cite button.cb-copy")
    assert buttons.count() == 3, "one Copy button per format: citation, BibTeX, RIS"
    today = dt.date.today().isoformat()
    copied = {}
    for i in range(buttons.count()):
        button = buttons.nth(i)
        details = button.locator("xpath=ancestor::details[1]")
        if details.count():
            details.locator("summary").click()
        assert button.is_visible() and button.inner_text().strip() == "Copy"
        name = button.get_attribute("aria-label") or ""
        assert name.startswith("Copy "), f"accessible name {name!r} does not start with its visible text"
        page.evaluate("() => { document.querySelector('.cb-copy-status').textContent = ''; }")
        button.click()
        page.wait_for_function("() => document.querySelector('.cb-copy-status').textContent.includes('Copied')")
        copied[name] = page.evaluate("() => navigator.clipboard.readText()")
    bib = copied["Copy BibTeX"]
    assert f"title = {{{{{case['name']}}}}}" in bib and f"shorttitle = {{{{{case['short_name']}}}}}" in bib, bib
    assert f"urldate = {{{today}}}" in bib, f"the copied BibTeX has no urldate of today: {bib}"
    assert bib.count("{") == bib.count("}") and bib.strip().startswith("@misc{")
    ris = copied["Copy RIS"].strip().splitlines()
    assert ris[0].startswith("TY  - ") and ris[-1].startswith("ER  -")
    assert case["name"] in copied["Copy the suggested citation"]
    assert not page.rec.problems(), page.rec.problems()
    ctx.close()


def test_without_javascript_nothing_broken_is_offered(browser, base_url):
    ctx = open_context(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + CITED)
    assert page.locator(".cb-cite button.cb-copy").count() == 3
    assert not any(page.locator(".cb-cite button.cb-copy").nth(i).is_visible() for i in range(3)), \
        "a Copy button that cannot work is shown"
    page.locator("details.cb-cite-format summary").first.click()
    text = page.inner_text("pre.cb-cite-bib")
    assert "title = {{" in text and "urldate" not in text, "no empty access date without the script"
    ctx.close()


# -- 9. phone polish ---------------------------------------------------------------------------
def phone(browser):
    ctx = open_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    return ctx, ctx.new_page()


def test_case_page_opens_with_its_name_not_its_tags(browser, base_url, cases_data):
    ctx, page = phone(browser)
    for case in cases_data:
        page.goto(f"{base_url}cases/{case['id']}/")
        h1 = page.locator("article h1").first.bounding_box()
        assert h1 and h1["y"] < 160, f"{case['id']}: the title starts {h1} px down the first screen"
        before = page.evaluate("""() => {
            const h1 = document.querySelector('article h1');
            return [...document.querySelectorAll('article .md-tag, article .cb-tag')]
              .filter(t => t.getClientRects().length && (t.compareDocumentPosition(h1) & 4))
              .map(t => t.textContent.trim());
        }""")
        assert not before, f"{case['id']}: tag chips shown above the title: {before}"
        chips = page.eval_on_selector_all(".cb-facts a.cb-tag", "as => as.map(a => new URL(a.href).pathname)")
        assert sorted(chips) == sorted(f"/benefits/{b}/" for b in case["benefits"]), \
            f"{case['id']}: the key facts' benefit chips {chips} do not lead to its benefits' pages"
    ctx.close()


WHOLE_WORDS = r"""sel => {
  const split = [];
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[^\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0.5).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("width", [320, 360, 390])
def test_home_table_headings_keep_their_words(browser, base_url, width):
    ctx = open_context(browser, viewport={"width": width, "height": 800})
    page = ctx.new_page()
    page.goto(base_url)
    assert page.locator("article table:not([class]) th").count() >= 4
    split = page.evaluate(WHOLE_WORDS, "article table:not([class]) th")
    assert not split, f"{width}px: headings broken inside a word: {split}"
    ctx.close()


# -- 12. cards and compare -----------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold()


def test_case_cards_show_benefits_and_evidence(page, base_url, cases_data):
    page.goto(base_url + "cases/")
    cards = page.eval_on_selector_all(
        ".cb-card", "cs => cs.map(c => [c.querySelector('h3 a').getAttribute('href'), c.innerText])")
    # /cases/ is paged (listings): page 1 holds the first cases, up to the page size.
    assert cards and len(cards) == min(len(cases_data), len(cards)) and len({h for h, _ in cards}) == len(cards)
    by_id = {c["id"]: c for c in cases_data}
    for href, text in cards:
        case = by_id[href.rstrip("/").split("/")[-1]]
        facts = _norm(text.split("Benefits:", 1)[-1]) if "Benefits:" in text else ""
        assert facts, f"{case['id']}: card names no benefits"
        for b in case["benefits"]:  # ids and labels share their words ("health-inequalities", "Fewer health inequalities")
            assert _norm(b)[:10] in facts, f"{case['id']}: benefit {b} missing"
        assert "evidence:" in facts and _norm(case["evidence"]) in facts, \
            f"{case['id']}: evidence level {case['evidence']} missing from {text!r}"


def test_four_cases_compare_without_scrolling_sideways(browser, base_url, cases_data):
    ids = [c["id"] for c in cases_data[:4]]
    ctx, page = phone(browser)
    page.goto(f"{base_url}compare/?cases={','.join(ids)}")
    page.wait_for_selector("table.cb-compare-table tbody td")
    got = page.evaluate("""() => {
        const vw = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > vw) out.push('page ' + document.documentElement.scrollWidth);
        for (const el of document.querySelectorAll('.md-content *')) {
            if (el.closest('thead')) continue;  // the column heads are kept for screen readers, off screen
            if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
                && el.closest('.cb-compare-page')) out.push(el.tagName + '.' + el.className + ' scrolls');
            const r = el.getBoundingClientRect();
            if (r.width && r.right > vw + 1) out.push(el.tagName + ' ends at ' + Math.round(r.right));
        }
        return out.slice(0, 8);
    }""")
    assert not got, f"a four-case comparison scrolls sideways on a phone: {got}"
    labels = set(page.eval_on_selector_all("table.cb-compare-table tbody td", "tds => tds.map(td => td.dataset.label)"))
    names = {c.get("short_name") or c["name"] for c in cases_data[:4]}
    assert labels == names, f"each value names its case: {labels} vs {names}"
    ctx.close()


# -- 10. plain words ---------------------------------------------------------------------------
EDITORIAL = ("no indicator yet", "not classified yet", "search terms", "taxonomy.yaml", "untitled",
             "title not given", "title not shown", "pages tagged", "copy we hold")


def test_readers_see_no_editorial_words(site_dir):
    """Every page a reader reads (the contributor guide, which is for editors, aside)."""
    found = {}
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(("contributing/", "contribute/")):
            continue
        text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ",
                                                              path.read_text(encoding="utf-8"), flags=re.S)))
        low = " ".join(text.split()).casefold()
        hits = [w for w in EDITORIAL if w in low]
        if hits:
            found[rel] = hits
    assert not found, f"editorial words shown to readers: {dict(list(found.items())[:10])}"


def test_benefit_page_lists_each_case_once(page, base_url):
    page.goto(base_url + "benefits/workforce/")
    links = page.eval_on_selector_all(
        "article .cb-cards h3 a, article ul a[href*='/cases/']", "as => as.map(a => new URL(a.href).pathname)")
    assert links and len(links) == len(set(links)), "a case is listed twice on its benefit's page"
    assert not page.locator("article h2", has_text="Pages tagged").count()


def test_case_page_abbreviation_row_reads_plainly(page, base_url):
    page.goto(base_url + CASE)
    facts = page.inner_text("dl.cb-facts")
    assert "Search terms" not in facts


def test_bibtex_download_carries_the_readers_access_date(page, base_url):
    page.goto(base_url + CITED)
    with page.expect_download() as info:
        page.click('.cb-cite a[href$="wyaat.bib"]')
    download = info.value
    assert download.suggested_filename == "wyaat.bib"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert f"urldate = {{{dt.date.today().isoformat()}}}" in text and text.count("{") == text.count("}"), text
    assert not page.rec.problems(), page.rec.problems()
