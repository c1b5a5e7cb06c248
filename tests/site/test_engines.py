"""The engine-free core proves itself: ``casebook export-docs`` writes a folder that plain MkDocs
(Material, no casebook plugin) and Zensical both build into the same site.

(a) the plugin build and the plain MkDocs build of the export have the same pages and, on every
    case page, the same main content (the article's text, whitespace normalised);
(b) the Zensical build has every path of DESIGN.md's site contract, and every case page shows
    the case's name, key facts and outcomes.
(The Chromium search check of the Zensical site is in tests/browser/test_zensical_search.py.)
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import sitekit
from casebook.site.export_docs import MARKER_FILE, Tagged, casebook_options, engine_config, read_config

#: DESIGN.md's site contract, per case and per benefit besides (the search index, `pagefind/`,
#: is written by `casebook index` after the engine's build, and checked separately).
CONTRACT = ["explore/index.html", "outcomes/index.html", "compare/index.html", "data/cases.json",
            "data/cases.csv", "data/outcomes.csv", "data/outcomes.json", "data/datapackage.json",
            "schema/case.schema.json", "feed.xml"]
ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": sitekit.SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}


def _run(cmd: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, **ENV}, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="session")
def exported(real_build) -> Path:
    """``casebook export-docs`` of the same copy of the project the plugin build used."""
    out = real_build.project.parent / "export"
    _run([sys.executable, "-m", "casebook", "export-docs", str(out)], cwd=real_build.project)
    return out


@pytest.fixture(scope="session")
def plain_site(exported) -> Path:
    site = exported.parent / "plain-site"
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(exported / "mkdocs.yml"), "-d", str(site)],
         cwd=exported)
    _run([sys.executable, "-m", "casebook", "index", str(site)], cwd=exported)
    return site


@pytest.fixture(scope="session")
def zensical_site(exported) -> Path:
    _run([sys.executable, "-m", "zensical", "build", "--clean", "-f", str(exported / "mkdocs.yml")], cwd=exported)
    site = exported / "site"
    assert (site / "index.html").is_file()
    _run([sys.executable, "-m", "casebook", "index", str(site)], cwd=exported)
    return site


@pytest.fixture(scope="session")
def cases(real_build) -> list[dict]:
    return json.loads(real_build.read("data/cases.json"))["cases"]


# -- reading pages ------------------------------------------------------------------------------


class _Article(HTMLParser):
    """The text of the page's main ``<article>``, without scripts, styles and permalink signs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>: nesting depth of article elements
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and (tag in ("script", "style") or ("class", "headerlink") in attrs):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth and self.skip and tag in ("script", "style", "a"):
            self.skip -= 1
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(page: Path) -> str:
    parser = _Article()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


# -- the export itself --------------------------------------------------------------------------


def test_export_is_a_plain_docs_folder(exported, real_build):
    cfg = read_config(exported / "mkdocs.yml")
    assert casebook_options(cfg) is None, "the exported mkdocs.yml must not use the casebook plugin"
    assert cfg["docs_dir"] == "docs"
    assert (exported / MARKER_FILE).is_file()
    docs = exported / "docs"
    for rel in ("cases/index.md", "explore.md", "data/cases.json", "feed.xml", "assets/casebook.css"):
        assert (docs / rel).is_file(), rel
    assert not list(docs.rglob("*.md")) or all(
        "<!-- casebook:" not in p.read_text(encoding="utf-8") for p in docs.rglob("*.md")), "unexpanded marker"
    for css in cfg["extra_css"]:
        assert (docs / css).is_file(), css


def test_export_refuses_a_folder_it_did_not_write(tmp_path, real_build):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "casebook", "export-docs", str(tmp_path)], cwd=real_build.project,
                          env={**os.environ, **ENV}, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "not empty" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_config_tags_survive_and_plugin_goes(tmp_path):
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: !ENV [SITE_NAME, 'Casebook']\n"
                   "plugins:\n  - search\n  - casebook:\n      cases_dir: records\n"
                   "markdown_extensions:\n  - pymdownx.emoji:\n"
                   "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    cfg = read_config(yml)
    assert isinstance(cfg["site_name"], Tagged) and cfg["site_name"].tag == "!ENV"
    assert casebook_options(cfg)["cases_dir"] == "records"
    out = engine_config(cfg, None)
    assert out["plugins"] == ["search"]
    assert "abbr" in out["markdown_extensions"]
    assert "assets/casebook.css" in out["extra_css"]


# -- (a) plugin build vs plain MkDocs build of the export ------------------------------------------


def test_plain_mkdocs_build_has_the_same_pages(real_build, plain_site):
    plugin, plain = pages(real_build.site), pages(plain_site)
    assert plugin - plain == set(), f"pages missing from the plain build: {sorted(plugin - plain)[:20]}"
    assert plain - plugin == set(), f"pages only in the plain build: {sorted(plain - plugin)[:20]}"
    files = {p.relative_to(real_build.site).as_posix() for p in real_build.site.rglob("*") if p.is_file()}
    missing = sorted(f for f in files if not (plain_site / f).is_file())
    assert not missing, f"files missing from the plain build: {missing[:20]}"


def _differences(site_a: Path, site_b: Path, rels) -> list[str]:
    different = []
    for rel in rels:
        a, b = article_text(site_a / rel), article_text(site_b / rel)
        if a != b:
            at = next(i for i, (x, y) in enumerate(zip(a + "\0", b + "\0")) if x != y)
            different.append(f"{rel}: plugin …{a[max(0, at - 60):at + 60]!r}\n    plain  …{b[max(0, at - 60):at + 60]!r}")
    return different


def test_every_case_page_has_the_same_main_content(real_build, plain_site, cases):
    assert cases
    for case in cases:
        assert case["name"].split("(")[0].strip() in article_text(real_build.site / f"cases/{case['id']}/index.html")
    different = _differences(real_build.site, plain_site, [f"cases/{c['id']}/index.html" for c in cases])
    assert not different, "\n".join(different[:5])


def test_other_pages_have_the_same_main_content(real_build, plain_site):
    different = _differences(real_build.site, plain_site, sorted(pages(real_build.site) - {"404.html"}))
    assert not different, "\n".join(different[:5])


# -- (b) the Zensical build ---------------------------------------------------------------------


def test_zensical_build_has_the_site_contract(zensical_site, cases, real_build):
    missing = [p for p in CONTRACT if not (zensical_site / p).is_file()]
    benefits = {b for c in cases for b in c["benefits"]}
    for case in cases:
        for rel in (f"cases/{case['id']}/index.html", f"cite/{case['id']}.bib", f"cite/{case['id']}.ris"):
            if not (zensical_site / rel).is_file():
                missing.append(rel)
    missing += [f"benefits/{b}/index.html" for b in sorted(benefits)
                if not (zensical_site / f"benefits/{b}/index.html").is_file()]
    assert not missing, f"missing from the Zensical site: {missing[:20]}"
    # Every download is the plugin build's, byte for byte.
    for rel in ("data/cases.json", "data/cases.csv", "data/outcomes.csv", "schema/case.schema.json"):
        assert (zensical_site / rel).read_bytes() == (real_build.site / rel).read_bytes(), rel
    # `casebook index` gives it the plugin build's search: as many pages, the same vocabulary.
    entry = json.loads((zensical_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    plugin_entry = json.loads(real_build.read("pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] == plugin_entry["languages"]["en"]["page_count"] >= len(cases)
    assert (zensical_site / "pagefind/casebook-words.json").read_bytes() == real_build.read_bytes(
        "pagefind/casebook-words.json")


def test_zensical_case_pages_show_name_key_facts_and_outcomes(zensical_site, real_build):
    outcomes = json.loads(real_build.read("data/outcomes.json"))
    rows = outcomes["outcomes"] if isinstance(outcomes, dict) else outcomes
    by_case: dict[str, list[str]] = {}
    for row in rows:
        by_case.setdefault(row["case_id"], []).append(row["measure"])
    cases = json.loads(real_build.read("data/cases.json"))["cases"]
    problems = []
    for case in cases:
        page = zensical_site / "cases" / case["id"] / "index.html"
        raw = page.read_text(encoding="utf-8")
        text = article_text(page)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", raw, re.S)
        heading = " ".join(html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).split()) if h1 else ""
        if " ".join(case["name"].split()) not in heading:
            problems.append(f"{case['id']}: heading {heading!r} does not show the case's name")
        if 'class="cb-facts"' not in raw or "Benefits" not in text:
            problems.append(f"{case['id']}: no key facts")
        for measure in by_case.get(case["id"], []):
            if " ".join(measure.split()) not in text:
                problems.append(f"{case['id']}: outcome {measure!r} not shown")
    assert not problems, "\n".join(problems[:10])
