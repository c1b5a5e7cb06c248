"""Issue 21 without a browser: the contribute form's description is the record's one definition,
the vendored Ajv is the pinned package, the page carries no script, each case has its own JSON
file, and the repository's identity comes from the environment. (The form itself is driven in
Chromium by tests/browser/test_contribute.py.)"""

from __future__ import annotations

import importlib.util
import json
import os

import pytest

from casebook.records.form import form_description
from casebook.records.schema import json_schema
from casebook.records.spec import BUILTIN_VOCABULARIES, CASE
from casebook.records.taxonomy import country_names
from casebook.site.case_data import case_data_files
from casebook.site.contribute import FORM_PATH, form_file, render_contribute
from casebook.site.export_docs import Tagged, env_value
from casebook.site.exports import public_case
from casebook.site.urls import Urls

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _walk(spec_fields, form_fields, taxonomy, where=""):
    assert [f.name for f in spec_fields] == [f["name"] for f in form_fields], where
    for spec, form in zip(spec_fields, form_fields):
        path = f"{where}.{spec.name}" if where else spec.name
        assert form["help"] == spec.description and form["required"] == spec.required, path
        assert form["label"] and form["label"][0].isupper(), path
        item_spec, item_form = (spec.items, form["item"]) if spec.kind == "list" else (spec, form)
        if item_spec.kind == "term":
            expected = BUILTIN_VOCABULARIES.get(item_spec.vocabulary) or taxonomy.ids(item_spec.vocabulary)
            assert [c[0] for c in item_form["choices"]] == list(expected), path
            if item_spec.vocabulary not in BUILTIN_VOCABULARIES:
                assert [c[1] for c in item_form["choices"]] == [taxonomy.label(item_spec.vocabulary, t)
                                                                for t in expected], path
        if item_spec.kind == "country":
            assert sorted(c[0] for c in item_form["choices"]) == sorted(country_names()), path
        if item_spec.fields:
            _walk(item_spec.fields, item_form["fields"], taxonomy, path)


def test_the_form_describes_every_field_of_the_record(taxonomy):
    desc = form_description(taxonomy)
    _walk(CASE.fields, desc["fields"], taxonomy)
    widgets = {f["name"]: f["widget"] for f in desc["fields"]}
    # Lists of vocabulary terms are tick boxes; other lists are repeated groups.
    assert widgets["sectors"] == widgets["benefits"] == "choices"
    assert {widgets[n] for n in ("outcomes", "sources", "members", "lessons", "discrepancies")} == {"list"}
    outcomes = next(f for f in desc["fields"] if f["name"] == "outcomes")
    schema = json_schema(taxonomy, country_names())["properties"]["outcomes"]["items"]
    assert outcomes["itemLabel"] == "Outcome"
    assert outcomes["item"]["atLeastOne"] == [r["required"][0] for r in schema["anyOf"]]
    assert {"change_percent", "value"} <= set(outcomes["item"]["atLeastOne"])
    assert {r["field"] for r in desc["rules"]} == {"benefit", "source"}


def test_the_published_form_description_is_the_generated_one(taxonomy):
    assert FORM_PATH == "schema/case.form.json"
    assert json.loads(form_file(taxonomy)) == form_description(taxonomy)
    assert "<" not in form_file(taxonomy)  # safe anywhere, even inside HTML


def test_the_page_holds_no_script_and_names_no_repository_unless_given(taxonomy):
    local = render_contribute(taxonomy)
    assert "<script" not in local.lower()
    assert 'data-repo=""' in local and "propose it on GitHub" not in local
    published = render_contribute(taxonomy, "https://git.example.org/o/r/", "trunk", "contributing.md")
    assert 'data-repo="https://git.example.org/o/r"' in published and 'data-branch="trunk"' in published
    assert "propose it on GitHub" in published and "(contributing.md)" in published


def test_one_json_file_per_case(taxonomy):
    from casebook.site.build import load_cases

    cases = load_cases(ROOT / "cases", taxonomy).cases
    urls = Urls(site_url="https://casebook.example.org/")
    files = case_data_files(cases, urls)
    assert sorted(files) == sorted(f"data/cases/{c['id']}.json" for c in cases)
    for case in cases:
        data = json.loads(files[f"data/cases/{case['id']}.json"])
        assert data["case"] == json.loads(json.dumps(public_case(case, urls), default=str))


def _vendor_module():
    spec = importlib.util.spec_from_file_location("vendor_ajv", ROOT / "scripts" / "vendor_ajv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vendored_ajv_is_the_pinned_package():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["ajv-dist"]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/ajv-dist"]
    assert pinned == locked["version"] == "8.17.1" and locked["integrity"].startswith("sha512-")
    vendor = _vendor_module()
    shipped = vendor.TARGET.read_text(encoding="utf-8")
    assert shipped.startswith(f"/* ajv {pinned} (ajv2020)") and "sourceMappingURL" not in shipped
    licence = (vendor.TARGET.parent / "ajv-LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Evgeny Poberezkin" in licence
    if not vendor.SOURCE.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node_modules/ajv-dist is missing: run npm ci")
        pytest.skip("node_modules/ajv-dist is missing: run npm ci")
    assert shipped == vendor.vendored_text(vendor.SOURCE.read_text(encoding="utf-8"))


def test_env_values_resolve_as_mkdocs_resolves_them(monkeypatch):
    tagged = Tagged("!ENV", ["CASEBOOK_TEST_A", "CASEBOOK_TEST_B", "fallback"])
    monkeypatch.delenv("CASEBOOK_TEST_A", raising=False)
    monkeypatch.delenv("CASEBOOK_TEST_B", raising=False)
    assert env_value(tagged) == "fallback"
    monkeypatch.setenv("CASEBOOK_TEST_B", "https://b.example.org/")
    assert env_value(tagged) == "https://b.example.org/"
    monkeypatch.setenv("CASEBOOK_TEST_A", "https://a.example.org/")
    assert env_value(tagged) == "https://a.example.org/"
    assert env_value("plain") == "plain"


def test_mkdocs_yml_takes_the_identity_from_the_environment():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, var in (("site_url", "CASEBOOK_SITE_URL"), ("repo_url", "CASEBOOK_REPO_URL"),
                     ("edit_uri", "CASEBOOK_EDIT_URI"), ("branch", "CASEBOOK_BRANCH")):
        assert f"{key}: !ENV [{var}," in text, key
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "actions/configure-pages" in workflow and "github.repository" in workflow
    assert all(var in workflow for var in ("CASEBOOK_SITE_URL", "CASEBOOK_REPO_URL", "CASEBOOK_BRANCH"))
