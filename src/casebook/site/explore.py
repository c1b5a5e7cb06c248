"""The /explore/ page: every case in one filterable table.

The page is a virtual ``explore.md``: a short Markdown introduction followed by one raw-HTML
block that Python-Markdown passes through untouched. The block holds a filter form and a
table with one row per case. Without JavaScript the table is the whole page (the form keeps
its ``hidden`` attribute); ``assets/explore.js`` un-hides the form and filters the rows using
the ``data-*`` attributes written here.

Everything taken from a case is untrusted text and goes through :func:`html.escape` with
``quote=True`` before it reaches the page, whether in an element or an attribute.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..records.taxonomy import Taxonomy
from .text import fold, sort_key
from .urls import case_uri, href

__all__ = ["render_explore", "search_text", "SORT_OPTIONS", "EXPLORE_TITLE"]

#: The page title (front matter); other modules may link to the page with it.
EXPLORE_TITLE = "Explore all cases"

#: Values of the ``sort`` control, in the order they are offered; the first is the default
#: and the order the rows are written in. The script knows the same values.
SORT_OPTIONS: tuple[tuple[str, str], ...] = (
    ("name", "Name (A to Z)"),
    ("newest", "Established (newest first)"),
    ("oldest", "Established (oldest first)"),
    ("outcomes", "Number of outcomes (most first)"),
)

_HEADERS = ("Case", "Country", "Established", "Sectors", "Governance", "Benefits", "Evidence",
            "Outcomes")
_DEFAULT_GOVERNANCE = "not-stated"
_DEFAULT_EVIDENCE = "self-reported"
def _e(value: Any) -> str:
    """Escape anything for use in element text or a double-quoted attribute."""
    return html.escape(str(value), quote=True)


def search_text(*parts: Any) -> str:
    """The text a row is filtered on, folded by :func:`~casebook.site.text.fold` (explore.js
    folds the reader's query the same way, so a plain substring test matches whatever the
    punctuation: "out of area" finds "out-of-area")."""
    return fold(" ".join(str(p) for p in parts if p))


def _used_terms(taxonomy: Taxonomy, vocabulary: str, used: set[str]) -> list[tuple[str, str]]:
    """(id, label) pairs for the values that some case uses, in the taxonomy's order.

    Offering only values in use avoids filters that can only ever give zero results; ids the
    taxonomy does not know (should validation let one through) still get an option, last.
    """
    known = [t for t in taxonomy.terms(vocabulary) if t in used]
    extra = sorted(used.difference(taxonomy.terms(vocabulary)))
    return [(t, taxonomy.label(vocabulary, t)) for t in known + extra]


def _select(name: str, label: str, any_label: str, options: Iterable[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{_e(v)}">{_e(text)}</option>' for v, text in options)
    return (f'<div class="cb-field"><label for="cb-{name}">{_e(label)}</label>'
            f'<select id="cb-{name}" name="{name}"><option value="">{_e(any_label)}</option>'
            f"{opts}</select></div>")


def _row(case: Mapping[str, Any], taxonomy: Taxonomy) -> str:
    """One table row. Kept on one line and lean: the page has to cope with 10,000 of these."""
    case_id = str(case["id"])
    benefits = [str(b) for b in case.get("benefits") or []]
    sectors = [str(s) for s in case.get("sectors") or []]
    governance = str(case.get("governance") or _DEFAULT_GOVERNANCE)
    evidence = str(case.get("evidence") or _DEFAULT_EVIDENCE)
    country = str(case.get("country") or "")
    established = case.get("established")
    year = str(established) if isinstance(established, int) and not isinstance(
        established, bool) else ""
    outcomes = len(case.get("outcomes") or [])
    name = str(case.get("name") or case_id)
    short = case.get("short_name")
    members = [m["name"] if isinstance(m, Mapping) else m for m in case.get("members") or []]
    measures = [o.get("measure") for o in case.get("outcomes") or []]
    text = search_text(name, short, *(case.get("aliases") or []), case.get("region"), case.get("summary"),
                       *measures, *members)

    attrs = (f'data-benefits="{_e(" ".join(benefits))}" data-sectors="{_e(" ".join(sectors))}" '
             f'data-governance="{_e(governance)}" data-country="{_e(country)}" '
             f'data-established="{_e(year)}" data-evidence="{_e(evidence)}" '
             f'data-outcomes="{outcomes}" data-text="{_e(text)}"')
    short_html = f' <span class="cb-short">({_e(short)})</span>' if short else ""
    cells = (
        f'<th scope="row"><a href="{_e(href("explore.md", case_uri(case_id)))}">{_e(name)}</a>{short_html}</th>',
        f'<td data-label="Country">{_e(taxonomy.country(country).label) if country else ""}</td>',
        f'<td data-label="Established">{_e(year) if year else "Not stated"}</td>',
        f'<td data-label="Sectors">{_e(", ".join(taxonomy.label("sectors", s) for s in sectors))}</td>',
        f'<td data-label="Governance">{_e(taxonomy.label("governance", governance))}</td>',
        f'<td data-label="Benefits">{_e(", ".join(taxonomy.label("benefits", b) for b in benefits))}</td>',
        f'<td data-label="Evidence">{_e(taxonomy.label("evidence", evidence))}</td>',
        f'<td data-label="Outcomes">{outcomes}</td>',
    )
    return f"<tr {attrs}>{''.join(cells)}</tr>"


def _facets(cases: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The values the cases use, per filter: the form offers only these."""
    used: dict[str, Any] = {"benefits": set(), "sectors": set(), "governance": set(),
                            "evidence": set(), "countries": set(), "years": []}
    for case in cases:
        used["benefits"].update(str(b) for b in case.get("benefits") or [])
        used["sectors"].update(str(s) for s in case.get("sectors") or [])
        used["governance"].add(str(case.get("governance") or _DEFAULT_GOVERNANCE))
        used["evidence"].add(str(case.get("evidence") or _DEFAULT_EVIDENCE))
        if case.get("country"):
            used["countries"].add(str(case["country"]))
        year = case.get("established")
        if isinstance(year, int) and not isinstance(year, bool):
            used["years"].append(year)
    return used


def _details(used: Mapping[str, Any], taxonomy: Taxonomy) -> str:
    """The "Case details" fieldset: sector, governance, country, evidence and years."""
    country_opts = sorted(((c, taxonomy.country(c).label) for c in used["countries"]),
                          key=lambda pair: (pair[1].casefold(), pair[0]))
    years = used["years"]
    # Placeholders hint at the range in the data; min/max only reject nonsense years.
    low = f' placeholder="{min(years)}"' if years else ""
    high = f' placeholder="{max(years)}"' if years else ""
    return "\n".join((
        '<fieldset class="cb-details"><legend>Case details</legend>',
        _select("sector", "Sector", "Any sector", _used_terms(taxonomy, "sectors", used["sectors"])),
        _select("governance", "Governance", "Any governance model",
                _used_terms(taxonomy, "governance", used["governance"])),
        _select("country", "Country", "Any country", country_opts),
        _select("evidence", "Evidence", "Any level of evidence",
                _used_terms(taxonomy, "evidence", used["evidence"])),
        '<div class="cb-field cb-year"><label for="cb-from">Established from</label>'
        f'<input type="number" id="cb-from" name="from" min="1900" max="2100" step="1" '
        f'inputmode="numeric"{low}></div>',
        '<div class="cb-field cb-year"><label for="cb-to">Established to</label>'
        f'<input type="number" id="cb-to" name="to" min="1900" max="2100" step="1" '
        f'inputmode="numeric"{high}></div>',
        "</fieldset>",
    ))


def _form(cases: Sequence[Mapping[str, Any]], taxonomy: Taxonomy, total: int) -> str:
    """The filter form, rendered ``hidden``: explore.js reveals it, so no-JS readers never see
    controls that cannot work. ``data-cb-collapsible`` lets reader.js fold it behind a
    "Filters" button on a phone (the count, ``data-cb-keep``, stays in view)."""
    used = _facets(cases)
    checks = "".join(
        f'<label><input type="checkbox" name="benefit" value="{_e(v)}"> {_e(text)}</label>'
        for v, text in _used_terms(taxonomy, "benefits", used["benefits"]))
    sort_opts = "".join(f'<option value="{v}">{_e(text)}</option>' for v, text in SORT_OPTIONS)
    noun = "case" if total == 1 else "cases"
    return "\n".join((
        '<form class="cb-filters" id="cb-filters" role="search" aria-label="Filter cases" '
        "data-cb-collapsible hidden>",
        '<fieldset class="cb-benefits"><legend>Benefits</legend>',
        f'<div class="cb-checks">{checks}</div>',
        '<fieldset class="cb-match" data-cb-nofilter><legend>Show cases with</legend>'
        '<label><input type="radio" name="match" value="any" checked> any ticked benefit</label>'
        '<label><input type="radio" name="match" value="all"> all ticked benefits</label>'
        "</fieldset>",
        "</fieldset>",
        _details(used, taxonomy),
        '<div class="cb-bar">',
        '<div class="cb-field cb-text"><label for="cb-q">Search names, regions, summaries, results and members'
        '</label><input type="search" id="cb-q" name="q" autocomplete="off" spellcheck="false">'
        "</div>",
        f'<div class="cb-field"><label for="cb-sort">Sort by</label>'
        f'<select id="cb-sort" name="sort" data-cb-nofilter>{sort_opts}</select></div>',
        '<button type="button" id="cb-clear" class="cb-button">Clear filters</button>',
        "</div>",
        f'<p id="cb-count" class="cb-count" role="status" aria-live="polite" data-cb-keep>{total} of {total} '
        f"{noun}</p>",
        "</form>",
    ))


def render_explore(cases: Iterable[Mapping[str, Any]], taxonomy: Taxonomy) -> str:
    """Return the Markdown source of the /explore/ page (the virtual file ``explore.md``).

    ``cases`` are validated case dicts; ``taxonomy`` gives the labels. The result has YAML
    front matter, a short introduction and one raw-HTML block (no blank lines inside, so
    Python-Markdown hands it through as is) holding the hidden filter form, the table of
    cases (sorted by name, so equal input gives byte-identical output) and the message shown
    when no row matches. Case links are relative to the page: ``../cases/<id>/``.
    """
    ordered = sorted(cases, key=sort_key)
    total = len(ordered)
    noun = "case" if total == 1 else "cases"
    # aria-sort tells screen readers the order the rows start in; explore.js moves it.
    sort_attr = ' aria-sort="ascending"'
    head = "".join(f'<th scope="col"{sort_attr if i == 0 else ""}>{h}</th>'
                   for i, h in enumerate(_HEADERS))
    if ordered:
        intro = (f"All {total} {noun} in the casebook, one row each. Filter them by benefit, "
                 "sector, governance model, country, year established or strength of evidence, "
                 "search their names and summaries, or sort the table. Select a name to read "
                 "the case.")
    else:
        intro = "There are no cases in the casebook yet."
    block = [
        # data-search-exclude: Material's search leaves the table out of its index (every
        # case has its own page there), so the index does not carry the corpus twice. It is
        # on a <section> because Material's parser matches closing tags by name only: on a
        # <div> the exclusion would end at the first nested </div>.
        '<section class="cb-explore-page" data-search-exclude>',
        _form(ordered, taxonomy, total),
        "<noscript><p>The filters need JavaScript. The table below lists every case.</p>"
        "</noscript>",
        '<div class="cb-table-wrap" tabindex="0" role="region" aria-label="Cases table">',
        f'<table class="cb-explore" id="cb-table" data-compare-href="{_e(href("explore.md", "compare.md"))}">',
        f"<caption>Provider collaboration cases ({total} in total)</caption>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *(_row(case, taxonomy) for case in ordered),
        "</tbody>",
        "</table>",
        "</div>",
        '<p id="cb-empty" class="cb-empty" hidden>No cases match these filters. '
        "Untick a benefit, widen the years or select <strong>Clear filters</strong>.</p>",
        "</section>",
    ]
    front = (f"---\ntitle: {EXPLORE_TITLE}\nhide:\n  - navigation\n  - toc\nsearch:\n  exclude: true\n---\n\n"
             f"# {EXPLORE_TITLE}\n\n")
    return front + intro + "\n\n" + "\n".join(block) + "\n"
