"""Render the generated pages as Markdown (with small raw-HTML blocks).

Nothing here knows about MkDocs: the output is a mapping of source paths (``cases/wyaat.md``)
to Markdown text, which any Markdown site engine could build. Each page kind has its own
module in :mod:`casebook.site.pages`; this module holds what they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import charts as chartlib
from ..records.evidence import outcome_evidence
from ..records.spec import ACHIEVED
from .context import BuildContext
from .enrich import FACETS, Corpus
from .explore import EMPTY as EXPLORE_EMPTY
from .explore import explore_intro, explore_listing
from .listing import Listing, Row, listing_data, listing_pages
from .outcomes import outcome_pages
from .pages.case import CasePages
from .pages.markers import Markers
from .pages.terms import TermPages
from .text import EXPECTED_CLASS, NUM_CLASS, esc, md_text, outcome_result
from .urls import DIRECTORY_URLS, FACET_PATHS, Urls, case_uri, rel_md, term_uri

_DEFERRED = re.compile(r"<!-- casebook-html:(\w+) -->")


@dataclass
class ChartRef:
    """A chart a page shows: its spec, and its file's path from the site root."""

    spec: chartlib.ChartSpec
    urls: Urls = DIRECTORY_URLS

    @property
    def uri(self) -> str:
        return f"charts/{self.spec.id}.svg"

    def block(self, page_uri: str) -> str:
        return chartlib.chart_block(self.spec, self.urls.root_prefix(page_uri) + self.uri)


class SiteRenderer(CasePages, TermPages, Markers):
    """Renders every generated page of a :class:`Corpus`."""

    def __init__(self, corpus: Corpus, context: BuildContext | None = None, *, guides: dict | None = None,
                 plan: chartlib.ChartPlan | None = None):
        self.corpus = corpus
        #: the build's options: URL style and site address, edit links, page size, deferral
        self.ctx = context if context is not None else BuildContext()
        self.urls = self.ctx.urls
        self.tax = corpus.taxonomy
        self.edit_base = self.ctx.edit_prefix
        #: facet → term → [(title, src_uri)] of hand-written pages whose front matter names it
        self.guides = guides or {}
        self.charts: dict[str, ChartRef] = {}
        #: With ``defer_html``, large raw-HTML blocks (card grids, long tables) are replaced by
        #: a placeholder comment and kept here, so the site engine can insert them after
        #: Markdown conversion: Python-Markdown's raw-HTML parsing of thousands of cards was
        #: the largest cost of a big build, and the HTML needs no Markdown processing.
        self.defer_html = self.ctx.defer_html
        self.deferred: dict[str, str] = {}
        #: the listings (/explore/, /outcomes/) with their rows, once :meth:`pages` has run
        self.listings: dict[str, tuple[Listing, list[Row]]] = {}
        #: every chart of the site, decided before any page is rendered (charts/plan.py)
        self.plan = plan if plan is not None else chartlib.plan(corpus)

    # -- charts ----------------------------------------------------------------------------
    def _chart(self, spec: chartlib.ChartSpec | None) -> ChartRef | None:
        if spec is None:
            return None
        ref = ChartRef(spec, self.urls)
        self.charts[spec.id] = ref
        return ref

    def site_chart(self, chart_id: str) -> ChartRef | None:
        return self._chart(self.plan.site.get(chart_id))

    # -- shared bits -----------------------------------------------------------------------
    def case_title(self, case: dict) -> str:
        short = case.get("short_name")
        return f"{case['name']} ({short})" if short and short not in case["name"] else case["name"]

    def case_link(self, from_uri: str, case: dict) -> str:
        return f"[{md_text(self.case_title(case))}]({rel_md(from_uri, case_uri(case['id']))})"

    def term_link(self, from_uri: str, facet: str, term: str) -> str:
        return f"[{md_text(self.corpus.term_label(facet, term))}]({rel_md(from_uri, term_uri(facet, term))})"

    def defer(self, html_block: str) -> str:
        """``html_block`` itself, or (with ``defer_html``) a placeholder for :func:`fill_deferred`."""
        if not self.defer_html:
            return html_block
        key = f"b{len(self.deferred)}"
        self.deferred[key] = html_block
        return f"<!-- casebook-html:{key} -->"

    def fill_deferred(self, html_text: str) -> str:
        """Put deferred blocks back into converted HTML."""
        if "<!-- casebook-html:" not in html_text:
            return html_text
        return _DEFERRED.sub(lambda m: self.deferred.get(m.group(1), ""), html_text)

    def cards(self, from_uri: str, case_ids: list[str]) -> str:
        """Case cards as a raw-HTML grid (escaped), linking with directory URLs.

        Left out of the search index: each card repeats its case page, and a guide listing
        hundreds of cases would otherwise outrank (and outweigh) the cases themselves. The
        grid holds no nested ``<div>``, as Material's indexer ends an exclusion at the first
        closing tag of the same name."""
        out = ['<div class="cb-cards" data-search-exclude>']
        for cid in case_ids:
            c = self.corpus.by_id[cid]
            meta = [self.corpus.term_label("countries", c["country"])]
            if c.get("established"):
                meta.append(f"since {c['established']}")
            meta.append(self.tax.label("governance", c["governance"]))
            summary = c["summary"]
            if len(summary) > 220:
                summary = summary[:217].rsplit(" ", 1)[0] + "…"
            out.append(
                f'<article class="cb-card"><h3><a href="{esc(self.urls.href(from_uri, case_uri(cid)))}">{esc(self.case_title(c))}</a></h3>'
                f'<p class="cb-card-meta">{esc(" · ".join(meta))}</p><p>{esc(summary)}</p></article>'
            )
        out.append("</div>")
        return self.defer("\n".join(out))

    def outcomes_table(self, from_uri: str, rows: list[tuple[dict, dict]], with_case: bool) -> str:
        """Results as an HTML table (escaped; raw HTML because Python-Markdown's table and
        inline processing dominated build time on term pages with thousands of rows). On a
        case page each measure links to its numbered source."""
        head = ["Measure", "Result", "Period", "Status and evidence", "Benefit"]
        if with_case:
            head.insert(0, "Case")
        out = ['<div class="cb-table-wrap" tabindex="0" role="region" aria-label="Outcomes">'
               # The header row stays out of the search index: snippets read as rows, not "Measure Result …".
               '<table class="cb-outcomes"><thead data-search-exclude><tr>'
               + "\n".join(f'<th scope="col"{NUM_CLASS if h == "Result" else ""}>{h}</th>' for h in head)
               + "</tr></thead><tbody>"]
        for case, o in rows:
            measure = esc(o["measure"])
            if not with_case and o.get("source"):
                n = int(o["source"])
                measure += f' <a href="#source-{n}" aria-label="source {n}">[{n}]</a>'
            cells = []
            if with_case:
                cells.append(f'<td data-label="Case"><a href="{esc(self.urls.href(from_uri, case_uri(case["id"])))}">{esc(self.case_title(case))}</a></td>')
            status = o.get("status") or ACHIEVED
            evidence = outcome_evidence(case, o)  # the level of the source that reports it
            # data-label: on a phone each cell shows its column name (casebook.css stacks the rows).
            cells += [f'<td data-label="Measure">{measure}</td>',
                      f'<td class="cb-num" data-label="Result">{esc(outcome_result(o))}</td>',
                      f"<td data-label=\"Period\">{esc(o.get('period') or '')}</td>",
                      # The figure's own evidence level (its source's) under its status: one column
                      # fewer than a column of its own, so the table fits beside the navigation.
                      f'<td{"" if status == ACHIEVED else EXPECTED_CLASS} data-label="Status and evidence">'
                      f'{esc(self.tax.label("outcome_status", status))}<br>'
                      f'<span class="cb-evidence">{esc(self.tax.label("evidence", evidence))}</span></td>',
                      f'<td data-label="Benefit"><a href="{esc(self.urls.href(from_uri, term_uri("benefits", o["benefit"])))}">'
                      f'{esc(self.tax.label("benefits", o["benefit"]))}</a><span class="cb-punct">.</span></td>']
            # Newlines between cells: Material's search indexer joins the text of adjacent
            # elements, so "Achieved" + "Workforce" would otherwise become one unfindable word.
            out.append("<tr>" + "\n".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
        return self.defer("\n".join(out))

    # -- everything ------------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        """Every generated page: source path → Markdown."""
        pages: dict[str, str] = {}
        for case in self.corpus.cases:
            pages[case_uri(case["id"])] = self.case_page(case)
        pages.update(self.cases_index())
        for facet in FACETS:
            pages[f"{FACET_PATHS[facet]}/index.md"] = self.facet_index(facet)
            for term in self.corpus.terms(facet):
                pages.update(self.term_pages(facet, term))
        listing, rows = self.listings["explore"] = explore_listing(self.corpus.cases, self.tax, self.urls)
        pages.update(listing_pages(listing, rows, self.urls, self.ctx.page_size, explore_intro(len(rows)),
                                   self.defer, empty=EXPLORE_EMPTY))
        pages.update(outcome_pages(self))  # /outcomes/ (and its numbered pages) and /compare/
        return pages

    def listing_data(self) -> dict[str, str]:
        """The chunked data behind the filters of /explore/ and /outcomes/ (after :meth:`pages`)."""
        out: dict[str, str] = {}
        for listing, rows in self.listings.values():
            out.update(listing_data(listing, rows, self.ctx.page_size))
        return out

    def chart_specs(self) -> list[chartlib.ChartSpec]:
        return self.plan.specs()
