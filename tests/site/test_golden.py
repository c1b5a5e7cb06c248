"""Golden (snapshot) tests of the generated Markdown.

The sample cases in tests/sample_project/cases, with the frozen vocabularies in
tests/golden/taxonomy.yaml, are rendered by ``SiteRenderer`` and compared with the files in
tests/golden/ (``case-<id>.md``, ``benefit-<id>.md``) byte for byte.

When a change to the renderer is intended, regenerate the snapshots and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os

import pytest

import sitekit
from casebook.records.taxonomy import load_taxonomy
from casebook.site.build import load_cases
from casebook.site.context import BuildContext
from casebook.site.enrich import enrich
from casebook.site.render import SiteRenderer

GOLDEN = sitekit.ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
EDIT_BASE = "https://example.org/casebook/edit/main/cases/"

#: snapshot file → how to render it
SNAPSHOTS = {
    "case-northfield-acute-alliance.md": ("case", "northfield-acute-alliance"),  # chart, members, related
    "case-riverside-mental-health-network.md": ("case", "riverside-mental-health-network"),  # no outcomes
    "case-harbour-integrated-system.md": ("case", "harbour-integrated-system"),  # abroad, values and baselines
    "benefit-efficiency-and-scale.md": ("benefit", "efficiency-and-scale"),  # two cases, outcomes, chart
}


@pytest.fixture(scope="module")
def renderer():
    taxonomy = load_taxonomy(GOLDEN / "taxonomy.yaml")
    result = load_cases(sitekit.SAMPLE / "cases", taxonomy)
    return SiteRenderer(enrich(result.cases, taxonomy), BuildContext(edit_base=EDIT_BASE))


def render(renderer: SiteRenderer, kind: str, key: str) -> str:
    if kind == "case":
        return renderer.case_page(renderer.corpus.by_id[key])
    return renderer.term_page("benefits", key)


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_matches_golden(renderer, name):
    actual = render(renderer, *SNAPSHOTS[name])
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"{path} is missing; create it with UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                              f"golden/{name}", "rendered", lineterm=""))
        pytest.fail(f"{name} differs from the golden file (if intended: UPDATE_GOLDEN=1 "
                    f".venv/bin/python -m pytest tests/site/test_golden.py):\n{diff}", pytrace=False)


def test_pages_do_not_depend_on_render_order():
    """A fresh renderer producing the pages in the opposite order still matches the golden
    files: no page picks up state (chart numbering, collected blocks) left by another."""
    taxonomy = load_taxonomy(GOLDEN / "taxonomy.yaml")
    fresh = SiteRenderer(enrich(load_cases(sitekit.SAMPLE / "cases", taxonomy).cases, taxonomy), BuildContext(edit_base=EDIT_BASE))
    for name in sorted(SNAPSHOTS, reverse=True):
        path = GOLDEN / name
        if path.is_file() and not UPDATE:
            assert render(fresh, *SNAPSHOTS[name]) == path.read_text(encoding="utf-8"), name


def test_no_stale_golden_files():
    on_disk = {p.name for p in GOLDEN.glob("*.md")}
    assert on_disk <= set(SNAPSHOTS), f"golden files nobody checks: {sorted(on_disk - set(SNAPSHOTS))}"
