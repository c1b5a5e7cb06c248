"""The one outcome table: case pages, term pages and /outcomes/ all draw their rows here.

A reader scans an outcome table for *what was measured* and *what happened*, so a row has
few columns: the case (where the page is not one case's), the measure, the result read as one
phrase (``14 % → less than 6 %``, ``−42 %``, ``£11.5m``; worded in :mod:`.text`), the benefit
(only where the page is not that benefit's and the rows claim more than one) and the outcome's
own evidence level. The period, the indicator and the source are secondary lines under the
measure, and a forecast says so under its result: they qualify a figure rather than deserve a
column each, and as columns they squeezed every word until it broke in the middle.

Every cell holds exactly one wrapper element, so on a phone (where ``casebook.css`` stacks a
row into a card of "label: value" lines, the label from ``data-label``) inline pieces of a
value (an ``<abbr>``, a link, a footnote mark) stay inside the value instead of becoming
grid items of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records.evidence import cited_source, outcome_evidence
from ..records.taxonomy import Taxonomy
from .text import _SAFE_URL, EVIDENCE_ICONS, esc, outcome_result
from .urls import DIRECTORY_URLS, Urls, case_uri, term_uri

#: What a forecast, target or plan is called under its result (never counted as achieved).
NOT_ACHIEVED = {"expected": "Expected (forecast)", "target": "Target, not a result",
                "committed": "Committed, not a result", "forecast": "Forecast, not a result"}

#: What a result the source does not show to be more than chance says under its figure.
SIGNIFICANCE = {"not-significant": "Not statistically significant", "unclear": "Significance unclear"}


@dataclass(frozen=True)
class TableOptions:
    """Which columns and secondary lines a page's outcome table has.

    ``case``: a Case column (pages about more than one case). ``benefit``: a Benefit column
    (left out on a benefit's own page, and where every row claims the same benefit).
    ``indicator``: the indicator as a secondary line (the /outcomes/ page filters by it).
    ``source_links``: ``"anchor"`` links a row's source to the page's numbered source list
    (case pages); ``"url"`` to the source itself."""

    case: bool = False
    benefit: bool = True
    indicator: bool = False
    source_links: str = "url"
    label: str = "Outcomes"
    #: How the site's links are written (directory URLs or .html files).
    urls: Urls = DIRECTORY_URLS


def source_of(case: dict, o: dict) -> dict:
    """The source an outcome cites (its 1-based ``source``; the only source when there is one)."""
    return dict(cited_source(case, o))


def case_label(case: dict) -> str:
    """How a table names a case: its short name when it has one (the full name is one click away)."""
    return str(case.get("short_name") or case["name"])


def headers(opts: TableOptions) -> list[str]:
    return ["Case"] * opts.case + ["Measure", "Result"] + ["Benefit"] * opts.benefit + ["Evidence"]


def _source_line(case: dict, o: dict, page: str, opts: TableOptions) -> str:
    n = o.get("source")
    source = source_of(case, o)
    if opts.source_links == "anchor" and isinstance(n, int) and source:
        who = esc(source.get("publisher") or "")
        return (f'<span class="cb-o-src"><a href="#source-{n}">Source {n}</a>'
                + (f": {who}" if who else "") + "</span>")
    if not source:
        return ""
    title = esc(source.get("title") or "")
    url = str(source.get("url") or "")
    if url and _SAFE_URL.match(url):  # validated already; never a script link
        title = f'<a href="{esc(url)}" rel="noopener">{title}</a>'
    return f'<span class="cb-o-src">Source: {title}</span>' if title else ""


def _measure(case: dict, o: dict, tax: Taxonomy, page: str, opts: TableOptions) -> str:
    lines = [f'<span class="cb-o-m">{esc(o["measure"])}</span>']
    period = f'<span class="cb-o-pv">{esc(o["period"])}</span>' if o.get("period") else "not stated"
    sub = f'<span class="cb-o-per">Period: {period}</span>'
    if opts.indicator and o.get("indicator"):
        sub = (f'<span class="cb-o-sub"><span class="cb-o-ind">Indicator: {esc(tax.label("indicators", o["indicator"]))}'
               f'</span><span class="cb-punct">.</span> {sub}</span>')
    lines.append(sub)
    src = _source_line(case, o, page, opts)
    if src:
        lines.append(src)
    # Newlines between the lines: search indexes join adjacent elements' text otherwise.
    return "\n".join(lines)


def _keep(text: str) -> str:
    """Escaped text whose hyphenated words stay whole ("Self-reported" never breaks at its
    hyphen in a narrow column) and whose numbers keep their unit ("31 %" on one line)."""
    words = esc(text).replace(" %", "\u00a0%").split(" ")
    return " ".join(f'<span class="cb-nw">{w}</span>' if "-" in w else w for w in words)


def _result(o: dict) -> str:
    text = f'<span class="cb-o-r">{_keep(outcome_result(o) or "—")}</span>'
    sig = SIGNIFICANCE.get(str(o.get("significance") or ""))
    if sig:
        text += f'\n<span class="cb-o-sig">{sig}</span>'
    status = o.get("status") or "achieved"
    if status != "achieved":
        text += f'\n<span class="cb-expected">{esc(NOT_ACHIEVED.get(status, status))}</span>'
    return text


def row_cells(case: dict, o: dict, tax: Taxonomy, page: str, opts: TableOptions) -> list[str]:
    """The cells of one row, each ``<td>``/``<th>`` holding one ``<div class="cb-v">``."""
    def cell(label: str, body: str, tag: str = "td", cls: str = "") -> str:
        attrs = (' scope="row"' if tag == "th" else "") + (f' class="{cls}"' if cls else "")
        return f'<{tag}{attrs} data-label="{label}"><div class="cb-v">{body}</div></{tag}>'

    cells = []
    if opts.case:
        link = f'<a href="{esc(opts.urls.href(page, case_uri(case["id"])))}">{esc(case_label(case))}</a>'
        cells.append(cell("Case", link))
    cells.append(cell("Measure", _measure(case, o, tax, page, opts), "th"))
    cells.append(cell("Result", _result(o), cls="cb-result"))
    if opts.benefit:
        b = o["benefit"]
        cells.append(cell("Benefit", f'<a href="{esc(opts.urls.href(page, term_uri("benefits", b)))}">'
                                     f'{_keep(tax.label("benefits", b))}</a>'))
    ev = outcome_evidence(case, o)
    icon = EVIDENCE_ICONS.get(ev, "")
    cells.append(cell("Evidence", (f'<span aria-hidden="true">{icon}</span> ' if icon else "")
                      + _keep(tax.label("evidence", ev))))
    return cells


def table_head(opts: TableOptions) -> str:
    cols = headers(opts)
    return ("<thead data-search-exclude><tr>"
            + "".join(f'<th scope="col" class="cb-h-{h.lower()}">{h}</th>' for h in cols) + "</tr></thead>")


def outcome_table(rows: list[tuple[dict, dict]], tax: Taxonomy, page: str, opts: TableOptions) -> str:
    """A whole outcome table (case and term pages): wrapper, header, one row per outcome."""
    cls = "cb-outcomes" + (" cb-with-case" if opts.case else "")
    out = [f'<div class="cb-table-wrap" tabindex="0" role="region" aria-label="{esc(opts.label)}">'
           f'<table class="{cls}">{table_head(opts)}<tbody>']
    # Newlines between cells: Material's search indexer joins the text of adjacent elements.
    out.extend("<tr>" + "\n".join(row_cells(c, o, tax, page, opts)) + "</tr>" for c, o in rows)
    out.append("</tbody></table></div>")
    return "\n".join(out)


def options_for(rows: list[tuple[dict, dict]], *, case: bool, benefit_page: bool = False,
                source_links: str = "url", label: str = "Outcomes", urls: Urls = DIRECTORY_URLS) -> TableOptions:
    """The columns a table needs: a Benefit column only where the rows claim more than one
    benefit and the page is not a benefit's own."""
    several = len({o["benefit"] for _, o in rows}) > 1
    return TableOptions(case=case, benefit=several and not benefit_page, source_links=source_links, label=label,
                        urls=urls)
