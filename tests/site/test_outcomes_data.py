"""The built site's outcomes: /outcomes/ and the downloads agree row for row; the data package
validates with frictionless; CSVs are Excel-ready and formula-safe; links are absolute with a
site_url; and no two charts anywhere on the site show the same data."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections import defaultdict

import pytest

import sitekit

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(build, name: str) -> list[dict]:
    raw = (build.site / "data" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name} starts with a UTF-8 byte-order mark (Excel)"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_outcomes_page_and_downloads_row_for_row(real_build):
    data = json.loads(real_build.read("data/outcomes.json"))
    cases = json.loads(real_build.read("data/cases.json"))["cases"]
    rows = csv_rows(real_build, "outcomes.csv")
    assert data["count"] == len(data["outcomes"]) == len(rows) == sum(len(c.get("outcomes") or []) for c in cases)
    assert [r["outcome_id"] for r in rows] == [o["outcome_id"] for o in data["outcomes"]]
    page = real_build.read("outcomes/index.html")
    page_ids = re.findall(r'<tr id="o-([^"]+)"', page)
    assert page_ids == [o["outcome_id"] for o in data["outcomes"]]
    for need in ("case_id", "case_name", "measure", "indicator", "benefit", "change_percent", "value", "baseline",
                 "unit", "qualifier", "period", "status", "evidence", "source_title", "source_url", "case_url"):
        assert need in rows[0] and need in data["outcomes"][0], need
    by_case = {c["id"]: c for c in cases}
    for o in data["outcomes"]:
        n = int(o["outcome_id"].rsplit("-", 1)[1])
        rec = by_case[o["case_id"]]["outcomes"][n - 1]
        assert (o["measure"], o["change_percent"], o["value"], o["status"]) == (
            rec["measure"], rec.get("change_percent"), rec.get("value"), rec.get("status") or "achieved")


def test_expected_status_and_qualifier_survive_in_cases_csv(real_build):
    data = json.loads(real_build.read("data/outcomes.json"))["outcomes"]
    rows = {r["id"]: r for r in csv_rows(real_build, "cases.csv")}
    assert {"status", "status_year", "status_note"} <= set(next(iter(rows.values())))
    pending = [o for o in data if o["status"] != "achieved"]
    assert pending, "the real corpus has forecasts"
    for o in pending:
        assert o["status"] in ("expected", "target", "committed", "forecast")
        assert f"[{o['status']}, not yet achieved]" in rows[o["case_id"]]["outcomes"]
    for o in (o for o in data if o["qualifier"]):
        word = {"more-than": "more than", "less-than": "less than", "about": "about", "up-to": "up to"}[o["qualifier"]]
        assert word in rows[o["case_id"]]["outcomes"]


def test_csv_cells_are_formula_safe(real_build):
    for name in ("cases.csv", "outcomes.csv"):
        for row in csv_rows(real_build, name):
            for value in row.values():
                if value and value.startswith(FORMULA_START):
                    float(value)  # only a number may start with a sign


def test_data_package_validates(real_build):
    frictionless = pytest.importorskip("frictionless")
    path = real_build.site / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in package["resources"]} == {"cases.csv", "outcomes.csv"}
    for resource in package["resources"]:
        assert all(f.get("description") for f in resource["schema"]["fields"])
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_links_are_absolute_with_site_url(tmp_path):
    project = sitekit.copy_sample(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://casebook.example.org/sub/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    build = sitekit.run_build(project, tmp_path / "site").check()
    rows = json.loads(build.read("data/outcomes.json"))["outcomes"]
    assert rows and all(o["case_url"] == f"https://casebook.example.org/sub/cases/{o['case_id']}/" for o in rows)
    cases = json.loads(build.read("data/cases.json"))["cases"]
    assert all(c["url"].startswith("https://casebook.example.org/sub/cases/") for c in cases)


def _chart_tables(site) -> dict[str, str]:
    """Chart file → hash of the data it shows (its data table, rows sorted, case column dropped
    when the table has one), over every page of the built site."""
    found: dict[str, str] = {}
    figure = re.compile(r'<img src="([^"]*charts/[^"]+\.svg)".*?</figure>.*?<thead>(.*?)</thead>\s*<tbody>(.*?)</tbody>',
                        re.S)
    for page in site.rglob("*.html"):
        for src, head, body in figure.findall(page.read_text(encoding="utf-8")):
            heads = [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head)]
            rows = []
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
                cells = [html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)]
                keep = [c for h, c in zip(heads, cells) if h not in ("Case", "Indicator", "Benefit")]
                rows.append("\x1f".join(keep))
            found[src.rsplit("/", 1)[1]] = hashlib.sha256("\x1e".join(sorted(rows)).encode()).hexdigest()
    return found


def test_no_two_charts_show_the_same_data(real_build):
    charts = _chart_tables(real_build.site)
    assert len(charts) > 10
    same = defaultdict(list)
    for name, digest in charts.items():
        same[digest].append(name)
    dupes = [names for names in same.values() if len(names) > 1]
    assert not dupes, f"charts showing the same data: {dupes}"


def test_term_pages_chart_only_their_own_cases(real_build):
    cases = {c["id"]: c for c in json.loads(real_build.read("data/cases.json"))["cases"]}
    names = {c["name"] for c in cases.values()}
    for facet, field in (("sectors", "sectors"), ("countries", "country"), ("governance", "governance")):
        for page in (real_build.site / facet).glob("*/index.html"):
            term = page.parent.name
            text = page.read_text(encoding="utf-8")
            m = re.search(r'<details class="cb-chart-data".*?</details>', text, re.S)
            own = {c["name"] for c in cases.values()
                   if term in [v.lower() for v in (c[field] if isinstance(c[field], list) else [c[field]])]}
            if not own:
                assert m is None, f"/{facet}/{term}/ has a chart but no case"
                continue
            if m:
                shown = {html.unescape(x) for x in re.findall(r'<th scope="row">(.*?)</th>', m.group(0))}
                assert shown & names <= own, f"/{facet}/{term}/ charts other cases: {sorted((shown & names) - own)}"
