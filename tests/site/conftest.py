"""Fixtures for the site tests: builds of the sample project and of the real project.

Each build runs ``mkdocs build --strict`` in a subprocess on a copy of the project in a
temporary folder (own chart cache, own site folder), at most once per test session.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sitekit  # noqa: E402


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> sitekit.Build:
    """The sample project (tests/sample_project), built once."""
    base = tmp_path_factory.mktemp("sample")
    project = sitekit.copy_sample(base)
    return sitekit.run_build(project, base / "site").check()


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> sitekit.Build:
    """The real project, copied (so its chart cache starts empty) and built once."""
    base = tmp_path_factory.mktemp("real-a")
    project = sitekit.copy_project(base / "project")
    return sitekit.run_build(project, base / "site").check()


@pytest.fixture(scope="session")
def sample_taxonomy():
    from casebook.records.taxonomy import load_taxonomy

    return load_taxonomy(sitekit.REAL_TAXONOMY)


@pytest.fixture(scope="session")
def sample_corpus(sample_taxonomy):
    """The sample cases, validated and enriched as the build does."""
    from casebook.site.build import load_cases
    from casebook.site.enrich import enrich

    result = load_cases(sitekit.SAMPLE / "cases", sample_taxonomy)
    return enrich(result.cases, sample_taxonomy)
