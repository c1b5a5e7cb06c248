"""Build the sample project (tests/sample_project) and check the site contract of DESIGN.md
page by page: case pages, benefit pages, downloads, schema, search index; and that an invalid
case fails the build with a precise message and no traceback."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

import sitekit
from sitekit import Page, article, squash

SAMPLE_IDS = sorted(p.stem for p in (sitekit.SAMPLE / "cases").glob("*.yaml"))
#: Read with plain YAML, not through the loader or the enrichment the build uses.
RAW_TAXONOMY = yaml.safe_load(sitekit.REAL_TAXONOMY.read_text(encoding="utf-8"))
#: Sample cases with two or more comparable outcomes (see their YAML): the ones with a case chart.
CHARTED = {"harbour-integrated-system", "northfield-acute-alliance"}


def raw_case(case_id: str) -> dict:
    return yaml.safe_load((sitekit.SAMPLE / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8"))


def label(vocabulary: str, term: str) -> str:
    return RAW_TAXONOMY[vocabulary][term]["label"]


def test_sample_has_varied_cases(sample_corpus):
    """The sample keeps the variety the other tests rely on."""
    by_id = sample_corpus.by_id
    assert sorted(by_id) == SAMPLE_IDS
    assert any(len(c.get("outcomes") or []) >= 2 for c in by_id.values()), "a case with a chart"
    assert any(not c.get("outcomes") for c in by_id.values()), "a case without outcomes"
    assert any(c.get("related") for c in by_id.values()), "a case with a related link"


def test_sample_config_mirrors_real_config():
    """Same theme features, plugins and Markdown extensions as the real mkdocs.yml."""
    real = sitekit.load_mkdocs_yml(sitekit.ROOT / "mkdocs.yml")
    sample = sitekit.load_mkdocs_yml(sitekit.SAMPLE / "mkdocs.yml")
    assert sample["markdown_extensions"] == real["markdown_extensions"]
    assert sitekit.plugin_names(sample) == sitekit.plugin_names(real)
    assert "search" not in sitekit.plugin_names(real), "the search is Pagefind's, written by the casebook plugin"
    assert sample["theme"]["name"] == real["theme"]["name"]
    assert sample["theme"].get("features") == real["theme"].get("features")
    assert sample.get("use_directory_urls", True) == real.get("use_directory_urls", True)


def test_contract_paths_exist(sample_build):
    missing = [p for p in sitekit.CONTRACT_FILES if not (sample_build.site / p).is_file()]
    for cid in SAMPLE_IDS:
        if not (sample_build.site / "cases" / cid / "index.html").is_file():
            missing.append(f"cases/{cid}/index.html")
    for b in RAW_TAXONOMY["benefits"]:
        if not (sample_build.site / "benefits" / b / "index.html").is_file():
            missing.append(f"benefits/{b}/index.html")
    assert missing == []


@pytest.mark.parametrize("case_id", SAMPLE_IDS)
def test_case_page(sample_build, case_id):
    case = raw_case(case_id)
    url = f"cases/{case_id}/"
    raw = sample_build.read(url + "index.html")
    page = Page(article(raw))
    text = page.text()

    assert squash(case["name"]) in page.text("h1")
    assert squash(case["summary"]) in text

    facts = page.text(".cb-facts")
    assert label("countries", case["country"]) in facts
    for s in case["sectors"]:
        assert label("sectors", s) in facts
    assert label("governance", case.get("governance", "not-stated")) in facts
    if case.get("region"):
        assert squash(case["region"]) in facts
    if case.get("established"):
        assert str(case["established"]) in facts
    for m in case.get("members") or []:
        assert squash(m if isinstance(m, str) else m["name"]) in facts

    # Benefits as tags, each linking to its benefit page (../../benefits/<id>/).
    tags = page.find("a", within=".cb-facts", class_="cb-tag")
    assert [t.get("href") for t in tags] == [f"../../benefits/{b}/" for b in case["benefits"]]
    for b in case["benefits"]:
        assert label("benefits", b) in facts

    sources = page.text(".cb-sources")
    source_links = page.hrefs(url, within=".cb-sources")
    for s in case["sources"]:
        assert squash(s["title"]) in sources
        assert squash(s["publisher"]) in sources
        if s.get("url"):
            assert s["url"] in source_links

    for lesson in case.get("lessons") or []:
        assert squash(lesson) in text
    for o in case.get("outcomes") or []:
        assert squash(o["measure"]) in text

    for rel in case.get("related") or []:
        assert f"cases/{rel}/" in page.hrefs(url), f"no link to related case {rel}"


def test_chart_only_where_outcomes_compare(sample_build):
    for cid in SAMPLE_IDS:
        case = raw_case(cid)
        page = Page(article(sample_build.read(f"cases/{cid}/index.html")))
        imgs = [el.get("src") for el in page.find("img", within=".cb-chart")]
        if cid in CHARTED:
            assert imgs == [f"../../charts/case-{cid}.svg"], cid
            assert (sample_build.site / "charts" / f"case-{cid}.svg").is_file()
            assert page.find("table", within=".cb-chart-data"), "the chart's data as a table"
        else:
            assert imgs == [], cid
        if not case.get("outcomes"):
            assert "no measured results" in page.text()
    assert (sample_build.site / "charts" / "case-northfield-acute-alliance.svg").is_file()


@pytest.mark.parametrize("benefit", sitekit.load_mkdocs_yml(sitekit.REAL_TAXONOMY)["benefits"])
def test_benefit_page_lists_its_cases(sample_build, benefit):
    url = f"benefits/{benefit}/"
    page = Page(article(sample_build.read(url + "index.html")))
    expected = {f"cases/{cid}/" for cid in SAMPLE_IDS if benefit in raw_case(cid)["benefits"]}
    cards = {h for h in page.hrefs(url, within=".cb-cards") if h.startswith("cases/")}
    assert cards == expected
    assert label("benefits", benefit) in page.text("h1")


def test_cases_json(sample_build):
    data = json.loads(sample_build.read("data/cases.json"))
    assert data["count"] == len(SAMPLE_IDS)
    assert [row["id"] for row in data["cases"]] == SAMPLE_IDS
    for row in data["cases"]:
        assert row["url"] == f"cases/{row['id']}/"
        assert not any(k.startswith("_") for k in row), "internal fields stay out of the download"


def test_cases_csv(sample_build):
    rows = list(csv.DictReader(io.StringIO(sample_build.read("data/cases.csv"), newline="")))
    assert [r["id"] for r in rows] == SAMPLE_IDS
    names = {r["id"]: r["name"] for r in rows}
    assert names["northfield-acute-alliance"] == "Northfield Acute Alliance"


def test_search_index_has_every_case(sample_build):
    records = sample_build.search_records()
    urls = [r["url"] for r in records]
    missing = [cid for cid in SAMPLE_IDS if f"/cases/{cid}/" not in urls]
    assert missing == []
    # Acronyms are searchable: the short name is in the case's text, its facets are filters,
    # and its result line says where, when and how strong the evidence is.
    naa = next(r for r in records if r["url"] == "/cases/northfield-acute-alliance/")
    assert "NAA" in naa["content"]
    assert naa["filters"]["kind"] == ["Case"]
    assert set(naa["filters"]) == {"kind", "benefit", "sector", "country", "governance", "evidence"}
    assert "2018" in naa["meta"]["line"]
    # Tools and lists of other pages are not in the index; guides are, as guides.
    assert not [u for u in urls if u.startswith(("/explore/", "/outcomes/", "/compare/")) or u == "/cases/"]
    home = next(r for r in records if r["url"] == "/")
    assert home["filters"]["kind"] == ["Guide"]


def _words(record: dict) -> set[str]:
    return set(re.split(r"[\s,.;:()\[\]\"/]+", record["content"])) - {""}


def test_search_index_keeps_cell_words_apart(sample_build):
    # Table cells and key facts written without whitespace between them must not become
    # unfindable words such as "2019AchievedUnwarranted".
    naa = next(r for r in sample_build.search_records() if r["url"] == "/cases/northfield-acute-alliance/")
    words = _words(naa)
    for expected in ["Where", "Northfield", "Established", "2018", "Governance", "Provider",
                     "Expected", "2019", "2021", "Less", "NAA", "Efficiency",
                     "Cataract", "Evidence", "Sectors", "Acute"]:
        assert expected in words, expected
    glued = sorted(w for w in words if re.search(r"[a-z%)\]][A-Z]|[a-z][0-9]", w))
    assert glued == []


def test_search_index_leaves_out_related_cases_and_chart_tables(sample_build):
    records = sample_build.search_records()
    naa = next(r for r in records if r["url"] == "/cases/northfield-acute-alliance/")
    assert "Outcomes" in naa["content"] and "Sources" in naa["content"]
    # Another case's name under "Related cases" would make this page a hit for that case.
    assert "Related cases" not in naa["content"]
    assert "Riverside" not in naa["content"]
    # The chart's data table repeats the outcomes table.
    assert not any("Data for" in r["content"] for r in records)


def test_search_index_holds_generated_lists_once(sample_build):
    # The home page shows case cards and every case's lessons; the index keeps its own prose
    # but points at the case pages for the rest, so a search for a lesson finds the case.
    home = sample_build.read("index.html")
    lesson = "Agree one pathway that clinicians already care about"
    assert lesson in home and 'class="cb-cards' in home
    records = sample_build.search_records()
    holders = sorted(r["url"] for r in records if lesson in r["content"])
    assert holders == ["/cases/northfield-acute-alliance/"]
    home_text = next(r["content"] for r in records if r["url"] == "/")
    assert "Fictional collaboratives used by the test suite" in home_text
    assert "Three fictional acute trusts agreed shared clinical pathways" not in home_text


def test_explore_lists_every_case(sample_build):
    page = Page(sample_build.read("explore/index.html"))
    hrefs = set(page.hrefs("explore/"))
    assert {f"cases/{cid}/" for cid in SAMPLE_IDS} <= hrefs


def test_site_serves_the_committed_schema(sample_build):
    """The sample project uses the real taxonomy, so the site's schema is the committed file
    (which tests/test_schema.py checks against hand-written expectations)."""
    built = sample_build.read("schema/case.schema.json")
    schema = json.loads(built)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert built == (sitekit.ROOT / "cases" / "_data" / "case.schema.json").read_text(encoding="utf-8")


# -- invalid input fails the build -------------------------------------------------------------
BROKEN_VOCAB = """\
# yaml-language-server: $schema=../../../cases/_data/case.schema.json
id: broken-vocabulary
name: Broken Vocabulary Partnership
country: GB
sectors: [acute]
benefits: [workforce, faster-care]
summary: A case whose second benefit is not in the vocabulary.
sources:
  - title: A source
    publisher: A publisher
    url: https://example.org/source
last_reviewed: 2025-01-01
"""

BROKEN_YAML = """\
# yaml-language-server: $schema=../../../cases/_data/case.schema.json
id: broken-syntax
name: Broken Syntax Partnership
country: GB
sectors: [acute
benefits: [workforce]
"""


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("broken")
    project = sitekit.copy_sample(base)
    (project / "cases" / "broken-vocabulary.yaml").write_text(BROKEN_VOCAB, encoding="utf-8")
    (project / "cases" / "broken-syntax.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    return sitekit.run_build(project, base / "site")


def test_invalid_case_fails_the_build(broken_build):
    out = broken_build.output
    assert broken_build.returncode != 0, out
    # The unknown benefit, at its exact line and column (line 6, after 'benefits: [workforce, ').
    assert "cases/broken-vocabulary.yaml:6:23: error:" in out, out
    assert "faster-care" in out
    # One bad file never hides another.
    assert re.search(r"^ERROR +- +cases/broken-syntax\.yaml:\d+:\d+: error: YAML syntax error", out, re.M), out
    assert "Traceback" not in out, out
    # No partial site is published.
    assert not (broken_build.site / "index.html").exists()
    assert not (broken_build.site / "cases").exists()
