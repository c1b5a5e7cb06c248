"""Issue 9: every rule against hostile or careless input, with its message and position."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from casebook.records.problems import Problem
from casebook.records.spec import RESERVED_IDS
from casebook.records.taxonomy import country_names
from casebook.records.validate import validate_files, validate_paths

VALID = (Path(__file__).resolve().parent / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")
NAME = "example-partnership.yaml"
TODAY = dt.date(2025, 6, 1)


def edit(old: str, new: str, text: str = VALID) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture()
def check(tmp_path, taxonomy):
    def run(text: str, name: str = NAME):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        return validate_files([str(path)], taxonomy, today=TODAY)
    return run


def one(result) -> Problem:
    assert len(result.errors) == 1, [p.format() for p in result.errors]
    p = result.errors[0]
    assert "\n" not in p.format() and "\r" not in p.format()
    return p


def at(result, line: int, col: int, *fragments: str) -> Problem:
    p = one(result)
    assert (p.line, p.col) == (line, col), p.format()
    for f in fragments:
        assert f in p.text(), p.format()
    return p


# -- 1. links on the rendered result -----------------------------------------------------------------
@pytest.mark.parametrize("narrative, line, col", [
    ("- item\n\n    [m]: javascript:alert(1)\n\n  See [m].", 10, 10),   # definition inside a list item
    ("- [minutes]: javascript:alert(1)\n\n  See [minutes].", 8, 16),  # definition as a list item
    ("> [q]: javascript:alert(1)\n\n  See [q].", 8, 10),            # inside a block quote
    ("Term\n\n  :   [d]: javascript:alert(1)\n\n  See [d].", 10, 12),  # definition list
    ('!!! note\n      [n](vbscript:msgbox(1))', 9, 11),             # inside an admonition
    ("[x](jav&#x61;script:alert(1))", 8, 7),                          # scheme hidden by an entity
    ("[x](//evil.example/x)", 8, 7),                                  # protocol-relative
    ("[x](data:text/html,hi)", 8, 7),
    ("<mailto:a@b.example>", 8, 3),
    ("Para\n  {: onclick=alert(1) }", 9, 6),                          # event handler via attribute list
])
def test_links_checked_on_rendered_html(check, narrative, line, col):
    p = at(check(edit("summary:", f"narrative: |\n  {narrative}\nsummary:")), line, col, "'narrative'")
    assert "links to" in p.message or "event handler" in p.message or "HTML" in p.message


def test_http_links_anywhere_are_fine(check):
    narrative = "- [a][r]\n\n      [r]: https://example.org/r\n\n  > see [b](https://example.org/b)"
    result = check(edit("summary:", f"narrative: |\n  {narrative}\nsummary:"))
    assert result.ok, [p.format() for p in result.errors]


def test_validate_imports_markdown_only_for_narratives_that_need_it(check, monkeypatch):
    import sys
    # monkeypatch puts the module back afterwards: a fresh 'markdown' imported later would lack
    # the submodule attributes (markdown.treeprocessors) that MkDocs, imported in process by
    # later tests, reads.
    monkeypatch.delitem(sys.modules, "markdown", raising=False)
    check(VALID)
    assert "markdown" not in sys.modules


# -- 4. number bounds ------------------------------------------------------------------------------
@pytest.mark.parametrize("field, value, fragment", [
    ("change_percent", "1e308", "at most 100,000"),
    ("change_percent", "-101", "at least -100"),
    ("change_percent", ".inf", "must be a number"),
    ("value", "1e13", "at most 1,000,000,000,000"),
])
def test_numbers_bounded(check, field, value, fragment):
    text = edit("    change_percent: -10\n", "    change_percent: -10\n    unit: x\n    value: 1\n") if field == "value" else VALID
    text = edit(f"    {field}: {'-10' if field == 'change_percent' else '1'}\n", f"    {field}: {value}\n", text)
    p = one(check(text))
    assert fragment in p.message and p.line in (11, 13), p.format()


def test_population_plausible(check):
    at(check(edit("country: GB\n", "country: GB\npopulation: 90000000000\n")), 5, 13, "'population' must be at most")


# -- 5. characters ---------------------------------------------------------------------------------
@pytest.mark.parametrize("written, fragment", [
    (r'"Two trusts\e share"', "U+001B"),
    (r'"Two trusts\0 share"', "U+0000"),
    (r'"Two trusts\r share"', "U+000D"),
    ('"Two \u202etrusts"', "U+202E"),
    ('"Two \u2066trusts"', "U+2066"),
])
def test_control_and_bidi_characters_rejected(check, written, fragment):
    p = one(check(edit("summary: Two hospital trusts share a staff bank.", f"summary: {written}")))
    assert p.line == 7 and fragment in p.message and "'summary'" in p.message, p.format()


def test_invisible_only_required_text_is_missing(check):
    at(check(edit("summary: Two hospital trusts share a staff bank.", 'summary: "\u200b\u2060 "')), 7, 10,
       "'summary' is missing", "invisible")


def test_mixed_script_name_warns(check):
    result = check(edit("name: Example Partnership", "name: Ex\u0430mple Partnership"))
    assert result.ok
    (w,) = [p for p in result.warnings if "mixes" in p.message]
    assert (w.line, w.col) == (3, 7) and "Cyrillic and Latin" in w.message


def test_near_duplicate_names_warn(tmp_path, taxonomy):
    (tmp_path / NAME).write_text(VALID, encoding="utf-8")
    (tmp_path / "example-partnership-2.yaml").write_text(
        edit("id: example-partnership", "id: example-partnership-2", edit("name: Example Partnership", "name: EXAMPLE  partnership.")),
        encoding="utf-8")
    result = validate_paths([str(tmp_path)], taxonomy, today=TODAY)[0]
    (w,) = [p for p in result.warnings if "nearly the same" in p.message]
    assert w.path.endswith("example-partnership.yaml") and (w.line, w.col) == (3, 7)


# -- 6. ids and files -------------------------------------------------------------------------------
@pytest.mark.parametrize("reserved", RESERVED_IDS)
def test_reserved_ids(check, reserved):
    p = at(check(edit("id: example-partnership", f"id: {reserved}"), name=f"{reserved}.yaml"), 2, 5, "is reserved")
    assert all(r in p.text() for r in RESERVED_IDS)


def test_files_that_look_like_cases_but_are_not_read(tmp_path, taxonomy):
    (tmp_path / NAME).write_text(VALID, encoding="utf-8")
    (tmp_path / "other.yml").write_text(VALID, encoding="utf-8")
    (tmp_path / "upper.YAML").write_text(VALID, encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    os.symlink(tmp_path / "missing.yaml", tmp_path / "broken.yaml")
    outside = tmp_path.parent / "outside-case.yaml"
    outside.write_text(VALID, encoding="utf-8")
    os.symlink(outside, tmp_path / "escape.yaml")
    result, _ = validate_paths([str(tmp_path)], taxonomy, today=TODAY)
    messages = {Path(p.path).name: p.message for p in result.errors}
    assert set(messages) == {"other.yml", "upper.YAML", "folder.yaml", "broken.yaml", "escape.yaml"}
    assert "rename it to other.yaml" in messages["other.yml"]
    assert "folder" in messages["folder.yaml"]
    assert "does not exist" in messages["broken.yaml"]
    assert "outside the cases folder" in messages["escape.yaml"]
    assert [c["id"] for c in result.cases] == ["example-partnership"]


# -- 7. addresses ---------------------------------------------------------------------------------
@pytest.mark.parametrize("url, fragment", [
    ("https://user@evil.example/x", "user name"),
    ("https://example.org\\@evil.example", "backslash"),
    ("http://localhost/x", "this computer"),
    ("http://127.0.0.1/x", "loopback"),
    ("http://2130706433/x", "loopback"),
    ("http://10.1.2.3/x", "private"),
    ("http://169.254.169.254/latest", "link-local"),
    ("http://[::1]/x", "loopback"),
    ("//example.org/x", "protocol-relative"),
    ("javascript:alert(1)", "not an http"),
])
def test_source_addresses(check, url, fragment):
    at(check(edit("url: https://example.org/article", f"url: '{url}'")), 16, 10, "'sources[1].url'", fragment)


@pytest.mark.parametrize("field, value", [("published", "2025-07"), ("published", "2026"), ("accessed", "2025-06-02")])
def test_source_dates_not_in_future(check, field, value):
    at(check(edit("    published: 2023-05\n", f"    {field}: '{value}'\n")),
       17, 16 if field == "published" else 15, "in the future")


# -- 8. one line per problem, whole-string patterns -----------------------------------------------
def test_trailing_newline_in_date_is_explained(check):
    p = at(check(edit("last_reviewed: 2024-01-01", 'last_reviewed: "2024-01-01\\n"')), 18, 16)
    assert "'2024-01-01\\n'" in p.message and "line break" in p.message


def test_trailing_newline_in_id(check):
    p = at(check(edit("id: example-partnership", 'id: "example-partnership\\n"')), 2, 5)
    assert "line break" in p.message


def test_newline_in_unknown_value_stays_on_one_line(check):
    p = one(check(edit("sectors: [acute]", 'sectors: ["acute\\nerror: fake"]')))
    assert p.format().count("\n") == 0 and "\\n" in p.format()


# -- 3. data files read safely ---------------------------------------------------------------------
def test_norway_is_a_country_and_false_is_not(check):
    assert country_names()["NO"] == "Norway" and "False" not in country_names()
    assert check(edit("country: GB", "country: NO")).ok
    at(check(edit("country: GB", 'country: "False"')), 4, 10, "ISO 3166-1")


# -- 10. explicit tags ----------------------------------------------------------------------------
def test_str_tag_is_honoured(check):
    result = check(edit("summary: Two hospital trusts share a staff bank.", "summary: !!str 12"))
    assert result.ok and result.cases[0]["summary"] == "12"


@pytest.mark.parametrize("written, fragment", [("!!int twelve", "!!int"), ("!!binary aGk=", "!!binary"),
                                               ("!custom x", "!custom"), ("! 12", "'!'")])
def test_other_tags_rejected(check, written, fragment):
    at(check(edit("summary: Two hospital trusts share a staff bank.", f"summary: {written}")), 7, 10, fragment)


@pytest.mark.parametrize("escape", ["\\L", "\\P"])
def test_line_separators_written_as_escapes_are_rejected(tmp_path, taxonomy, escape):
    """U+2028/U+2029 are refused whether written raw (the loader) or as YAML escapes."""
    from casebook.records.validate import validate_files

    lines = VALID.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines[at] = f'summary: "A summary{escape}with a separator."\n'
    path = tmp_path / "example-partnership.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = validate_files([str(path)], taxonomy)
    (error,) = result.errors
    assert (error.line, error.col) == (at + 1, 10)
    assert "U+202" in error.message and "summary" in error.message


# -- abbreviation definitions anywhere in the narrative (issue 21, item 8) --------------------------
@pytest.mark.parametrize("narrative, line, col", [
    ("*[Workforce]: trap\n\n  Workforce", 8, 3),                        # top level
    ("> *[Workforce]: trap\n\n  Workforce", 8, 5),                      # inside a block quote
    ("- *[Collaborative]: trap\n  - Collaborative", 8, 5),                # as a list item
    ("- item\n\n      *[Collaborative]: trap\n\n  Collaborative", 10, 7),  # inside a list item
    ("> - *[Unused]: never used anywhere", 8, 7),                      # defined, even if unused
])
def test_abbreviation_definitions_rejected_anywhere(check, narrative, line, col):
    p = at(check(edit("summary:", f"narrative: |\n  {narrative}\nsummary:")), line, col, "'narrative'")
    assert "defines the abbreviation" in p.message and "glossary" in p.text()


def test_abbreviation_like_text_is_fine(check):
    narrative = "The note *[HTML]: trap mid-line is plain text, and [a](https://example.org/a) a link."
    result = check(edit("summary:", f"narrative: |\n  {narrative}\nsummary:"))
    assert result.ok, [p.format() for p in result.errors]
