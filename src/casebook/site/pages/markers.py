"""``<!-- casebook:... -->`` markers in hand-written pages: charts, newest cases, stats, lessons."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...records.spec import is_achieved
from ..feed import newest
from ..text import esc, md_text
from ..urls import case_uri, href

if TYPE_CHECKING:
    from . import RendererHost
else:
    RendererHost = object


class Markers(RendererHost):
    """Marker expansion (a mixin of :class:`~casebook.site.render.SiteRenderer`)."""

    _MARKER = re.compile(r"^<!--\s*casebook:(\w[\w-]*)\s*(.*?)\s*-->\s*$", re.M)

    def expand_markers(self, markdown: str, page_uri: str) -> tuple[str, list[str]]:
        """Replace ``<!-- casebook:... -->`` lines; returns the text and any unknown markers."""
        unknown: list[str] = []

        def repl(m: re.Match) -> str:
            name, arg = m.group(1), m.group(2)
            if name == "chart":
                ref = self.site_chart(arg)
                if ref is None:
                    unknown.append(m.group(0))
                    return ""
                return ref.block(page_uri)
            if name == "newest":
                n = int(arg) if arg.isdigit() else 5
                return self.cards(page_uri, [c["id"] for c in newest(self.corpus.cases, n)])
            if name == "stats":
                return self.stats()
            if name == "cases":
                key, _, value = arg.partition("=")
                facet = {"benefits": "benefits", "benefit": "benefits", "sectors": "sectors", "sector": "sectors",
                         "governance": "governance", "country": "countries", "countries": "countries"}.get(key.strip())
                if facet is None:
                    unknown.append(m.group(0))
                    return ""
                ids = self.corpus.index[facet].get(value.strip(), [])
                return self.cards(page_uri, ids) if ids else "*No cases yet.*"
            if name == "lessons":
                return self.lessons(page_uri)
            unknown.append(m.group(0))
            return ""

        # Blank lines around each expansion so it never merges with a neighbouring block.
        return self._MARKER.sub(lambda m: f"\n{repl(m)}\n", markdown), unknown

    def stats(self) -> str:
        cases = self.corpus.cases
        # Measured results only: a target, commitment or forecast is not an outcome yet.
        outcomes = sum(1 for c in cases for o in c.get("outcomes") or [] if is_achieved(o))
        countries = len(self.corpus.index["countries"])
        sources = sum(len(c["sources"]) for c in cases)
        return (f"| Cases | Countries | Measured outcomes | Sources cited |\n| ---: | ---: | ---: | ---: |\n"
                f"| {len(cases)} | {countries} | {outcomes} | {sources} |")

    def lessons(self, page_uri: str) -> str:
        out = []
        for b in self.tax.ids("benefits"):
            ids = self.corpus.index["benefits"].get(b, [])
            items = [(self.corpus.by_id[cid], lesson) for cid in ids for lesson in self.corpus.by_id[cid].get("lessons") or []]
            if not items:
                continue
            # Every lesson is indexed on its case page; a second copy here only pads the index.
            # The list is escaped HTML, never Markdown: lessons are plain text, and thousands of
            # them were the largest Markdown conversion of the site.
            out.append(f"### {md_text(self.tax.label('benefits', b))} {{ data-search-exclude }}\n")
            out.append(self.defer('<ul class="cb-lessons-all">' + "".join(
                f'<li>{esc(lesson)} (<a href="{esc(href(page_uri, case_uri(case["id"])))}">{esc(self.case_title(case))}</a>)</li>'
                for case, lesson in items) + "</ul>") + "\n")
        return "\n".join(out)
