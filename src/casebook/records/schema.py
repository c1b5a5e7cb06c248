"""The JSON Schema of a case, as text (generated from :mod:`casebook.spec`)."""

from __future__ import annotations

import json

from .spec import json_schema
from .taxonomy import Taxonomy, country_names


def schema_text(taxonomy: Taxonomy) -> str:
    """Deterministic JSON text of the schema (sorted keys where order carries no meaning)."""
    return json.dumps(json_schema(taxonomy, country_names()), indent=2, ensure_ascii=False) + "\n"
