"""Validation in several processes (records/validate.py, ``jobs``) reports exactly what one
process reports: the same problems, in the same order, and the same cases, including the
checks across files (a duplicate id, a ``related`` id that does not exist)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from casebook.records.taxonomy import load_taxonomy
from casebook.records.validate import _jobs, validate_files

ROOT = Path(__file__).resolve().parents[1]


def corpus(tmp_path: Path) -> list[str]:
    out = tmp_path / "cases"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--count", "40", "--seed", "3",
                    "--out", str(out)], check=True, capture_output=True)
    files = sorted(out.glob("*.yaml"))
    # Broken on purpose: a YAML error, a case that is not a mapping, a second file with the
    # first one's id, and a related id nobody has.
    files[3].write_text("id: [unclosed\n", encoding="utf-8")
    files[5].write_text("- just a list\n", encoding="utf-8")
    text = files[0].read_text(encoding="utf-8")
    first_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
    dup = out / "zz-duplicate.yaml"
    dup.write_text(files[1].read_text(encoding="utf-8").replace(
        next(line for line in files[1].read_text(encoding="utf-8").splitlines() if line.startswith("id:")),
        f"id: {first_id}"), encoding="utf-8")
    lone = next(p for p in files[8:] if "\nrelated:" not in p.read_text(encoding="utf-8"))
    lone.write_text(lone.read_text(encoding="utf-8") + "related: [no-such-case]\n", encoding="utf-8")
    return [str(p) for p in sorted(out.glob("*.yaml"))]


def test_several_processes_report_what_one_does(tmp_path):
    files = corpus(tmp_path)
    taxonomy = load_taxonomy(tmp_path / "cases" / "_data" / "taxonomy.yaml")
    one = validate_files(files, taxonomy, jobs=1)
    three = validate_files(files, taxonomy, jobs=3)
    assert [p.format() for p in three.problems] == [p.format() for p in one.problems]
    assert three.cases == one.cases
    messages = "\n".join(p.format() for p in one.problems)
    # The broken files are really reported, so the comparison covers errors too.
    assert "zz-duplicate" in messages and "no-such-case" in messages
    assert len(one.errors) >= 4 and len(one.cases) >= 30


def test_small_sets_and_threaded_hosts_use_one_process():
    import threading

    assert _jobs(10) == 1  # not worth a process
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert _jobs(100_000) == 1  # another thread runs: no fork
    finally:
        stop.set()
        helper.join()
