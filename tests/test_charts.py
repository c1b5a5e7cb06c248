"""Tests for casebook.charts: plan (which chart where), specs (pure data), deterministic SVG
drawing in two widths with a dark scheme, cache, errors naming case files, HTML."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casebook import charts
from casebook.charts import ChartError, chart_block, draw_all, draw_svg, plan
from casebook.charts.change import case_chart_spec, indicator_spec, items_of
from casebook.records.taxonomy import load_taxonomy
from casebook.site.enrich import enrich

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy(ROOT / "cases" / "_data" / "taxonomy.yaml")


def outcome(measure, benefit, change=None, *, value=None, unit=None, baseline=None, status="achieved", period=None,
            indicator=None, qualifier=None):
    return {
        "indicator": indicator,
        "qualifier": qualifier,
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


def corpus_of(cases, tax):
    return enrich(cases, tax)


def every_spec(p):
    return {s.id: s for s in p.specs()}


# -- the plan -----------------------------------------------------------------------------------
def test_plan_site_case_and_term_charts(cases, tax):
    p = plan(corpus_of(cases, tax))
    assert {"cases-per-benefit", "governance", "benefit-matrix", "timeline", "outcomes-by-benefit"} <= set(p.site)
    assert set(p.cases) == {"wyaat"}  # cmast has one change only; north none
    assert p.case("wyaat").kind == "diverging"
    # A term page charts only its own cases' outcomes, and nothing when it has fewer than two.
    for (facet, term), spec in p.terms.items():
        own = {c["id"] for c in cases if term in (c[facet] if facet != "countries" else [c["country"]])}
        assert {row for row, *_ in spec.basis} <= own, (facet, term)
    assert p.term("sectors", "mental-health") is None


def test_no_two_charts_show_the_same_data(cases, tax):
    p = plan(corpus_of(cases, tax))
    bases = [s.basis for s in p.specs()]
    assert len(bases) == len(set(bases))
    # wyaat's two % changes are its own chart: every term page holding only wyaat points there.
    assert p.shown_on, "duplicates are named, not drawn again"
    assert set(p.shown_on.values()) <= {"cases/wyaat.md"} | {f"{f}/{t}.md" for f, t in p.terms}


def test_like_with_like_per_indicator(tax):
    a = make_case("a", outcomes=[outcome("Bed days out of area", "efficiency-and-scale", -30, indicator="out-of-area-placements",
                                         period="2019 to 2021"),
                                 outcome("Savings", "efficiency-and-scale", value=2, unit="GBP million", indicator="savings")])
    b = make_case("b", outcomes=[outcome("Out-of-area placements", "efficiency-and-scale", -8, indicator="out-of-area-placements",
                                         qualifier="more-than"),
                                 outcome("Savings", "efficiency-and-scale", value=40, unit="staff", indicator="savings")])
    entries = {e.indicator: e for e in plan(corpus_of([a, b], tax)).indicators}
    ooa = entries["out-of-area-placements"].spec
    assert ooa is not None and ooa.kind == "diverging"
    labels = [r[0] for r in ooa.data["rows_layout"]]
    assert any("(2019 to 2021)" in x for x in labels), "periods are on the labels"
    texts = [b["text"] for g in ooa.data["groups"] for b in g["bars"]]
    assert f"{MINUS}8 %*" in texts, "a qualified figure is marked on its bar, in short"
    assert ["text", "* about, over or under"] in ooa.data["legend"], "and the mark is keyed"
    assert any("fall of more than 8 %" in row for row in ooa.rows), "the qualifier's words are in the data table"
    assert entries["savings"].spec is None and "different units" in entries["savings"].note


def test_indicator_reported_by_one_case_is_not_charted(tax):
    a = make_case("a", outcomes=[outcome("X", "efficiency-and-scale", -3, indicator="savings"),
                                 outcome("Y", "efficiency-and-scale", -4, indicator="savings")])
    spec, note = indicator_spec("indicator-savings", "Savings", items_of([a]), tax)
    assert spec is None and "one case" in note


def test_timeline_says_how_many_cases_have_no_year(cases, tax):
    spec = plan(corpus_of(cases, tax)).site["timeline"]
    assert "2 of 3 cases shown: 1 gives no year." in spec.data["note"]
    assert "1 gives no year" in spec.caption and "1 gives no year" in spec.alt
    svg = draw_svg(spec).decode()
    assert "1 gives no year" in svg, "visible in the chart itself"


def test_captions_say_what_source_and_date(cases, tax):
    for spec in plan(corpus_of(cases, tax)).specs():
        assert spec.caption.startswith(spec.title), spec.id
        assert "Source: the Casebook record" in spec.caption and "last reviewed 2024-05-01" in spec.caption, spec.id
    spec = plan(corpus_of(cases, tax)).case("wyaat")
    assert "not ranked" in spec.caption, "the sort order says what it is"


# -- specs and layout -----------------------------------------------------------------------------
def test_specs_do_not_import_matplotlib():
    code = ("import sys\nfrom casebook.charts import plan\nfrom casebook.site.build import build_site\n"
            "assert 'matplotlib' not in sys.modules, 'specs must not import matplotlib'\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_long_labels_are_shortened_and_the_table_keeps_every_word(tax):
    long = "A very long measure name " * 6 + "that ends here (with an aside; and a qualifier)"
    case = make_case("long", outcomes=[outcome(long, "efficiency-and-scale", -5), outcome("Short", "efficiency-and-scale", 4)])
    spec = case_chart_spec(case, tax, "case-long")
    for variant in ("", "-narrow"):
        w, _ = spec.size(variant)
        rows = charts.layout(spec.kind, spec.data, w)["rows"]
        first = " ".join(rows[0]["lines"])
        assert first.endswith("… ○") and len(first) <= 64, f"{variant}: label not shortened: {first!r}"
        assert "aside" not in first and "qualifier" not in first
        assert all(len(line) > 0 for r in rows for line in r["lines"])
    assert spec.rows[0][0] == " ".join(long.split()), "the data table has the whole measure"
    svg = draw_svg(spec, "-narrow").decode()
    assert "A very long measure name" in svg and "that ends here" not in svg


def test_narrow_variant_keeps_text_size(cases, tax):
    spec = plan(corpus_of(cases, tax)).case("wyaat")
    assert spec.size("")[0] == 700 and spec.size("-narrow")[0] == 360
    svg = draw_svg(spec, "-narrow").decode()
    root = ET.fromstring(svg)
    assert root.get("width") == "270pt", "360 CSS px (the SVG counts in points)"
    sizes = [float(m) for m in re.findall(r"font-size: ?([\d.]+)px", svg)] + \
            [float(m) for m in re.findall(r"font: ?(?:bold )?([\d.]+)px", svg)]
    # User units are points: a size of s is s × 96/72 CSS px, shown at about 100 % on a 390 px phone.
    assert sizes and min(sizes) * 96 / 72 >= 11.5


def test_dark_scheme_custom_properties(cases, tax):
    svg = draw_svg(plan(corpus_of(cases, tax)).case("wyaat")).decode()
    assert "@media (prefers-color-scheme: dark)" in svg
    assert "var(--cb-ink)" in svg and "var(--cb-bg)" in svg
    assert "fill: #1a1a1a" not in svg and "fill: #ffffff" not in svg, "no fixed text colour or white box"


def test_text_is_literal_not_mathtext(tax):
    odd = "Cost $5m_a^2 \\alpha $x$"
    case = make_case("odd", outcomes=[outcome(odd, "efficiency-and-scale", -5), outcome("B", "efficiency-and-scale", 3)])
    svg = draw_svg(case_chart_spec(case, tax, "case-odd")).decode()
    assert "Cost $5m_a^2 \\alpha $x$" in svg.replace("&#36;", "$")


def test_draw_is_deterministic(cases, tax):
    spec = plan(corpus_of(cases, tax)).site["benefit-matrix"]
    for variant in ("", "-narrow"):
        assert draw_svg(spec, variant) == draw_svg(spec, variant)


def test_draw_all_cache_and_variants(cases, tax, tmp_path):
    specs = plan(corpus_of(cases, tax)).specs()
    paths, drawn = draw_all(specs, tmp_path, workers=1)
    assert drawn == 2 * len(specs)
    assert set(paths) == {s.id for s in specs} | {s.id + "-narrow" for s in specs}
    paths2, drawn2 = draw_all(specs, tmp_path, workers=1)
    assert drawn2 == 0 and paths2 == paths


def test_draw_all_parallel_matches_serial(cases, tax, tmp_path):
    specs = plan(corpus_of(cases, tax)).specs()
    serial, _ = draw_all(specs, tmp_path / "a", workers=1)
    parallel, _ = draw_all(specs, tmp_path / "b", workers=4)
    assert {k: p.read_bytes() for k, p in serial.items()} == {k: p.read_bytes() for k, p in parallel.items()}


def test_a_chart_that_fails_names_its_case_file(cases, tax, tmp_path):
    spec = plan(corpus_of(cases, tax)).case("wyaat")
    broken = charts.ChartSpec(spec.id, spec.kind, spec.title, spec.alt, spec.headers, spec.rows,
                              {**spec.data, "groups": None}, spec.caption, ("cases/wyaat.yaml",), spec.basis)
    with pytest.raises(ChartError, match=r"cases/wyaat\.yaml"):
        draw_all([broken], tmp_path, workers=1)


# -- HTML -----------------------------------------------------------------------------------------
def test_chart_block_structure(cases, tax):
    spec = plan(corpus_of(cases, tax)).case("wyaat")
    block = chart_block(spec, "../../charts/case-wyaat.svg")
    assert '<source media="(max-width: 719px)" srcset="../../charts/case-wyaat-narrow.svg"' in block
    assert f'width="700" height="{spec.size("")[1]}"' in block
    assert "<figcaption>" in block and "not ranked" in block
    assert "\n\n" not in block.strip().split("\n\n")[0], "the figure is one raw-HTML block"


def test_chart_block_escapes_case_text(tax):
    evil = '<script>alert(1)</script>"'
    case = make_case("evil", name=evil, short=evil, outcomes=[outcome(evil, "workforce", -3), outcome("x", "workforce", 2)],
                     benefits=("workforce",))
    block = chart_block(case_chart_spec(case, tax, "case-evil"), "x.svg")
    assert "<script>" not in block and "&lt;script&gt;" in block


def test_one_number_formatter():
    src = (ROOT / "src" / "casebook")
    defs = [p for p in src.rglob("*.py") if re.search(r"^def format_number\(", p.read_text(encoding="utf-8"), re.M)]
    assert [p.relative_to(src).as_posix() for p in defs] == ["wording.py"]


def test_chart_modules_stay_small():
    for path in (ROOT / "src" / "casebook" / "charts").glob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) <= 400, path.name
        starts = [i for i, line in enumerate(lines) if re.match(r"\s*def ", line)] + [len(lines)]
        for a, b in zip(starts, starts[1:]):
            assert b - a <= 60 + 2, f"{path.name}:{a + 1} {lines[a].strip()[:40]} is {b - a} lines"


# -- honest outcome charts ---------------------------------------------------------------------------
def _tick_values(svg: str) -> list[float]:
    """The % tick labels drawn on an axis ("−80%", "0", "+20%")."""
    out = []
    for m in re.findall(r">([^<>]*)<", svg):
        text = m.strip().replace(MINUS, "-").replace("%", "")
        if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
            out.append(float(text))
    return out


def test_a_fall_never_runs_past_minus_100(tax):
    case = make_case("deep", outcomes=[outcome("Out-of-area bed use", "efficiency-and-scale", -93, qualifier="about"),
                                       outcome("Readmissions", "efficiency-and-scale", -66),
                                       outcome("Waits", "efficiency-and-scale", 12)])
    spec = case_chart_spec(case, tax, "case-deep")
    for variant in ("", "-narrow"):
        svg = draw_svg(spec, variant).decode()
        ticks = _tick_values(svg)
        assert ticks and min(ticks) >= -100, f"{variant}: axis runs to {min(ticks)} %"
        assert f"{MINUS}93 %*" in svg and "fall of about" not in svg, "short value text; the words are in the table"
    assert any("fall of about 93 %" in " ".join(row) for row in spec.rows)


def test_results_not_shown_significant_are_hollow_and_keyed(tax):
    sig = outcome("Admissions, residential homes", "efficiency-and-scale", -40)
    sig["significance"] = "significant"
    nonsig = outcome("Admissions, nursing homes", "efficiency-and-scale", -8)
    nonsig["significance"] = "not-significant"
    case = make_case("sig", outcomes=[sig, nonsig])
    spec = case_chart_spec(case, tax, "case-sig")
    bars = [b for g in spec.data["groups"] for b in g["bars"]]
    assert [b["hollow"] for b in bars] == [False, True]
    assert ["hollow", "Not shown significant"] in spec.data["legend"]
    assert "not shown to be statistically significant" in spec.alt
    assert any("not statistically significant" in " ".join(row) for row in spec.rows)
    svg = draw_svg(spec).decode()
    assert "Not shown significant" in svg
    # The hollow bar is filled with the background (transparent in the dark scheme), the solid one with colour.
    assert svg.count("fill: var(--cb-bg)") > 1


def test_every_outcome_chart_shows_evidence(tax):
    """Every bar's label carries its evidence mark, the legend keys every mark used, and the
    data table names the level, on every outcome chart of the real corpus."""
    from casebook.site.build import load_cases
    from casebook.site.text import EVIDENCE_ICONS

    loaded = load_cases(ROOT / "cases", tax)
    assert loaded.cases and not [p for p in loaded.problems if p.severity == "error"]
    result = plan(corpus_of(loaded.cases, tax))
    site_wide = {s.id for s in result.site.values()}
    outcome_specs = [s for s in result.specs() if s.id not in site_wide]
    assert len(outcome_specs) > 10
    marks = set(EVIDENCE_ICONS.values())
    for spec in outcome_specs:
        legend = [text for _, text in spec.data["legend"]]
        used = {t[0] for t in legend if t[:1] in marks}
        assert used, f"{spec.id}: no evidence level in the legend"
        if spec.kind == "strip":
            continue
        bars = [label for label, _, bold in spec.data["rows_layout"] if not bold]
        assert all(label[-1] in used for label in bars), f"{spec.id}: a bar without its evidence mark"
        assert "Evidence" in spec.headers, spec.id


def test_matrix_labels_fit_left_of_the_grid_on_a_phone(tax):
    """No row label of the case × benefit matrix runs off the left edge of the narrow drawing:
    a long hyphenated name wraps after a hyphen instead."""
    from casebook.charts.draw import text_px
    from casebook.charts.spec import LABEL_SIZE, NARROW, PAD

    case = make_case("c2c", name="Community-to-community provider partnership (East of England, anonymised)",
                     benefits=["workforce", "efficiency-and-scale"])
    others = [make_case(f"x{i}", short=f"X{i}") for i in range(3)]
    spec = plan(corpus_of([case, *others], tax)).site["benefit-matrix"]
    rows = charts.layout(spec.kind, spec.data, NARROW)["rows"]
    widest = max(text_px(line, LABEL_SIZE) for r in rows for line in r["lines"])
    assert widest + 16 + PAD <= NARROW * 0.45, f"a label {widest:.0f} px wide is clipped at the left"
    assert any(line.endswith("-") for r in rows for line in r["lines"]), "the long word wraps after a hyphen"
