"""Material's search finds cases by acronym, place and phrase, best match first."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browserkit import ROOT, search

pytestmark = pytest.mark.browser

#: query -> the case page that must be the first result
FIRST = {
    "WYAAT": "/cases/wyaat/",
    "CMAST": "/cases/cmast/",
    "Kaiser": "/cases/kaiser-permanente/",
    "Canterbury": "/cases/canterbury-dhb/",
}


def _out_of_area_cases() -> set[str]:
    """Case pages whose records report an out-of-area placements result (read from the YAML)."""
    paths = set()
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if any(o.get("indicator") == "out-of-area-placements" for o in record.get("outcomes") or []):
            paths.add(f"/cases/{record['id']}/")
    return paths


def _wrong_first_results(page, expected: dict[str, str]) -> dict:
    """Search for each query in turn; map each query whose first result is not its expected
    page to what came first instead (or why nothing did), so one run reports every miss."""
    wrong = {}
    for query, path in expected.items():
        try:
            results = search(page, query)
        except AssertionError as exc:  # results never settled
            wrong[query] = str(exc)
        except PlaywrightTimeout:
            wrong[query] = "no results"
        else:
            if urlsplit(results[0]).path != path:
                wrong[query] = [urlsplit(r).path for r in results[:5]]
        page.keyboard.press("Escape")
    return wrong


def test_search_puts_the_expected_case_first(page, base_url):
    page.goto(base_url)
    wrong = _wrong_first_results(page, FIRST)
    assert not wrong, f"first search result is not the expected case: {wrong}"
    assert not page.rec.problems(), page.rec.problems()


def test_out_of_area_finds_a_case_that_reduced_out_of_area_placements(page, base_url):
    """The ICB lead's question: the first hit for "out of area" reports such a result."""
    expected = _out_of_area_cases()
    assert len(expected) >= 2
    page.goto(base_url)
    results = search(page, "out of area")
    assert urlsplit(results[0]).path in expected, [urlsplit(r).path for r in results[:5]]


def _short_names() -> dict[str, str]:
    names = {}
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record.get("short_name"):
            names[str(record["short_name"])] = f"/cases/{record['id']}/"
    return names


def test_every_short_name_finds_its_case_first(page, base_url):
    # Read from the records, so a case added later is held to the same promise.
    names = _short_names()
    assert len(names) >= 10
    page.goto(base_url)
    wrong = _wrong_first_results(page, names)
    assert not wrong, f"first search result is not the case with that short name: {wrong}"
