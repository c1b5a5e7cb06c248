"""The ``casebook`` command line, run as a contributor runs it: as a separate process."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook import cli
from casebook.records.scaffold import slugify

ROOT = Path(__file__).resolve().parents[1]
VALID_CASE = (ROOT / "tests" / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")
LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def casebook(*args: str, cwd: Path | str = ROOT, input: str | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "casebook.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, input=input)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    return proc


def error_lines(proc) -> list[re.Match]:
    matches = [LINE.match(line) for line in proc.stdout.splitlines()]
    assert all(matches), proc.stdout
    return [m for m in matches if m["sev"] == "error"]


def test_console_script_is_installed():
    venv_script = Path(sys.executable).parent / "casebook"
    assert venv_script.exists() or shutil.which("casebook"), "pip install -e . provides the 'casebook' script"
    script = str(venv_script) if venv_script.exists() else shutil.which("casebook")
    proc = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    for command in ("validate", "new", "schema"):
        assert command in proc.stdout


# -- validate -----------------------------------------------------------------------------------


def test_validate_committed_cases():
    proc = casebook("validate", "cases")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert error_lines(proc) == []
    assert "file(s) valid" in proc.stderr


def test_validate_defaults_to_cases_folder():
    proc = casebook("validate", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""  # -q hides warnings
    n = len(list((ROOT / "cases").glob("*.yaml")))
    assert f"{n} file(s) valid" in proc.stderr


def test_validate_bad_files(tmp_path, write_case):
    write_case(tmp_path, "example-partnership.yaml", VALID_CASE)
    write_case(tmp_path, "broken.yaml", "id: broken\nname: [unclosed\n")
    write_case(tmp_path, "wrong.yaml", VALID_CASE.replace("id: example-partnership", "id: wrong")
               .replace("country: GB", "country: gb").replace("sumary", "x").replace("summary:", "sumary:"))
    proc = casebook("validate", str(tmp_path))
    assert proc.returncode == 1
    errors = error_lines(proc)
    by_file = {}
    for m in errors:
        by_file.setdefault(Path(m["path"]).name, []).append((int(m["line"]), int(m["col"]), m["msg"]))
    assert sorted(by_file) == ["broken.yaml", "wrong.yaml"]
    assert by_file["broken.yaml"][0][2].startswith("YAML syntax error")
    assert (4, 10, "'country' must be an ISO 3166-1 alpha-2 code such as GB; got 'gb' (write it in capitals: GB)") \
        in by_file["wrong.yaml"]
    assert any(msg.startswith("unknown field 'sumary'") and "did you mean 'summary'?" in msg
               for _, _, msg in by_file["wrong.yaml"])
    assert "error(s) in 2 of 3 file(s)" in proc.stderr


def test_validate_single_file_and_relative_paths(tmp_path, write_case):
    write_case(tmp_path, "cases/bad.yaml", "id: bad\ncountry: UK\n")
    proc = casebook("validate", "cases/bad.yaml", "--taxonomy", str(ROOT / "cases/_data/taxonomy.yaml"), cwd=tmp_path)
    assert proc.returncode == 1
    assert "cases/bad.yaml:2:10: error: 'country' must be an ISO 3166-1 alpha-2 code such as GB; got 'UK'" in proc.stdout


def test_validate_github_format(tmp_path, write_case):
    write_case(tmp_path, "bad.yaml", "id: bad\ncountry: gb\n")
    proc = casebook("validate", "--format", "github", str(tmp_path / "bad.yaml"))
    assert proc.returncode == 1
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("::error ")]
    assert lines, proc.stdout
    assert any(re.match(r"^::error file=[^,]+bad\.yaml,line=2,col=10::'country' must be", ln) for ln in lines), lines
    assert all(ln.startswith(("::error file=", "::warning file=")) for ln in proc.stdout.splitlines())


def test_validate_missing_path():
    proc = casebook("validate", "no/such/folder")
    assert proc.returncode == 2
    assert "no such file or folder: no/such/folder" in proc.stderr


def test_validate_folder_without_cases(tmp_path):
    proc = casebook("validate", str(tmp_path))
    assert proc.returncode == 2
    assert "no .yaml case files found" in proc.stderr


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["validate", "--bogus"], [], ["frobnicate"],
                                  ["new"], ["schema", "--unknown"]])
def test_bad_usage_exits_2(args):
    proc = casebook(*args)
    assert proc.returncode == 2
    assert "usage: casebook" in proc.stderr


def test_bad_taxonomy_exits_2(tmp_path, write_case):
    bad = write_case(tmp_path, "taxonomy.yaml", "benefits: [not, a, mapping]\n")
    proc = casebook("validate", "cases", "--taxonomy", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.startswith("casebook: error: ")
    proc = casebook("validate", "cases", "--taxonomy", str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2
    assert "taxonomy file not found" in proc.stderr


def test_validate_hostile_files_never_traceback(tmp_path, write_case):
    write_case(tmp_path, "binary.yaml", bytes(range(256)))
    write_case(tmp_path, "deep.yaml", "a: " + "[" * 50000 + "]" * 50000)
    write_case(tmp_path, "huge-number.yaml", "population: " + "9" * 6000)
    write_case(tmp_path, "laughs.yaml", "a: &a [x, x]\nb: [*a, *a]\n")
    write_case(tmp_path, "list.yaml", "- a\n- b\n")
    write_case(tmp_path, "empty.yaml", "")
    write_case(tmp_path, "big.yaml", b"a: " + b"x" * (300 * 1024))
    os.mkdir(tmp_path / "folder.yaml")
    proc = casebook("validate", str(tmp_path))
    assert proc.returncode == 1
    files = {Path(m["path"]).name for m in error_lines(proc)}
    assert files == {"binary.yaml", "deep.yaml", "huge-number.yaml", "laughs.yaml", "list.yaml", "empty.yaml", "big.yaml",
                     "folder.yaml"}  # a folder named like a case is reported, not skipped


def test_main_returns_exit_codes(tmp_path, write_case, capsys):
    write_case(tmp_path, "bad.yaml", "id: bad\n")
    assert cli.main(["validate", str(tmp_path / "bad.yaml")]) == 1
    out = capsys.readouterr().out
    assert re.search(r"bad\.yaml:1:1: error: missing required field 'name'", out)
    assert cli.main(["validate", str(tmp_path / "nope.yaml")]) == 2


# -- new ----------------------------------------------------------------------------------------


def test_slugify():
    assert slugify("Some Name & Co") == "some-name-and-co"
    assert slugify("  Région Hovedstaden (Capital Region)  ") == "region-hovedstaden-capital-region"
    assert len(slugify("word " * 40)) <= 64
    assert not slugify("word " * 40).endswith("-")
    with pytest.raises(ValueError):
        slugify("!!!")


def test_new_writes_template_and_refuses_to_overwrite(tmp_path):
    proc = casebook("new", "Some Name & Co", "--dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "some-name-and-co.yaml"
    assert proc.stdout.strip() == str(path)
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "id: some-name-and-co\n" in text
    assert 'name: "Some Name & Co"\n' in text
    assert "casebook validate" in proc.stderr

    path.write_text(text + "# edited\n", encoding="utf-8")
    again = casebook("new", "Some Name & Co", "--dir", str(tmp_path))
    assert again.returncode == 1
    assert f"{path} already exists" in again.stderr
    assert "Errno" not in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# edited\n")  # not overwritten


@pytest.mark.parametrize("name", ["   ", "!!!"])
def test_new_with_unusable_name(tmp_path, name):
    proc = casebook("new", name, "--dir", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.startswith("casebook: error: ")
    assert list(tmp_path.iterdir()) == []


def test_new_quotes_awkward_names(tmp_path):
    proc = casebook("new", 'The "Quoted": Partnership # 1', "--dir", str(tmp_path))
    assert proc.returncode == 0
    path = Path(proc.stdout.strip())
    check = casebook("validate", str(path))
    names = [m["msg"] for m in error_lines(check)]
    assert not any("YAML syntax error" in n or "'name'" in n for n in names), names


def test_fresh_template_fails_only_on_placeholders(tmp_path):
    path = Path(casebook("new", "Example Partnership", "--dir", str(tmp_path)).stdout.strip())
    proc = casebook("validate", str(path))
    assert proc.returncode == 1
    errors = error_lines(proc)
    assert errors
    text = path.read_text(encoding="utf-8").splitlines()
    for m in errors:
        assert "still holds the template placeholder" in m["msg"], m.group(0)
        assert "TODO" in text[int(m["line"]) - 1], m.group(0)  # the line named holds the TODO
    labels = {re.match(r"'([^']+)'", m["msg"])[1] for m in errors}
    assert {"country", "sectors[1]", "benefits[1]", "summary", "outcomes[1].measure", "outcomes[1].benefit",
            "sources[1].title", "sources[1].publisher"} <= labels


FILLED = {
    "country": "GB",
    "sectors": "[acute]",
    "benefits": "[workforce]",
    "summary": "Two trusts run one staff bank and share rotas.",
    "measure": "Agency shifts",
    "benefit": "workforce",
    "title": "A report on the staff bank",
    "publisher": "Example Publisher",
}


def fill(text: str) -> str:
    """Replace every TODO line the way a contributor would: the same key, a real value."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^(\s*(?:- )?)(\w+):\s*(\[TODO\]|TODO.*)$", line)
        if m and not line.lstrip().startswith("#"):
            line = f"{m[1]}{m[2]}: {FILLED[m[2]]}"
        out.append(line)
    return "\n".join(out) + "\n"


def test_filled_template_validates(tmp_path):
    path = Path(casebook("new", "Example Partnership", "--dir", str(tmp_path)).stdout.strip())
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "TODO" not in "\n".join(ln for ln in path.read_text().splitlines() if not ln.lstrip().startswith("#"))
    proc = casebook("validate", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert error_lines(proc) == []


def test_template_comments_uncommented_still_validate(tmp_path):
    """The optional lines the template offers, once uncommented, are valid too."""
    path = Path(casebook("new", "Example Partnership", "--dir", str(tmp_path)).stdout.strip())
    text = fill(path.read_text(encoding="utf-8"))
    for line in ("# short_name: ABC", "# established: 2021", "# population: 1300000", "# value: 7",
                 "# baseline: 73", "# unit: miles", "# period: 2022-23", "# status: achieved", "# source: 1",
                 "# url: https://example.org/article", "# published: 2023-05", "# evidence: self-reported    #",
                 "# archived_url: https://web.archive.org/", "# evidence: self-reported      #",
                 "# anonymised: false", "# focus_areas: [service-redesign]", "# themes: [trust-and-relationships]"):
        assert text.count(line) == 1, line
        text = text.replace(line, line[2:])
    path.write_text(text, encoding="utf-8")
    proc = casebook("validate", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- schema -------------------------------------------------------------------------------------


def test_schema_to_stdout():
    proc = casebook("schema", "-o", "-")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "last_reviewed" in schema["required"]


def test_schema_to_file(tmp_path):
    out = tmp_path / "sub" / "case.schema.json"
    proc = casebook("schema", "-o", str(out))
    assert proc.returncode == 0
    assert proc.stdout.strip() == str(out)
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "object"


# -- no heavy imports ---------------------------------------------------------------------------


def test_validate_does_not_import_heavy_packages():
    code = ("import sys\n"
            "from casebook.cli import main\n"
            "rc = main(['validate', '-q', 'cases'])\n"
            "print(rc, [m for m in ('pandas', 'matplotlib', 'mkdocs', 'markdown') if m in sys.modules])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 []"


def test_index_refuses_a_folder_that_is_no_built_site(tmp_path):
    (tmp_path / "notes.txt").write_text("not a site", encoding="utf-8")
    proc = casebook("index", str(tmp_path))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a built site" in lines[0] and str(tmp_path) in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "pagefind").exists()


def test_index_writes_pagefind_into_a_built_site(tmp_path):
    """A minimal built site: two pages, one a case page with its search block."""
    (tmp_path / "index.html").write_text(
        '<html lang="en"><body><article class="md-content__inner"><h1>Home</h1><p>Welcome to the casebook.</p>'
        "</article></body></html>", encoding="utf-8")
    case = tmp_path / "cases" / "x"
    case.mkdir(parents=True)
    (case / "index.html").write_text(
        '<html lang="en"><body><article class="md-content__inner"><h1>Example Alliance</h1>'
        '<div class="cb-search-record" hidden><p data-pagefind-ignore><span data-pagefind-filter="kind">Case</span>'
        '</p></div><p>A summary.</p></article></body></html>', encoding="utf-8")
    proc = casebook("index", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "search index: 2 pages" in proc.stderr
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert len(list((tmp_path / "pagefind" / "filter").glob("*.pf_filter"))) == 1  # kind
    assert json.loads((tmp_path / "pagefind" / "casebook-words.json").read_text(encoding="utf-8")) == [
        "Alliance", "Example", "Home"]
