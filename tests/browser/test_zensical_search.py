"""Zensical builds the folder ``casebook export-docs`` writes; ``casebook index`` gives that site
the plugin build's Pagefind search, and the same queries find the same pages in Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import browserkit as kit

pytestmark = pytest.mark.browser

#: What readers type: acronyms, an alias, a glossary abbreviation, a phrase, a facet, a word form,
#: a name without its accents and a typo.
QUERIES = ["WYAAT", "CDHB", "Northants", "bank staff", "lead provider", "agency", "Jonkoping", "Canterbry"]


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("zensical") / "export"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": kit.SOURCE_DATE_EPOCH}
    for cmd in ([sys.executable, "-m", "casebook", "export-docs", str(out)],
                [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(out / "mkdocs.yml")],
                [sys.executable, "-m", "casebook", "index", str(out / "site")]):
        proc = subprocess.run(cmd, cwd=kit.ROOT, env=env, capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}"
    assert (out / "site" / "pagefind" / "pagefind.js").is_file()
    server, url = kit.serve(out / "site")
    yield url
    server.shutdown()
    server.server_close()


def _short_names() -> dict[str, str]:
    names = {}
    for path in sorted((kit.ROOT / "cases").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and record.get("short_name"):
            names[str(record["short_name"])] = f"/cases/{record['id']}/"
    return names


def _top(page, query: str, n: int = 5) -> list[str]:
    try:
        results = kit.search(page, query)
    except (AssertionError, PlaywrightTimeout) as exc:
        return [f"no results ({type(exc).__name__})"]
    finally:
        page.keyboard.press("Escape")
    return [urlsplit(r).path for r in results[:n]]


def test_every_acronym_finds_its_case_first_in_the_zensical_build(context, zensical_url):
    names = _short_names()
    assert len(names) >= 10
    page = context.new_page()
    page.goto(zensical_url)
    wrong = {q: got for q, path in names.items() if (got := _top(page, q, 3))[0] != path}
    assert not wrong, f"Zensical build: first result is not the case with that short name: {wrong}"
    assert not page.rec.problems(), page.rec.problems()


def test_zensical_build_gives_the_plugin_builds_results(context, zensical_url, base_url):
    plugin, zensical = context.new_page(), context.new_page()
    plugin.goto(base_url)
    zensical.goto(zensical_url)
    different = {}
    for query in QUERIES:
        a, b = _top(plugin, query), _top(zensical, query)
        if a != b:
            different[query] = {"plugin": a, "zensical": b}
    assert not different, f"the two builds answer differently: {different}"
