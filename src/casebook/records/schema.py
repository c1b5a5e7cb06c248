"""The JSON Schema of a case, generated from :mod:`casebook.records.spec` by the field kinds."""

from __future__ import annotations

import json

from .kinds import KINDS
from .spec import BUILTIN_VOCABULARIES, CASE, SCHEMA_ID, Field
from .taxonomy import Taxonomy, country_names


class _SchemaContext:
    """What a kind needs to describe itself: vocabularies, country codes, and the way back in."""

    def __init__(self, taxonomy: Taxonomy, country_codes):
        self.taxonomy = taxonomy
        self.countries = country_codes

    def vocab(self, name: str) -> list[str]:
        if name in BUILTIN_VOCABULARIES:
            return list(BUILTIN_VOCABULARIES[name])
        return self.taxonomy.ids(name)

    def convert(self, f: Field) -> dict:
        out = KINDS[f.kind].schema(f, self)
        if f.description:
            out["description"] = f.description
        if f.default is not None:
            out["default"] = f.default
        return out


def json_schema(taxonomy: Taxonomy, country_codes) -> dict:
    """The JSON Schema (draft 2020-12) of a case, generated from :data:`~.spec.CASE`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casebook case record",
        **_SchemaContext(taxonomy, country_codes).convert(CASE),
    }


def schema_text(taxonomy: Taxonomy) -> str:
    """Deterministic JSON text of the schema (sorted keys where order carries no meaning)."""
    return json.dumps(json_schema(taxonomy, country_names()), indent=2, ensure_ascii=False) + "\n"
