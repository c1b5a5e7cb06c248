"""The /outcomes/ page: every measured outcome of every case in one filterable table.

Built like /explore/: a virtual ``outcomes.md`` with a short introduction and one raw-HTML
block holding a hidden filter form and a plain table, one row per outcome, in the order of
``/data/outcomes.csv`` (the rows come from :mod:`casebook.site.outcome_data`, as the
downloads do). Without JavaScript the table is the page; ``assets/outcomes.js`` reveals the
form and filters, sorts, counts and pages the rows from their ``data-*`` attributes.

Under the table, "like with like": one chart per indicator that at least two cases report in
a comparable form (every result a % change, or every value in one unit); indicators whose
results are not comparable are listed with the reason instead of charted.
"""

from __future__ import annotations

from collections.abc import Callable

from ..records.spec import ACHIEVED, BUILTIN_VOCABULARIES, is_achieved
from ..records.taxonomy import Taxonomy
from .outcome_data import OutcomeRow, outcome_rows
from .outcome_table import TableOptions, headers, row_cells
from .text import esc

TITLE = "Outcomes across cases"
#: Values of the ``sort`` control; the first is the default and the order rows are written in.
SORT_OPTIONS = (
    ("case", "Case (A to Z)"),
    ("fall", "Change (largest fall first)"),
    ("rise", "Change (largest rise first)"),
    ("indicator", "Indicator (A to Z)"),
)


def _select(name: str, label: str, any_label: str, options) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
    return (f'<div class="cb-field"><label for="cb-o-{name}">{esc(label)}</label>'
            f'<select id="cb-o-{name}" name="{name}"><option value="">{esc(any_label)}</option>'
            f"{opts}</select></div>")


def _options(tax: Taxonomy, vocabulary: str, used: set[str]) -> list[tuple[str, str]]:
    known = [t for t in tax.ids(vocabulary) if t in used]
    return [(t, tax.label(vocabulary, t)) for t in known + sorted(used - set(known))]


def _form(rows: list[OutcomeRow], tax: Taxonomy) -> str:
    used: dict[str, set[str]] = {k: set() for k in ("indicators", "benefits", "sectors", "countries", "evidence",
                                                    "statuses")}
    for r in rows:
        used["statuses"].add(r.outcome.get("status") or "achieved")
        used["indicators"].add(r.outcome.get("indicator") or "none")
        used["benefits"].add(r.outcome["benefit"])
        used["sectors"].update(r.case.get("sectors") or [])
        used["countries"].add(r.case["country"])
        used["evidence"].add(r.evidence)
        used["statuses"].add(r.outcome.get("status") or ACHIEVED)
    indicators = _options(tax, "indicators", used["indicators"] - {"none"})
    if "none" in used["indicators"]:
        indicators.append(("none", "Other measures (no shared indicator)"))
    countries = sorted(((c, tax.country(c).label) for c in used["countries"]), key=lambda p: (p[1].casefold(), p[0]))
    sorts = "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in SORT_OPTIONS)
    total = len(rows)
    return "\n".join((
        '<form class="cb-filters" id="cb-o-filters" role="search" aria-label="Filter outcomes" hidden>',
        '<fieldset class="cb-details"><legend>Outcome details</legend>',
        _select("indicator", "Indicator", "Any indicator", indicators),
        _select("benefit", "Benefit", "Any benefit", _options(tax, "benefits", used["benefits"])),
        _select("sector", "Sector", "Any sector", _options(tax, "sectors", used["sectors"])),
        _select("country", "Country", "Any country", countries),
        _select("status", "Status", "Any status", [(s, tax.label("outcome_status", s))
                                                   for s in BUILTIN_VOCABULARIES["outcome_status"] if s in used["statuses"]]),
        _select("evidence", "Evidence", "Any level of evidence", _options(tax, "evidence", used["evidence"])),
        "</fieldset>",
        '<div class="cb-bar">',
        '<div class="cb-field cb-text"><label for="cb-o-q">Search cases and measures</label>'
        '<input type="search" id="cb-o-q" name="q" autocomplete="off" spellcheck="false"></div>',
        f'<div class="cb-field"><label for="cb-o-sort">Sort by</label><select id="cb-o-sort" name="sort">{sorts}</select></div>',
        '<button type="button" id="cb-o-clear" class="cb-button">Clear filters</button>',
        "</div>",
        f'<p id="cb-o-count" class="cb-count" role="status" aria-live="polite">{total} of {total} outcomes</p>',
        "</form>",
    ))


#: The /outcomes/ table's columns: the case, the measure (indicator, period and source as
#: secondary lines), the result as one phrase, the outcome's evidence (outcome_table.py).
ROW_OPTIONS = TableOptions(case=True, benefit=False, indicator=True, source_links="url", label="Outcomes table")
HEADERS = tuple(headers(ROW_OPTIONS))


def _row(r: OutcomeRow, tax: Taxonomy, page: str) -> str:
    """One row, on one line: the cells come from the one outcome-table renderer; the filters
    read the row's ``data-*`` attributes."""
    o, c = r.outcome, r.case
    indicator = o.get("indicator") or "none"
    status = o.get("status") or ACHIEVED
    change = o.get("change_percent")
    attrs = (f'data-indicator="{esc(indicator)}" data-benefit="{esc(o["benefit"])}" '
             f'data-sectors="{esc(" ".join(c.get("sectors") or []))}" data-country="{esc(c["country"])}" '
             f'data-status="{esc(status)}" data-evidence="{esc(r.evidence)}"'
             + ("" if change is None else f' data-change="{esc(change)}"'))
    return f'<tr id="o-{esc(r.id)}" {attrs}>{"".join(row_cells(c, o, tax, page, ROW_OPTIONS))}</tr>'


def outcomes_block(rows: list[OutcomeRow], tax: Taxonomy, page: str = "outcomes.md") -> str:
    """The raw-HTML block: hidden form, table, empty message, pager (one block, no blank line)."""
    total = len(rows)
    sort_attr = ' aria-sort="ascending"'
    head = "".join(f'<th scope="col" class="cb-h-{h.lower()}"{sort_attr if i == 0 else ""}>{esc(h)}</th>'
                   for i, h in enumerate(HEADERS))
    return "\n".join((
        '<section class="cb-explore-page cb-outcomes-page" data-search-exclude>',
        _form(rows, tax),
        "<noscript><p>The filters need JavaScript. The table below lists every outcome.</p></noscript>",
        '<div class="cb-table-wrap" tabindex="0" role="region" aria-label="Outcomes table">',
        '<table class="cb-outcomes cb-outcomes-all" id="cb-o-table">',
        f"<caption>Measured outcomes ({total} in total), one row each</caption>",
        # Fixed column widths: the browser lays out a table of thousands of rows as it arrives.
        "<colgroup>" + "".join(f'<col class="cb-col-{i}">' for i in range(len(HEADERS))) + "</colgroup>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *(_row(r, tax, page) for r in rows),
        "</tbody>",
        "</table>",
        "</div>",
        '<p id="cb-o-empty" class="cb-empty" hidden>No outcomes match these filters. '
        "Choose another indicator or select <strong>Clear filters</strong>.</p>",
        '<p class="cb-pager" id="cb-o-pager" hidden><button type="button" id="cb-o-more" class="cb-button">'
        "Show more</button></p>",
        "</section>",
    ))


def render_outcomes(cases: list[dict], tax: Taxonomy, like_with_like: str = "",
                    defer: Callable[[str], str] = lambda block: block) -> str:
    """The Markdown source of /outcomes/ (virtual ``outcomes.md``)."""
    rows = outcome_rows(cases)
    n_cases = len({r.case["id"] for r in rows})
    front = (f"---\ntitle: {TITLE}\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n")
    if rows:
        achieved = sum(1 for r in rows if is_achieved(r.outcome))
        pending = "" if achieved == len(rows) else \
            f" ({achieved} achieved; the others are targets, commitments, forecasts or expected results)"
        intro = (f"Every outcome of every case: {len(rows)} results from {n_cases} cases{pending}, one row each. "
                 "Filter them by indicator, benefit, sector, country, status or strength of evidence, search "
                 "them, or sort them. Results measure different things over different periods, so compare "
                 "only like with like: the [charts by indicator](#like-with-like) below do that for you.")
    else:
        intro = "No case reports a measured result yet."
    downloads = ("Download these rows: [outcomes.csv](data/outcomes.csv) · [outcomes.json](data/outcomes.json) · "
                 "[data package](data/datapackage.json) (field descriptions, licence CC BY 4.0). "
                 "To put whole cases side by side, [compare cases](compare.md).")
    out = [front + intro + "\n", downloads + "\n", defer(outcomes_block(rows, tax)) + "\n"]
    if like_with_like:
        out.append(like_with_like)
    return "\n".join(out)


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
        out.append(f"### {entry.label}\n")
        if entry.spec is not None:
            ref = renderer._chart(entry.spec)
            out.append(renderer.defer(ref.block(uri)) + "\n")
        if entry.note:
            out.append(esc(entry.note) + "\n")
    return "\n".join(out)


def outcome_pages(renderer) -> dict[str, str]:
    """The pages this module adds to the site: /outcomes/ and /compare/."""
    from .compare import render_compare

    corpus = renderer.corpus
    return {
        "outcomes.md": render_outcomes(corpus.cases, corpus.taxonomy, like_with_like(renderer), renderer.defer),
        "compare.md": render_compare(corpus.cases, corpus.taxonomy),
    }
