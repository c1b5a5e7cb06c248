"""Shared fixtures: the repository, its taxonomy, and a minimal valid case to break."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.records.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]

#: A minimal valid case (tests/fixtures/example-partnership.yaml). Line numbers matter to the tests
#: that break it: keep them stable. Test modules read the file themselves (``from conftest import``
#: is ambiguous when sub-folders have their own conftest.py).
VALID_CASE_PATH = ROOT / "tests" / "fixtures" / "example-partnership.yaml"
VALID_CASE = VALID_CASE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy(ROOT / "cases" / "_data" / "taxonomy.yaml")


@pytest.fixture()
def valid_case_text() -> str:
    return VALID_CASE


@pytest.fixture()
def write_case():
    """``write_case(folder, name, text)`` writes ``folder/name`` (str or bytes) and returns its path."""

    def write(folder: Path, name: str, text: str | bytes) -> Path:
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    return write


@pytest.fixture()
def validate_case(tmp_path, taxonomy):
    """``validate_case(text)``: the Result of validating ``text`` as one case file, on a fixed
    day (2025-06-01), so date rules do not move with the calendar."""
    import datetime as dt

    from casebook.records.validate import validate_files

    def run(text: str):
        path = tmp_path / "example-partnership.yaml"
        path.write_text(text, encoding="utf-8")
        return validate_files([str(path)], taxonomy, today=dt.date(2025, 6, 1))

    return run
