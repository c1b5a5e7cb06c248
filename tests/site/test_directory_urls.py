"""One URL scheme: every link Casebook writes follows MkDocs' ``use_directory_urls``.

The sample project is built both ways; in each, every internal ``href``/``src`` of every page
(the generated raw-HTML blocks included) must name a file of the built site."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitekit import copy_sample, run_build


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)

    handle_startendtag = handle_starttag


def _broken(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        rel_page = page.relative_to(site).as_posix()
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("#") or not parts.path:
                continue
            if parts.path.startswith("/"):
                continue  # Material's 404 page links from the site_url root; the sample has none
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page), unquote(parts.path)))
            file = site / target
            if parts.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{rel_page}: {url}")
    return broken


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_resolves_in_either_url_style(tmp_path, directory_urls):
    project = copy_sample(tmp_path / "project")
    # The footer and case pages link to these two hand-written pages of a full casebook.
    (project / "content" / "about-data.md").write_text("# About the data\n\n## Evidence levels\n\nText.\n")
    (project / "content" / "contributing.md").write_text("# Contributing\n\nText.\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "use_directory_urls: true", f"use_directory_urls: {str(directory_urls).lower()}"), encoding="utf-8")
    build = run_build(project, tmp_path / "site").check()
    case_page = build.site / ("cases/harbour-integrated-system/index.html" if directory_urls
                              else "cases/harbour-integrated-system.html")
    assert case_page.is_file()
    assert _broken(build.site) == []
    explore = (build.site / ("explore/index.html" if directory_urls else "explore.html")).read_text(encoding="utf-8")
    wanted = "../cases/harbour-integrated-system/" if directory_urls else "cases/harbour-integrated-system.html"
    assert f'href="{wanted}"' in explore
