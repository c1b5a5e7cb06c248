"""One small JSON file per case, ``/data/cases/<id>.json``, the one writer of those files:
``{"case": ..., "outcomes": [...]}``, the case as ``/data/cases.json`` publishes it and its
outcome rows as ``/data/outcomes.json`` does (the keys compare.js reads). Pages that need one
case's data fetch only that file: /compare/ (the chosen cases) and the contribute form's
"Suggest an edit" (its ``case``). A case page itself fetches nothing."""

from __future__ import annotations

import json

from .exports import json_default, public_case
from .outcome_data import outcome_rows
from .urls import DIRECTORY_URLS, Urls

#: The keys of an outcome row that compare.js reads.
OUTCOME_KEYS = ("outcome_id", "measure", "indicator", "result", "period", "status", "evidence")


def case_data_path(case_id: str) -> str:
    return f"data/cases/{case_id}.json"


def case_data_files(cases: list[dict], urls: Urls = DIRECTORY_URLS) -> dict[str, str]:
    """Site path → JSON text, one file per case (stable bytes)."""
    rows: dict[str, list[dict]] = {}
    for r in outcome_rows(cases):
        record = r.record(urls)
        rows.setdefault(r.case["id"], []).append({k: record[k] for k in OUTCOME_KEYS})
    return {case_data_path(c["id"]): json.dumps({"case": public_case(c, urls), "outcomes": rows.get(c["id"], [])},
                                                ensure_ascii=False, sort_keys=True, default=json_default,
                                                separators=(",", ":")) + "\n"
            for c in sorted(cases, key=lambda c: c["id"])}
