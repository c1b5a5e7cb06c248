"""The /compare/ page: two to four cases side by side, chosen in the URL (``?cases=a,b``).

The page is static and the same size whatever the size of the casebook: ``assets/compare.js``
reads the chosen ids from the query string and fetches only those cases' data
(``/data/cases/<id>.json``: the published record with its outcome rows), then builds the
tables: key facts, benefits and governance, then outcomes aligned by indicator. To choose
cases it searches their names, fetching the /explore/ listing's name data only when the reader
types. The labels it needs ride along as inert JSON (``type="application/json"``).

Without JavaScript the page says how to compare and links to the explore page and the downloads.
"""

from __future__ import annotations

import json
import math

from ..records.spec import BUILTIN_VOCABULARIES
from ..records.taxonomy import Taxonomy
from .case_data import case_data_files as case_data_files
from .case_data import case_data_path
from .listing import CHUNK_ROWS
from .text import esc
from .urls import DIRECTORY_URLS, Urls, case_uri

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


def render_compare(cases: list[dict], tax: Taxonomy, urls: Urls = DIRECTORY_URLS) -> str:
    """The Markdown source of /compare/ (virtual ``compare.md``)."""
    page = "compare.md"
    front = f"---\ntitle: {TITLE}\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n"
    intro = ("Put two to four cases side by side: key facts, benefits, governance and outcomes, with "
             "outcomes lined up by indicator so like sits next to like. Find cases by name below, choose "
             "**Compare** on the [explore page](explore.md), or follow **Compare with other cases** on a "
             "case page. The chosen cases stay in the address (for example `?cases=a,b`), so a "
             "comparison can be shared.")
    block = "\n".join((
        '<section class="cb-compare-page" data-search-exclude data-pagefind-ignore="all">',
        '<noscript><p class="cb-compare-nojs">Comparing side by side needs JavaScript. Without it, open the '
        f'cases you want to compare from the <a href="{esc(urls.href(page, "explore.md"))}">explore page</a> '
        "(each in its own tab), or download "
        f'<a href="{esc(urls.href(page, "data/cases.csv"))}">cases.csv</a> and '
        f'<a href="{esc(urls.href(page, "data/outcomes.csv"))}">outcomes.csv</a>.</p></noscript>',
        f'<div id="cb-compare" data-case-data="{esc(urls.href(page, case_data_path("ID")))}" '
        f'data-names="{esc(urls.href(page, "data/listing/explore/"))}" '
        f'data-names-chunks="{max(1, math.ceil(len(cases) / CHUNK_ROWS))}" '
        f'data-case-href="{esc(urls.href(page, case_uri("ID")))}" '
        f'data-max="{MAX_CASES}" hidden>',
        '<h2 id="cb-compare-choose">Choose two to four cases</h2>',
        '<ul class="cb-compare-list cb-compare-picker" id="cb-compare-chosen" aria-label="Chosen cases"></ul>',
        '<div class="cb-field cb-compare-find"><label for="cb-compare-q">Find a case by name</label>'
        '<input type="search" id="cb-compare-q" autocomplete="off" spellcheck="false" '
        'aria-describedby="cb-compare-hint" aria-controls="cb-compare-found"></div>',
        '<p id="cb-compare-hint" class="cb-hint">Type part of a name or short name, then tick the cases to compare.</p>',
        '<ul class="cb-compare-list cb-compare-picker" id="cb-compare-found" aria-label="Cases found"></ul>',
        "</div>",
        f'<script type="application/json" id="cb-compare-labels">{_labels(tax, cases)}</script>',
        "</section>",
    ))
    return front + intro + "\n\n" + block + "\n"
