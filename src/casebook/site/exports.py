"""Machine-readable downloads: cases and outcomes as JSON and CSV, the data package, the JSON Schema.

CSV files are UTF-8 with a byte-order mark (so Excel reads the accents), CRLF line ends
(RFC 4180) and every text cell passed through :func:`~casebook.site.text.csv_cell`, so no cell
can start a spreadsheet formula. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json

from ..records.schema import schema_text
from ..records.spec import is_achieved
from ..records.taxonomy import Taxonomy
from .outcome_data import OUTCOME_COLUMNS, OUTCOME_FIELDS, case_url, outcome_rows
from .text import csv_cell, outcome_result

#: Columns of cases.csv, in order; list fields are joined with "; ".
CSV_COLUMNS = [
    "id", "name", "short_name", "country", "region", "established", "population", "sectors",
    "governance", "members", "benefits", "focus_areas", "themes", "summary", "outcomes_count",
    "outcomes", "lessons", "sources", "related", "evidence", "anonymised", "last_reviewed", "url",
    "status", "status_year", "status_note", "added", "aliases",
]
BOM = "\ufeff"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def public_case(case: dict, base_url: str = "") -> dict:
    """A case as published: JSON-ready, without internal fields, with its page address."""
    out = {k: v for k, v in case.items() if not k.startswith("_")}
    out["last_reviewed"] = case["last_reviewed"].isoformat()
    out["url"] = case_url(case["id"], base_url)
    return out


def json_default(value):
    """Dates (``added``, a source's ``accessed``) are written as ISO 8601 text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _json(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False, default=json_default) + "\n"


def cases_json(cases: list[dict], base_url: str = "") -> str:
    """``/data/cases.json``: ``{"count": N, "cases": [...]}``, sorted by id, stable bytes."""
    rows = [public_case(c, base_url) for c in sorted(cases, key=lambda c: c["id"])]
    return _json({"count": len(rows), "cases": rows})


def _outcome_cell(o: dict) -> str:
    text = f"{o['measure']}: {outcome_result(o)}"
    if o.get("period"):
        text += f" ({o['period']})"
    if not is_achieved(o):
        text += f" [{o['status']}, not yet achieved]"
    return text


def _flat(case: dict, base_url: str) -> dict:
    c = public_case(case, base_url)
    c["members"] = [m["name"] + (f" ({m['role']})" if m.get("role") else "") for m in case.get("members") or []]
    c["outcomes_count"] = len(case.get("outcomes") or [])
    c["outcomes"] = [_outcome_cell(o) for o in case.get("outcomes") or []]
    c["sources"] = [f"{s['title']} ({s['publisher']})" + (f" {s['url']}" if s.get("url") else "") for s in case["sources"]]
    return {col: c.get(col) for col in CSV_COLUMNS}


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if isinstance(v, float) else str(v)
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return csv_cell(str(v))


def write_csv(columns, rows) -> str:
    """CSV text (BOM, CRLF, minimal quoting) of dict rows; text cells formula-safe."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(col)) for col in columns])
    return BOM + buf.getvalue()


def cases_csv(cases: list[dict], base_url: str = "") -> str:
    """``/data/cases.csv``: one row per case."""
    return write_csv(CSV_COLUMNS, (_flat(c, base_url) for c in sorted(cases, key=lambda c: c["id"])))


def outcomes_json(cases: list[dict], base_url: str = "") -> str:
    """``/data/outcomes.json``: ``{"count": N, "outcomes": [...]}``, one object per outcome."""
    rows = [r.record(base_url) for r in outcome_rows(cases)]
    return _json({"count": len(rows), "columns": list(OUTCOME_COLUMNS), "outcomes": rows})


def outcomes_csv(cases: list[dict], base_url: str = "") -> str:
    """``/data/outcomes.csv``: the same rows as outcomes.json."""
    return write_csv(OUTCOME_COLUMNS, (r.record(base_url) for r in outcome_rows(cases)))


_CASE_FIELDS = {
    "id": ("string", "Id of the case (the record's file name)."),
    "name": ("string", "Full name."), "short_name": ("string", "Acronym or short form."),
    "country": ("string", "ISO 3166-1 alpha-2 country code."), "region": ("string", "Region or system."),
    "established": ("integer", "Year the collaboration was established."),
    "population": ("integer", "Population served, as the sources give it."),
    "sectors": ("string", "Sectors, separated by '; '."), "governance": ("string", "Governance model."),
    "members": ("string", "Member organisations (role in brackets), separated by '; '."),
    "benefits": ("string", "Benefit categories, separated by '; '."),
    "focus_areas": ("string", "Focus areas, separated by '; '."), "themes": ("string", "Themes, separated by '; '."),
    "summary": ("string", "Plain-text summary."), "outcomes_count": ("integer", "Number of measured outcomes."),
    "outcomes": ("string", "Each outcome as 'measure: result (period)', those not achieved (expected, target, committed, forecast) marked, separated by '; '. One row per outcome is in outcomes.csv."),
    "lessons": ("string", "Lessons, separated by '; '."), "sources": ("string", "Sources (publisher, address), separated by '; '."),
    "related": ("string", "Ids of related cases, separated by '; '."),
    "evidence": ("string", "The case's level of evidence, the strongest of its sources': self-reported, "
                           "independently-evaluated or peer-reviewed. Each outcome's own level is in outcomes.csv."),
    "anonymised": ("boolean", "true when the source does not name the organisations."),
    "last_reviewed": ("date", "When the record was last checked against its sources."),
    "url": ("string", "Address of the case page."),
    "status": ("string", "active, ended or merged."), "status_year": ("integer", "Year it ended or merged."),
    "status_note": ("string", "What happened."), "added": ("date", "When the case joined the casebook."),
    "aliases": ("string", "Other names, separated by '; '."),
}


def _resource(name: str, path: str, title: str, fields: dict, columns) -> dict:
    schema_fields = []
    for col in columns:
        kind, desc = fields[col]
        field = {"name": col, "type": kind, "description": desc}
        if kind == "boolean":
            field.update(trueValues=["true"], falseValues=["false"])
        schema_fields.append(field)
    return {"name": name, "path": path, "title": title, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": True},
            "licenses": [LICENCE],
            "schema": {"fields": schema_fields, "missingValues": [""], "primaryKey": [columns[0]]}}


def datapackage(base_url: str = "") -> str:
    """``/data/datapackage.json``: a Frictionless Data Package describing every CSV download."""
    package = {
        "profile": "tabular-data-package",
        "name": "casebook",
        "title": "Casebook: provider collaboration case studies",
        "description": "Every case and every measured outcome in Casebook. Text in the CSV files is UTF-8 "
                       "with a byte-order mark; text cells that would start with =, +, -, @, a tab or a "
                       "carriage return are prefixed with an apostrophe so spreadsheets never run them.",
        "licenses": [LICENCE],
        "resources": [
            _resource("cases", "cases.csv", "Cases, one row each", _CASE_FIELDS, CSV_COLUMNS),
            _resource("outcomes", "outcomes.csv", "Outcomes, one row each", OUTCOME_FIELDS, list(OUTCOME_COLUMNS)),
        ],
    }
    if base_url:
        package["homepage"] = base_url.rstrip("/") + "/"
    return _json(package)


def exports(cases: list[dict], taxonomy: Taxonomy, base_url: str = "") -> dict[str, str]:
    """Every download: site path → text."""
    return {
        "data/cases.json": cases_json(cases, base_url),
        "data/cases.csv": cases_csv(cases, base_url),
        "data/outcomes.json": outcomes_json(cases, base_url),
        "data/outcomes.csv": outcomes_csv(cases, base_url),
        "data/datapackage.json": datapackage(base_url),
        "schema/case.schema.json": schema_text(taxonomy),
    }
