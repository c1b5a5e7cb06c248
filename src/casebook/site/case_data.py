"""One small JSON file per case, ``/data/cases/<id>.json``: the case as ``/data/cases.json``
publishes it, for pages that need one case's data without loading every case (the contribute
form's "Suggest an edit"). A case page itself fetches nothing."""

from __future__ import annotations

import json

from .exports import json_default, public_case


def case_data_path(case_id: str) -> str:
    return f"data/cases/{case_id}.json"


def case_data_files(cases: list[dict], base_url: str = "") -> dict[str, str]:
    """Site path → JSON text, one file per case (stable bytes)."""
    return {case_data_path(c["id"]): json.dumps(public_case(c, base_url), ensure_ascii=False, indent=1,
                                                default=json_default) + "\n"
            for c in sorted(cases, key=lambda c: c["id"])}
