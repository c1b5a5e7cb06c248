"""Nothing is lost on the way from cases/*.yaml to the real site: every case file becomes a
page, a JSON row, a CSV row, a card on each of its benefit pages, a row on the explore page and
a page in the search index."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

import sitekit
from sitekit import Page, article

CASE_FILES = sorted((sitekit.ROOT / "cases").glob("*.yaml"))
CASE_IDS = [p.stem for p in CASE_FILES]


def _benefits(case_id: str) -> list[str]:
    data = yaml.safe_load((sitekit.ROOT / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8"))
    return list(data["benefits"])


@pytest.fixture(scope="module")
def site(real_build):
    """Everything the checks read, parsed once."""
    s = real_build.site
    json_rows = json.loads((s / "data" / "cases.json").read_text(encoding="utf-8"))
    csv_rows = list(csv.DictReader(io.StringIO((s / "data" / "cases.csv").read_text(encoding="utf-8-sig"), newline="")))
    docs = sitekit.search_records(s)
    benefit_cards = {}
    for page_dir in sorted((s / "benefits").iterdir()):
        if (page_dir / "index.html").is_file():
            url = f"benefits/{page_dir.name}/"
            page = Page(article((page_dir / "index.html").read_text(encoding="utf-8")))
            benefit_cards[page_dir.name] = set(page.hrefs(url, within=".cb-cards"))
    explore = set(Page((s / "explore" / "index.html").read_text(encoding="utf-8")).hrefs("explore/"))
    return {
        "json": json_rows,
        "csv": csv_rows,
        "locations": [d["url"].lstrip("/") for d in docs],
        "benefit_cards": benefit_cards,
        "explore": explore,
    }


def test_there_are_cases():
    assert len(CASE_IDS) >= 5


def test_counts_match(real_build, site):
    assert site["json"]["count"] == len(CASE_IDS) == len(site["json"]["cases"])
    assert len(site["csv"]) == len(CASE_IDS)
    assert f"casebook: {len(CASE_IDS)} cases" in real_build.output


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_is_everywhere(real_build, site, case_id):
    lost = []
    page = real_build.site / "cases" / case_id / "index.html"
    if not page.is_file():
        lost.append(f"page cases/{case_id}/")
    if [r["id"] for r in site["json"]["cases"]].count(case_id) != 1:
        lost.append("exactly one row in data/cases.json")
    if [r["id"] for r in site["csv"]].count(case_id) != 1:
        lost.append("exactly one row in data/cases.csv")
    for b in _benefits(case_id):
        if f"cases/{case_id}/" not in site["benefit_cards"].get(b, set()):
            lost.append(f"a card on benefits/{b}/")
    if not any(loc.startswith(f"cases/{case_id}/") for loc in site["locations"]):
        lost.append("a page in the search index (pagefind/)")
    if f"cases/{case_id}/" not in site["explore"]:
        lost.append("a row on explore/")
    assert lost == [], f"{case_id} is missing: {', '.join(lost)}"


def test_no_case_appears_that_has_no_file(site):
    assert sorted(r["id"] for r in site["json"]["cases"]) == CASE_IDS
    assert sorted(r["id"] for r in site["csv"]) == CASE_IDS
