"""Helpers shared by the browser tests (imported as ``browserkit``: pytest puts this folder on
``sys.path`` because ``tests/`` has no ``__init__.py``).

The expected results of the /explore/ filters are computed here from ``/data/cases.json``,
independently of ``explore.js``, so a test never hard-codes a number.
"""

from __future__ import annotations

import time
from collections import Counter
from urllib.parse import parse_qs, urlsplit

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# -- /explore/ ----------------------------------------------------------------------------
def matches(case: dict, f: dict) -> bool:
    """Does ``case`` (a record from cases.json) pass the filters ``f``? The keys are the
    form's names: benefit (list), match (any|all), sector, governance, country, evidence,
    from, to (ints)."""
    benefits = set(case.get("benefits") or [])
    chosen = f.get("benefit") or []
    if chosen:
        test = all if f.get("match") == "all" else any
        if not test(b in benefits for b in chosen):
            return False
    if f.get("sector") and f["sector"] not in (case.get("sectors") or []):
        return False
    if f.get("governance") and f["governance"] != (case.get("governance") or "not-stated"):
        return False
    if f.get("country") and f["country"] != case.get("country"):
        return False
    if f.get("evidence") and f["evidence"] != (case.get("evidence") or "self-reported"):
        return False
    lo, hi = f.get("from"), f.get("to")
    if lo is not None or hi is not None:
        year = case.get("established")
        if not isinstance(year, int):
            return False
        if lo is not None and year < lo:
            return False
        if hi is not None and year > hi:
            return False
    return True


def expected_ids(cases: list[dict], **f) -> set[str]:
    return {c["id"] for c in cases if matches(c, f)}


def selective(cases: list[dict], values: Counter) -> str:
    """The value that narrows the list most usefully: kept by some cases but not all (the most
    common such value, ties by name), so the count visibly changes."""
    total = len(cases)
    usable = sorted((v for v, n in values.items() if 0 < n < total), key=lambda v: (-values[v], v))
    assert usable, f"no value filters the {total} cases: {dict(values)}"
    return usable[0]


def benefit_pair(cases: list[dict]) -> list[str]:
    """Two benefits for which "any" and "all" give different, non-empty, partial results."""
    names = sorted({b for c in cases for b in c["benefits"]})
    best = None
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            n_any = len(expected_ids(cases, benefit=[a, b], match="any"))
            n_all = len(expected_ids(cases, benefit=[a, b], match="all"))
            if 0 < n_all < n_any < len(cases):
                score = (n_all, -n_any)
                if best is None or score > best[0]:
                    best = (score, [a, b])
    assert best, "no pair of benefits where 'all' and 'any' differ"
    return best[1]


def year_range(cases: list[dict]) -> tuple[int, int]:
    """A from/to range that keeps some dated cases and drops others."""
    years = sorted(c["established"] for c in cases if isinstance(c.get("established"), int))
    assert len(set(years)) >= 3, "too few distinct years to test a range"
    distinct = sorted(set(years))
    return distinct[1], distinct[-2]


def open_explore(page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "explore/" + query)
    page.wait_for_selector("#cb-filters:not([hidden])", state="visible")


def count_text(n: int, total: int) -> str:
    return f"{n} of {total} {'case' if total == 1 else 'cases'}"


def wait_count(page, n: int, total: int) -> None:
    """Wait for #cb-count to say "n of total cases" (the text box filters after a pause)."""
    want = count_text(n, total)
    try:
        page.wait_for_function(
            "want => (document.getElementById('cb-count') || {}).textContent === want", arg=want,
            timeout=5_000)
    except Exception:  # noqa: BLE001 - report what the page says instead of a timeout
        got = page.text_content("#cb-count")
        raise AssertionError(f"#cb-count says {got!r}, expected {want!r}") from None


def visible_ids(page) -> set[str]:
    """Ids of the cases whose rows are on screen (not hidden), from their links."""
    hrefs = page.eval_on_selector_all(
        "#cb-table tbody tr",
        "rows => rows.filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => r.querySelector('a').getAttribute('href'))")
    return {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def check_explore(page, cases: list[dict], **f) -> set[str]:
    """Assert the count and the visible rows are what the data says for filters ``f``."""
    want = expected_ids(cases, **f)
    wait_count(page, len(want), len(cases))
    shown = visible_ids(page)
    assert shown == want, (f"filters {f}: rows shown differ from the data: "
                           f"missing {sorted(want - shown)}, extra {sorted(shown - want)}")
    return want


# -- search -------------------------------------------------------------------------------
def search(page, query: str) -> list[str]:
    """Type ``query`` in Material's search box and return the result links once they settle."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.keyboard.type(query, delay=20)
    return settled_results(page)


def settled_results(page, timeout: float = 8.0) -> list[str]:
    page.wait_for_selector(".md-search-result__item", timeout=timeout * 1000)
    last, stable, deadline = None, 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                          "els => els.map(e => e.href)")
        stable = stable + 1 if hrefs == last and hrefs else 0
        if stable >= 2:
            return hrefs
        last = hrefs
        page.wait_for_timeout(150)
    raise AssertionError(f"search results did not settle: {last}")


# -- accessibility ------------------------------------------------------------------------
def run_axe(page, axe_source: str) -> list[dict]:
    """Inject axe-core (once per document) and return its violations for the WCAG 2.x A/AA tags."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async tags => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""", AXE_TAGS)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} node(s)] {v['helpUrl']}")
        for n in v["nodes"][:5]:
            summary = " ".join((n["summary"] or "").split())
            lines.append(f"    {n['target']}: {summary[:400]}\n      {n['html']}")
    return "\n".join(lines)
