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
    "out of area": "/cases/south-london-partnership/",
}


def test_search_puts_the_expected_case_first(page, base_url):
    page.goto(base_url)
    wrong = {}
    for query, path in FIRST.items():
        results = search(page, query)
        first = urlsplit(results[0]).path
        if first != path:
            wrong[query] = [urlsplit(r).path for r in results[:5]]
        page.keyboard.press("Escape")
    assert not wrong, f"first search result is not the expected case: {wrong}"
    assert not page.rec.problems(), page.rec.problems()


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
    wrong = {}
    for query, path in names.items():
        try:
            results = search(page, query)
        except AssertionError as exc:  # no result at all: report it with the others
            wrong[query] = str(exc)
            results = []
        except PlaywrightTimeout:
            wrong[query] = "no results"
            results = []
        if results and urlsplit(results[0]).path != path:
            wrong[query] = [urlsplit(r).path for r in results[:5]]
        page.keyboard.press("Escape")
    assert not wrong, f"first search result is not the case with that short name: {wrong}"
