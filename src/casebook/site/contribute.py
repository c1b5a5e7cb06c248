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

from ..records.form import form_json
from ..records.taxonomy import Taxonomy
from .text import esc
from .urls import href

TITLE = "Propose or correct a case"
PAGE = "contribute.md"
#: The form's description, published beside the JSON Schema (site path).
FORM_PATH = "schema/case.form.json"
#: The form's scripts, in load order (site paths). ``assets/contribute.js``, loaded on every page
#: (a few lines), loads these on this page only, so no other page pays for them and the page's
#: article holds no script element.
SCRIPTS = ("assets/vendor/ajv2020.min.js", "assets/contribute-yaml.js", "assets/contribute-check.js",
           "assets/contribute-actions.js", "assets/contribute-form.js")
LOADER = "assets/contribute.js"


def contribute_href(from_uri: str, case_id: str | None = None) -> str:
    """A link to the form from the page ``from_uri`` (source path), for a new case or an edit."""
    return href(from_uri, PAGE) + (f"?case={case_id}" if case_id else "")


def form_file(tax: Taxonomy) -> str:
    """``/schema/case.form.json``: the form description (see :mod:`casebook.records.form`)."""
    return form_json(tax) + "\n"


def _root(repo_url: str, branch: str) -> str:
    attrs = {
        "id": "cb-contribute",
        "data-schema": href(PAGE, "schema/case.schema.json"),
        "data-form": href(PAGE, FORM_PATH),
        "data-case-data": href(PAGE, "data/cases/ID.json"),
        "data-repo": repo_url.rstrip("/"),
        "data-branch": branch,
        "data-scripts": " ".join(href(PAGE, s) for s in SCRIPTS),
    }
    return "<div " + " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items()) + "></div>"


def render_contribute(tax: Taxonomy, repo_url: str = "", branch: str = "main", guide: str | None = None) -> str:
    """The Markdown source of /contribute/ (virtual ``contribute.md``); ``guide`` is the
    hand-written contributing page, when the site has one."""
    front = f"---\ntitle: {TITLE}\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n"
    intro = ("Fill in what the sources say about a collaborative, and this page writes the case file for you: "
             "the same YAML file `casebook new` starts, checked as you type against the rules every case "
             "follows. Copy it or download it" + (", or propose it on GitHub" if repo_url else "")
             + ". To correct a published case, follow **Suggest an edit** on its page. "
             "Your draft stays in this browser until you clear it."
             + (f" The [contributing guide]({guide}) explains each field." if guide else ""))
    block = "\n".join((
        '<section class="cb-contribute-page" data-search-exclude>',
        '<noscript><p class="cb-contribute-nojs">This form needs JavaScript. Without it, run '
        '<code>casebook new "Name of the collaborative"</code> in a copy of the repository and fill in the '
        f'file it writes; the <a href="{href(PAGE, "schema/case.schema.json")}">JSON Schema</a> describes every '
        "field.</p></noscript>",
        _root(repo_url, branch),
        "</section>",
    ))
    return front + intro + "\n\n" + block + "\n"
