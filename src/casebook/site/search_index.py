"""The site's search index: Pagefind's ``/pagefind/`` written from a built site.

One function, :func:`index_site`, serves both adapters: the MkDocs plugin calls it at the end
of every build, and ``casebook index SITE_DIR`` calls it after any other engine's build of
``casebook export-docs`` (plain MkDocs, Zensical). It reads only the built HTML, so every
engine's site is indexed alike, and it never imports MkDocs.

Pagefind is fed a lean copy of each page (its ``<article>``, not the themed frame with header,
navigation and footer), through its Python API in this process: no Node, no crawl of the
whole themed page. Weights, filters and the one-line summary of a result are the page's own
Pagefind attributes (:mod:`casebook.site.search_record`); a page that declares no ``kind`` is
a guide. Beside the index, ``casebook-words.json`` lists the words of page titles and of
cases' other names: the "Did you mean" vocabulary, fetched only when a search finds nothing.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .pagefind_service import pagefind_index, run
from .search_record import GUIDE
from .search_stable import stabilise

__all__ = ["index_site", "IndexResult", "SearchIndexError", "INDEX_DIR", "WORDS_FILE", "FACETS_FILE", "lean_page", "lean_article", "page_words",
           "finish_bundle", "skipped", "EXCLUDE"]

INDEX_DIR = "pagefind"
WORDS_FILE = "casebook-words.json"
#: Every filter's values (no counts): fetched with pagefind.js, so a query naming a facet value
#: is recognised before the (corpus-sized) filter index loads, after the first results.
FACETS_FILE = "casebook-facets.json"
#: Pages that are tools or lists of other pages, not reading: kept out of the index.
SKIPPED = {"404.html", "explore/", "outcomes/", "compare/", "contribute/", "cases/"}
SKIPPED_UNDER = ("explore/page/", "outcomes/page/", "cases/page/")
#: A listing's numbered pages (``benefits/workforce/page/2/``, ``…/page/2.html``): slices of a
#: list whose first page is indexed already.
_NUMBERED_PAGE = re.compile(r"(?:^|/)page/\d+(?:/|\.html)$")
#: Left out of what is indexed: Casebook's own marker of content that repeats other pages
#: (cards, related cases, charts and their data, citations) and heading permalinks.
EXCLUDE = ["[data-search-exclude]"]
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")
_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)
_OPEN_TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*)?>")
_KEPT_ATTR = re.compile(r'\s(data-(?:pagefind|search|cb)[\w-]*(?:="[^"]*")?)')
_EXCLUDED_HEADING = re.compile(r"<h([1-6])\b[^>]*\bdata-search-exclude\b[^>]*>")
_NAMES = re.compile(r'<p class="cb-search-names"[^>]*>(.*?)</p>', re.S)
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.U)


class SearchIndexError(Exception):
    """The site cannot be indexed (not a built site, or Pagefind failed); the message says why."""


@dataclass
class IndexResult:
    pages: int
    words: int
    seconds: float  #: what the build waited for the index
    beside: float | None = None  #: what Pagefind ran beside the build (the build's indexer)

    def summary(self) -> str:
        more = "" if self.beside is None else f"; Pagefind ran {self.beside:.1f} s beside the build, from its first page to its bundle"
        return f"search index: {self.pages} pages in {self.seconds:.1f} s ({INDEX_DIR}/){more}"


def site_path(rel: str) -> str:
    """The address of a built file, relative to the site root: ``cases/x/index.html`` →
    ``cases/x/``."""
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def skipped(rel: str) -> bool:
    path = site_path(rel)
    return path in SKIPPED or path.startswith(SKIPPED_UNDER) or bool(_NUMBERED_PAGE.search(path))


def lean_page(page_html: str) -> tuple[str, str] | None:
    """``(lean HTML for Pagefind, title)`` of a built page, or None when it has no article.

    The lean page is the article alone, marked ``data-pagefind-body``; a term page's search
    block asks for its lead only (up to the first ``<h2>``); a page without a ``kind`` filter
    is given the guide kind."""
    m = _ARTICLE.search(page_html)
    if not m:
        return None
    lang = _LANG.search(page_html)
    return lean_article(m.group(1), lang.group(1) if lang else "en")


def lean_article(article_html: str, lang: str) -> tuple[str, str]:
    """:func:`lean_page` of a page's article content (what the theme puts in ``<article>``)."""
    # Permalink signs and every attribute Pagefind does not read are dropped: the lean page is
    # a third of the article's size, and Pagefind's time grows with the bytes it parses.
    article = drop_excluded_sections(drop_excluded_elements(_HEADERLINK.sub("", article_html)))
    article = _OPEN_TAG.sub(_bare_tag, article)
    if 'data-cb-search-scope="lead"' in article:
        cut = article.find("<h2")
        article = article if cut < 0 else article[:cut]
    if 'data-pagefind-filter="kind"' not in article:
        article += f'<p data-pagefind-ignore><span data-pagefind-filter="kind">{GUIDE}</span></p>'
    h1 = _H1.search(article)
    title = " ".join(html.unescape(_TAG.sub("", h1.group(1))).split()) if h1 else ""
    doc = (f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><title>{html.escape(title)}'
           f"</title></head><body><main data-pagefind-body>{article}</main></body></html>")
    return doc, title


def _bare_tag(m: re.Match) -> str:
    """An opening tag with only the attributes the index reads (Pagefind's, Casebook's)."""
    return f"<{m.group(1)}{''.join(' ' + a for a in _KEPT_ATTR.findall(m.group(2) or ''))}>"


_EXCLUDED_ELEMENT = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\bdata-search-exclude\b[^>]*>")


def drop_excluded_elements(article: str) -> str:
    """Elements marked ``data-search-exclude`` (cards, charts and their data tables, the
    citation block), removed before Pagefind parses the page: they are often most of its bytes.
    (Pagefind's own ``exclude_selectors`` keeps catching any that this plain scan leaves.)"""
    out, at = [], 0
    while m := _EXCLUDED_ELEMENT.search(article, at):
        name = m.group(1)
        if name[0] == "h" and name[1:].isdigit():  # a heading: its section goes (below)
            out.append(article[at:m.end()])
            at = m.end()
            continue
        tags = re.compile(rf"<(/?){name}\b[^>]*>")
        depth, end = 1, None
        for t in tags.finditer(article, m.end()):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = t.end()
                break
        if end is None:  # unbalanced: leave it to Pagefind
            out.append(article[at:m.end()])
            at = m.end()
            continue
        out.append(article[at:m.start()])
        at = end
    out.append(article[at:])
    return "".join(out)


def drop_excluded_sections(article: str) -> str:
    """A heading marked ``data-search-exclude`` leaves out its whole section, up to the next
    heading of the same or a higher level (as Material's search did): "Related cases" lists
    other cases' names, which would make the page a hit for their acronyms."""
    while m := _EXCLUDED_HEADING.search(article):
        level = int(m.group(1))
        end = re.compile(rf"<h[1-{level}]\b").search(article, m.end())
        article = article[:m.start()] + (article[end.start():] if end else "")
    return article


def vocabulary_words(text: str) -> set[str]:
    """The words of ``text`` worth suggesting: four letters or more."""
    return {w for w in _WORD.findall(text) if len(w) >= 4}


def _collect(site: Path) -> tuple[list[tuple[str, str]], set[str]]:
    pages: list[tuple[str, str]] = []
    words: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(f"{INDEX_DIR}/") or skipped(rel):
            continue
        lean = lean_page(path.read_text(encoding="utf-8", errors="replace"))
        if lean is None:
            continue
        doc, title = lean
        pages.append((rel, doc))
        words |= page_words(doc, title)
    return pages, words


async def _write(pages: list[tuple[str, str]], out: Path) -> None:
    """Index the lean pages with Pagefind. They are written to a scratch folder and added with
    one ``add_directory`` request: the Python service answers one request per 0.1 s, so one
    ``add_html_file`` per page would cost 100 s per 1,000 pages."""
    with tempfile.TemporaryDirectory(prefix="casebook-search-") as scratch:
        root = Path(scratch)
        for rel, doc in pages:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(doc, encoding="utf-8")
        async with pagefind_index(EXCLUDE) as index:
            await index.add_directory(root)
            await index.write(out)


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def index_site(site_dir: Path | str) -> IndexResult:
    """Write ``SITE_DIR/pagefind/`` (Pagefind's index and ``casebook-words.json``) for a built
    site; the folder is replaced, so a rebuild leaves no stale chunks."""
    start = time.perf_counter()
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise SearchIndexError(f"{site}: not a built site (no index.html); build it first "
                               "(mkdocs build or zensical build), then run casebook index on its site folder")
    pages, words = _collect(site)
    out = site / INDEX_DIR
    if out.exists():
        shutil.rmtree(out)
    try:
        run(_write(pages, out))
    except Exception as exc:  # the Pagefind service: a missing binary, a crash
        raise SearchIndexError(f"{site}: Pagefind could not write the search index: {exc}") from None
    vocab = finish_bundle(site, out, words)
    return IndexResult(len(pages), vocab, time.perf_counter() - start)


def page_words(doc: str, title: str) -> set[str]:
    """The "Did you mean" words a lean page adds: its title's and its cases' other names'."""
    words = vocabulary_words(title)
    for names in _NAMES.findall(doc):
        words |= vocabulary_words(html.unescape(names))
    return words


def finish_bundle(site: Path, out: Path, words: set[str]) -> int:
    """Make Pagefind's bundle reproducible and write the vocabulary beside it; the number of
    words written. Shared by :func:`index_site` and the build's background indexer."""
    try:
        facets = stabilise(out)
    except Exception as exc:  # a bundle Pagefind did not finish
        raise SearchIndexError(f"{site}: Pagefind could not write the search index: {exc}") from None
    # One spelling per folded word (the one with accents, if any: it is the name's).
    by_fold: dict[str, str] = {}
    for w in sorted(words):
        key = _fold(w)
        if key not in by_fold or w.casefold() != key:
            by_fold[key] = w
    vocab = sorted(by_fold.values(), key=lambda w: (_fold(w), w))
    (out / WORDS_FILE).write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (out / FACETS_FILE).write_text(json.dumps(facets, ensure_ascii=False, separators=(",", ":")),
                                   encoding="utf-8")
    return len(vocab)
