"""Material's search finds cases by acronym, place and phrase, best match first."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browserkit import search

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
