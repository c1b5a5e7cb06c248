"""Pages per vocabulary term (benefit, sector, governance model, country), their indexes and the A–Z list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..listing import page_count, pager
from ..search_record import term_record
from ..text import front_matter, md_text
from ..urls import FACET_PATHS, FACET_TITLES, numbered_uri, rel_md, term_uri

if TYPE_CHECKING:
    from . import RendererHost
else:
    RendererHost = object


class TermPages(RendererHost):
    """Term pages and indexes (a mixin of :class:`~casebook.site.render.SiteRenderer`)."""

    def term_pages(self, facet: str, term: str) -> dict[str, str]:
        """The term's page and, past ``page_size`` cases or outcome rows, its numbered pages
        (``benefits/workforce/page/2.md``): page ``n`` holds the ``n``-th slice of both lists."""
        first = term_uri(facet, term)
        label = self.corpus.term_label(facet, term)
        ids = self.corpus.index[facet].get(term, [])
        rows = [(self.corpus.by_id[cid], o) for cid in ids for o in self.corpus.by_id[cid].get("outcomes") or []
                if facet != "benefits" or o["benefit"] == term]
        related = self._related_rows(term) if facet == "benefits" else []
        size = self.ctx.page_size
        pages = max(page_count(len(ids), size), page_count(len(rows), size), page_count(len(related), size))
        out = {}
        for n in range(1, pages + 1):
            uri = numbered_uri(first, n)
            nav = self.defer(pager(self.urls, first, n, pages, f"{label} pages")) + "\n" if pages > 1 else ""
            body = self._term_head(facet, term, uri) if n == 1 else self._term_head_later(facet, term, uri, n, pages)
            start = (n - 1) * size
            part_ids, part_rows = ids[start:start + size], rows[start:start + size]
            body.append(f"## Cases ({len(ids):,})\n")
            if part_ids:
                if pages > 1:
                    body.append(f"Cases {start + 1:,} to {start + len(part_ids):,} of {len(ids):,}.\n")
                body.append(self.cards(uri, part_ids) + "\n")
            else:
                body.append(f"No case is filed under this {FACET_TITLES[facet][1]} yet.\n" if n == 1
                            else "The cases are all on earlier pages.\n")
            body.append("## Reported outcomes\n")
            if part_rows:
                if n == 1:
                    body += self._term_chart(facet, term, uri)
                if pages > 1:
                    body.append(f"Outcomes {start + 1:,} to {start + len(part_rows):,} "
                                f"of {len(rows):,}.\n")
                body.append(self.outcomes_table(uri, part_rows, with_case=True, benefit_page=facet == "benefits") + "\n")
            else:
                body.append("None of these cases reports a measured result yet.\n" if not rows
                            else "The outcomes are all on earlier pages.\n")
            body += self._related_block(term, uri, related[start:start + size], len(related))
            out[uri] = "\n".join(body) + ("\n" + nav if nav else "")
        return out

    def _related_rows(self, benefit: str) -> list[tuple[dict, dict]]:
        """Results filed under another benefit but measured by an indicator the taxonomy says
        bears on this one (agency spend on the Workforce page), from every case, in case order:
        a reader of the benefit's page sees them without the record claiming a second benefit."""
        indicators = set(self.tax.related_indicators(benefit))
        if not indicators:
            return []
        return [(case, o) for case in self.corpus.cases for o in case.get("outcomes") or []
                if o.get("indicator") in indicators and o["benefit"] != benefit]

    def _related_block(self, benefit: str, uri: str, part: list[tuple[dict, dict]], total: int) -> list[str]:
        """The related results' section of one page of a benefit (nothing when there are none)."""
        if not total:
            return []
        body = [f"## Related results filed under another benefit ({total:,})\n"]
        if not part:
            return body + ["These results are all on earlier pages.\n"]
        names = sorted({self.tax.label("indicators", o["indicator"]) for _, o in part})
        filed = sorted({self.tax.label("benefits", o["benefit"]) for _, o in part})
        body.append(f"Measured as {md_text(', '.join(names).lower())}, which also bears on "
                    f"{md_text(self.corpus.term_label('benefits', benefit).lower())}; each is filed under "
                    f"{md_text(' or '.join(filed).lower())}, where it is charted and counted.\n")
        body.append(self.outcomes_table(uri, part, with_case=True, label="Related results") + "\n")
        return body

    def term_page(self, facet: str, term: str) -> str:
        """The first page of a term (see :meth:`term_pages`)."""
        return self.term_pages(facet, term)[term_uri(facet, term)]

    def _term_head(self, facet: str, term: str, uri: str) -> list[str]:
        label = self.corpus.term_label(facet, term)
        plural = FACET_TITLES[facet][0]
        meta = {"title": label, "description": self.corpus.term_description(facet, term),
                "hide": ["toc"]}  # the outcome table needs the width
        # The search index takes the title and description only (search_record.term_record); its
        # numbered pages are left out of the index (search_index.skipped).
        out = [front_matter(meta), f"# {md_text(label)}\n",
               self.defer(term_record(facet, self.corpus.term_description(facet, term))) + "\n",
               f"{md_text(self.corpus.term_description(facet, term))}\n",
               f"[All {plural.lower()}]({rel_md(uri, FACET_PATHS[facet] + '/index.md')}) · "
               f"[Explore and filter every case]({rel_md(uri, 'explore.md')})\n"]
        guides = self.guides.get(facet, {}).get(term, [])
        if guides:
            out.append("**Guides:** " + ", ".join(f"[{md_text(t)}]({rel_md(uri, g)})" for t, g in guides) + "\n")
        return out

    def _term_head_later(self, facet: str, term: str, uri: str, n: int, pages: int) -> list[str]:
        label = self.corpus.term_label(facet, term)
        title = f"{label}, page {n} of {pages}"
        meta = {"title": title, "search": {"exclude": True}, "hide": ["toc"]}
        return [front_matter(meta), f"# {md_text(title)}\n",
                f"[Back to the first page]({rel_md(uri, term_uri(facet, term))}) · "
                f"[Explore and filter every case]({rel_md(uri, 'explore.md')})\n"]

    def _term_chart(self, facet: str, term: str, uri: str) -> list[str]:
        ref = self._chart(self.plan.term(facet, term))
        if ref:
            return [self.defer(ref.block(uri)) + "\n"]
        if (facet, term) in self.plan.shown_on:  # the same data is charted on another page
            return [f"The chart of these results is on [another page]({rel_md(uri, self.plan.shown_on[(facet, term)])}).\n"]
        return []

    def facet_index(self, facet: str) -> str:
        uri = f"{FACET_PATHS[facet]}/index.md"
        plural, singular = FACET_TITLES[facet]
        out = [front_matter({"title": plural}), f"# {plural}\n"]
        if facet == "benefits":
            ref = self.site_chart("cases-per-benefit")
            if ref:
                out.append(self.defer(ref.block(uri)) + "\n")
        if facet == "governance":
            ref = self.site_chart("governance")
            if ref:
                out.append(self.defer(ref.block(uri)) + "\n")
        out.append(f"| {singular.capitalize()} | Cases | What it means |")
        out.append("| --- | ---: | --- |")
        for term in self.corpus.terms(facet):
            n = len(self.corpus.index[facet].get(term, []))
            out.append(f"| {self.term_link(uri, facet, term)} | {n} | {md_text(self.corpus.term_description(facet, term))} |")
        return "\n".join(out) + "\n"

    def cases_index(self) -> dict[str, str]:
        """/cases/: every case, A to Z, as cards, ``page_size`` a page (``cases/page/<n>.md``)."""
        first = "cases/index.md"
        ids = [c["id"] for c in self.corpus.cases]
        size = self.ctx.page_size
        pages = page_count(len(ids), size)
        out = {}
        for n in range(1, pages + 1):
            uri = numbered_uri(first, n)
            title = "All cases" if n == 1 else f"All cases, page {n} of {pages}"
            meta = {"title": title, "description": "Every case study in Casebook, A to Z."}
            part = ids[(n - 1) * size:n * size]
            where = f" This page: {(n - 1) * size + 1:,} to {(n - 1) * size + len(part):,}." if pages > 1 else ""
            body = [front_matter(meta), f"# {title}\n",
                    f"{len(ids):,} case studies, A to Z.{where} To filter them, use the "
                    f"[explore page]({rel_md(uri, 'explore.md')}).\n",
                    self.cards(uri, part)]
            if pages > 1:
                body.append(self.defer(pager(self.urls, first, n, pages, "all cases")))
            out[uri] = "\n".join(body) + "\n"
        return out
