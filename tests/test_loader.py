"""Loading case files: every YAML mistake becomes one problem with a line and column."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casebook.records.loader import MAX_BYTES, MAX_DEPTH, load_file, load_text

VALID_CASE = (Path(__file__).resolve().parent / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")


def load(text: str, name: str = "case.yaml"):
    return load_text(text, name)


def one_problem(text: str, name: str = "case.yaml"):
    doc, problems = load(text, name)
    assert doc is None
    assert len(problems) == 1, problems
    return problems[0]


def at(problem, line: int, col: int):
    assert (problem.line, problem.col) == (line, col), problem.format()
    assert problem.format().startswith(f"{problem.path}:{line}:{col}: error: ")


# -- what loads ---------------------------------------------------------------------------------


def test_valid_case_loads_with_marks():
    doc, problems = load(VALID_CASE)
    assert problems == []
    assert doc.data["id"] == "example-partnership"
    assert doc.marks[("country",)] == (4, 10)
    assert doc.key_marks[("country",)] == (4, 1)
    assert doc.marks[("sectors", 0)] == (5, 11)
    assert doc.marks[("outcomes", 0, "change_percent")] == (11, 21)
    assert doc.key_marks[("sources", 0, "url")] == (16, 5)
    assert doc.mark(("outcomes", 0, "unit")) == (9, 5)  # absent: falls back to the enclosing mapping
    assert doc.mark(("country",), key=True) == (4, 1)


def test_scalars_keep_what_the_contributor_wrote():
    doc, problems = load(textwrap.dedent("""\
        a: no
        b: yes
        c: on
        d: off
        e: 012
        f: 2024-01-01
        g: 1.5
        h: -36
        i: true
        j: false
        k: null
        l: ~
        m:
        n: 0x1F
        o: 1_000
        p: .inf
        q: "12"
        r: 'true'
        s: +7
        t: 0
        u: 1e3
        v: 12:30
        """))
    assert problems == []
    assert doc.data == {
        "a": "no", "b": "yes", "c": "on", "d": "off", "e": "012", "f": "2024-01-01", "g": 1.5,
        "h": -36, "i": True, "j": False, "k": None, "l": None, "m": None, "n": "0x1F", "o": "1_000",
        "p": ".inf", "q": "12", "r": "true", "s": 7, "t": 0, "u": 1000.0, "v": "12:30",
    }
    assert type(doc.data["h"]) is int and doc.data["i"] is True and type(doc.data["g"]) is float
    assert ("q",) in doc.quoted and ("r",) in doc.quoted and ("h",) not in doc.quoted


def test_block_scalars_are_text():
    doc, problems = load("a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n")
    assert problems == []
    assert doc.data == {"a": "line one\nline two\n", "b": "folded text"}


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID_CASE.encode())
    doc, problems = load_file(path)
    assert problems == []
    assert doc.data["id"] == "example-partnership"
    assert doc.marks[("country",)] == (4, 10)  # the BOM does not shift columns


def test_explicit_document_markers_are_fine():
    doc, problems = load("---\na: 1\n...\n")
    assert problems == [] and doc.data == {"a": 1}


def test_crlf_line_endings_keep_line_numbers():
    problem = one_problem("a: 1\r\nb: 2\r\nc: [\r\n")
    at(problem, 4, 1)
    problem = one_problem("a: 1\r\nb: 2\r\nc: x\x07\r\n")
    at(problem, 3, 5)


# -- YAML syntax --------------------------------------------------------------------------------


def test_syntax_error_has_line_and_column():
    problem = one_problem("id: x\nname: Example: Partnership\ncountry: GB\n")
    at(problem, 2, 14)
    assert problem.message.startswith("YAML syntax error: mapping values are not allowed")
    assert problem.hint == "a value that contains ': ' must be put in quotes"


def test_unclosed_bracket():
    problem = one_problem("id: x\nsectors: [acute, community\ncountry: GB\n")
    assert problem.message.startswith("YAML syntax error")
    assert problem.line in (3, 4)
    assert "brackets are closed" in problem.hint


def test_unclosed_quote():
    problem = one_problem('id: x\nname: "Example\ncountry: GB\n')
    assert problem.message.startswith("YAML syntax error")
    assert "quot" in problem.hint


def test_value_starting_with_at_sign():
    problem = one_problem("id: x\nname: @handle\n")
    at(problem, 2, 7)
    assert "must be put in quotes" in problem.hint


@pytest.mark.parametrize("text, line, col", [
    ("id: x\n\tname: y\n", 2, 1),
    ("id: x\nsectors:\n\t- acute\n", 3, 1),
    ("id: x\nsources:\n  - title: t\n\t  publisher: p\n", 4, 1),
])
def test_tab_indentation_hint(text, line, col):
    problem = one_problem(text)
    at(problem, line, col)
    assert problem.message.startswith("YAML syntax error")
    assert problem.hint == "indent with spaces, never tabs"


def test_tab_inside_a_value_is_fine():
    # libyaml accepts a tab inside a plain value; PyYAML's pure-Python scanner does not, so this
    # also fails if the loader silently falls back from libyaml (slow, and stricter than editors)
    doc, problems = load("name: a\tb\n")
    assert problems == [] and doc.data == {"name": "a\tb"}


def test_libyaml_is_used_when_available():
    import yaml

    from casebook.records import loader

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    assert loader._Loader is yaml.CSafeLoader


def test_duplicate_key():
    problem = one_problem("id: x\nname: A\ncountry: GB\nname: B\n")
    at(problem, 4, 1)
    assert problem.message == "duplicate field 'name' (first given at line 2); keep one"


def test_duplicate_key_in_an_outcome():
    text = "outcomes:\n  - measure: m\n    benefit: workforce\n    measure: n\n"
    problem = one_problem(text)
    at(problem, 4, 5)
    assert "duplicate field 'measure' (first given at line 2)" in problem.message


def test_duplicate_key_with_a_line_break_stays_on_one_line():
    problem = one_problem('id: x\n"a\\nb": 1\n"a\\nb": 2\n')
    at(problem, 3, 1)
    assert "\n" not in problem.format()
    assert "duplicate field 'a\\nb'" in problem.message


def test_duplicate_key_in_flow_mapping():
    problem = one_problem("a: {b: 1, b: 2}\n")
    at(problem, 1, 11)
    assert "duplicate field 'b'" in problem.message


def test_complex_key_rejected():
    problem = one_problem("? [a, b]\n: 1\n")
    at(problem, 1, 3)
    assert "a field name must be plain text" in problem.message


# -- anchors, aliases, tags ---------------------------------------------------------------------


def test_anchor_rejected():
    problem = one_problem("id: x\nsectors: &s [acute]\nthemes: *s\n")
    at(problem, 2, 10)
    assert problem.message == "YAML anchors (&s) are not allowed; write the value out in full"


def test_alias_rejected():
    problem = one_problem("id: x\nsectors: [acute]\nthemes: *s\n")
    assert problem.line == 3
    assert "YAML" in problem.message and "*s" in problem.message


def test_merge_key_is_just_an_unknown_field():
    doc, problems = load("<<: {a: 1}\nb: 2\n")
    assert problems == []
    assert doc.data == {"<<": {"a": 1}, "b": 2}


def test_prose_with_ampersand_and_asterisk_is_fine():
    doc, problems = load("name: A&E * and *stars* & more\nsummary: '&quoted *text'\n")
    assert problems == []
    assert doc.data["name"] == "A&E * and *stars* & more"


BILLION_LAUGHS = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """)


def test_billion_laughs_is_rejected():
    problem = one_problem(BILLION_LAUGHS)  # rejected at the first anchor, never expanded
    at(problem, 1, 4)
    assert "anchors" in problem.message


def test_billion_laughs_on_the_command_line(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS)
    proc = subprocess.run([sys.executable, "-m", "casebook.cli", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert f"{path}:1:4: error: YAML anchors (&a) are not allowed" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert len(proc.stdout) < 10_000  # nothing was expanded


@pytest.mark.parametrize("text, tag", [
    ("a: !!python/object:os.system x\n", "python/object:os.system"),
    ("a: !!python/object/apply:os.system [ls]\n", "python/object/apply:os.system"),
    ("a: !!python/name:os.system ''\n", "python/name:os.system"),
    ("a: !custom x\n", "!custom"),
    ("a: !!binary aGVsbG8=\n", "binary"),
    ("a: !!set {x}\n", "set"),
    ("a: !!omap\n  - b: 1\n", "omap"),
])
def test_custom_tags_rejected(text, tag):
    problem = one_problem(text)
    assert "YAML tag" in problem.message and tag in problem.message
    assert "not allowed" in problem.message
    assert problem.line == 1


# -- nesting ------------------------------------------------------------------------------------

DEEP = """\
import sys
from casebook.records.loader import load_text
kind = sys.argv[1]
n = 100000
text = {"flow": "a: " + "[" * n + "]" * n,
        "map": "a: " + "{a: " * n + "1" + "}" * n,
        "block": "a:\\n" + "".join(" " * i + "- \\n" for i in range(1, 3000)),
        "keys": "".join(" " * i + "k:\\n" for i in range(3000)),
        "unclosed": "a: " + "[" * n}[kind]
doc, problems = load_text(text, "deep.yaml")
assert doc is None, "a deep document must be refused"
print(problems[0].format())
"""


@pytest.mark.parametrize("kind", ["flow", "map", "block", "keys", "unclosed"])
def test_deep_nesting_does_not_crash(kind):
    proc = subprocess.run([sys.executable, "-c", DEEP, kind], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (line,) = proc.stdout.splitlines()
    # Behaviour, not wording: a located error (path:line:col), no crash (speed: scripts/benchmark.py). Which check fires
    # first on a very deep flow collection depends on the libyaml build (PyYAML 6.0.4's own
    # nesting limit says "exceeded maximum nesting depth"), so only the subject is checked.
    m = re.match(r"deep\.yaml:(\d+):(\d+): error: (.+)$", line)
    assert m, line
    assert int(m.group(1)) >= 1 and int(m.group(2)) >= 1
    if kind in ("flow", "map"):
        assert "nest" in m.group(3).lower(), line


def test_nesting_past_the_limit_is_refused_with_position():
    problem = one_problem("id: x\na: " + "[" * 120 + "]" * 120 + "\n")
    assert problem.line == 2
    assert 3 + MAX_DEPTH - 1 <= problem.col <= 3 + MAX_DEPTH + 1, problem.format()  # at the bracket past the limit
    assert f"more than {MAX_DEPTH} levels" in problem.message


# -- the file itself ----------------------------------------------------------------------------


def test_non_utf8_byte_position(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_bytes(b"id: case\nname: Caf\xc3\xa9 and Caf\xe9\n")
    doc, problems = load_file(path)
    assert doc is None
    (problem,) = problems
    at(problem, 2, 19)
    assert problem.message == "byte 0xe9 is not valid UTF-8; save the file with UTF-8 encoding"


def test_utf16_file(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_bytes("id: case\n".encode("utf-16"))
    doc, (problem,) = load_file(path)
    assert doc is None
    at(problem, 1, 1)
    assert "not valid UTF-8" in problem.message


def test_file_over_256_kib(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"id: big\nnarrative: |\n" + b"  " + b"x" * MAX_BYTES + b"\n")
    doc, (problem,) = load_file(path)
    assert doc is None
    at(problem, 1, 1)
    assert "larger than 256 KiB" in problem.message


def test_file_of_exactly_256_kib_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    body = b"id: big\nname: "
    path.write_bytes(body + b"x" * (MAX_BYTES - len(body) - 1) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    doc, problems = load_file(path)
    assert problems == [] and doc.data["id"] == "big"


@pytest.mark.parametrize("text", ["", "   \n\n", "# just a comment\n# and another\n", "\ufeff"])
def test_empty_file(text):
    problem = one_problem(text)
    at(problem, 1, 1)
    assert "the file is empty" in problem.message
    assert "casebook new" in problem.message


def test_document_with_only_null():
    problem = one_problem("---\n...\n")
    at(problem, 1, 1)
    assert "no content" in problem.message


def test_several_documents():
    problem = one_problem("id: a\nname: A\n---\nid: b\nname: B\n")
    at(problem, 3, 1)
    assert problem.message.startswith("a case file holds one YAML document")
    assert "'---'" in problem.message


def test_root_is_a_list():
    problem = one_problem("# comment\n- id: a\n- id: b\n")
    at(problem, 2, 1)
    assert problem.message == "a case must be a mapping of 'field: value' lines, but this file is a list"


@pytest.mark.parametrize("text", ["just some words\n", "42\n", '"quoted"\n'])
def test_root_is_a_scalar(text):
    problem = one_problem(text)
    at(problem, 1, 1)
    assert problem.message.endswith("but this file is a single value")


@pytest.mark.parametrize("char, name", [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x1b", "U+001B"), ("\x7f", "U+007F"),
                                        ("\ufffe", "U+FFFE")])
def test_control_characters_rejected_with_position(char, name):
    problem = one_problem(f"id: x\nname: Caf\u00e9 {char}here\n")
    at(problem, 2, 12)
    assert problem.message.startswith(f"character {name} is not allowed in YAML")
    assert "delete it" in problem.message


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_unusual_line_breaks_rejected_with_position(char):
    # libyaml counts these as line breaks and editors do not: every later line number would be off
    problem = one_problem(f"id: x\nname: pasted{char}from a PDF\ncountry: [\n")
    at(problem, 2, 13)
    assert f"U+{ord(char):04X}" in problem.message
    assert "replace it with an ordinary line break or a space" in problem.message


def test_huge_integer_does_not_raise():
    problem = one_problem("id: x\npopulation: " + "9" * 5000 + "\n")
    at(problem, 2, 13)
    assert "5000 digits" in problem.message


def test_folder_and_missing_file(tmp_path):
    doc, (problem,) = load_file(tmp_path)
    assert doc is None and "folder" in problem.message
    doc, (problem,) = load_file(tmp_path / "missing.yaml")
    assert doc is None and "cannot read the file" in problem.message
    at(problem, 1, 1)


def test_display_name_is_used(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("- a\n")
    _, (problem,) = load_file(path, display="cases/case.yaml")
    assert problem.path == "cases/case.yaml"
