"""The /contribute/ page: propose a new case, or a correction of one, without git.

The page is static. ``assets/contribute.js`` builds the form from the form description
(:mod:`casebook.records.form`, generated from the record's one definition) that rides along as
inert JSON, checks it while the contributor types against the published JSON Schema with Ajv
(vendored in ``assets/vendor/``), and writes the YAML file ``casebook new`` would write. With
``?case=<id>`` it loads that one case from ``/data/cases/<id>.json`` (:mod:`.case_data`), never
anything corpus-wide. When the site knows its repository (``repo_url``), "Propose on GitHub"
opens GitHub's new-file (or, for an existing case, edit) page.

Without JavaScript the page says how to contribute another way.
"""

from __future__ import annotations

import json

from ..records.form import form_json
from ..records.taxonomy import Taxonomy
from .text import esc
from .urls import case_uri, href

TITLE = "Propose or correct a case"
PAGE = "contribute.md"
#: The page's own scripts, in load order (site paths); they load on this page only.
SCRIPTS = ("assets/vendor/ajv2020.min.js", "assets/contribute-yaml.js", "assets/contribute-check.js",
           "assets/contribute-actions.js", "assets/contribute.js")


def contribute_href(from_uri: str, case_id: str | None = None) -> str:
    """A link to the form from the page ``from_uri`` (source path), for a new case or an edit."""
    return href(from_uri, PAGE) + (f"?case={case_id}" if case_id else "")


def _settings(repo_url: str, branch: str) -> str:
    settings = {
        "schema": href(PAGE, "schema/case.schema.json"),
        "caseData": href(PAGE, "data/cases/ID.json"),
        "casePage": href(PAGE, case_uri("ID")),
        "repo": repo_url.rstrip("/"),
        "branch": branch,
    }
    return json.dumps(settings, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")


def render_contribute(tax: Taxonomy, repo_url: str = "", branch: str = "main") -> str:
    """The Markdown source of /contribute/ (virtual ``contribute.md``)."""
    front = f"---\ntitle: {TITLE}\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n"
    intro = ("Fill in what the sources say about a collaborative, and this page writes the case file for you: "
             "the same YAML file `casebook new` starts, checked as you type against the rules every case "
             "follows. Copy it or download it" + (", or propose it on GitHub" if repo_url else "")
             + ". To correct a published case, follow **Suggest an edit** on its page. "
             "Your draft stays in this browser until you clear it. The [contributing guide](contributing.md) "
             "explains each field.")
    block = "\n".join((
        '<section class="cb-contribute-page" data-search-exclude>',
        '<noscript><p class="cb-contribute-nojs">This form needs JavaScript. Without it, run '
        '<code>casebook new "Name of the collaborative"</code> in a copy of the repository and fill in the '
        f'file it writes; the <a href="{href(PAGE, "schema/case.schema.json")}">JSON Schema</a> describes every '
        "field.</p></noscript>",
        '<div id="cb-contribute"></div>',
        f'<script type="application/json" id="cb-contribute-settings">{_settings(repo_url, branch)}</script>',
        f'<script type="application/json" id="cb-contribute-form">{form_json(tax)}</script>',
        *(f'<script src="{esc(href(PAGE, s))}"></script>' for s in SCRIPTS),
        "</section>",
    ))
    return front + intro + "\n\n" + block + "\n"
