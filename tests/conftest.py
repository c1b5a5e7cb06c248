"""Shared fixtures: the repository, its taxonomy, and a minimal valid case to break."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]

#: A minimal valid case. Line numbers matter to the tests that break it: keep them stable.
VALID_CASE = """\
# yaml-language-server: $schema=_data/case.schema.json
id: example-partnership
name: Example Partnership
country: GB
sectors: [acute]
benefits: [workforce]
summary: Two hospital trusts share a staff bank.
outcomes:
  - measure: Agency shifts
    benefit: workforce
    change_percent: -10
    source: 1
sources:
  - title: An article about the staff bank
    publisher: Example Publisher
    url: https://example.org/article
last_reviewed: 2024-01-01
"""


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
