"""Render the generated pages as Markdown (with small raw-HTML blocks).

Nothing here knows about MkDocs: the output is a mapping of source paths (``cases/wyaat.md``)
to Markdown text, which any Markdown site engine could build. Each page kind has its own
module in :mod:`casebook.site.pages`; this module holds what they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import charts as chartlib
from .context import BuildContext
from .enrich import FACETS, Corpus
from .explore import EMPTY as EXPLORE_EMPTY
from .explore import explore_intro, explore_listing
from .listing import Listing, Row, listing_data, listing_pages
from .outcome_table import options_for, outcome_table
from .outcomes import outcome_pages
from .pages.case import CasePages
from .pages.markers import Markers
from .pages.terms import TermPages
from .text import EVIDENCE_ICONS, esc, md_text, prose
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
            ev = c.get("evidence") or "self-reported"
            benefits = ", ".join(self.tax.label("benefits", b) for b in c["benefits"])
            out.append(
                f'<article class="cb-card"><h3><a href="{esc(self.urls.href(from_uri, case_uri(cid)))}">{esc(self.case_title(c))}</a></h3>'
                f'<p class="cb-card-meta">{esc(" · ".join(meta))}</p><p>{prose(summary)}</p>'
                # What a reader chooses a case by: what it claims, and how well that is evidenced.
                f'<p class="cb-card-meta cb-card-facts"><span>Benefits: {esc(benefits)}</span><span class="cb-punct">.</span> '
                f'<span>Evidence: <span aria-hidden="true">{EVIDENCE_ICONS.get(ev, "")}</span> '
                f'{esc(self.tax.label("evidence", ev))}</span></p></article>'
            )
        out.append("</div>")
        return self.defer("\n".join(out))

    def outcomes_table(self, from_uri: str, rows: list[tuple[dict, dict]], with_case: bool,
                       benefit_page: bool = False, label: str = "Outcomes") -> str:
        """Results as an HTML table (escaped raw HTML, built by :mod:`.outcome_table`; raw
        because Python-Markdown's table processing dominated build time on big term pages).
        On a case page each row's source links to the page's numbered source list."""
        opts = options_for(rows, case=with_case, benefit_page=benefit_page,
                           source_links="url" if with_case else "anchor", label=label, urls=self.urls)
        return self.defer(outcome_table(rows, self.tax, from_uri, opts))

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
