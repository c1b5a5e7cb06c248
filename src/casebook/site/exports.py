"""Machine-readable downloads: every case as JSON and CSV, and the JSON Schema."""

from __future__ import annotations

import io
import json

from ..records.schema import schema_text
from ..records.taxonomy import Taxonomy

#: Columns of cases.csv, in order; list fields are joined with "; ".
CSV_COLUMNS = [
    "id", "name", "short_name", "country", "region", "established", "population", "sectors",
    "governance", "members", "benefits", "focus_areas", "themes", "summary", "outcomes_count",
    "outcomes", "lessons", "sources", "related", "evidence", "anonymised", "last_reviewed", "url",
]


def public_case(case: dict, base_url: str = "") -> dict:
    """A case as published: JSON-ready, without internal fields, with its page address."""
    out = {k: v for k, v in case.items() if not k.startswith("_")}
    out["last_reviewed"] = case["last_reviewed"].isoformat()
    out["url"] = f"{base_url}cases/{case['id']}/"
    return out


def cases_json(cases: list[dict], base_url: str = "") -> str:
    """``/data/cases.json``: ``{"count": N, "cases": [...]}``, sorted by id, stable bytes."""
    rows = [public_case(c, base_url) for c in sorted(cases, key=lambda c: c["id"])]
    return json.dumps({"count": len(rows), "cases": rows}, ensure_ascii=False, indent=1, sort_keys=False,
                      default=json_default) + "\n"


def json_default(value):
    """Dates (``added``, a source's ``accessed``) are written as ISO 8601 text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _flat(case: dict, base_url: str) -> dict:
    from .text import outcome_result  # the same wording readers see on the page

    c = public_case(case, base_url)
    c["members"] = [m["name"] + (f" ({m['role']})" if m.get("role") else "") for m in case.get("members") or []]
    c["outcomes_count"] = len(case.get("outcomes") or [])
    c["outcomes"] = [f"{o['measure']}: {outcome_result(o)}" + (f" ({o['period']})" if o.get("period") else "")
                     for o in case.get("outcomes") or []]
    c["sources"] = [f"{s['title']} ({s['publisher']})" + (f" {s['url']}" if s.get("url") else "") for s in case["sources"]]
    row = {}
    for col in CSV_COLUMNS:
        v = c.get(col)
        if isinstance(v, list):
            v = "; ".join(str(x) for x in v)
        elif isinstance(v, bool):
            v = "true" if v else "false"
        row[col] = "" if v is None else v
    return row


def cases_csv(cases: list[dict], base_url: str = "") -> str:
    """``/data/cases.csv`` (one row per case), written with pandas."""
    import pandas as pd  # heavy: imported only when the site is built

    frame = pd.DataFrame([_flat(c, base_url) for c in sorted(cases, key=lambda c: c["id"])], columns=CSV_COLUMNS)
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def exports(cases: list[dict], taxonomy: Taxonomy, base_url: str = "") -> dict[str, str]:
    """Every download: site path → text."""
    return {
        "data/cases.json": cases_json(cases, base_url),
        "data/cases.csv": cases_csv(cases, base_url),
        "schema/case.schema.json": schema_text(taxonomy),
    }
