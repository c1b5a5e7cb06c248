"""The URL scheme, table by table: every expectation written by hand, so a change to
``casebook/site/urls.py`` fails here in milliseconds, without a build."""

from __future__ import annotations

import pytest

from casebook.site.urls import Urls, case_uri, numbered_uri, rel_md, term_uri

DIR = Urls(directory=True)
FLAT = Urls(directory=False)


@pytest.mark.parametrize("src,directory,flat", [
    ("index.md", "", "index.html"),
    ("explore.md", "explore/", "explore.html"),
    ("cases/index.md", "cases/", "cases/index.html"),
    ("cases/wyaat.md", "cases/wyaat/", "cases/wyaat.html"),
    ("explore/page/2.md", "explore/page/2/", "explore/page/2.html"),
    ("benefits/workforce/page/3.md", "benefits/workforce/page/3/", "benefits/workforce/page/3.html"),
    ("guides/README.md", "guides/", "guides/index.html"),
    ("data/cases.json", "data/cases.json", "data/cases.json"),
    ("charts/case-wyaat.svg", "charts/case-wyaat.svg", "charts/case-wyaat.svg"),
])
def test_page_url(src, directory, flat):
    assert DIR.page_url(src) == directory
    assert FLAT.page_url(src) == flat


@pytest.mark.parametrize("src,directory,flat", [
    ("index.md", "", ""),
    ("explore.md", "../", ""),
    ("cases/index.md", "../", "../"),
    ("cases/wyaat.md", "../../", "../"),
    ("explore/page/2.md", "../../../", "../../"),
])
def test_root_prefix(src, directory, flat):
    assert DIR.root_prefix(src) == directory
    assert FLAT.root_prefix(src) == flat


@pytest.mark.parametrize("from_uri,to_uri,directory,flat", [
    ("explore.md", "cases/wyaat.md", "../cases/wyaat/", "cases/wyaat.html"),
    ("cases/wyaat.md", "benefits/workforce.md", "../../benefits/workforce/", "../benefits/workforce.html"),
    ("explore/page/2.md", "explore.md", "../../../explore/", "../../explore.html"),
    ("explore/page/2.md", "explore/page/3.md", "../../../explore/page/3/", "../../explore/page/3.html"),
    ("compare.md", "data/cases/ID.json", "../data/cases/ID.json", "data/cases/ID.json"),
    ("index.md", "cases/index.md", "cases/", "cases/index.html"),
])
def test_href(from_uri, to_uri, directory, flat):
    assert DIR.href(from_uri, to_uri) == directory
    assert FLAT.href(from_uri, to_uri) == flat


@pytest.mark.parametrize("site_url,src,expected", [
    ("", "cases/wyaat.md", "/cases/wyaat/"),
    ("https://example.org", "cases/wyaat.md", "https://example.org/cases/wyaat/"),
    ("https://example.org/sub/", "cases/wyaat.md", "https://example.org/sub/cases/wyaat/"),
    ("https://example.org/sub//", "index.md", "https://example.org/sub/"),
])
def test_absolute(site_url, src, expected):
    assert Urls(site_url=site_url).absolute(src) == expected


@pytest.mark.parametrize("first,n,expected", [
    ("explore.md", 1, "explore.md"),
    ("explore.md", 2, "explore/page/2.md"),
    ("outcomes.md", 17, "outcomes/page/17.md"),
    ("cases/index.md", 2, "cases/page/2.md"),
    ("benefits/workforce.md", 3, "benefits/workforce/page/3.md"),
    ("countries/gb.md", 0, "countries/gb.md"),
])
def test_numbered_uri(first, n, expected):
    assert numbered_uri(first, n) == expected


@pytest.mark.parametrize("from_uri,to_uri,expected", [
    ("cases/wyaat.md", "compare.md", "../compare.md"),
    ("explore.md", "cases/wyaat.md", "cases/wyaat.md"),
    ("benefits/workforce.md", "benefits/index.md", "index.md"),
])
def test_rel_md(from_uri, to_uri, expected):
    assert rel_md(from_uri, to_uri) == expected


@pytest.mark.parametrize("facet,term,expected", [
    ("benefits", "workforce", "benefits/workforce.md"),
    ("countries", "GB", "countries/gb.md"),
    ("governance", "lead-provider", "governance/lead-provider.md"),
    ("sectors", "mental-health", "sectors/mental-health.md"),
])
def test_term_and_case_uri(facet, term, expected):
    assert term_uri(facet, term) == expected
    assert case_uri("south-london-partnership") == "cases/south-london-partnership.md"


def test_two_styles_in_one_process_do_not_interfere():
    """No module state: a flat-URL build and a directory-URL build can run side by side."""
    assert FLAT.href("explore.md", "cases/x.md") == "cases/x.html"
    assert DIR.href("explore.md", "cases/x.md") == "../cases/x/"
    assert FLAT.href("explore.md", "cases/x.md") == "cases/x.html"
