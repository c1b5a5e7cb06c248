"""The tree shows the pipeline: records → site → charts, each importing only downward, with the
shared rules (number wording, facets) below both. Checked on the source, without importing it."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "casebook"


def imported(path: Path) -> set[str]:
    """The casebook packages a module imports (absolute names), at any depth of the module."""
    package = ["casebook", *path.relative_to(SRC).parent.parts]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {n for n in out if n.startswith("casebook")}


@pytest.mark.parametrize("folder,forbidden", [
    ("charts", ("casebook.site",)),
    ("records", ("casebook.site", "casebook.charts")),
])
def test_no_import_runs_back_up(folder, forbidden):
    for path in sorted((SRC / folder).rglob("*.py")):
        bad = sorted(n for n in imported(path) if n.startswith(forbidden))
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_wording_is_below_site_and_charts():
    assert imported(SRC / "wording.py") == set()
    assert "casebook.wording" in imported(SRC / "charts" / "kinds.py")
    assert "casebook.wording" in imported(SRC / "site" / "text.py")


def test_one_facet_table():
    """Every module that needs the facets reads records/facets.py; none writes its own table."""
    import importlib

    from casebook.records import facets
    from casebook.site import enrich, urls

    plan = importlib.import_module("casebook.charts.plan")
    assert enrich.FACETS is facets.FACETS
    assert set(urls.FACET_PATHS) == set(facets.FACETS)
    assert "FACETS = {" not in inspect.getsource(plan) and "SLUGS" not in inspect.getsource(plan)
    assert plan.term_chart_id("governance", "lead-provider") == "governance-lead-provider"
    assert plan.term_chart_id("countries", "GB") == "country-gb"


def test_url_style_travels_in_the_build_context():
    """No module-level switch: the URL style is an argument (a Urls object in the BuildContext)."""
    from casebook.site import build, urls
    from casebook.site.context import BuildContext

    assert not hasattr(urls, "use_directory_urls") and not hasattr(urls, "_STYLE")
    params = inspect.signature(build.build_site).parameters
    assert list(params) == ["cases_dir", "taxonomy_path", "chart_cache", "context"]
    assert BuildContext().urls.directory is True
