"""The contribute form's description of a case, generated from :mod:`casebook.records.spec`.

The same walk as the JSON Schema (:mod:`.schema`): each field kind in :mod:`.kinds` says how
the form shows it (``Kind.form``), so the form, the schema and the validator read one
definition. The browser (``site/assets/contribute.js``) builds the controls, the YAML and the
cross-field checks from this description alone; it holds no list of fields of its own.

Every node has ``name``, ``label``, ``help``, ``required``, ``default`` and a ``widget``:
``id``, ``text``, ``textarea``, ``url``, ``number``, ``boolean``, ``date``, ``choice`` (one
vocabulary term, with ``choices`` as ``[value, label]`` pairs), ``choices`` (several terms),
``list`` (a repeated ``item``) or ``group`` (the ``fields`` of a mapping).
"""

from __future__ import annotations

import json

from .kinds import KINDS
from .spec import BUILTIN_VOCABULARIES, CASE, Field
from .taxonomy import Taxonomy, country_names

#: The rules across fields (:func:`.rules.cross_fields`) the form checks while typing, as data:
#: an item field's value must be one of a list field's values (an outcome's benefit among the
#: case's benefits), or a number at most that list's length (its source among the sources).
CROSS_FIELD = (
    {"list": "outcomes", "field": "benefit", "among": "benefits"},
    {"list": "outcomes", "field": "source", "countOf": "sources"},
)

#: Words written in capitals in labels.
_UPPER = {"id": "ID", "url": "URL"}


def label(name: str) -> str:
    """A field's label from its name: ``last_reviewed`` → "Last reviewed"."""
    words = [_UPPER.get(w, w) for w in name.split("_")]
    first = words[0] if words[0].isupper() else words[0].capitalize()
    return " ".join([first, *words[1:]])


class _FormContext:
    """What a kind needs to describe its control: vocabularies with labels, and recursion."""

    def __init__(self, taxonomy: Taxonomy, countries: dict[str, str]):
        self.taxonomy = taxonomy
        self.countries = countries

    def choices(self, vocabulary: str | None) -> list[list[str]]:
        if vocabulary in BUILTIN_VOCABULARIES:
            return [[v, v.replace("-", " ").capitalize()] for v in BUILTIN_VOCABULARIES[vocabulary]]
        return [[t, self.taxonomy.label(vocabulary or "", t)] for t in self.taxonomy.ids(vocabulary or "")]

    def country_choices(self) -> list[list[str]]:
        return sorted(([code, f"{name} ({code})"] for code, name in self.countries.items()), key=lambda c: c[1])

    def convert(self, f: Field) -> dict:
        out = {"name": f.name, "label": label(f.name) if f.name else "", "help": f.description,
               "required": f.required}
        if f.default is not None:
            out["default"] = f.default
        out.update(KINDS[f.kind].form(f, self))
        if out["widget"] == "list":
            out["itemLabel"] = _singular(str(out["label"]))
        return out


def _singular(text: str) -> str:
    """"Outcomes" → "Outcome", "Discrepancies" → "Discrepancy", "Aliases" → "Alias"."""
    if text.endswith("ies"):
        return text[:-3] + "y"
    if text.endswith("ses"):
        return text[:-2]
    return text[:-1] if text.endswith("s") else text


def form_description(taxonomy: Taxonomy, countries: dict[str, str] | None = None) -> dict:
    """The whole form: the case's fields in the record's order."""
    root = _FormContext(taxonomy, countries if countries is not None else country_names()).convert(CASE)
    names = {f["name"] for f in root["fields"]}
    for f in root["fields"]:
        if f["widget"] == "id" and "name" in names:
            f["slugFrom"] = "name"  # suggested from the name until the contributor types one
    return {"fields": root["fields"], "rules": [r for r in CROSS_FIELD if {r["list"], r.get("among"), r.get("countOf")} - {None} <= names]}


def form_json(taxonomy: Taxonomy) -> str:
    """The description as JSON safe inside an HTML ``<script type="application/json">``."""
    text = json.dumps(form_description(taxonomy), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c")
