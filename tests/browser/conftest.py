"""Session fixtures for the browser suite: the real site, built once and served on 127.0.0.1,
and one Chromium for the whole session. (Helpers live in ``browserkit.py``.)

* ``site_dir``: ``mkdocs build --strict`` of the repository into a temporary folder, with
  ``SOURCE_DATE_EPOCH`` set. Set ``CASEBOOK_TEST_SITE`` to a built site to test that instead.
* ``cases_data``: the cases as the site publishes them (``/data/cases.json``).
* ``base_url``: a ``ThreadingHTTPServer`` serving ``site_dir`` on 127.0.0.1, a free port, in a
  background thread.
* ``browser``: Chromium driven by Playwright (Debian's ``/usr/bin/chromium`` where present).
* ``context``/``page``: a fresh context and page per test; ``page.rec`` records console errors,
  page errors and every request, and any request whose host is not 127.0.0.1 is aborted and
  recorded.
* ``axe_source``, ``vnu_command``: the external checkers.

When ``CI`` is ``true`` nothing may skip: a missing browser or checker fails the test. Locally
a missing one skips with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import browserkit as kit


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    given = os.environ.get("CASEBOOK_TEST_SITE")
    if given:
        path = Path(given).resolve()
        assert (path / "index.html").is_file(), f"CASEBOOK_TEST_SITE={given} is not a built site"
        return path
    return kit.build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def cases_data(site_dir) -> list[dict]:
    return json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    server, url = kit.serve(site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        kit.unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    try:
        b = kit.launch(playwright_instance)
    except Exception as exc:  # noqa: BLE001 - any launch failure means "no usable browser"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        kit.unavailable(f"Chromium could not be started ({exc.__class__.__name__}: {first}); "
                        "install Debian's chromium or set CHROMIUM")
    yield b
    b.close()


@pytest.fixture()
def context(browser):
    ctx = kit.open_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not kit.AXE.is_file():
        kit.unavailable(f"axe-core is missing ({kit.AXE.relative_to(kit.ROOT)}); run npm ci")
    return kit.AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        kit.unavailable("java is not installed (the Nu HTML Checker needs it)")
    if not kit.VNU.is_file():
        kit.unavailable(f"vnu.jar is missing ({kit.VNU.relative_to(kit.ROOT)}); run npm ci")
    return [java, "-jar", str(kit.VNU)]
