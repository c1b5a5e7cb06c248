"""The /compare/ page: two to four cases side by side, chosen in the URL (``?cases=a,b``).

The page is static: ``assets/compare.js`` reads the chosen ids from the query string, loads
``/data/cases.json`` and ``/data/outcomes.json`` and builds one table: key facts, benefits
and governance, then outcomes aligned by indicator (one row per indicator any chosen case
reports). The labels it needs ride along as inert JSON (``type="application/json"``).

Without JavaScript the page says how to compare and lists every case as a link; the script
turns that list into the picker (a checkbox per case).
"""

from __future__ import annotations

import json

from ..records.spec import BUILTIN_VOCABULARIES
from ..records.taxonomy import Taxonomy
from .text import esc, sort_key
from .urls import case_uri, href

TITLE = "Compare cases"
MAX_CASES = 4


def compare_href(prefix: str, case_ids: list[str] | tuple[str, ...]) -> str:
    """A link to the comparison of ``case_ids`` from a page whose root prefix is ``prefix``."""
    return f"{prefix}compare/?cases={','.join(case_ids)}"


def _labels(tax: Taxonomy, cases: list[dict]) -> str:
    vocabularies = ("benefits", "sectors", "governance", "evidence", "indicators")
    labels = {v: {t: tax.label(v, t) for t in tax.ids(v)} for v in vocabularies}
    labels["outcome_status"] = {t: tax.label("outcome_status", t) for t in BUILTIN_VOCABULARIES["outcome_status"]}
    labels["countries"] = {c: tax.country(c).label for c in sorted({c["country"] for c in cases})}
    # "</" cannot appear in the JSON: "<" is written as \u003c, so no text can close the script.
    return json.dumps(labels, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")


def render_compare(cases: list[dict], tax: Taxonomy) -> str:
    """The Markdown source of /compare/ (virtual ``compare.md``)."""
    ordered = sorted(cases, key=sort_key)
    items = "\n".join(
        f'<li data-case="{esc(c["id"])}"><a href="{esc(href("compare.md", case_uri(c["id"])))}">{esc(c["name"])}</a>'
        + (f' <span class="cb-short">({esc(c["short_name"])})</span>' if c.get("short_name") else "")
        + "</li>" for c in ordered)
    front = f"---\ntitle: {TITLE}\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n"
    intro = ("Put two to four cases side by side: key facts, benefits, governance and outcomes, with "
             "outcomes lined up by indicator so like sits next to like. Choose cases below, tick "
             "**Compare** on the [explore page](explore.md), or follow **Compare with other cases** on a "
             "case page. The chosen cases stay in the address (for example `?cases=a,b`), so a "
             "comparison can be shared.")
    block = "\n".join((
        '<section class="cb-compare-page" data-search-exclude>',
        '<noscript><p class="cb-compare-nojs">Comparing side by side needs JavaScript. Without it, open the '
        "cases you want to compare from the list below (each in its own tab), or download "
        f'<a href="{href("compare.md", "data/cases.csv")}">cases.csv</a> and '
        f'<a href="{href("compare.md", "data/outcomes.csv")}">outcomes.csv</a>.</p></noscript>',
        f'<div id="cb-compare" data-cases="{href("compare.md", "data/cases.json")}" '
        f'data-outcomes="{href("compare.md", "data/outcomes.json")}" '
        f'data-case-href="{esc(href("compare.md", case_uri("ID")))}" '
        f'data-max="{MAX_CASES}"></div>',
        f'<script type="application/json" id="cb-compare-labels">{_labels(tax, ordered)}</script>',
        '<h2 id="cb-compare-choose">All cases</h2>',
        f'<ul class="cb-compare-list" id="cb-compare-list">{items}</ul>',
        "</section>",
    ))
    return front + intro + "\n\n" + block + "\n"
