"""Outcome tables read as tables at every width: measured in Chromium, the way a reader meets them.

* No word in an outcome table is split across two lines at any width from 360 to 1,920 px
  (each word's rendered boxes are compared: one line each; a break right after a hyphen or a
  dash, as in "out-of-|area" or "2008–|2012", is a line break between words, not inside one).
* No outcome table scrolls sideways or runs past the page, and where the right-hand table of
  contents is shown it leaves the table enough room for that.
* On a phone every row is a card of "label: value" lines: each cell is a two-column grid whose
  only items are its label and one value box, and everything in the value (an abbreviation, a
  link, a footnote mark) sits inside that box, right of the label. Checked on every cell that
  holds an abbreviation, a link or a footnote, on every case page, a benefit page and /outcomes/.
"""

from __future__ import annotations

import json

import pytest

from browserkit import BENEFIT, CASE, open_context

pytestmark = pytest.mark.browser

WIDTHS = (360, 390, 600, 768, 1024, 1240, 1280, 1440, 1920)

#: Every word of every outcome table on the page whose boxes sit on more than one line.
SPLIT_WORDS = r"""() => {
  const split = [];
  const tables = [...document.querySelectorAll('table.cb-outcomes')];
  for (const table of tables) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('tr[hidden], thead, .cb-punct') || !el.getClientRects().length) continue;
      const text = node.textContent;
      for (const m of text.matchAll(/\S+/g)) {
        // A break after a hyphen, a dash or a slash ("out-of-|area", "2008–|2012") is between the
        // parts of a compound, where the Unicode line-breaking rules allow one, not inside a word.
        let start = m.index;
        for (const part of m[0].split(/(?<=[-\u2010\u2013\u2014\/])/)) {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + part.length);
          start += part.length;
          const tops = new Set([...range.getClientRects()].filter(r => r.width > 0.5)
            .map(r => Math.round(r.top)));
          if (tops.size > 1) split.push(part + ' (in ' + el.closest('td, th').textContent.trim().slice(0, 60) + ')');
        }
      }
    }
  }
  return {tables: tables.length, split: split.slice(0, 8), count: split.length};
}"""

FITS = r"""() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  for (const wrap of document.querySelectorAll('.cb-table-wrap')) {
    if (!wrap.querySelector('table.cb-outcomes')) continue;
    const t = wrap.querySelector('table.cb-outcomes').getBoundingClientRect();
    if (wrap.scrollWidth > wrap.clientWidth + 1) out.push('scrolls sideways by ' + (wrap.scrollWidth - wrap.clientWidth));
    if (t.right > vw + 1) out.push('ends at ' + Math.round(t.right) + ' of ' + vw);
    const toc = document.querySelector('.md-sidebar--secondary');
    if (toc && toc.offsetParent && getComputedStyle(toc).visibility !== 'hidden') {
      const r = toc.getBoundingClientRect();
      if (r.width && r.left < t.right - 1) out.push('table of contents overlaps the table');
    }
  }
  return out;
}"""


def _pages(site_dir) -> list[str]:
    cases = json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    with_outcomes = sorted(c["id"] for c in cases if c.get("outcomes"))
    return [f"cases/{cid}/" for cid in with_outcomes]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_breaks_in_the_middle(browser, base_url, width):
    ctx = open_context(browser, viewport={"width": width, "height": 900})
    page = ctx.new_page()
    problems = {}
    for path in (CASE, BENEFIT, "benefits/workforce/", "sectors/mental-health/", "outcomes/"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        got = page.evaluate(SPLIT_WORDS)
        assert got["tables"], f"/{path}: no outcome table"
        fits = page.evaluate(FITS)
        if got["count"] or fits:
            problems[path] = {"split words": got["split"], "n": got["count"], "layout": fits}
    ctx.close()
    assert not problems, f"{width}px: {problems}"


def test_every_case_page_keeps_its_words_whole(browser, base_url, site_dir):
    """Every case page with outcomes, at the narrowest phone and the desktop width where the
    table of contents first appears beside the table (the tightest two)."""
    problems = {}
    for width in (360, 1240):
        ctx = open_context(browser, viewport={"width": width, "height": 900})
        page = ctx.new_page()
        for path in _pages(site_dir):
            page.goto(base_url + path)
            got = page.evaluate(SPLIT_WORDS)
            fits = page.evaluate(FITS)
            if got["count"] or fits:
                problems[f"{width}px /{path}"] = (got["split"], fits)
        ctx.close()
    assert not problems, problems


#: Every outcome-table cell holding an abbreviation, a link or a footnote mark, and whether
#: it is laid out as one label beside one value.
CARDS = r"""() => {
  const cells = [...document.querySelectorAll('table.cb-outcomes tbody tr:not([hidden]) > :is(td, th)')];
  const checked = [], bad = [];
  for (const cell of cells) {
    const inline = cell.querySelectorAll('abbr, a, sup');
    if (!inline.length) continue;
    const style = getComputedStyle(cell);
    const label = getComputedStyle(cell, '::before').content;
    const kids = [...cell.childNodes].filter(n => n.nodeType === 1 || n.textContent.trim());
    const what = (cell.dataset.label || '?') + ': ' + cell.textContent.trim().slice(0, 50);
    checked.push(what);
    if (style.display !== 'grid') { bad.push(what + ' (display ' + style.display + ')'); continue; }
    if (!label || label === 'none' || !label.includes(cell.dataset.label)) bad.push(what + ' (label ' + label + ')');
    if (kids.length !== 1 || kids[0].nodeType !== 1) { bad.push(what + ' (' + kids.length + ' grid items besides the label)'); continue; }
    const box = kids[0].getBoundingClientRect();
    const cellBox = cell.getBoundingClientRect();
    // The value box is the second grid column: right of the label, on the label's first line.
    if (box.left < cellBox.left + 40) bad.push(what + ' (value not beside its label)');
    for (const el of inline) {
      for (const r of el.getClientRects()) {
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
          bad.push(what + ' (' + el.tagName + ' "' + el.textContent.trim() + '" outside the value)');
        }
      }
    }
  }
  return {checked: checked.length, bad: bad.slice(0, 10), nbad: bad.length};
}"""


def test_phone_cards_keep_one_label_and_one_value(browser, base_url, site_dir):
    ctx = open_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    total, problems = 0, {}
    for path in [*_pages(site_dir), BENEFIT, "outcomes/"]:
        page.goto(base_url + path)
        got = page.evaluate(CARDS)
        total += got["checked"]
        if got["nbad"]:
            problems[path] = got["bad"]
    ctx.close()
    assert total > 100, f"only {total} cells with an abbreviation, link or footnote were found to check"
    assert not problems, problems


def test_benefit_page_has_no_benefit_column(page, base_url):
    page.goto(base_url + BENEFIT)
    heads = page.eval_on_selector_all("table.cb-outcomes thead th", "ths => ths.map(t => t.textContent.trim())")
    assert heads[:1] == ["Case"] and "Measure" in heads and "Result" in heads, heads
    assert "Benefit" not in heads, f"a benefit's own page repeats its benefit in a column: {heads}"
