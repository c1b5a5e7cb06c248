"""The JSON Schema of a case: generated, committed unchanged, and in agreement with the validator."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from casebook.records.loader import load_file, load_text  # noqa: E402
from casebook.records.schema import schema_text  # noqa: E402
from casebook.records.spec import CASE  # noqa: E402

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


def test_committed_schema_is_generated():
    """Never edited by hand: regenerate with `casebook schema` after changing spec.py or the taxonomy."""
    proc = subprocess.run([sys.executable, "-m", "casebook.cli", "schema", "-o", "-"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == COMMITTED.read_text(encoding="utf-8"), \
        "cases/_data/case.schema.json is stale: run `casebook schema`"


def test_schema_text_is_deterministic(taxonomy):
    assert schema_text(taxonomy) == schema_text(taxonomy)


def test_schema_covers_every_field(schema):
    assert set(schema["properties"]) == {f.name for f in CASE.fields}
    assert set(schema["required"]) == {f.name for f in CASE.fields if f.required}
    assert schema["additionalProperties"] is False


def test_schema_vocabularies_come_from_the_taxonomy(schema, taxonomy):
    props = schema["properties"]
    assert props["benefits"]["items"]["enum"] == taxonomy.ids("benefits")
    assert props["sectors"]["items"]["enum"] == taxonomy.ids("sectors")
    assert props["governance"]["enum"] == taxonomy.ids("governance")
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

    return [unknown_field, missing_required, bad_vocabulary, list_as_string, quoted_number, outcome_without_figure,
            javascript_url, bad_date, bad_id, long_summary, year_as_text, boolean_word, lowercase_country, empty_sectors]


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_invalid_records_are_rejected(validator, mutate):
    data = copy.deepcopy(_valid_data())
    mutate(data)
    assert list(validator.iter_errors(data)), f"{mutate.__name__} should be rejected by the schema"
