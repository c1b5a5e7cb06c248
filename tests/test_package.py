"""A proper package: version, metadata and licences, `python -m casebook`, the locked
environment, and `casebook init` starting a casebook that builds at once."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import casebook

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def test_version_in_one_place():
    assert metadata.version("casebook") == casebook.__version__
    for args in (["-m", "casebook", "--version"], ["-m", "casebook.cli", "--version"]):
        proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == f"casebook {casebook.__version__}"


def test_metadata_and_licence_files():
    meta = metadata.metadata("casebook")
    assert meta["License-Expression"] == "MIT AND CC-BY-4.0"
    assert set(meta.get_all("License-File") or []) >= {"LICENSE", "LICENSE-CONTENT"}
    # The package names no address that does not exist (issue 21): where Casebook lives
    # depends on who publishes it, so pyproject.toml lists no project URLs at all.
    assert "[project.urls]" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert meta.get_all("Classifier")
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")


def test_readme_images_and_links_are_relative():
    """README's images and its links into the repository are relative, so they work in any clone
    or fork (issue 21); each points at a file that exists."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", readme)
    assert images, "the README shows the screenshots"
    assert all("://" not in src and (ROOT / src).is_file() for src in images), images
    links = re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s#]+)", readme)
    local = [link for link in links if "://" not in link]
    assert "CONTRIBUTING.md" in local and all((ROOT / link).exists() for link in local), local
    assert not any(re.match(r"https://(raw\.githubusercontent\.com|github\.com)/", link) for link in links), links


def test_no_file_names_a_made_up_organisation():
    """The old placeholder organisation is gone from every tracked file (issue 21)."""
    placeholder = "casebook" + "-uk"  # split so this file does not match itself
    proc = subprocess.run(["git", "grep", "-l", "-I", placeholder], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout.split() == []


def test_changelog_has_this_version():
    assert f"## [{casebook.__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.mark.skipif(os.environ.get("CASEBOOK_NO_SETUP") == "1", reason="an unlocked environment (CI upstream job)")
def test_environment_matches_the_lock():
    proc = run(str(ROOT / "scripts" / "check_lock.py"), str(ROOT / "requirements" / "lock.txt"))
    assert proc.returncode == 0, proc.stderr


def test_init_starts_a_casebook_that_builds(tmp_path):
    folder = tmp_path / "new-casebook"
    proc = run("-m", "casebook", "init", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert (folder / "mkdocs.yml").is_file() and (folder / "content" / "index.md").is_file()
    assert not (folder / "cases" / "_data" / "taxonomy.yaml").exists(), "the packaged taxonomy is used"
    check = run("-m", "casebook", "validate", cwd=folder)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 warning(s)" in check.stderr
    build = run("-m", "mkdocs", "build", "--strict", cwd=folder, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    page = (folder / "site" / "cases" / "example-partnership" / "index.html").read_text(encoding="utf-8")
    assert "Example Partnership" in page
    assert (folder / "site" / "data" / "cases.json").is_file()
    # Its search is the site's: Pagefind's index, the header's Pagefind box, no Material index.
    assert (folder / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (folder / "site" / "search" / "search_index.json").exists()
    assert 'id="cb-search-output"' in page
    # Never overwrites.
    again = run("-m", "casebook", "init", str(folder))
    assert again.returncode == 2 and "already exists" in again.stderr
