"""Identical input gives a byte-identical site, and a warm rebuild draws no chart.

Two copies of the real project (so two empty chart caches: every chart is really drawn twice)
are built with the same SOURCE_DATE_EPOCH; then the first copy is rebuilt with its cache warm.
"""

from __future__ import annotations

import difflib

import pytest

import sitekit


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("real-b")
    project = sitekit.copy_project(base / "project")
    return sitekit.run_build(project, base / "site").check()


@pytest.fixture(scope="module")
def warm_build(real_build, tmp_path_factory):
    """The first copy again: same chart cache, new site folder."""
    site = tmp_path_factory.mktemp("real-a-warm") / "site"
    return sitekit.run_build(real_build.project, site).check()


def _differences(a: sitekit.Build, b: sitekit.Build) -> list[str]:
    ta, tb = sitekit.tree_bytes(a.site), sitekit.tree_bytes(b.site)
    out = [f"only in the first build: {p}" for p in sorted(ta.keys() - tb.keys())]
    out += [f"only in the second build: {p}" for p in sorted(tb.keys() - ta.keys())]
    for p in sorted(ta.keys() & tb.keys()):
        if ta[p] != tb[p]:
            detail = ""
            try:
                la, lb = ta[p].decode("utf-8").splitlines(), tb[p].decode("utf-8").splitlines()
                detail = "\n".join(list(difflib.unified_diff(la, lb, lineterm="", n=0))[2:8])
            except UnicodeDecodeError:
                pass
            out.append(f"differs: {p}" + (f"\n{detail}" if detail else ""))
    return out


def test_cold_builds_draw_every_chart(real_build, second_build):
    assert real_build.charts_drawn() > 0
    assert second_build.charts_drawn() == real_build.charts_drawn()
    assert list((real_build.site / "charts").glob("*.svg")), "the site has charts"


def test_two_cold_builds_are_byte_identical(real_build, second_build):
    diffs = _differences(real_build, second_build)
    assert diffs == [], f"{len(diffs)} file(s) differ:\n" + "\n".join(diffs[:40])


def test_warm_rebuild_draws_no_chart(warm_build):
    assert warm_build.charts_drawn() == 0
    assert "chart(s) drawn" in warm_build.output


def test_warm_rebuild_is_byte_identical(real_build, warm_build):
    diffs = _differences(real_build, warm_build)
    assert diffs == [], f"{len(diffs)} file(s) differ:\n" + "\n".join(diffs[:40])
