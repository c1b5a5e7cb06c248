"""Options of the ``casebook`` plugin in ``mkdocs.yml`` (as Material keeps ``config.py``
beside each plugin)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CasebookConfig(Config):
    """``plugins: - casebook: {...}``; paths are relative to ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    cases_dir = c.Type(str, default="cases")
    taxonomy = c.Optional(c.Type(str))  # default: cases/_data/taxonomy.yaml, else the packaged one
    chart_cache = c.Type(str, default=".cache/casebook/charts")
    # Base URL for "edit this record", e.g. .../edit/main/cases/; by default made from the site's
    # repo_url, branch and cases_dir.
    edit_url = c.Optional(c.Type(str))
    branch = c.Type(str, default="main")  # the repository's branch the contribute form proposes to
    glossary = c.Type(str, default="glossary.md")
    workers = c.Optional(c.Type(int))
