"""The JSON Schema of a case: generated, committed unchanged, and in agreement with the validator."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from casebook.records.loader import load_file, load_text

ROOT = Path(__file__).resolve().parents[1]
VALID_CASE = (ROOT / "tests" / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")
COMMITTED = ROOT / "cases" / "_data" / "case.schema.json"
CASE_FILES = sorted((ROOT / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def schema():
    data = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("hash_seed", ["0", "1"])
def test_committed_schema_is_generated(hash_seed):
    """Never edited by hand: regenerate with `casebook schema` after changing spec.py or the taxonomy.

    Two hash seeds: the generated text must not depend on set or dict iteration order."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run([sys.executable, "-m", "casebook.cli", "schema", "-o", "-"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == COMMITTED.read_text(encoding="utf-8"), \
        "cases/_data/case.schema.json is stale: run `casebook schema`"


# Written by hand, not derived from spec.py: a field added, dropped or
# made optional in the spec must be a deliberate change here too.
FIELDS = ["id", "name", "short_name", "aliases", "country", "region", "established", "population", "sectors",
          "governance", "members", "benefits", "focus_areas", "themes", "summary", "narrative", "outcomes",
          "lessons", "sources", "discrepancies", "related", "evidence", "anonymised", "last_reviewed", "added",
          "status", "status_year", "status_note"]
REQUIRED = ["id", "name", "country", "sectors", "benefits", "summary", "sources", "last_reviewed"]
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

FRAGMENTS = {
    "id": {"type": "string", "pattern": ID_PATTERN, "maxLength": 64, "not": {"enum": ["index", "readme"]}},
    "established": {"type": "integer", "minimum": 1900},
    "summary": {"type": "string", "minLength": 1, "maxLength": 500},
    "anonymised": {"type": "boolean", "default": False},
    "last_reviewed": {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
    "related": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
    "evidence": {"type": "string", "enum": ["self-reported", "independently-evaluated", "peer-reviewed"]},
    "status": {"type": "string", "enum": ["active", "ended", "merged"], "default": "active"},
}


def _without_descriptions(value):
    if isinstance(value, dict):
        return {k: _without_descriptions(v) for k, v in value.items() if k != "description"}
    if isinstance(value, list):
        return [_without_descriptions(v) for v in value]
    return value


def test_schema_lists_the_documented_fields(schema):
    assert list(schema["properties"]) == FIELDS
    assert schema["required"] == REQUIRED
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("field", sorted(FRAGMENTS))
def test_schema_field_fragment(schema, field):
    got = _without_descriptions(schema["properties"][field])
    assert {k: got.get(k) for k in FRAGMENTS[field]} == FRAGMENTS[field]


def test_schema_outcome_needs_a_figure(schema):
    outcome = schema["properties"]["outcomes"]["items"]
    assert outcome["required"] == ["measure", "benefit"]
    assert outcome["additionalProperties"] is False
    assert outcome["anyOf"] == [{"required": ["change_percent"]}, {"required": ["change_points"]}, {"required": ["value"]}]
    assert outcome["not"] == {"required": ["change_percent", "change_points"]}


def test_schema_vocabularies_come_from_the_taxonomy(schema):
    """The enums list the taxonomy file's ids in file order (read here with plain YAML)."""
    raw = yaml.safe_load((ROOT / "cases" / "_data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    props = schema["properties"]
    assert props["benefits"]["items"]["enum"] == list(raw["benefits"])
    assert props["sectors"]["items"]["enum"] == list(raw["sectors"])
    assert props["governance"]["enum"] == list(raw["governance"])
    assert {"workforce", "health-inequalities"} <= set(props["benefits"]["items"]["enum"])
    assert "GB" in props["country"]["enum"] and "UK" not in props["country"]["enum"]


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.name for p in CASE_FILES])
def test_case_validates_against_schema(path, validator):
    doc, problems = load_file(path)
    assert problems == []
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def _valid_data() -> dict:
    doc, problems = load_text(VALID_CASE, "example-partnership.yaml")
    assert problems == []
    return doc.data


def test_minimal_case_validates(validator):
    validator.validate(_valid_data())


def _mutations():
    def unknown_field(d):
        d["sumary"] = d.pop("summary")

    def missing_required(d):
        del d["sources"]

    def bad_vocabulary(d):
        d["benefits"] = ["workfroce"]

    def list_as_string(d):
        d["sectors"] = "acute"

    def quoted_number(d):
        d["outcomes"][0]["change_percent"] = "-10"

    def outcome_without_figure(d):
        del d["outcomes"][0]["change_percent"]

    def javascript_url(d):
        d["sources"][0]["url"] = "javascript:alert(1)"

    def bad_date(d):
        d["last_reviewed"] = "2024/01/01"

    def bad_id(d):
        d["id"] = "Bad_Id"

    def long_summary(d):
        d["summary"] = "x" * 501

    def year_as_text(d):
        d["established"] = "012"

    def boolean_word(d):
        d["anonymised"] = "yes"

    def lowercase_country(d):
        d["country"] = "gb"

    def empty_sectors(d):
        d["sectors"] = []

    def percent_and_points(d):
        d["outcomes"][0]["change_points"] = -3

    def undated_with_a_date(d):
        d["sources"][0]["undated"] = True

    def archived_over_http(d):
        d["sources"][0]["archived_url"] = "http://web.archive.org/web/2023/https://example.org/article"

    def source_evidence_outside_vocabulary(d):
        d["sources"][0]["evidence"] = "peer-review"

    def unknown_status(d):
        d["outcomes"][0]["status"] = "projected"

    return [unknown_field, missing_required, bad_vocabulary, list_as_string, quoted_number, outcome_without_figure,
            javascript_url, bad_date, bad_id, long_summary, year_as_text, boolean_word, lowercase_country, empty_sectors,
            percent_and_points, undated_with_a_date, archived_over_http, source_evidence_outside_vocabulary,
            unknown_status]


def test_this_rounds_fields_are_accepted(validator):
    """change_points alone, the new statuses and qualifier, and the new source fields."""
    data = copy.deepcopy(_valid_data())
    o = data["outcomes"][0]
    del o["change_percent"]
    o.update(change_points=-7, qualifier="up-to", status="forecast", indicator="agency-spend")
    src = data["sources"][0]
    del src["published"]
    src.update(undated=True, evidence="peer-reviewed",
               archived_url="https://web.archive.org/web/2023/https://example.org/article")
    validator.validate(data)
    for status in ("target", "committed", "expected", "achieved"):
        o["status"] = status
        validator.validate(data)


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_invalid_records_are_rejected(validator, mutate):
    data = copy.deepcopy(_valid_data())
    mutate(data)
    assert list(validator.iter_errors(data)), f"{mutate.__name__} should be rejected by the schema"
