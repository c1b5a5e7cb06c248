"""Every internal link and resource of the built site resolves: each href/src (relative or
root-relative) names a file in the site, and each #fragment names an id (or <a name>) on the
target page. External http(s) links, mailto: and tel: are not followed. No browser needed."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

#: Fragments accepted without a matching id. Only the bare "#" (the top of the page) is
#: needed today: Material's own anchors ("#__drawer", "#__search", "#__palette_0", "#tag:...")
#: all name real ids in the built pages, so they are checked like any other.
SPECIAL_FRAGMENTS = {""}
#: Attributes that carry a URL to follow.
URL_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
             ("source", "src"), ("iframe", "src"), ("area", "href"), ("use", "href")}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for (t, attr) in URL_ATTRS:
            if tag == t and a.get(attr) is not None:
                self.urls.append((tag, a[attr], self.getpos()[0]))
        if tag == "img" and a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.urls.append((tag, part.strip().split()[0], self.getpos()[0]))

    handle_startendtag = handle_starttag


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _mount_path() -> str:
    """Where the published site lives on its host: the path of ``site_url`` (e.g. /casebook/).
    Root-relative links (Material's 404 page uses them) start with it."""
    from browserkit import SITE_URL

    return urlsplit(SITE_URL).path or "/"


MOUNT = _mount_path()


def target_file(site: Path, page_rel: str, url_path: str) -> tuple[str, Path]:
    """The site-relative path a link points to, and the file that serves it."""
    if url_path.startswith(MOUNT):
        rel = url_path[len(MOUNT):]
    elif url_path.startswith("/"):
        rel = url_path.lstrip("/")
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url_path))
        if url_path.endswith("/") and not rel.endswith("/"):
            rel += "/"
    rel = unquote(rel)
    if rel in (".", "./"):
        rel = ""
    f = site / rel
    if rel == "" or rel.endswith("/") or f.is_dir():
        f = f / "index.html"
    return rel, f


def test_no_broken_internal_links(site_dir):
    pages = {p.relative_to(site_dir).as_posix(): parse(p) for p in sorted(site_dir.rglob("*.html"))}
    broken: dict[str, list[str]] = defaultdict(list)
    checked = 0
    for page_rel, page in pages.items():
        for tag, url, line in page.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "tel", "data") or parts.netloc:
                continue
            assert not parts.scheme, f"{page_rel}:{line}: unexpected link scheme in {url!r}"
            checked += 1
            if parts.path:
                rel, f = target_file(site_dir, page_rel, parts.path)
                if ".." in Path(rel).parts or not f.is_file():
                    broken[page_rel].append(f"line {line}: <{tag}> {url!r} -> {rel!r} does not exist")
                    continue
            else:
                f = site_dir / page_rel
            frag = unquote(parts.fragment)
            if not parts.fragment and "#" not in url or frag in SPECIAL_FRAGMENTS:
                continue
            if f.suffix != ".html":
                continue  # a fragment into a non-HTML file (e.g. an SVG view) is not checked
            target = pages.get(f.relative_to(site_dir).as_posix())
            if target is None or frag not in target.ids:
                broken[page_rel].append(f"line {line}: <{tag}> {url!r}: no id {frag!r} on "
                                        f"{f.relative_to(site_dir).as_posix()}")
    assert checked > 1000, f"only {checked} internal links checked: is the parser finding them?"
    report = "\n".join(f"{p}\n  " + "\n  ".join(items) for p, items in sorted(broken.items()))
    n = sum(len(v) for v in broken.values())
    assert not broken, f"{n} broken internal link(s):\n{report}"
