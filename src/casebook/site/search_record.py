"""What a generated page tells the search index about itself: one hidden block per page.

The site's search is Pagefind (:mod:`casebook.site.search_index` writes ``/pagefind/`` from the
built pages). Ranking, filters and the result's one-line summary come from Pagefind's own
attributes, written here once, so that every engine's build of the same pages (the plugin,
plain MkDocs or Zensical building ``casebook export-docs``) is indexed the same way:

- ``data-pagefind-weight``: a case's other names (short name, aliases, glossary abbreviations
  of its name) weigh as much as its title, so an acronym finds its case first; its tags
  (benefits, governance model, sectors, country, what its results measure) weigh more than
  running text, so "lead provider" puts lead-provider cases before passing mentions;
- ``data-pagefind-filter``: the facets ``benefit``, ``sector``, ``country``, ``governance``,
  ``evidence`` and ``kind``, each value its reader-facing label;
- ``data-pagefind-meta="line"``: region · year · evidence level, under the result's title.

The block is ``hidden``: readers see the same facts in the key-facts box.
"""

from __future__ import annotations

from .text import esc

__all__ = ["KIND_LABELS", "GUIDE", "case_record", "term_record", "FILTERS"]

#: The filter names of DESIGN.md's contract, in the order the search panel shows them, with
#: the heading readers see.
FILTERS = {"kind": "Page", "benefit": "Benefit", "sector": "Sector", "governance": "Governance model",
           "country": "Country", "evidence": "Evidence"}
#: ``kind`` values: what sort of page a result is.
KIND_LABELS = {"case": "Case", "benefits": "Benefit page", "sectors": "Sector page",
               "governance": "Governance page", "countries": "Country page"}
#: The kind of every page that declares none (hand-written pages, guides, indexes).
GUIDE = "Guide"
#: How much more a case's other names and its tags weigh than running text (Pagefind: 1;
#: an ``h1`` weighs 7).
NAME_WEIGHT, TAG_WEIGHT = 7, 5


def _spans(attr: str, name: str, values) -> str:
    return "".join(f'<span {attr}="{name}">{esc(v)}</span>' for v in dict.fromkeys(values) if v)


def case_record(case: dict, tax, corpus, other_names: list[str]) -> str:
    """The hidden search block of a case page. ``other_names``: the glossary abbreviations the
    case is searched by (shown on the page as "Search terms")."""
    names = [case.get("short_name"), *(case.get("aliases") or []), *other_names]
    benefits = [tax.label("benefits", b) for b in case["benefits"]]
    sectors = [tax.label("sectors", s) for s in case["sectors"]]
    country = corpus.term_label("countries", case["country"])
    governance = [] if case["governance"] in ("not-stated", "other") else [tax.label("governance", case["governance"])]
    indicators = [tax.label("indicators", o["indicator"]) for o in case.get("outcomes") or [] if o.get("indicator")]
    evidence = tax.label("evidence", case["evidence"])
    line = " · ".join(str(p) for p in (case.get("region") or country, case.get("established"), evidence) if p)
    tags = "; ".join(dict.fromkeys([*benefits, *governance, *sectors, country, *indicators]))
    out = ['<div class="cb-search-record" hidden>']
    if any(names):
        out.append(f'<p class="cb-search-names" data-pagefind-weight="{NAME_WEIGHT}">'
                   f'{esc("; ".join(str(n) for n in dict.fromkeys(names) if n))}</p>')
    out.append(f'<p data-pagefind-weight="{TAG_WEIGHT}">{esc(tags)}</p>')
    out.append('<p data-pagefind-ignore>'
               + _spans("data-pagefind-filter", "kind", [KIND_LABELS["case"]])
               + _spans("data-pagefind-filter", "benefit", benefits)
               + _spans("data-pagefind-filter", "sector", sectors)
               + _spans("data-pagefind-filter", "country", [country])
               + _spans("data-pagefind-filter", "governance", [tax.label("governance", case["governance"])])
               + _spans("data-pagefind-filter", "evidence", [evidence])
               + _spans("data-pagefind-meta", "line", [line])
               + _spans("data-pagefind-meta", "tags", [tags]) + "</p>")
    out.append("</div>")
    return "".join(out)


def term_record(facet: str, description: str) -> str:
    """The hidden search block of a benefit, sector, governance or country page: its kind, and
    ``data-cb-search-scope="lead"``: only the title and description are indexed (the cases and
    outcomes listed below repeat the case pages)."""
    return (f'<div class="cb-search-record" hidden data-cb-search-scope="lead"><p data-pagefind-ignore>'
            f'{_spans("data-pagefind-filter", "kind", [KIND_LABELS[facet]])}'
            f'{_spans("data-pagefind-meta", "line", [_short(description)])}</p></div>')


def _short(text: str, limit: int = 110) -> str:
    """``text`` cut at a word to fit one result line."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
