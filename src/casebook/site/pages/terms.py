"""Pages per vocabulary term (benefit, sector, governance model, country), their indexes and the A–Z list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..search_record import term_record
from ..text import front_matter, md_text
from ..urls import FACET_PATHS, FACET_TITLES, rel_md, term_uri

if TYPE_CHECKING:
    from . import RendererHost
else:
    RendererHost = object


class TermPages(RendererHost):
    """Term pages and indexes (a mixin of :class:`~casebook.site.render.SiteRenderer`)."""

    def term_page(self, facet: str, term: str) -> str:
        uri = term_uri(facet, term)
        label = self.corpus.term_label(facet, term)
        ids = self.corpus.index[facet].get(term, [])
        plural, singular = FACET_TITLES[facet]
        meta = {"title": label, "description": self.corpus.term_description(facet, term),
                "hide": ["toc"]}  # the outcome table needs the width
        # The search index takes the title and description only (search_record.term_record).
        out = [front_matter(meta), f"# {md_text(label)}\n",
               self.defer(term_record(facet, self.corpus.term_description(facet, term))) + "\n",
               f"{md_text(self.corpus.term_description(facet, term))}\n",
               f"[All {plural.lower()}]({rel_md(uri, FACET_PATHS[facet] + '/index.md')}) · "
               f"[Explore and filter every case]({rel_md(uri, 'explore.md')})\n"]
        guides = self.guides.get(facet, {}).get(term, [])
        if guides:
            out.append("**Guides:** " + ", ".join(f"[{md_text(t)}]({rel_md(uri, g)})" for t, g in guides) + "\n")
        n = len(ids)
        out.append(f"## Cases ({n})\n")
        out.append(self.cards(uri, ids) + "\n" if ids else f"No case is filed under this {singular} yet.\n")
        rows = []
        for cid in ids:
            case = self.corpus.by_id[cid]
            for o in case.get("outcomes") or []:
                if facet != "benefits" or o["benefit"] == term:
                    rows.append((case, o))
        out.append("## Reported outcomes\n")
        if rows:
            ref = self._chart(self.plan.term(facet, term))
            if ref:
                out.append(self.defer(ref.block(uri)) + "\n")
            elif (facet, term) in self.plan.shown_on:  # the same data is charted on another page
                out.append(f"The chart of these results is on [another page]({rel_md(uri, self.plan.shown_on[(facet, term)])}).\n")
            out.append(self.outcomes_table(uri, rows, with_case=True, benefit_page=facet == "benefits") + "\n")
        else:
            out.append("None of these cases reports a measured result yet.\n")
        return "\n".join(out)

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

    def cases_index(self) -> str:
        uri = "cases/index.md"
        cases = self.corpus.cases
        out = [front_matter({"title": "All cases", "description": "Every case study in Casebook, A to Z."}),
               "# All cases\n",
               f"{len(cases)} case studies, A to Z. To filter them, use the [explore page]({rel_md(uri, 'explore.md')}).\n",
               self.cards(uri, [c["id"] for c in cases])]
        return "\n".join(out) + "\n"
