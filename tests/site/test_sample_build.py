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
    search_options = [[p for p in c["plugins"] if isinstance(p, dict) and "search" in p] for c in (sample, real)]
    assert search_options[0] == search_options[1] != []
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
    docs = json.loads(sample_build.read("search/search_index.json"))["docs"]
    locations = [d["location"] for d in docs]
    missing = [cid for cid in SAMPLE_IDS if not any(loc.startswith(f"cases/{cid}/") for loc in locations)]
    assert missing == []
    # Acronyms are searchable: the short name is in the case's entry.
    naa = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("cases/northfield-acute-alliance/"))
    assert "NAA" in naa


def _index_words(index: dict, case_id: str) -> set[str]:
    """The words Material's search finds in a case's entries, split with the index's own
    separator (as its lunr tokenizer does)."""
    text = " ".join(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"])
                    for d in index["docs"] if d["location"].startswith(f"cases/{case_id}/"))
    return {w for w in re.split(index["config"]["separator"], text) if w}


def test_search_index_keeps_cell_words_apart(sample_build):
    # Material joins the text of adjacent elements; table cells and key facts written without
    # whitespace between them became unfindable words such as "2019AchievedUnwarranted".
    words = _index_words(json.loads(sample_build.read("search/search_index.json")), "northfield-acute-alliance")
    for expected in ["Where", "Northfield", "Established", "2018", "Governance", "Provider",
                     "Expected", "2019", "2021", "Less", "NAA", "Efficiency",
                     "Cataract", "Evidence", "Sectors", "Acute"]:
        assert expected in words, expected
    glued = sorted(w for w in words if re.search(r"[a-z%)\]][A-Z]|[a-z][0-9]", w))
    assert glued == []


def test_search_index_leaves_out_related_cases_and_chart_tables(sample_build):
    docs = json.loads(sample_build.read("search/search_index.json"))["docs"]
    case_docs = [d for d in docs if d["location"].startswith("cases/northfield-acute-alliance/")]
    assert "cases/northfield-acute-alliance/#outcomes" in [d["location"] for d in case_docs]
    assert "cases/northfield-acute-alliance/#sources" in [d["location"] for d in case_docs]
    # Another case's name under "Related cases" would make this page a hit for that case.
    assert not any(d["location"].endswith("#related-cases") for d in case_docs)
    assert not any("Riverside" in d["text"] for d in case_docs)
    # The chart's data table repeats the outcomes table.
    assert not any("Data for" in d["text"] for d in docs)


def test_search_index_holds_generated_lists_once(sample_build):
    # The home page shows case cards and every case's lessons; the index keeps its own prose
    # but points at the case pages for the rest, so a search for a lesson finds the case.
    home = sample_build.read("index.html")
    lesson = "Agree one pathway that clinicians already care about"
    assert lesson in home and 'class="cb-cards' in home
    docs = json.loads(sample_build.read("search/search_index.json"))["docs"]
    holders = sorted({d["location"].split("#")[0] for d in docs if lesson in d["text"]})
    assert holders == ["cases/northfield-acute-alliance/"]
    home_text = " ".join(d["text"] for d in docs if not d["location"].split("#")[0])
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
