"""The /explore/ listing: every case, one row each, filterable (a :class:`~.listing.Listing`).

Page 1 (``explore.md``) holds the filter form and the first ``page_size`` cases by name; numbered
pages (``explore/page/2.md`` …) hold the rest, so no page grows with the casebook. The filters,
sort and text search run in the browser (``assets/listing.js``) over the chunked data of
:func:`~.listing.listing_data`, fetched only when the reader uses them.

Everything taken from a case is untrusted text and goes through :func:`esc` before it reaches
the page, whether in an element or an attribute.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..records.taxonomy import Taxonomy
from .listing import Listing, Row, Sort, choice, country_labels, listing_data, listing_pages, vocabulary_labels
from .text import esc, fold, sort_key
from .urls import DIRECTORY_URLS, Urls, case_uri

__all__ = ["EMPTY", "EXPLORE_TITLE", "SORT_OPTIONS", "explore_data", "explore_intro", "explore_listing", "explore_pages", "render_explore",
           "search_text", "short_name_shown"]

#: The page title (front matter); other modules may link to the page with it.
EXPLORE_TITLE = "Explore all cases"

_HEADERS = ("Case", "Country", "Established", "Sectors", "Governance", "Benefits", "Evidence",
            "Outcomes")

#: The sort options, in the order offered; the first is the default and the order rows are written in.
SORT_OPTIONS: tuple[Sort, ...] = (
    Sort("name", "Name (A to Z)"),
    Sort("newest", "Established (newest first)", "year", True, 2),
    Sort("oldest", "Established (oldest first)", "year", False, 2),
    Sort("outcomes", "Number of outcomes (most first)", "outcomes", True, 7),
)


def search_text(*parts: Any) -> str:
    """The text a row is filtered on, folded by :func:`~casebook.site.text.fold` (listing.js
    folds the reader's query the same way, so a plain substring test matches whatever the
    punctuation: "out of area" finds "out-of-area")."""
    return fold(" ".join(str(p) for p in parts if p))


def short_name_shown(case: Mapping[str, Any]) -> str | None:
    """The short name to show beside the name, or ``None`` when it adds nothing (absent, or the
    name already contains it: never "Gesundes Kinzigtal (Gesundes Kinzigtal)")."""
    short = case.get("short_name")
    name = str(case.get("name") or "")
    if not short or fold(str(short)) in fold(name):
        return None
    return str(short)


def _cells(case: Mapping[str, Any], taxonomy: Taxonomy, urls: Urls, page: str) -> str:
    """One table row. One link per row: a single tab stop (compare boxes appear only on demand)."""
    case_id = str(case["id"])
    name = str(case.get("name") or case_id)
    short = short_name_shown(case)
    short_html = f' <span class="cb-short">({esc(short)})</span>' if short else ""
    year = case.get("established")
    country = str(case.get("country") or "")
    cells = (
        f'<th scope="row"><a href="{esc(urls.href(page, case_uri(case_id)))}">{esc(name)}</a>{short_html}</th>',
        f'<td data-label="Country">{esc(taxonomy.country(country).label) if country else ""}</td>',
        f'<td data-label="Established">{esc(year) if year else "Not stated"}</td>',
        f'<td data-label="Sectors">{esc(", ".join(taxonomy.label("sectors", s) for s in case["sectors"]))}</td>',
        f'<td data-label="Governance">{esc(taxonomy.label("governance", case["governance"]))}</td>',
        f'<td data-label="Benefits">{esc(", ".join(taxonomy.label("benefits", b) for b in case["benefits"]))}</td>',
        f'<td data-label="Evidence">{esc(taxonomy.label("evidence", case["evidence"]))}</td>',
        f'<td data-label="Outcomes">{len(case.get("outcomes") or [])}</td>',
    )
    return f'<tr data-case="{esc(case_id)}">{"".join(cells)}</tr>'


def _row(case: Mapping[str, Any], taxonomy: Taxonomy, urls: Urls) -> Row:
    members = [m["name"] if isinstance(m, Mapping) else m for m in case.get("members") or []]
    measures = [o.get("measure") for o in case.get("outcomes") or []]
    year = case.get("established")
    data = {"id": case["id"], "name": case["name"], "short": case.get("short_name"),
            "benefits": list(case["benefits"]), "sectors": list(case["sectors"]),
            "governance": case["governance"], "country": case["country"], "evidence": case["evidence"],
            "year": year if isinstance(year, int) and not isinstance(year, bool) else None,
            "outcomes": len(case.get("outcomes") or [])}
    text = search_text(case.get("name"), case.get("short_name"), *(case.get("aliases") or []), case.get("region"),
                       case.get("summary"), *measures, *members)
    return Row(lambda page: _cells(case, taxonomy, urls, page), data, text)


def _listing(rows: Sequence[Row], taxonomy: Taxonomy, first_uri: str) -> Listing:
    terms = functools.partial(vocabulary_labels, taxonomy)
    return Listing(
        key="explore", prefix="cb", first_uri=first_uri, title=EXPLORE_TITLE, noun=("case", "cases"),
        caption="Provider collaboration cases", headers=_HEADERS,
        text_label="Search names, regions, summaries, results and members",
        choices=(
            choice("benefit", "Benefits", rows, "benefits", terms("benefits"), match=True, open=True),
            choice("sector", "Sector", rows, "sectors", terms("sectors")),
            choice("governance", "Governance", rows, "governance", terms("governance")),
            choice("country", "Country", rows, "country", country_labels(taxonomy, rows)),
            choice("evidence", "Evidence", rows, "evidence", terms("evidence")),
        ),
        sorts=SORT_OPTIONS, years="year", fields=("id", "name", "short"),
        table_links=(("data-compare-href", "compare.md"),),
    )


def explore_listing(cases: Iterable[Mapping[str, Any]], taxonomy: Taxonomy,
                    urls: Urls = DIRECTORY_URLS) -> tuple[Listing, list[Row]]:
    """The listing and its rows (cases by name), for :func:`~.listing.listing_pages` and
    :func:`~.listing.listing_data`."""
    rows = [_row(c, taxonomy, urls) for c in sorted(cases, key=sort_key)]
    return _listing(rows, taxonomy, "explore.md"), rows


def explore_intro(total: int) -> str:
    if not total:
        return "There are no cases in the casebook yet."
    return (f"All {total:,} {'case' if total == 1 else 'cases'} in the casebook, one row each. Filter them by "
            "benefit, sector, governance model, country, year established or strength of evidence, search "
            "their names and summaries, or sort the table. Select a name to read the case.")


EMPTY = ("No cases match these filters. Untick a choice, widen the years or select "
         "<strong>Clear filters</strong>.")


def explore_pages(cases: Iterable[Mapping[str, Any]], taxonomy: Taxonomy, urls: Urls = DIRECTORY_URLS,
                  page_size: int = 50, defer: Callable[[str], str] = lambda block: block) -> dict[str, str]:
    """Every page of the listing: ``explore.md`` and ``explore/page/<n>.md`` (source path → Markdown).
    Cases are sorted by name, so equal input gives byte-identical output."""
    listing, rows = explore_listing(cases, taxonomy, urls)
    return listing_pages(listing, rows, urls, page_size, explore_intro(len(rows)), defer, empty=EMPTY)


def explore_data(cases: Iterable[Mapping[str, Any]], taxonomy: Taxonomy, urls: Urls = DIRECTORY_URLS,
                 page_size: int = 50) -> dict[str, str]:
    """The chunked data behind the filters (``data/listing/explore/…``)."""
    listing, rows = explore_listing(cases, taxonomy, urls)
    return listing_data(listing, rows, page_size)


def render_explore(cases: Iterable[Mapping[str, Any]], taxonomy: Taxonomy, urls: Urls = DIRECTORY_URLS,
                   page_size: int = 50) -> str:
    """The Markdown of the first page, ``explore.md``."""
    return explore_pages(cases, taxonomy, urls, page_size)["explore.md"]
