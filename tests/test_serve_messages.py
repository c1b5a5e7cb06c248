"""While serving, a rebuild does not reprint warnings already shown (only new ones)."""

from __future__ import annotations

import logging
import os

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from casebook.plugin import CasebookPlugin
from casebook.starter import init_project


def test_rebuild_does_not_reprint_warnings(tmp_path, caplog):
    init_project(tmp_path)
    case = tmp_path / "cases" / "example-partnership.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("added:", "# added:"), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        config = load_config(str(tmp_path / "mkdocs.yml"))
        plugin = config.plugins["casebook"]
        assert isinstance(plugin, CasebookPlugin)
        plugin.on_startup(command="serve", dirty=False)
        config.plugins._current_plugin = "casebook"  # as MkDocs sets it while running an event
        caplog.set_level(logging.INFO, logger="mkdocs.plugins.casebook")
        plugin.on_files(Files([]), config=config)
        first = [r.getMessage() for r in caplog.records if "warning:" in r.getMessage()]
        assert first, "the case without 'added' gets a warning"
        caplog.clear()
        plugin.on_files(Files([]), config=config)
        again = [r.getMessage() for r in caplog.records if "warning:" in r.getMessage()]
        assert again == [], again
    finally:
        os.chdir(cwd)
