"""Render the generated pages as Markdown (with small raw-HTML blocks).

Nothing here knows about MkDocs: the output is a mapping of source paths (``cases/wyaat.md``)
to Markdown text, which any Markdown site engine could build.

Safety: case text is untrusted. Plain-text fields go through :func:`md_text` (HTML-escaped
*and* Markdown-escaped, so neither tags nor Markdown links/attribute lists survive); Markdown
fields go through :func:`md_block`, which escapes raw HTML and attribute-list braces; values in
raw-HTML blocks go through :func:`html.escape`.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass


from .. import charts as chartlib
from .enrich import FACETS, Corpus, case_values
from .explore import render_explore

# Characters Python-Markdown lets a backslash escape; escaping any other would show the backslash.
# Escaped wherever they stand: emphasis, code, links, attribute lists, headings' closing
# hashes and table pipes. The others ('+', '-', '.', '!', digits) only matter at the start.
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]#|])")
_MD_LEADING = re.compile(r"^(?:(\d+)([.)])|([-+.!]))")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_DEFERRED = re.compile(r"<!-- casebook-html:(\w+) -->")
_LINE_START = re.compile(r"^(\s*)([-+*]|\d+[.)]|#+|>|=+|-+)(?=\s|$)", re.M)
_ANGLE_DEST = re.compile(r"\]\(\s*<(https?://[^\s<>]+)>")
_ABBR_DEF = re.compile(r"^(\s*)\*\[", re.M)
# Inline link destinations ("](dest") and reference definitions ("[id]: dest"), after md_block's
# own escaping (so a '<' around a destination reads '&lt;').
_MD_LINK = re.compile(r"\]\(\s*((?:&lt;)?)\s*([^\s)]*)")
_MD_REFDEF = re.compile(r"^(\s*)\[[^\]\n]*\]:\s*((?:&lt;)?)(\S*)", re.M)
_SAFE_URL = re.compile(r"^https?://", re.I)

FACET_PATHS = {"benefits": "benefits", "sectors": "sectors", "governance": "governance", "countries": "countries"}
FACET_TITLES = {
    "benefits": ("Benefits", "benefit"),
    "sectors": ("Sectors", "sector"),
    "governance": ("Governance models", "governance model"),
    "countries": ("Countries", "country"),
}
NUM_CLASS = ' class="cb-num"'
EXPECTED_CLASS = ' class="cb-expected"'
EVIDENCE_ICONS = {"self-reported": "○", "independently-evaluated": "◐", "peer-reviewed": "●"}


def esc(value) -> str:
    """HTML-escape any value for a raw-HTML block (attributes included)."""
    return html.escape(str(value), quote=True)


def md_text(value) -> str:
    """Plain text made inert for inline Markdown: HTML-escaped, then Markdown-escaped."""
    text = _MD_ESCAPE.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False))
    if text[:1] in "0123456789-+.!":  # would start a list, a rule or a numbered item
        text = _MD_LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text, 1)
    elif text.startswith(":"):  # a definition-list marker, which a backslash cannot escape
        text = "&#58;" + text[1:]
    return text


def md_block(value: str) -> str:
    """A contributor's Markdown with raw HTML and attribute lists made inert.

    Validation already rejects HTML and non-http(s) links; this is the second line of defence
    so that the renderer is safe on its own."""
    text = _ANGLE_DEST.sub(r"](\1", value)  # [text](<https://...>): the brackets add nothing
    text = _AUTOLINK.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # '{' opens attribute lists ({: onclick=...}); a literal brace has no other Markdown role.
    text = text.replace("{", "\\{").replace("}", "\\}")
    # Restore block quotes, which the '>' escape above would otherwise turn into text.
    text = re.sub(r"^(\s{0,3})&gt;", r"\1>", text, flags=re.M)
    # '*[X]: text' would define a page-wide abbreviation (an <abbr> on every 'X'); '![' an image.
    text = _ABBR_DEF.sub(r"\1\\*[", text)
    text = text.replace("![", "!\\[")
    # Links to anything but http(s) (javascript:, data:, relative) stay as plain text.
    text = _MD_LINK.sub(lambda m: m.group(0) if _SAFE_URL.match(m.group(2)) else "\\]" + m.group(0)[1:], text)
    text = _MD_REFDEF.sub(lambda m: m.group(0) if _SAFE_URL.match(m.group(3)) else m.group(1) + "\\" + m.group(0)[len(m.group(1)):], text)
    return text.strip()


def front_matter(meta: dict) -> str:
    """YAML front matter, safely quoted whatever the values contain.

    Themes insert ``title`` and ``description`` into HTML unescaped (Material writes
    ``content="{{ page.meta.description }}"``), so those two are HTML-escaped here."""
    meta = {k: esc(v) if k in ("title", "description") and isinstance(v, str) else v for k, v in meta.items()}
    # JSON is valid YAML and much faster to write than yaml.safe_dump, which mattered at
    # thousands of pages; ASCII-only so no character can act as a YAML line break.
    lines = "".join(f"{k}: {json.dumps(v, ensure_ascii=True)}\n" for k, v in meta.items())
    return "---\n" + lines + "---\n\n"


def root_prefix(src_uri: str) -> str:
    """Relative prefix from a page's directory URL back to the site root (``../../``)."""
    if posixpath.basename(src_uri) in ("index.md", "README.md"):
        depth = src_uri.count("/")
    else:
        depth = src_uri.count("/") + 1
    return "../" * depth


def rel_md(from_uri: str, to_uri: str) -> str:
    """A relative link between two source files (MkDocs rewrites and checks these)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}.md"


def term_uri(facet: str, term: str) -> str:
    return f"{FACET_PATHS[facet]}/{term.lower()}.md"


def format_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_change(value) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{format_number(abs(value))} %"


def outcome_result(o: dict) -> str:
    """A reader's summary of one result: '−36 %', '73 → 7 miles', '4.6 GBP million'."""
    parts = []
    if o.get("change_percent") is not None:
        parts.append(format_change(o["change_percent"]))
    if o.get("value") is not None:
        unit = f" {o['unit']}" if o.get("unit") else ""
        if o.get("baseline") is not None:
            parts.append(f"{format_number(o['baseline'])} → {format_number(o['value'])}{unit}")
        else:
            parts.append(f"{format_number(o['value'])}{unit}")
    return "; ".join(parts)


@dataclass
class ChartRef:
    """A chart a page shows: its spec, and its file's path from the site root."""

    spec: chartlib.ChartSpec

    @property
    def uri(self) -> str:
        return f"charts/{self.spec.id}.svg"

    def block(self, page_uri: str) -> str:
        return chartlib.chart_block(self.spec, root_prefix(page_uri) + self.uri)


class SiteRenderer:
    """Renders every generated page of a :class:`Corpus`."""

    def __init__(self, corpus: Corpus, edit_base: str | None = None, guides: dict | None = None,
                 defer_html: bool = False):
        self.corpus = corpus
        self.tax = corpus.taxonomy
        self.edit_base = edit_base.rstrip("/") + "/" if edit_base else None
        #: facet → term → [(title, src_uri)] of hand-written pages whose front matter names it
        self.guides = guides or {}
        self.charts: dict[str, ChartRef] = {}
        #: With ``defer_html``, large raw-HTML blocks (card grids, long tables) are replaced by
        #: a placeholder comment and kept here, so the site engine can insert them after
        #: Markdown conversion: Python-Markdown's raw-HTML parsing of thousands of cards was
        #: the largest cost of a big build, and the HTML needs no Markdown processing.
        self.defer_html = defer_html
        self.deferred: dict[str, str] = {}
        self._site_charts = {s.id: s for s in chartlib.site_chart_specs(corpus.cases, self.tax)}

    # -- charts ----------------------------------------------------------------------------
    def _chart(self, spec: chartlib.ChartSpec | None) -> ChartRef | None:
        if spec is None:
            return None
        ref = ChartRef(spec)
        self.charts[spec.id] = ref
        return ref

    def site_chart(self, chart_id: str) -> ChartRef | None:
        return self._chart(self._site_charts.get(chart_id))

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
        prefix = root_prefix(from_uri)
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
                f'<article class="cb-card"><h3><a href="{prefix}cases/{esc(cid)}/">{esc(self.case_title(c))}</a></h3>'
                f'<p class="cb-card-meta">{esc(" · ".join(meta))}</p><p>{esc(summary)}</p></article>'
            )
        out.append("</div>")
        return self.defer("\n".join(out))

    def outcomes_table(self, from_uri: str, rows: list[tuple[dict, dict]], with_case: bool) -> str:
        """Results as an HTML table (escaped; raw HTML because Python-Markdown's table and
        inline processing dominated build time on term pages with thousands of rows). On a
        case page each measure links to its numbered source."""
        prefix = root_prefix(from_uri)
        head = ["Measure", "Result", "Period", "Status", "Benefit"]
        if with_case:
            head.insert(0, "Case")
        out = ['<div class="cb-table-wrap" tabindex="0" role="region" aria-label="Outcomes">'
               '<table class="cb-outcomes"><thead><tr>'
               + "\n".join(f'<th scope="col"{NUM_CLASS if h == "Result" else ""}>{h}</th>' for h in head)
               + "</tr></thead><tbody>"]
        for case, o in rows:
            measure = esc(o["measure"])
            if not with_case and o.get("source"):
                n = int(o["source"])
                measure += f' <a href="#source-{n}" aria-label="source {n}">[{n}]</a>'
            cells = []
            if with_case:
                cells.append(f'<td><a href="{prefix}cases/{esc(case["id"])}/">{esc(self.case_title(case))}</a></td>')
            status = "Expected" if o.get("status") == "expected" else "Achieved"
            cells += [f"<td>{measure}</td>", f'<td class="cb-num">{esc(outcome_result(o))}</td>',
                      f"<td>{esc(o.get('period') or '')}</td>",
                      f'<td{EXPECTED_CLASS if status == "Expected" else ""}>{status}</td>',
                      f'<td><a href="{prefix}benefits/{esc(o["benefit"])}/">'
                      f'{esc(self.tax.label("benefits", o["benefit"]))}</a></td>']
            # Newlines between cells: Material's search indexer joins the text of adjacent
            # elements, so "Achieved" + "Workforce" would otherwise become one unfindable word.
            out.append("<tr>" + "\n".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
        return self.defer("\n".join(out))

    # -- case pages ------------------------------------------------------------------------
    def case_page(self, case: dict) -> str:
        uri = case_uri(case["id"])
        tax = self.tax
        meta = {
            "title": self.case_title(case),
            "description": case["summary"][:300],
            "tags": [tax.label("benefits", b) for b in case["benefits"]],
            "search": {"boost": 3},
            "casebook": {"case": case["id"]},
        }
        out = [front_matter(meta), f"# {md_text(self.case_title(case))}\n"]
        out.append(f"{md_text(case['summary'])}\n")
        out.append(self.defer(self.facts_box(case, uri).rstrip("\n")) + "\n")
        if case.get("narrative"):
            out.append("## The story\n")
            out.append(md_block(case["narrative"]) + "\n")
        out.append("## Outcomes\n")
        if case.get("outcomes"):
            out.append(self.outcomes_table(uri, [(case, o) for o in case["outcomes"]], with_case=False) + "\n")
            ref = self._chart(chartlib.case_chart_spec(case, tax))
            if ref:
                out.append(self.defer(ref.block(uri)) + "\n")
        else:
            out.append("The sources give no measured results for this case yet.\n")
        if case.get("lessons"):
            out.append("## Lessons\n")
            out.extend(f"- {md_text(lesson)}" for lesson in case["lessons"])
            out.append("")
        if case.get("discrepancies"):
            out.append('!!! warning "Where the sources disagree"\n')
            out.extend(f"    - {md_text(d)}" for d in case["discrepancies"])
            out.append("")
        out.append("## Sources\n")
        out.append(self.defer(self.sources_list(case)) + "\n")
        related = [r for r in case.get("related") or [] if r in self.corpus.by_id]
        computed = self.corpus.computed_related.get(case["id"], [])
        if related or computed:
            # Other cases' names here would make this page a hit for their acronyms.
            out.append("## Related cases { data-search-exclude }\n")
            out.extend(f"- {self.case_link(uri, self.corpus.by_id[r])}" for r in related)
            out.extend(f"- {self.case_link(uri, self.corpus.by_id[r])} (shares benefits and sectors)" for r in computed)
            out.append("")
        footer = [f"Last reviewed {case['last_reviewed'].isoformat()}."]
        if self.edit_base:
            footer.append(f"[Edit this record on GitHub]({self.edit_base}{posixpath.basename(case['_path'])}).")
        footer.append(f"[Download all cases as JSON]({rel_md(uri, 'data/cases.json')}).")
        out.append(" ".join(footer) + "\n")
        return "\n".join(out)

    def facts_box(self, case: dict, uri: str) -> str:
        tax = self.tax
        prefix = root_prefix(uri)

        def link(facet: str, term: str) -> str:
            return f'<a href="{prefix}{FACET_PATHS[facet]}/{esc(term.lower())}/">{esc(self.corpus.term_label(facet, term))}</a>'

        rows = []
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
            f'<a class="cb-tag" href="{prefix}benefits/{esc(b)}/">{esc(tax.label("benefits", b))}</a>' for b in case["benefits"])))
        if case.get("members"):
            items = "".join(
                f"<li>{esc(m['name'])}" + (f" <span class=\"cb-role\">({esc(m['role'])})</span>" if m.get("role") else "") + "</li>"
                for m in case["members"])
            rows.append(("Members", f"<ul>{items}</ul>"))
        ev = case["evidence"]
        rows.append(("Evidence", f'{EVIDENCE_ICONS.get(ev, "")} {esc(tax.label("evidence", ev))}'.strip()))
        if case.get("anonymised"):
            rows.append(("Anonymised", "Yes: the source does not name the organisations"))
        body = "\n".join(f"<dt>{esc(k)}</dt>\n<dd>{v}</dd>" for k, v in rows)
        return f'<dl class="cb-facts" aria-label="Key facts">{body}</dl>\n'

    def sources_list(self, case: dict) -> str:
        items = []
        for i, s in enumerate(case["sources"], 1):
            title = esc(s["title"])
            if s.get("url") and _SAFE_URL.match(str(s["url"])):
                title = f'<a href="{esc(s["url"])}" rel="noopener">{title}</a>'
            extra = f", {esc(s['published'])}" if s.get("published") else ""
            # A title that ends in its own punctuation ("…aiming to achieve?") takes no full stop.
            stop = "" if str(s["title"]).rstrip()[-1:] in ".?!" else "."
            items.append(f'<li id="source-{i}">{title}{stop} {esc(s["publisher"])}{extra}.</li>')
        return '<ol class="cb-sources">' + "".join(items) + "</ol>"

    def error_page(self, stem: str, problems: list) -> str:
        """A preview-only page for a case file that does not validate (``mkdocs serve``)."""
        out = [front_matter({"title": f"{stem} (invalid)", "search": {"exclude": True}}),
               f"# {md_text(stem)}\n", '!!! failure "This case file has errors"\n',
               "    Fix these and save; the page rebuilds by itself.\n"]
        out.extend(f"    - `{p.path}:{p.line}:{p.col}`: {md_text(p.text())}" for p in problems)
        return "\n".join(out) + "\n"

    # -- term pages ------------------------------------------------------------------------
    def term_page(self, facet: str, term: str) -> str:
        uri = term_uri(facet, term)
        label = self.corpus.term_label(facet, term)
        ids = self.corpus.index[facet].get(term, [])
        plural, singular = FACET_TITLES[facet]
        # Term pages repeat what case pages say; leaving them out of the search index keeps
        # results pointing at cases and the index small (Material then skips parsing them).
        meta = {"title": label, "description": self.corpus.term_description(facet, term),
                "search": {"exclude": True}}
        out = [front_matter(meta), f"# {md_text(label)}\n",
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
            ref = self._chart(chartlib.term_chart_spec(facet, term, self.corpus.cases, self.tax))
            if ref:
                out.append(self.defer(ref.block(uri)) + "\n")
            out.append(self.outcomes_table(uri, rows, with_case=True) + "\n")
        else:
            out.append("None of these cases reports a measured result yet.\n")
        if facet == "benefits":
            out.append(f"## Pages tagged {md_text(label)}\n")
            out.append(f'<!-- material/tags {{ include: [{json.dumps(label)}] }} -->\n')
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
        out = [front_matter({"title": "All cases", "description": "Every case study in Casebook, A to Z.",
                             "search": {"exclude": True}}),
               "# All cases\n",
               f"{len(cases)} case studies, A to Z. To filter them, use the [explore page]({rel_md(uri, 'explore.md')}).\n",
               self.cards(uri, [c["id"] for c in cases])]
        return "\n".join(out) + "\n"

    # -- markers in hand-written pages -------------------------------------------------------
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
                newest = sorted(self.corpus.cases, key=lambda c: (c["last_reviewed"], c["id"]), reverse=True)[:n]
                return self.cards(page_uri, [c["id"] for c in newest])
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
        outcomes = sum(len(c.get("outcomes") or []) for c in cases)
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
            out.append(f"### {md_text(self.tax.label('benefits', b))} {{ data-search-exclude }}\n")
            out.extend(f"- {md_text(lesson)} ({self.case_link(page_uri, case)})" for case, lesson in items)
            out.append("")
        return "\n".join(out)

    # -- everything ------------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        """Every generated page: source path → Markdown."""
        pages: dict[str, str] = {}
        for case in self.corpus.cases:
            pages[case_uri(case["id"])] = self.case_page(case)
        pages["cases/index.md"] = self.cases_index()
        for facet in FACETS:
            pages[f"{FACET_PATHS[facet]}/index.md"] = self.facet_index(facet)
            for term in self.corpus.terms(facet):
                pages[term_uri(facet, term)] = self.term_page(facet, term)
        pages["explore.md"] = self._defer_explore(render_explore(self.corpus.cases, self.tax))
        for chart_id in self._site_charts:  # the home page and guides may embed any of them
            self.site_chart(chart_id)
        return pages

    def _defer_explore(self, markdown: str) -> str:
        start = markdown.find("<section")
        end = markdown.rfind("</section>")
        if not self.defer_html or start < 0 or end < start:
            return markdown
        end += len("</section>")
        return markdown[:start] + self.defer(markdown[start:end]) + markdown[end:]

    def chart_specs(self) -> list[chartlib.ChartSpec]:
        return [ref.spec for _, ref in sorted(self.charts.items())]
