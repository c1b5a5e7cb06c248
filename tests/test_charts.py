"""Tests for casebook.charts: specs (pure data), deterministic SVG drawing, cache, HTML."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

from casebook.charts import (
    case_chart_spec,
    chart_block,
    draw_all,
    draw_svg,
    format_number,
    format_percent,
    format_value,
    site_chart_specs,
    term_chart_spec,
)
from casebook.records.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy(ROOT / "cases" / "_data" / "taxonomy.yaml")


def outcome(measure, benefit, change=None, *, value=None, unit=None, baseline=None, status="achieved", period=None):
    return {
        "measure": measure,
        "benefit": benefit,
        "change_percent": change,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "period": period,
        "status": status,
        "source": 1,
    }


def make_case(cid, *, name=None, short=None, benefits=("efficiency-and-scale",), governance="lead-provider",
              sectors=("acute",), established=2016, outcomes=(), country="GB"):
    return {
        "id": cid,
        "name": name or f"{cid.title()} Collaborative",
        "short_name": short,
        "country": country,
        "region": None,
        "established": established,
        "population": None,
        "sectors": list(sectors),
        "governance": governance,
        "members": [],
        "benefits": list(benefits),
        "focus_areas": [],
        "themes": [],
        "summary": "A summary.",
        "narrative": None,
        "outcomes": list(outcomes),
        "lessons": [],
        "sources": [{"title": "Source", "publisher": "Pub"}],
        "related": [],
        "evidence": "self-reported",
        "anonymised": False,
        "last_reviewed": datetime.date(2024, 5, 1),
        "discrepancies": [],
    }


@pytest.fixture()
def cases():
    return [
        make_case(
            "wyaat",
            name="West Yorkshire Association of Acute Trusts",
            short="WYAAT",
            benefits=["efficiency-and-scale", "workforce", "unwarranted-variation"],
            governance="provider-leadership-board",
            established=2016,
            outcomes=[
                outcome("Agency spend", "workforce", -36),
                outcome("Procurement savings", "efficiency-and-scale", value=4.6, unit="GBP million"),
                outcome("Variation in theatre use", "unwarranted-variation", -12.5, status="expected"),
            ],
        ),
        make_case(
            "cmast",
            short="CMAST",
            benefits=["efficiency-and-scale", "resilience-and-capacity"],
            governance="shared-leadership",
            sectors=["acute", "community"],
            established=2019,
            outcomes=[outcome("Patients waiting over 52 weeks", "resilience-and-capacity", 20)],
        ),
        make_case("north", benefits=["workforce"], governance="provider-leadership-board", established=None, sectors=["mental-health"]),
    ]


def by_id(specs):
    return {s.id: s for s in specs}


# --------------------------------------------------------------------------------------------
# formatting


def test_format_helpers():
    assert format_percent(-36) == f"{MINUS}36{NBSP}%"
    assert format_percent(12.5) == f"+12.5{NBSP}%"
    assert format_percent(0) == f"0{NBSP}%"
    assert format_number(2000) == "2,000"
    assert format_number(4.60) == "4.6"
    assert format_number(-3) == f"{MINUS}3"
    assert format_value(4.6, "GBP million") == "4.6 GBP million"
    assert format_value(2000, "staff") == "2,000 staff"
    assert format_value(None, "staff") == "—"


# --------------------------------------------------------------------------------------------
# site specs


def test_site_specs_ids_and_counts(cases, tax):
    specs = by_id(site_chart_specs(cases, tax))
    assert list(specs) == ["cases-per-benefit", "governance", "benefit-matrix", "timeline", "outcomes-by-benefit"]

    bar = specs["cases-per-benefit"]
    assert bar.kind == "hbar"
    table = dict(bar.rows)
    assert table["Efficiency and scale"] == "2"
    assert table["Workforce"] == "2"
    assert table["Specialised services"] == "0"
    assert bar.data["values"] == [int(v) for v in (table[label] for label in bar.data["labels"])]
    assert bar.data["colours"][bar.data["labels"].index("Workforce")] == tax.colour("benefits", "workforce")
    # The finding, not "a chart": the leaders and their share.
    assert "most common benefits" in bar.alt and "2 of 3 cases" in bar.alt
    assert "Efficiency and scale" in bar.alt and "Workforce" in bar.alt
    assert "Specialised services" in bar.alt  # "no case has …"

    gov = specs["governance"]
    assert dict(gov.rows)["Provider leadership board"] == "2"
    assert gov.alt.startswith("Provider leadership board is the most common governance model, used by 2 of 3 cases")


def test_site_specs_matrix_and_timeline(cases, tax):
    specs = by_id(site_chart_specs(cases, tax))
    matrix = specs["benefit-matrix"]
    assert matrix.data["mode"] == "cases"
    assert matrix.data["rows"] == ["WYAAT", "CMAST", "North Collaborative"]
    assert matrix.headers[0] == "Case" and len(matrix.headers) == 1 + len(tax.terms("benefits"))
    wyaat = matrix.rows[0]
    col = {h: i for i, h in enumerate(matrix.headers)}
    assert wyaat[col["Workforce"]] == "Yes" and wyaat[col["Specialised services"]] == "No"
    assert "between 1 and 3" in matrix.alt and "WYAAT" in matrix.alt

    timeline = specs["timeline"]
    assert timeline.rows == (("West Yorkshire Association of Acute Trusts", "2016"), ("Cmast Collaborative", "2019"))
    assert timeline.data["years"] == [2016, 2019]
    assert "between 2016 and 2019" in timeline.alt
    assert "1 case does not give a year" in timeline.alt


def test_site_outcomes_by_benefit(cases, tax):
    spec = by_id(site_chart_specs(cases, tax))["outcomes-by-benefit"]
    assert spec.kind == "diverging"
    # Every outcome with a change_percent, none without.
    assert len(spec.rows) == 3
    bars = [b for g in spec.data["groups"] for b in g["bars"]]
    assert sorted(b["value"] for b in bars) == [-36.0, -12.5, 20.0]
    labels = [g["label"] for g in spec.data["groups"]]
    assert labels == ["Less unwarranted variation", "Resilience and capacity", "Workforce"]  # taxonomy order
    assert bars[0]["label"] == "WYAAT: Variation in theatre use"
    assert bars[0]["expected"] is True
    assert spec.data["legend"] == ["expected"]
    rows = {r[1]: r for r in spec.rows}
    assert rows["Agency spend"][3] == f"{MINUS}36{NBSP}%"
    assert rows["Patients waiting over 52 weeks"][3] == f"+20{NBSP}%"
    assert rows["Variation in theatre use"][4] == "Expected (forecast)"
    assert f"{MINUS}36{NBSP}% (WYAAT: Agency spend)" in spec.alt
    assert "1 is expected" in spec.alt


def test_empty_and_sparse_sites(tax):
    assert site_chart_specs([], tax) == []
    one = [make_case("solo", established=None)]
    ids = [s.id for s in site_chart_specs(one, tax)]
    assert ids == ["cases-per-benefit", "governance", "benefit-matrix"]  # no years, no changes


def test_many_cases_fall_back_to_compact_charts(tax):
    benefits = list(tax.terms("benefits"))
    many = [
        make_case(
            f"c{i}",
            benefits=[benefits[i % 6], benefits[(i + 1) % 6]],
            established=1990 + i % 30,
            outcomes=[outcome("Thing", benefits[i % 6], (i % 50) - 25, status="expected" if i % 4 == 0 else "achieved")],
        )
        for i in range(300)
    ]
    specs = by_id(site_chart_specs(many, tax))
    matrix = specs["benefit-matrix"]
    assert matrix.data["mode"] == "pairs"
    assert len(matrix.rows) == 6  # one row per benefit, not per case
    # The diagonal counts the cases claiming each benefit.
    assert [matrix.data["counts"][i][i] for i in range(6)] == [100] * 6
    assert specs["timeline"].data["mode"] == "counts"
    assert len(specs["timeline"].rows) == 30
    strip = specs["outcomes-by-benefit"]
    assert strip.kind == "strip"
    assert sum(len(g["values"]) for g in strip.data["groups"]) == 300
    assert sum(int(r[1]) for r in strip.rows) == 300
    assert strip.data["height"] < 800
    for spec in specs.values():
        assert spec.data["height"] < 1200


def test_specs_do_not_import_matplotlib():
    code = (
        "import sys, datetime; sys.path.insert(0, %r)\n"
        "from casebook import charts\n"
        "from casebook.records.taxonomy import load_taxonomy\n"
        "tax = load_taxonomy(%r)\n"
        "o = lambda v: {'measure': 'm', 'benefit': 'workforce', 'change_percent': v, 'status': 'achieved'}\n"
        "c = {'id': 'a', 'name': 'A', 'short_name': None, 'benefits': ['workforce'], 'sectors': ['acute'],"
        " 'governance': 'other', 'established': 2000, 'country': 'GB', 'outcomes': [o(1), o(-2)]}\n"
        "specs = charts.site_chart_specs([c], tax) + [charts.case_chart_spec(c, tax)]\n"
        "[s.key() for s in specs]\n"
        "assert 'matplotlib' not in sys.modules, 'specs imported matplotlib'\n"
    ) % (str(ROOT / "src"), str(ROOT / "cases" / "_data" / "taxonomy.yaml"))
    subprocess.run([sys.executable, "-c", code], check=True)


def test_specs_are_json_serialisable_and_keys_stable(cases, tax):
    a = site_chart_specs(cases, tax)
    b = site_chart_specs([dict(c) for c in cases], tax)
    for x, y in zip(a, b):
        json.dumps(x.data)
        assert x.key() == y.key()
        assert re.fullmatch(r"[0-9a-f]{64}", x.key())
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", x.id)
    assert len({s.key() for s in a}) == len(a)


# --------------------------------------------------------------------------------------------
# case and term specs


def test_case_chart_none_without_two_comparable_results(tax):
    assert case_chart_spec(make_case("a"), tax) is None
    one = make_case("b", outcomes=[outcome("Agency spend", "efficiency-and-scale", -10)])
    assert case_chart_spec(one, tax) is None
    mixed = make_case(
        "c",
        outcomes=[
            outcome("Agency spend", "efficiency-and-scale", -10),
            outcome("Savings", "efficiency-and-scale", value=3, unit="GBP million"),
            outcome("Staff", "efficiency-and-scale", value=200, unit="staff"),
        ],
    )
    assert case_chart_spec(mixed, tax) is None


def test_case_chart_percent(cases, tax):
    spec = case_chart_spec(cases[0], tax)
    assert spec.id == "case-wyaat" and spec.kind == "diverging"
    assert spec.title == "WYAAT: reported changes"
    assert spec.headers == ("Measure", "Benefit", "Change", "Status", "Period")
    assert {r[0]: r[3] for r in spec.rows} == {"Agency spend": "Achieved", "Variation in theatre use": "Expected (forecast)"}
    assert spec.alt.startswith("WYAAT reports 2 percentage changes: all are reductions")
    assert "expected (forecast)" in spec.alt
    assert spec.data["legend"] == ["expected"]


def test_case_chart_values_in_shared_unit(tax):
    case = make_case(
        "vals",
        short="VALS",
        outcomes=[
            outcome("Recurrent savings", "efficiency-and-scale", value=4.6, unit="GBP million", baseline=1.0),
            outcome("One-off savings", "efficiency-and-scale", value=2, unit="GBP million", status="expected"),
            outcome("Staff trained", "efficiency-and-scale", value=2000, unit="staff"),
        ],
    )
    spec = case_chart_spec(case, tax)
    assert spec.kind == "hbar"
    assert spec.data["values"] == [4.6, 2.0]
    assert spec.data["expected"] == [False, True]
    assert spec.data["legend"] == ["expected", "baseline"]
    assert spec.rows[0][2:5] == ("4.6 GBP million", "1 GBP million", "Achieved")
    assert spec.rows[1][4] == "Expected (forecast)"
    assert "largest is Recurrent savings (4.6 GBP million)" in spec.alt


def test_term_chart_specs(cases, tax):
    assert term_chart_spec("benefits", "workforce", cases, tax) is None  # only one change
    acute = term_chart_spec("sectors", "acute", cases, tax)
    assert acute.id == "sector-acute"
    assert len(acute.rows) == 3  # all % changes of WYAAT and CMAST
    assert acute.headers[0] == "Case"
    gb = term_chart_spec("countries", "GB", cases, tax)
    assert gb.id == "country-gb" and "United Kingdom" in gb.title
    assert term_chart_spec("sectors", "mental-health", cases, tax) is None
    more = cases + [make_case("x", benefits=["workforce"], outcomes=[outcome("Vacancies", "workforce", -8)])]
    wf = term_chart_spec("benefits", "workforce", more, tax)
    assert wf.id == "benefit-workforce"
    assert sorted(r[3] for r in wf.rows) == sorted([f"{MINUS}36{NBSP}%", f"{MINUS}8{NBSP}%"])
    gov = term_chart_spec("governance", "provider-leadership-board", more, tax)
    assert gov.id == "governance-provider-leadership-board" and len(gov.rows) == 2


# --------------------------------------------------------------------------------------------
# drawing


def _all_specs(cases, tax):
    specs = site_chart_specs(cases, tax)
    specs += [s for s in (case_chart_spec(c, tax) for c in cases) if s]
    return specs


def test_draw_svg_deterministic_and_sized(cases, tax):
    for spec in _all_specs(cases, tax):
        a = draw_svg(spec)
        b = draw_svg(spec)
        assert a == b, spec.id
        text = a.decode("utf-8")
        assert "<dc:date>" not in text and "Matplotlib v" not in text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no timestamp of any kind
        root = ET.fromstring(a)
        assert root.get("width") == f"{spec.width * 0.75:g}pt"
        assert root.get("height") == f"{spec.height * 0.75:g}pt"
        assert spec.title.split()[0] in text  # title drawn as text (svg.fonttype none)


def test_draw_svg_many_and_strip(tax):
    benefits = list(tax.terms("benefits"))
    many = [
        make_case(f"c{i}", benefits=[benefits[i % 6]], established=2000 + i % 20,
                  outcomes=[outcome("x", benefits[i % 6], i % 40 - 20, status="expected" if i % 3 else "achieved")])
        for i in range(120)
    ]
    for spec in site_chart_specs(many, tax):
        assert draw_svg(spec) == draw_svg(spec)


def test_draw_all_cache(cases, tax, tmp_path):
    specs = _all_specs(cases, tax)
    paths, drawn = draw_all(specs, tmp_path, workers=1)
    assert drawn == len(specs)
    assert set(paths) == {s.id for s in specs}
    for s in specs:
        assert paths[s.id] == tmp_path / f"{s.key()}.svg"
        assert paths[s.id].read_bytes() == draw_svg(s)
    assert not list(tmp_path.glob("*.tmp"))

    _, drawn = draw_all(_all_specs(cases, tax), tmp_path, workers=1)
    assert drawn == 0  # warm run

    # Change one % in one case: only the charts that show it are redrawn.
    cases[1]["outcomes"][0]["change_percent"] = 25
    changed = _all_specs(cases, tax)
    _, drawn = draw_all(changed, tmp_path, workers=1)
    assert drawn == 1  # outcomes-by-benefit only (CMAST has a single change: no case chart)

    cases[0]["outcomes"][0]["change_percent"] = -40
    _, drawn = draw_all(_all_specs(cases, tax), tmp_path, workers=1)
    assert drawn == 2  # outcomes-by-benefit and case-wyaat


def test_draw_all_parallel(tax, tmp_path):
    specs = [
        case_chart_spec(make_case(f"p{i}", outcomes=[outcome("a", "efficiency-and-scale", i), outcome("b", "efficiency-and-scale", -i - 1)]), tax)
        for i in range(10)
    ]
    paths, drawn = draw_all(specs, tmp_path, workers=2)
    assert drawn == 10
    for s in specs:
        assert paths[s.id].read_bytes() == draw_svg(s)  # same bytes from a worker process
    assert draw_all(specs, tmp_path, workers=2)[1] == 0


# --------------------------------------------------------------------------------------------
# HTML


HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


@pytest.mark.parametrize("evil", HOSTILE)
def test_chart_block_escapes_case_text(tax, evil):
    case = make_case(
        "evil",
        name=evil,
        short=evil,
        outcomes=[outcome(evil, "efficiency-and-scale", -5, period=evil), outcome("ok", "efficiency-and-scale", 5)],
    )
    specs = [case_chart_spec(case, tax)] + site_chart_specs([case], tax)
    for spec in specs:
        block = chart_block(spec, f"../charts/{spec.key()}.svg")
        assert "<script" not in block
        assert "<img src=x" not in block
        assert 'onerror=alert(1)>' not in block.replace("&gt;", "")  # never a live attribute
        assert block.count("<img ") == 1
        svg = ET.fromstring(draw_svg(spec))  # still well-formed XML, text stays text
        assert not any(el.tag.endswith(("script", "img", "foreignObject")) for el in svg.iter())
    block = chart_block(specs[0], 'x.svg" onload="alert(1)')
    assert 'onload="' not in block


def test_chart_block_structure(cases, tax):
    spec = case_chart_spec(cases[0], tax)
    block = chart_block(spec, "../../charts/abc.svg")
    parts = [p for p in block.split("\n\n") if p.strip()]
    assert len(parts) == 2
    figure, details = parts
    assert figure.startswith('<figure class="cb-chart" id="chart-case-wyaat"><img src="../../charts/abc.svg"')
    assert f'width="{spec.width}" height="{spec.height}" loading="lazy"' in figure
    assert f'alt="{spec.alt}"' in figure or "alt=\"WYAAT reports" in figure
    assert figure.endswith("<figcaption>WYAAT: reported changes</figcaption></figure>")
    assert details.startswith('<details class="cb-chart-data" data-search-exclude><summary>Data for “WYAAT: reported changes”</summary>')
    assert details.endswith("</details>")
    assert "<caption>" in details and '<th scope="col">Measure</th>' in details
    assert '<th scope="row">Agency spend</th>' in details
    assert details.count("<tr>") == 1 + len(spec.rows)
    # Raw HTML blocks: column 0, no blank line inside.
    for part in parts:
        assert "\n\n" not in part and not part.startswith(" ")


def test_chart_block_passes_through_markdown(cases, tax):
    spec = case_chart_spec(cases[0], tax)
    block = chart_block(spec, "chart.svg")
    out = markdown.markdown("# Case\n\nSome *text*." + block + "More text.", extensions=["tables", "attr_list"])
    assert '<figure class="cb-chart" id="chart-case-wyaat">' in out
    assert "<p><figure" not in out and "<p><details" not in out
    assert '<th scope="row">Agency spend</th>' in out
    assert "<p>More text.</p>" in out
