"""Paged listings: the one table-with-filters component of the site, on the Python side.

/explore/ (one row per case) and /outcomes/ (one row per outcome) are both a :class:`Listing`:

* **Static pages.** Page 1 (``explore.md``) and numbered pages (``explore/page/2.md``, served at
  ``/explore/page/2/``) each hold at most ``page_size`` rows as plain HTML, linked by a pager
  (Previous, numbers, Next), so without JavaScript following the links reaches every row and
  the first view costs the same at any size of the casebook.
* **The form.** Page 1 carries the filter form, built here from :class:`Choice` facets (every
  facet multi-choice, as repeated URL parameters), an optional year range, a text box and the
  sort options; each option shows how many rows have it (counted at build time). The form
  ships ``hidden``: ``assets/listing.js`` reveals it.
* **Chunked data**, fetched by the script only when the reader uses the form:
  ``data/listing/<key>/f-<k>.json`` (each row's filter and sort fields, ``chunk`` rows a file),
  ``t-<k>.json`` (each row's folded search text, only fetched for a text search) and
  ``h-<k>.json`` (the rows' HTML, one file per static page, rendered by the page's own row
  renderer, so the script never builds a row itself).

Everything taken from a case is escaped by the row renderers and here (:func:`esc`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records.taxonomy import Taxonomy
from .text import esc
from .urls import Urls, numbered_uri

#: Rows a filter-data file holds (a few per corpus of 10,000 cases; fetched in parallel).
CHUNK_ROWS = 2000
#: Page numbers the pager links either side of the current page (first and last always).
PAGER_SPAN = 2


@dataclass(frozen=True)
class Choice:
    """A multi-choice facet: ``name`` is the URL parameter (repeated, ``?country=DK&country=SE``)
    and the checkboxes' name; ``field`` the row field it tests (a value or a list of values);
    ``options`` (value, label, rows having it) in the order offered. With ``match`` the reader
    may ask for rows having all ticked values (``?match=all``) rather than any."""

    name: str
    field: str
    legend: str
    options: tuple[tuple[str, str, int], ...]
    match: bool = False
    open: bool = False


@dataclass(frozen=True)
class Sort:
    """A sort option: by ``field`` (``None``: the order rows are written in), ``descending`` or
    not, shown on header column ``column``. With ``within``, the option only applies when
    exactly one value of that choice is ticked (sizes of change are compared within one
    indicator, never across measures)."""

    value: str
    label: str
    field: str | None = None
    descending: bool = False
    column: int = 0
    within: str | None = None


@dataclass
class Row:
    """One row: ``render(page_uri)`` gives its ``<tr>`` for a page; ``data`` its filter and sort
    fields; ``text`` its folded search text (see :func:`~casebook.site.text.fold`)."""

    render: Callable[[str], str]
    data: dict[str, Any]
    text: str = ""


@dataclass(frozen=True)
class Listing:
    """What differs between the listings; everything else is shared."""

    key: str  # data/listing/<key>/
    prefix: str  # element ids: <prefix>-table, <prefix>-filters, <prefix>-count, ...
    first_uri: str  # source path of page 1
    title: str
    noun: tuple[str, str]  # ("case", "cases")
    caption: str
    headers: tuple[str, ...]
    text_label: str
    choices: tuple[Choice, ...] = ()
    sorts: tuple[Sort, ...] = (Sort("name", "Name (A to Z)"),)
    years: str | None = None  # row field of an "established from/to" range, if offered
    table_class: str = "cb-explore"
    colgroup: bool = False
    fields: tuple[str, ...] = field(default=())
    #: choice name → value → link shown beside the count when exactly that value is ticked
    links: dict[str, dict[str, str]] = field(default_factory=dict)
    link_text: str = ""
    #: table attributes holding links, resolved for each page: (attribute, target source path)
    table_links: tuple[tuple[str, str], ...] = ()
    #: the theme's page parts hidden on these pages (MkDocs Material's ``hide``)
    hide: tuple[str, ...] = ("navigation", "toc")

    def all_fields(self) -> list[str]:
        """The row fields the script receives, in the order of the filter-data arrays."""
        names = list(self.fields) + [c.field for c in self.choices] + [s.field for s in self.sorts if s.field]
        if self.years:
            names.append(self.years)
        return list(dict.fromkeys(names))

    def nouns(self, n: int) -> str:
        return self.noun[0] if n == 1 else self.noun[1]


def choice(name: str, legend: str, rows: Sequence[Row], field_name: str, labels: Iterable[tuple[str, str]],
           **kw: Any) -> Choice:
    """A :class:`Choice` offering only values some row has, in the order of ``labels`` (values
    it does not know last, by id), each with its count of rows."""
    counts: Counter = Counter()
    for r in rows:
        v = r.data.get(field_name)
        counts.update(v if isinstance(v, list) else [v] if v not in (None, "") else [])
    known = [(v, label) for v, label in labels if counts[v]]
    seen = {v for v, _ in known}
    known += [(v, v) for v in sorted(counts) if v not in seen]
    return Choice(name, field_name, legend, tuple((v, label, counts[v]) for v, label in known), **kw)


def vocabulary_labels(taxonomy: Taxonomy, vocabulary: str) -> list[tuple[str, str]]:
    """(id, label) of every term of a vocabulary, in the taxonomy's order."""
    return [(t, taxonomy.label(vocabulary, t)) for t in taxonomy.ids(vocabulary)]


def country_labels(taxonomy: Taxonomy, rows: Sequence[Row], field_name: str = "country") -> list[tuple[str, str]]:
    """(code, name) of the countries the rows have, by name."""
    codes = {str(r.data[field_name]) for r in rows if r.data.get(field_name)}
    return sorted(((c, taxonomy.country(c).label) for c in codes), key=lambda p: (p[1].casefold(), p[0]))


# -- pages ----------------------------------------------------------------------------------
def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def pager(urls: Urls, first_uri: str, current: int, pages: int, what: str, page_uri: str | None = None) -> str:
    """The pager of page ``current`` of ``pages``: Previous, page numbers (first, last and the
    neighbours of the current one; gaps marked) and Next. Links are relative to ``page_uri``
    (the current page's source path). Empty when there is one page."""
    if pages <= 1:
        return ""
    here = page_uri or numbered_uri(first_uri, current)

    def link(n: int, text: str, rel: str = "", label: str = "") -> str:
        attrs = f' rel="{rel}"' if rel else ""
        attrs += f' aria-label="{esc(label)}"' if label else ""
        return f'<a href="{esc(urls.href(here, numbered_uri(first_uri, n)))}"{attrs}>{text}</a>'

    items = []
    if current > 1:
        items.append(f'<li class="cb-pager-prev">{link(current - 1, "Previous", "prev")}</li>')
    shown = sorted({1, pages, *range(max(1, current - PAGER_SPAN), min(pages, current + PAGER_SPAN) + 1)})
    last = 0
    for n in shown:
        if n > last + 1:
            items.append('<li class="cb-pager-gap" aria-hidden="true">…</li>')
        if n == current:
            items.append(f'<li><a aria-current="page" href="{esc(urls.href(here, here))}">{n}</a></li>')
        else:
            items.append(f"<li>{link(n, str(n), label=f'Page {n}')}</li>")
        last = n
    if current < pages:
        items.append(f'<li class="cb-pager-next">{link(current + 1, "Next", "next")}</li>')
    return (f'<nav class="cb-pages" aria-label="Pages of {esc(what)}"><ul>{"".join(items)}</ul>'
            f'<p class="cb-pages-of">Page {current} of {pages}</p></nav>')


def _checks(c: Choice, noun: str) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{esc(c.name)}" value="{esc(v)}"> {esc(label)} '
        f'<span class="cb-n">({n:,})</span></label>' for v, label, n in c.options)
    match = ""
    if c.match:
        match = (f'<fieldset class="cb-match" data-cb-nofilter><legend>Show {esc(noun)} with</legend>'
                 f'<label><input type="radio" name="match" value="any" checked> any ticked {esc(c.legend.lower())}</label>'
                 f'<label><input type="radio" name="match" value="all"> all ticked</label></fieldset>')
    many = " cb-many" if len(c.options) > 12 else ""
    return (f'<fieldset class="cb-choice{many}" data-cb-choice="{esc(c.name)}" data-cb-field="{esc(c.field)}">'
            f'<legend>{esc(c.legend)}</legend><div class="cb-checks">{boxes}</div>{match}</fieldset>')


def _years(listing: Listing) -> str:
    """The year range: no placeholder (a greyed 1999 reads as a value already set)."""
    p = listing.prefix
    return ('<fieldset class="cb-details cb-years" data-cb-range="' + esc(listing.years or "") + '">'
            "<legend>Established</legend>"
            f'<div class="cb-field cb-year"><label for="{p}-from">From (year)</label>'
            f'<input type="number" id="{p}-from" name="from" min="1900" max="2100" step="1" inputmode="numeric"></div>'
            f'<div class="cb-field cb-year"><label for="{p}-to">To (year)</label>'
            f'<input type="number" id="{p}-to" name="to" min="1900" max="2100" step="1" inputmode="numeric"></div>'
            "</fieldset>")


def form_html(listing: Listing, total: int, urls: Urls, page_size: int) -> str:
    """The filter form (hidden until listing.js reveals it), with everything the script needs
    in ``data-`` attributes: where the data is, its fields, chunk and page sizes, the sorts."""
    p = listing.prefix
    sorts = {s.value: [s.field, s.descending, s.column, s.within] for s in listing.sorts}
    options = "".join(f'<option value="{esc(s.value)}">{esc(s.label)}</option>' for s in listing.sorts)
    config = {"data": urls.href(listing.first_uri, f"data/listing/{listing.key}/"), "fields": listing.all_fields(),
              "sorts": sorts, "total": total, "page": page_size, "chunk": CHUNK_ROWS, "noun": list(listing.noun),
              "caption": listing.caption, "links": listing.links, "linkText": listing.link_text}
    parts = [f'<form class="cb-filters" id="{p}-filters" role="search" aria-label="Filter {esc(listing.noun[1])}" '
             f"data-cb-collapsible data-cb-listing=\"{esc(json.dumps(config, sort_keys=True))}\" hidden>",
             *(_checks(c, listing.noun[1]) for c in listing.choices)]
    if listing.years:
        parts.append(_years(listing))
    parts += ['<div class="cb-bar">',
              f'<div class="cb-field cb-text"><label for="{p}-q">{esc(listing.text_label)}</label>'
              f'<input type="search" id="{p}-q" name="q" autocomplete="off" spellcheck="false"></div>',
              f'<div class="cb-field"><label for="{p}-sort">Sort by</label>'
              f'<select id="{p}-sort" name="sort" data-cb-nofilter>{options}</select></div>',
              f'<button type="button" id="{p}-clear" class="cb-button">Clear filters</button>',
              "</div>",
              f'<p id="{p}-count" class="cb-count" role="status" aria-live="polite" tabindex="-1" data-cb-keep>'
              f"{total:,} of {total:,} {listing.nouns(total)}</p>",
              "</form>"]
    return "\n".join(parts)


def table_html(listing: Listing, rows: Sequence[str], total: int, current: int, pages: int,
               urls: Urls, page_uri: str) -> str:
    """The table of one page: caption (how many rows, which page), header, rows."""
    p = listing.prefix
    sort_attr = ' aria-sort="ascending"'  # the order rows are written in; listing.js moves it
    head = "".join(f'<th scope="col" class="cb-h-{esc(h.lower().replace(" ", "-"))}"{sort_attr if i == 0 else ""}>{esc(h)}</th>'
                   for i, h in enumerate(listing.headers))
    where = f", page {current} of {pages}" if pages > 1 else ""
    caption = f"{esc(listing.caption)} ({total:,} in total{where})"
    colgroup = ("<colgroup>" + "".join(f'<col class="cb-col-{i}">' for i in range(len(listing.headers)))
                + "</colgroup>") if listing.colgroup else ""
    links = "".join(f' {a}="{esc(urls.href(page_uri, target))}"' for a, target in listing.table_links)
    return "\n".join((
        f'<a class="cb-skip" href="#{p}-after">Skip the table</a>',
        f'<div class="cb-table-wrap" tabindex="0" role="region" aria-labelledby="{p}-caption">',
        f'<table class="{listing.table_class}" id="{p}-table"{links}>',
        f'<caption id="{p}-caption">{caption}</caption>{colgroup}',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>", *rows, "</tbody>",
        "</table>",
        "</div>",
    ))


def listing_pages(listing: Listing, rows: Sequence[Row], urls: Urls, page_size: int, intro: str,
                  defer: Callable[[str], str] = lambda block: block, after: str = "", empty: str = "") -> dict[str, str]:
    """Every page of a listing (source path → Markdown): page 1 with ``intro``, the form and
    ``after`` (Markdown below the table); numbered pages with the table and pager only."""
    total = len(rows)
    pages = page_count(total, page_size)
    out: dict[str, str] = {}
    for n in range(1, pages + 1):
        uri = numbered_uri(listing.first_uri, n)
        chunk = rows[(n - 1) * page_size:n * page_size]
        block = ['<section class="cb-explore-page" data-search-exclude data-pagefind-ignore="all">']
        if n == 1:
            block.append(form_html(listing, total, urls, page_size))
            block.append(f"<noscript><p>Filtering and sorting need JavaScript. Without it, the pages below "
                         f"list every {esc(listing.noun[0])}, {page_size} at a time.</p></noscript>")
        block.append(table_html(listing, [r.render(uri) for r in chunk], total, n, pages, urls, uri))
        block.append(f'<p id="{listing.prefix}-empty" class="cb-empty" hidden>{empty}</p>')
        block.append(f'<div id="{listing.prefix}-after" class="cb-after" tabindex="-1">'
                     f'{pager(urls, listing.first_uri, n, pages, listing.noun[1])}</div>')
        block.append("</section>")
        html_block = defer("\n".join(block))
        if n == 1:
            title = listing.title
            body = intro + "\n\n" + html_block + "\n" + (("\n" + after) if after else "")
        else:
            title = f"{listing.title}, page {n} of {pages}"
            first = urls.href(uri, listing.first_uri)
            body = (f"Page {n} of {pages}: {listing.noun[1]} {(n - 1) * page_size + 1:,} to "
                    f"{(n - 1) * page_size + len(chunk):,} of {total:,}. "
                    f'<a href="{esc(first)}">Filter, sort and search them on the first page</a>.\n\n' + html_block + "\n")
        hide = "".join(f"  - {h}\n" for h in listing.hide)
        front = f"---\ntitle: {json.dumps(title)}\nhide:\n{hide}search:\n  exclude: true\n---\n\n# {esc(title)}\n\n"
        out[uri] = front + body
    return out


def listing_data(listing: Listing, rows: Sequence[Row], page_size: int) -> dict[str, str]:
    """The chunked data files of a listing (site path → JSON text), fetched only on use."""
    base = f"data/listing/{listing.key}/"
    names = listing.all_fields()
    out: dict[str, str] = {}
    for k in range(0, max(1, math.ceil(len(rows) / CHUNK_ROWS))):
        part = rows[k * CHUNK_ROWS:(k + 1) * CHUNK_ROWS]
        out[f"{base}f-{k}.json"] = _json([[r.data.get(f) for f in names] for r in part])
        out[f"{base}t-{k}.json"] = _json([r.text for r in part])
    for k in range(page_count(len(rows), page_size)):
        part = rows[k * page_size:(k + 1) * page_size]
        out[f"{base}h-{k}.json"] = _json([r.render(listing.first_uri) for r in part])
    return out


def _json(value: Any) -> str:
    # "<" written as \u003c: no text in the data can ever read as markup, whatever uses it.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
