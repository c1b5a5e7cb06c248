"""The page of one case: key facts, story, outcomes, lessons, sources, related cases."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from ...records.evidence import source_levels
from ..cite import cite_block
from ..search_record import case_record
from ..text import _SAFE_URL, EVIDENCE_ICONS, esc, front_matter, md_text, narrative_html, prose
from ..urls import case_uri, rel_md, term_uri

if TYPE_CHECKING:
    from . import RendererHost
else:
    RendererHost = object


class CasePages(RendererHost):
    """Case pages (a mixin of :class:`~casebook.site.render.SiteRenderer`)."""

    #: the glossary's abbreviations (``{"CAMHS": "Child and adolescent …"}``), set by the build
    glossary: dict = {}

    def search_tags(self, case: dict) -> list[str]:
        """The page's tags (Material's tags plugin lists the pages of each benefit): its
        benefits, its governance model and what its results measure."""
        tags = [self.tax.label("benefits", b) for b in case["benefits"]]
        if case["governance"] not in ("not-stated", "other"):
            tags.append(self.tax.label("governance", case["governance"]))
        indicators = dict.fromkeys(o["indicator"] for o in case.get("outcomes") or [] if o.get("indicator"))
        tags += [self.tax.label("indicators", i) for i in indicators]
        return tags

    def case_page(self, case: dict) -> str:
        uri = case_uri(case["id"])
        meta = {
            "title": self.case_title(case),
            "description": case["summary"][:300],
            "tags": self.search_tags(case),
            # The tags rank the page in search; shown, up to nine chips pushed the case's name
            # below a phone's first screen. The key facts show the benefits as links instead.
            "hide": ["tags"],
            "casebook": self.citation_meta(case),
        }
        out = [front_matter(meta), f"# {md_text(self.case_title(case))}\n"]
        # Plain-text fields go straight to escaped HTML, never through Markdown (and the page's
        # Markdown conversion has less to do).
        out.append(self.defer(f'<p class="cb-summary">{prose(case["summary"])}</p>') + "\n")
        out.append(self.defer(case_record(case, self.tax, self.corpus, search_terms(case, self.glossary))) + "\n")
        out.append(self.defer(self.facts_box(case, uri).rstrip("\n")) + "\n")
        if case.get("narrative"):
            out.append("## The story\n")
            # Rendered here and cleaned by an allow-list (nh3), then kept away from the page's Markdown.
            out.append(self.defer(f'<div class="cb-narrative">\n{narrative_html(case["narrative"])}\n</div>') + "\n")
        out.append("## Outcomes\n")
        if case.get("outcomes"):
            out.append(self.outcomes_table(uri, [(case, o) for o in case["outcomes"]], with_case=False) + "\n")
            for spec in self.plan.case_charts(case["id"]):  # % changes; changes in points apart
                ref = self._chart(spec)
                if ref:
                    out.append(self.defer(ref.block(uri)) + "\n")
        else:
            out.append("The sources give no measured results for this case yet.\n")
        if case.get("lessons"):
            out.append("## Lessons\n")
            out.append(self.defer(_html_list(case["lessons"], "cb-lessons")) + "\n")
        if case.get("discrepancies"):
            out.append(self.defer('<div class="admonition warning"><p class="admonition-title">Where the sources '
                                  f'disagree</p>{_html_list(case["discrepancies"])}</div>') + "\n")
        out.append("## Sources\n")
        out.append(self.defer(self.sources_list(case)) + "\n")
        out.append(self.defer(cite_block(case, self.urls, self.urls.root_prefix(uri))) + "\n")
        related = [r for r in case.get("related") or [] if r in self.corpus.by_id]
        computed = self.corpus.computed_related.get(case["id"], [])
        if related or computed:
            # Other cases' names here would make this page a hit for their acronyms.
            out.append("## Related cases { data-search-exclude }\n")
            out.extend(f"- {self.case_link(uri, self.corpus.by_id[r])}" for r in related)
            out.extend(f"- {self.case_link(uri, self.corpus.by_id[r])} (similar benefits, sectors or results)" for r in computed)
            out.append("")
        footer = [f"Last reviewed {case['last_reviewed'].isoformat()}.",
                  f"[Suggest an edit]({rel_md(uri, 'contribute.md')}?case={case['id']})."]
        if self.edit_base:
            footer.append(f"[Edit this record on GitHub]({self.edit_base}{posixpath.basename(case['_path'])}).")
        footer.append(f"[Download all cases as JSON]({rel_md(uri, 'data/cases.json')}).")
        footer.append(f"[Compare with other cases]({rel_md(uri, 'compare.md')}?cases={case['id']}).")
        out.append(" ".join(footer) + "\n")
        return "\n".join(out)

    def citation_meta(self, case: dict) -> dict:
        """What the page template turns into Open Graph and Google Scholar tags (raw text; the
        template escapes it)."""
        meta = {"case": case["id"], "og_title": self.case_title(case), "og_description": case["summary"][:300],
                "citation_title": case["name"], "citation_date": case["last_reviewed"].strftime("%Y/%m/%d")}
        if case.get("added"):
            meta["citation_publication_date"] = case["added"].strftime("%Y/%m/%d")
        return meta

    def facts_box(self, case: dict, uri: str) -> str:
        tax = self.tax

        def link(facet: str, term: str) -> str:
            return f'<a href="{esc(self.urls.href(uri, term_uri(facet, term)))}">{esc(self.corpus.term_label(facet, term))}</a>'

        rows = []
        if case.get("aliases"):
            rows.append(("Also known as", esc("; ".join(case["aliases"]))))
        if case.get("status") in ("ended", "merged"):
            rows.append(("Status", esc(status_text(case))))
        place = link("countries", case["country"])
        if case.get("region"):
            place = f"{esc(case['region'])}, {place}"
        rows.append(("Where", place))
        if case.get("established"):
            rows.append(("Established", esc(case["established"])))
        if case.get("population"):
            rows.append(("Population served", esc(f"about {case['population']:,}")))
        rows.append(("Sectors", ", ".join(link("sectors", s) for s in case["sectors"])))
        rows.append(("Governance", link("governance", case["governance"])))
        rows.append(("Benefits", " ".join(
            f'<a class="cb-tag" href="{esc(self.urls.href(uri, term_uri("benefits", b)))}">{esc(tax.label("benefits", b))}</a>' for b in case["benefits"])))
        if case.get("members"):
            items = "".join(
                f"<li>{esc(m['name'])}" + (f" <span class=\"cb-role\">({esc(m['role'])})</span>" if m.get("role") else "") + "</li>"
                for m in case["members"])
            rows.append(("Members", f"<ul>{items}</ul>"))
        ev = case["evidence"]
        # A case's level is the strongest of its sources' own levels; each result has its source's.
        basis = ", the strongest of its sources' levels; each result shows its own source's" \
            if any(source_levels(case)) else ""
        rows.append(("Evidence", f'{EVIDENCE_ICONS.get(ev, "")} {esc(tax.label("evidence", ev))}'.strip()
                     + f'{esc(basis)} (<a href="{self.urls.href(uri, "about-data.md")}#evidence-levels">what the levels mean</a>)'))
        if case.get("anonymised"):
            rows.append(("Anonymised", "Yes: the source does not name the organisations"))
        terms = search_terms(case, self.glossary)
        if terms:  # an abbreviation readers use for its name or place ("APC"), said plainly
            rows.append(("Also written as", esc(", ".join(terms))))
        # Hidden punctuation: the search index (and its snippets) read "Where: …. Established: …."
        body = "\n".join(f'<dt>{esc(k)}<span class="cb-punct">:</span></dt>\n<dd>{v}<span class="cb-punct">.</span></dd>'
                          for k, v in rows)
        return f'<dl class="cb-facts" aria-label="Key facts">{body}</dl>\n'

    def sources_list(self, case: dict) -> str:
        items = []
        for i, s in enumerate(case["sources"], 1):
            title = esc(s["title"])
            if s.get("url") and _SAFE_URL.match(str(s["url"])):
                title = f'<a href="{esc(s["url"])}" rel="noopener">{title}</a>'
            extra = f", {esc(s['published'])}" if s.get("published") else ", undated" if s.get("undated") else ""
            # A title that ends in its own punctuation ("…aiming to achieve?") takes no full stop.
            stop = "" if str(s["title"]).rstrip()[-1:] in ".?!" else "."
            after = ""
            if s.get("archived_url") and _SAFE_URL.match(str(s["archived_url"])):
                after += f' (<a href="{esc(s["archived_url"])}" rel="noopener">archived copy</a>)'
            if s.get("evidence"):
                after += f' <span class="cb-source-evidence">Evidence: {esc(self.tax.label("evidence", s["evidence"]))}.</span>'
            items.append(f'<li id="source-{i}">{title}{stop} {esc(s["publisher"])}{extra}.{after}</li>')
        return '<ol class="cb-sources">' + "".join(items) + "</ol>"

    def error_page(self, stem: str, problems: list) -> str:
        """A preview-only page for a case file that does not validate (``mkdocs serve``)."""
        out = [front_matter({"title": f"{stem} (invalid)"}),
               f"# {md_text(stem)}\n", '!!! failure "This case file has errors"\n',
               "    Fix these and save; the page rebuilds by itself.\n"]
        out.extend(f"    - `{p.path}:{p.line}:{p.col}`: {md_text(p.text())}" for p in problems)
        return "\n".join(out) + "\n"


def status_text(case: dict) -> str:
    """'Ended in 2022: boards abolished …' for a case that is no longer active."""
    word = {"ended": "Ended", "merged": "Merged"}[case["status"]]
    text = f"{word} in {case['status_year']}" if case.get("status_year") else word
    return f"{text}: {case['status_note']}" if case.get("status_note") else text


def search_terms(case: dict, glossary: dict) -> list[str]:
    """Glossary abbreviations whose expansion is in the case's names or region but which
    those never use themselves ("Northants" for a case about Northamptonshire), so a search for the
    abbreviation finds the case; shown on the page as "Also written as"."""
    # Only the names of the case and its place: a passing mention in the story is no reason
    # for a search for the abbreviation to find it.
    parts = [case["name"], case.get("short_name"), *(case.get("aliases") or []), case.get("region")]
    text = " ".join(str(p) for p in parts if p)
    low = text.casefold()
    found = []
    for abbr, expansion in sorted(glossary.items()):
        head = expansion.strip().casefold()
        if len(head) < 4 or head not in low:
            continue
        if re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            continue
        found.append(abbr)
    return found


def _html_list(items: list[str], css_class: str = "") -> str:
    """Plain-text items as an escaped HTML list."""
    attr = f' class="{css_class}"' if css_class else ""
    return f"<ul{attr}>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
