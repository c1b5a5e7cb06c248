"""The /outcomes/ page: every measured outcome of every case in one filterable table.

A :class:`~.listing.Listing` like /explore/: ``outcomes.md`` and numbered pages
``outcomes/page/<n>.md`` with at most ``page_size`` rows each, in the order of
``/data/outcomes.csv`` (the rows come from :mod:`casebook.site.outcome_data`, as the downloads
do). Page 1 carries the filter form; ``assets/listing.js`` filters, sorts and pages over the
chunked data, fetched only when the reader uses the form. :func:`_row` renders one row for the
pages and for the data alike.

Under the table, "like with like": one chart per indicator that at least two cases report in
a comparable form (every result a % change, or every value in one unit); indicators whose
results are not comparable are listed with the reason instead of charted.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

from ..records.spec import ACHIEVED, BUILTIN_VOCABULARIES
from ..records.taxonomy import Taxonomy
from .listing import Listing, Row, Sort, choice, country_labels, listing_pages, vocabulary_labels
from .outcome_data import OutcomeRow, indicator_label, outcome_rows
from .outcome_table import TableOptions, headers, row_cells
from .text import esc, fold
from .urls import DIRECTORY_URLS, Urls

TITLE = "Outcomes across cases"
#: The sort options; the first is the default and the order rows are written in. Sizes of change
#: are sorted only within one indicator: across measures they are not comparable.
SORT_OPTIONS = (
    Sort("case", "Case (A to Z)"),
    Sort("indicator", "Indicator (A to Z)", "ilabel", False, 1),  # a line of the Measure cell
    Sort("fall", "Change within the indicator (largest fall first)", "change", False, 2, within="indicator"),
    Sort("rise", "Change within the indicator (largest rise first)", "change", True, 2, within="indicator"),
)


#: The /outcomes/ table's columns: the case, the measure (indicator, period and source as
#: secondary lines), the result as one phrase, the outcome's evidence (outcome_table.py).
ROW_OPTIONS = TableOptions(case=True, benefit=False, indicator=True, source_links="url", label="Outcomes table")
HEADERS = tuple(headers(ROW_OPTIONS))


def _row(r: OutcomeRow, tax: Taxonomy, page: str, urls: Urls = DIRECTORY_URLS) -> str:
    """One row, on one line: the cells come from the one outcome-table renderer; the filters
    read the row's ``data-*`` attributes (the text filter reads the cells themselves)."""
    o, c = r.outcome, r.case
    indicator = o.get("indicator") or "none"
    status = o.get("status") or ACHIEVED
    change = o.get("change_percent")
    attrs = (f'data-indicator="{esc(indicator)}" data-benefit="{esc(o["benefit"])}" '
             f'data-sectors="{esc(" ".join(c.get("sectors") or []))}" data-country="{esc(c["country"])}" '
             f'data-status="{esc(status)}" data-evidence="{esc(r.evidence)}"'
             + ("" if change is None else f' data-change="{esc(change)}"'))
    opts = ROW_OPTIONS if urls is DIRECTORY_URLS else dataclasses.replace(ROW_OPTIONS, urls=urls)
    return f'<tr id="o-{esc(r.id)}" {attrs}>{"".join(row_cells(c, o, tax, page, opts))}</tr>'


def _listing_row(r: OutcomeRow, tax: Taxonomy, urls: Urls) -> Row:
    o, c = r.outcome, r.case
    indicator = o.get("indicator") or "none"
    data = {"indicator": indicator, "benefit": o["benefit"], "sectors": list(c["sectors"]),
            "country": c["country"], "status": o.get("status") or ACHIEVED, "evidence": r.evidence,
            "change": o.get("change_percent"),
            "ilabel": "\uffff" if indicator == "none" else fold(indicator_label(tax, indicator))}
    text = fold(" ".join(str(x) for x in (c.get("short_name"), c["name"], o["measure"], o.get("period")) if x))
    return Row(lambda page: _row(r, tax, page, urls), data, text)


def outcomes_listing(cases: list[dict], tax: Taxonomy, urls: Urls = DIRECTORY_URLS,
                     charted: dict[str, str] | None = None) -> tuple[Listing, list[Row]]:
    """The listing and its rows, in the order of ``outcomes.csv``. ``charted`` maps an indicator
    to the anchor of its chart on page 1, so a filtered view links to it."""
    rows = [_listing_row(r, tax, urls) for r in outcome_rows(cases)]
    terms = functools.partial(vocabulary_labels, tax)
    used = {str(r.data["status"]) for r in rows}
    statuses = [s for s in BUILTIN_VOCABULARIES["outcome_status"] if s in used] + sorted(
        used - set(BUILTIN_VOCABULARIES["outcome_status"]))
    listing = Listing(
        key="outcomes", prefix="cb-o", first_uri="outcomes.md", title=TITLE, noun=("outcome", "outcomes"),
        caption="Measured outcomes, one row each", headers=HEADERS, text_label="Search cases and measures",
        choices=(
            choice("indicator", "Indicator", rows, "indicator", terms("indicators") + [("none", "Not classified")]),
            choice("benefit", "Benefit", rows, "benefit", terms("benefits")),
            choice("sector", "Sector", rows, "sectors", terms("sectors")),
            choice("country", "Country", rows, "country", country_labels(tax, rows)),
            choice("status", "Status", rows, "status",
                   [(v, tax.label("outcome_status", v)) for v in statuses]),
            choice("evidence", "Evidence", rows, "evidence", terms("evidence")),
        ),
        sorts=SORT_OPTIONS, table_class="cb-outcomes cb-outcomes-all", colgroup=True,
        links={"indicator": dict(charted or {})}, link_text="Charts for this indicator", hide=("toc",),
    )
    return listing, rows


EMPTY = "No outcomes match these filters. Untick a choice or select <strong>Clear filters</strong>."


def _intro(total: int, n_cases: int, achieved: int) -> str:
    if not total:
        return "No case reports a measured result yet."
    pending = "" if achieved == total else \
        f" ({achieved:,} achieved; the others are targets, commitments, forecasts or expected results)"
    return (f"Every outcome of every case: {total:,} results from {n_cases:,} cases{pending}, one row each. "
            "Filter them by indicator, benefit, sector, country, status or strength of evidence, search "
            "them, or sort them. Results measure different things over different periods, so compare "
            "only like with like: the [charts by indicator](#like-with-like) below do that for you.")


DOWNLOADS = ("Download these rows: [outcomes.csv](data/outcomes.csv) · [outcomes.json](data/outcomes.json) · "
             "[data package](data/datapackage.json) (field descriptions, licence CC BY 4.0). "
             "To put whole cases side by side, [compare cases](compare.md).")


def render_outcomes(cases: list[dict], tax: Taxonomy, like_with_like: str = "",
                    defer: Callable[[str], str] = lambda block: block, urls: Urls = DIRECTORY_URLS,
                    page_size: int = 50, listing: tuple[Listing, list[Row]] | None = None) -> dict[str, str]:
    """Every page of /outcomes/: ``outcomes.md`` (with the "like with like" charts below the
    table) and ``outcomes/page/<n>.md`` (source path → Markdown)."""
    spec, rows = listing if listing is not None else outcomes_listing(cases, tax, urls)
    n_cases = len({c["id"] for c in cases if c.get("outcomes")})
    achieved = sum(1 for r in rows if r.data["status"] == ACHIEVED)
    intro = _intro(len(rows), n_cases, achieved) + "\n\n" + DOWNLOADS
    return listing_pages(spec, rows, urls, page_size, intro, defer, after=like_with_like, empty=EMPTY)


def charted_indicators(renderer) -> dict[str, str]:
    """Indicator → anchor of its chart in the "like with like" section of page 1."""
    plan = getattr(renderer, "plan", None)
    return {e.indicator: f"#indicator-{e.indicator}" for e in (plan.indicators if plan is not None else [])
            if e.spec is not None}


def like_with_like(renderer, uri: str = "outcomes.md") -> str:
    """The "like with like" section: a chart per comparable indicator, a sentence for the rest."""
    plan = getattr(renderer, "plan", None)
    entries = plan.indicators if plan is not None else []
    out = ['## Like with like { #like-with-like }\n',
           "Each chart below compares cases on one indicator, and only when at least two cases report it "
           "in the same form (all as % changes, or all in one unit). Bars keep the order of the records; "
           "they are not a ranking. Periods are on the labels: results over different periods are not "
           "directly comparable.\n"]
    if not entries:
        out.append("No indicator is reported by two cases in a comparable form yet.\n")
    for entry in entries:
        out.append(f"### {esc(entry.label)} {{ #indicator-{entry.indicator} }}\n")
        if entry.spec is not None:
            ref = renderer._chart(entry.spec)
            out.append(renderer.defer(ref.block(uri)) + "\n")
        if entry.note:
            out.append(esc(entry.note) + "\n")
    return "\n".join(out)


def outcome_pages(renderer) -> dict[str, str]:
    """The pages this module adds to the site: /outcomes/ (and its numbered pages) and /compare/."""
    from .compare import render_compare

    corpus, ctx = renderer.corpus, renderer.ctx
    listing = renderer.listings["outcomes"] = outcomes_listing(corpus.cases, corpus.taxonomy, ctx.urls,
                                                               charted_indicators(renderer))
    pages = render_outcomes(corpus.cases, corpus.taxonomy, like_with_like(renderer), renderer.defer, ctx.urls,
                            ctx.page_size, listing)
    pages["compare.md"] = render_compare(corpus.cases, corpus.taxonomy, ctx.urls)
    return pages
