"""This round's vocabulary on the pages, charts and downloads: evidence levels that belong to
sources, changes in percentage points, statuses that are not achieved, archived copies.

Two hand-written cases (below) are validated and rendered as the build does; every expectation
is written from the records by hand, not computed by the code under test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from casebook.charts import plan
from casebook.records.validate import validate_files
from casebook.site.enrich import enrich
from casebook.site.exports import datapackage, outcomes_csv, outcomes_json
from casebook.site.outcomes import render_outcomes
from casebook.site.render import SiteRenderer
from casebook.site.text import outcome_result

MIXED = """\
id: mixed-sources
name: Mixed Sources Partnership
country: GB
sectors: [acute]
benefits: [workforce, efficiency-and-scale]
summary: Two trusts share a bank.
outcomes:
  - measure: Agency shifts
    benefit: workforce
    change_percent: -20
    source: 1
  - measure: Fill rate
    benefit: workforce
    change_points: 7
    source: 2
  - measure: Vacancy rate
    benefit: workforce
    change_points: -3
    qualifier: up-to
    source: 2
  - measure: Glove savings
    benefit: efficiency-and-scale
    value: 0.4
    unit: GBP million
    status: forecast
    source: 3
  - measure: Money committed
    benefit: efficiency-and-scale
    value: 0.5
    unit: GBP million
    status: committed
    source: 3
  - measure: Elective activity
    benefit: efficiency-and-scale
    change_percent: 4.9
    status: target
    source: 1
  - measure: Bank hours
    benefit: workforce
    change_percent: 12
sources:
  - title: Conference slides
    publisher: A conference
    url: https://example.org/slides
    undated: true
    evidence: self-reported
  - title: A journal article
    publisher: A journal
    url: https://example.org/article
    published: 2023
    evidence: peer-reviewed
    archived_url: https://web.archive.org/web/2024/https://example.org/article
  - title: A supplier note
    publisher: A supplier
    url: https://example.org/note
    published: 2022-05
last_reviewed: 2024-01-01
added: 2024-01-01
"""

OTHER = """\
id: other-case
name: Other Case
country: DK
sectors: [acute]
benefits: [workforce]
summary: A second case with a change in points.
evidence: independently-evaluated
outcomes:
  - measure: Fill rate
    benefit: workforce
    change_points: -2
    indicator: temporary-staffing
  - measure: Agency spend
    benefit: workforce
    change_percent: -10
    indicator: agency-spend
sources:
  - title: An evaluation
    publisher: Evaluators
    url: https://example.org/eval
    published: 2021
last_reviewed: 2024-01-01
added: 2024-01-01
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample_taxonomy):
    folder = tmp_path_factory.mktemp("vocab")
    paths = []
    for cid, text in (("mixed-sources", MIXED), ("other-case", OTHER)):
        path = folder / f"{cid}.yaml"
        path.write_text("# yaml-language-server: $schema=_data/case.schema.json\n" + text, encoding="utf-8")
        paths.append(str(path))
    result = validate_files(paths, sample_taxonomy, today=dt.date(2025, 6, 1))
    assert result.ok, [p.format() for p in result.errors]
    return enrich(result.cases, sample_taxonomy)


def _rows(corpus) -> list[dict]:
    return json.loads(outcomes_json(corpus.cases))["outcomes"]


# -- evidence belongs to sources ------------------------------------------------------------


def test_case_without_a_stated_level_takes_its_strongest_source(corpus):
    assert corpus.by_id["mixed-sources"]["evidence"] == "peer-reviewed"
    assert corpus.by_id["other-case"]["evidence"] == "independently-evaluated"  # stated, no source levels


def test_each_outcome_has_its_own_sources_level_in_the_downloads(corpus):
    levels = {r["outcome_id"]: r["evidence"] for r in _rows(corpus)}
    assert levels == {
        "mixed-sources-1": "self-reported",   # conference slides
        "mixed-sources-2": "peer-reviewed",   # the journal article
        "mixed-sources-3": "peer-reviewed",
        "mixed-sources-4": "peer-reviewed",   # source 3 gives no level: the case's
        "mixed-sources-5": "peer-reviewed",
        "mixed-sources-6": "self-reported",
        "mixed-sources-7": "peer-reviewed",   # names no source, case has three: the case's
        "other-case-1": "independently-evaluated",
        "other-case-2": "independently-evaluated",
    }
    table = list(csv.DictReader(io.StringIO(outcomes_csv(corpus.cases).lstrip("\ufeff"))))
    assert {r["outcome_id"]: r["evidence"] for r in table} == levels


def test_outcomes_page_filters_on_the_outcomes_own_level(corpus):
    page = render_outcomes(corpus.cases, corpus.taxonomy)["outcomes.md"]
    row = re.search(r'<tr id="o-mixed-sources-1" [^>]*>', page).group(0)
    assert 'data-evidence="self-reported"' in row
    row = re.search(r'<tr id="o-mixed-sources-2" [^>]*>', page).group(0)
    assert 'data-evidence="peer-reviewed"' in row
    select = re.search(r'<fieldset class="cb-choice[^"]*" data-cb-choice="evidence".*?</fieldset>', page).group(0)
    assert re.findall(r'<input type="checkbox" name="evidence" value="([a-z-]+)"', select) == \
        ["self-reported", "independently-evaluated", "peer-reviewed"]


def test_case_page_shows_each_results_level_and_explains_the_cases(corpus):
    renderer = SiteRenderer(corpus)
    page = renderer.case_page(corpus.by_id["mixed-sources"])
    assert "Peer reviewed, the strongest of its sources&#x27; levels; each result shows its own source&#x27;s" in page
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    agency = next(r for r in rows if "Agency shifts" in r)
    fill = next(r for r in rows if "Fill rate" in r)
    # The Evidence cell (outcome_table.py) names the row's own source's level.
    def evidence_cell(row: str) -> str:
        return re.sub(r"<[^>]+>", "", row.split('data-label="Evidence"', 1)[1])

    assert "Self-reported" in evidence_cell(agency) and "Peer reviewed" not in evidence_cell(agency)
    assert "Peer reviewed" in evidence_cell(fill) and "Self-reported" not in evidence_cell(fill)


def test_chart_tables_carry_each_outcomes_level(corpus):
    spec = plan(corpus).case("mixed-sources")
    assert spec is not None and "Evidence" in spec.headers
    col = spec.headers.index("Evidence")
    by_measure = {row[0]: row[col] for row in spec.rows}
    assert by_measure["Agency shifts"] == "Self-reported"
    assert by_measure["Bank hours"] == "Peer reviewed"


# -- percentage points ------------------------------------------------------------------------


def test_points_read_as_pp():
    assert outcome_result({"change_points": -7}) == "\u22127 pp"
    assert outcome_result({"change_points": 2.5}) == "+2.5 pp"
    assert outcome_result({"change_points": -3, "qualifier": "up-to"}) == "fall of up to 3 pp"
    assert outcome_result({"change_percent": 50, "qualifier": "up-to"}) == "rise of up to 50 %"


def test_points_in_the_downloads_and_data_package(corpus):
    rows = {r["outcome_id"]: r for r in _rows(corpus)}
    assert rows["mixed-sources-2"]["change_points"] == 7 and rows["mixed-sources-2"]["change_percent"] is None
    assert rows["mixed-sources-1"]["change_points"] is None and rows["mixed-sources-1"]["change_percent"] == -20
    assert rows["mixed-sources-2"]["result"] == "+7 pp"
    fields = json.loads(datapackage())["resources"][1]["schema"]["fields"]
    points = next(f for f in fields if f["name"] == "change_points")
    assert points["type"] == "number" and "percentage points" in points["description"]


def test_points_on_the_pages(corpus):
    page = render_outcomes(corpus.cases, corpus.taxonomy)["outcomes.md"]
    row = re.search(r'<tr id="o-mixed-sources-3" .*?</tr>', page, re.S).group(0)
    assert "fall of up to 3 pp" in row
    assert "data-change=" not in row, "points are never sorted with percent changes"
    case_page = SiteRenderer(corpus).case_page(corpus.by_id["other-case"])
    assert "\u22122 pp" in case_page


def test_points_and_percent_never_share_a_chart(corpus):
    p = plan(corpus)
    case = p.case("mixed-sources")
    # Three % changes (one a target) make the case's chart; the two point changes stay out of it.
    assert case.data["xlabel"] == "Change (%)"
    assert all(not t.endswith("pp") for g in case.data["groups"] for t in (b["text"] for b in g["bars"]))
    assert {row[0] for row in case.rows} == {"Agency shifts", "Elective activity", "Bank hours"}
    points = p.case_points["mixed-sources"]  # the case's second chart: its two changes in points
    assert points.data["xlabel"] == "Change (percentage points)" and points.data["points"] is True
    # Bar texts are short; a qualified figure is marked * (its words are in the data table).
    assert [b["text"] for g in points.data["groups"] for b in g["bars"]] == ["+7 pp", "\u22123 pp*"]
    assert "fall of up to 3 pp" in {r[points.headers.index("Change")] for r in points.rows}
    assert p.case_charts("mixed-sources") == [case, points]
    page = SiteRenderer(corpus).case_page(corpus.by_id["mixed-sources"])
    assert 'id="chart-case-mixed-sources"' in page and 'id="chart-case-mixed-sources-points"' in page
    for spec in p.specs():
        texts = [b["text"] for g in spec.data.get("groups", []) if "bars" in g for b in g["bars"]]
        assert not (any(t.endswith("pp") for t in texts) and any(t.endswith("%") for t in texts)), spec.id


def test_a_chart_of_points_has_a_points_axis(sample_taxonomy):
    from casebook.charts import case_chart_spec, draw_svg

    case = {"id": "p", "name": "P", "last_reviewed": dt.date(2024, 1, 1), "sources": [{"title": "t"}],
            "outcomes": [{"measure": "A", "benefit": "workforce", "change_points": -3},
                         {"measure": "B", "benefit": "workforce", "change_points": 5},
                         {"measure": "C", "benefit": "workforce", "change_percent": 40}]}
    spec = case_chart_spec(case, sample_taxonomy)
    assert spec.data["xlabel"] == "Change (percentage points)"
    assert [b["text"] for g in spec.data["groups"] for b in g["bars"]] == ["\u22123 pp", "+5 pp"]
    assert "2 changes in percentage points" in spec.alt
    svg = draw_svg(spec).decode("utf-8")
    assert "pp" in svg and "percentage points" in svg


# -- statuses that are not achieved -----------------------------------------------------------


def test_statuses_are_labelled_and_never_achieved(corpus):
    page = render_outcomes(corpus.cases, corpus.taxonomy)["outcomes.md"]
    for oid, label in (("mixed-sources-4", "Forecast"), ("mixed-sources-5", "Committed"),
                       ("mixed-sources-6", "Target")):
        row = re.search(rf'<tr id="o-{oid}" .*?</tr>', page, re.S).group(0)
        assert f'<span class="cb-expected">{label}, not a result</span>' in row
        assert 'data-status="achieved"' not in row
    select = re.search(r'<fieldset class="cb-choice[^"]*" data-cb-choice="status".*?</fieldset>', page).group(0)
    assert re.findall(r'<input type="checkbox" name="status" value="([a-z]+)"', select) == \
        ["achieved", "target", "committed", "forecast"]


def test_not_achieved_results_are_hatched_and_not_counted(corpus):
    spec = plan(corpus).case("mixed-sources")
    bars = {row[0]: bar for row, bar in zip(spec.rows, (b for g in spec.data["groups"] for b in g["bars"]))}
    assert bars["Elective activity"]["expected"] is True  # a target
    assert bars["Agency shifts"]["expected"] is False
    assert "1 is not achieved" in spec.alt
    counts = plan(corpus).site["outcomes-by-benefit"]
    # achieved only: workforce 4 in mixed-sources (agency, fill, vacancy, bank hours) + 2 in
    # other-case; efficiency's three (forecast, committed, target) are none of them achieved
    by_label = dict(counts.rows)
    assert by_label["Workforce"] == "6"
    assert by_label["Efficiency and scale"] == "0"


def test_cases_csv_marks_every_status_that_is_not_achieved(corpus):
    from casebook.site.exports import cases_csv

    row = next(r for r in csv.DictReader(io.StringIO(cases_csv(corpus.cases).lstrip("\ufeff")))
               if r["id"] == "mixed-sources")
    assert "[forecast, not yet achieved]" in row["outcomes"]
    assert "[committed, not yet achieved]" in row["outcomes"]
    assert "[target, not yet achieved]" in row["outcomes"]
    assert row["outcomes"].count("not yet achieved") == 3


# -- sources: archived copies, undated -------------------------------------------------------


def test_archived_copy_beside_its_source(corpus):
    page = SiteRenderer(corpus).case_page(corpus.by_id["mixed-sources"])
    sources = re.search(r'<ol class="cb-sources">.*?</ol>', page, re.S).group(0)
    second = re.search(r'<li id="source-2">.*?</li>', sources).group(0)
    assert ('(<a href="https://web.archive.org/web/2024/https://example.org/article" rel="noopener">'
            "archived copy</a>)") in second
    assert "archived copy" not in re.search(r'<li id="source-1">.*?</li>', sources).group(0)
    assert "undated" in re.search(r'<li id="source-1">.*?</li>', sources).group(0)


def test_outcomes_page_counts_only_achieved_results_as_achieved(corpus):
    page = render_outcomes(corpus.cases, corpus.taxonomy)["outcomes.md"]
    # mixed-sources: 7 outcomes, 3 not achieved (forecast, committed, target); other-case: 2 achieved
    assert ("9 results from 2 cases (6 achieved; the others are targets, commitments, forecasts or "
            "expected results)") in page


def test_home_page_counts_achieved_outcomes_only(corpus):
    renderer = SiteRenderer(corpus)
    stats = renderer.stats()
    assert stats.splitlines()[-1] == "| 2 | 2 | 6 | 4 |"  # cases, countries, achieved outcomes, sources
