"""Session fixtures for the browser suite: the real site, built once and served on 127.0.0.1,
and one Chromium for the whole session.

* ``site_dir``: ``mkdocs build --strict`` of the repository into a temporary folder (with
  ``SOURCE_DATE_EPOCH`` set, so the build is reproducible). Set ``CASEBOOK_TEST_SITE`` to a
  built site to test that instead (``scripts/screenshots.py`` and quick local runs).
* ``base_url``: a ``ThreadingHTTPServer`` serving ``site_dir`` on a free port, in a thread.
* ``browser``: Chromium driven by Playwright (Debian's ``/usr/bin/chromium`` where present).
* ``page``: a fresh context and page per test that records console errors, page errors and
  every request, and aborts (and records) any request whose host is not 127.0.0.1.
* ``tools``: the external checkers (axe-core, vnu.jar, java).

When ``CI`` is ``true`` nothing may skip: a missing browser or checker fails the test. Locally
a missing Chromium skips with the reason.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: A fixed build date (2026-01-01T00:00:00Z).
SOURCE_DATE_EPOCH = "1767225600"
IN_CI = os.environ.get("CI", "").strip().lower() == "true"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
#: The pages the suite visits everywhere (site paths).
CASE = "cases/south-london-partnership/"
BENEFIT = "benefits/specialised-services/"
PAGES = {"home": "", "case": CASE, "benefit": BENEFIT, "explore": "explore/", "glossary": "glossary/"}


def unavailable(reason: str):
    """Skip locally; fail in CI, where every check must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser suite may not skip)", pytrace=False)
    pytest.skip(reason)


# -- the built site ---------------------------------------------------------------------------
def build_site(dest: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
           "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}{proc.stderr}"
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    given = os.environ.get("CASEBOOK_TEST_SITE")
    if given:
        path = Path(given).resolve()
        assert (path / "index.html").is_file(), f"CASEBOOK_TEST_SITE={given} is not a built site"
        return path
    return build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def cases_data(site_dir) -> list[dict]:
    """The cases as the site publishes them (``/data/cases.json``)."""
    return json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # Every load is fresh: a test that breaks a file on disk must see the change.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(directory: Path) -> tuple[_Server, str]:
    """Serve ``directory`` on 127.0.0.1, a free port, in a daemon thread; return (server, url)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    server, url = serve(site_dir)
    yield url
    server.shutdown()
    server.server_close()


# -- the browser ------------------------------------------------------------------------------
def chromium_path() -> str | None:
    """Debian's Chromium (or ``$CHROMIUM``); None means "let Playwright use its own"."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def launch(playwright):
    exe = chromium_path()
    return playwright.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    try:
        b = launch(playwright_instance)
    except Exception as exc:  # noqa: BLE001 - any launch failure means "no browser here"
        unavailable(f"Chromium could not be started ({exc.__class__.__name__}: "
                    f"{str(exc).splitlines()[0] if str(exc) else ''}); install Debian's chromium")
    yield b
    b.close()


@dataclass
class Recorder:
    """What a page did: console errors, uncaught exceptions, requests, blocked requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console/page error: {e}" for e in self.errors]
                + [f"request left 127.0.0.1: {u}" for u in self.blocked]
                + [f"request failed: {u}" for u in self.failed])


def _local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


def open_context(browser, **options):
    """A new browser context whose pages record errors and requests (``page.rec``) and can
    reach nothing but 127.0.0.1."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    rec = Recorder()

    def route(r):
        if _local(r.request.url):
            r.continue_()
        else:
            rec.blocked.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)

    def watch(page):
        page.rec = rec
        page.on("console", lambda m: rec.errors.append(f"{m.text} ({m.location.get('url', '')})")
                if m.type == "error" else None)
        page.on("pageerror", lambda exc: rec.errors.append(f"uncaught: {exc}"))
        page.on("request", lambda req: rec.requests.append(req.url))
        page.on("requestfailed", lambda req: None if not _local(req.url) or req.failure in (
            "net::ERR_ABORTED",) else rec.failed.append(f"{req.url} ({req.failure})"))
        page.on("response", lambda resp: rec.failed.append(f"{resp.url} (HTTP {resp.status})")
                if resp.status >= 400 else None)

    context.on("page", watch)
    context.rec = rec
    return context


@pytest.fixture()
def context(browser):
    ctx = open_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    return context.new_page()


# -- external checkers ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable(f"axe-core is missing ({AXE.relative_to(ROOT)}); run npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        unavailable("java is not installed (the Nu HTML Checker needs it)")
    if not VNU.is_file():
        unavailable(f"vnu.jar is missing ({VNU.relative_to(ROOT)}); run npm ci")
    return [java, "-jar", str(VNU)]
