"""Helpers shared by the browser tests (imported as ``browserkit``: pytest puts this folder on
``sys.path`` because ``tests/`` has no ``__init__.py``). Test modules import from here, never
from ``conftest`` (several folders have a ``conftest.py``; only one can be ``conftest`` in
``sys.modules``).

The expected results of the /explore/ filters are computed here from ``/data/cases.json``,
independently of ``explore.js``, so a test never hard-codes a number.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: A fixed build date (2026-01-01T00:00:00Z), so the build is reproducible.
SOURCE_DATE_EPOCH = "1767225600"
IN_CI = os.environ.get("CI", "").strip().lower() == "true"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: The pages the suite visits everywhere (site paths).
CASE = "cases/south-london-partnership/"
BENEFIT = "benefits/specialised-services/"
#: Rows on one page of a listing (the plugin's page_size).
PAGE_SIZE = 50
PAGES = {"home": "", "case": CASE, "benefit": BENEFIT, "explore": "explore/", "glossary": "glossary/",
         "contribute": "contribute/?case=wyaat"}
#: The identity the browser suite builds the site with, as the deploy workflow would set it
#: (mkdocs.yml reads these from the environment): reserved example.org addresses, which name
#: nothing real.
SITE_URL = "https://casebook.example.org/casebook/"
REPO_URL = "https://git.example.org/casebook/casebook"
BRANCH = "main"
IDENTITY = {"CASEBOOK_SITE_URL": SITE_URL, "CASEBOOK_REPO_URL": REPO_URL, "CASEBOOK_BRANCH": BRANCH,
            "CASEBOOK_EDIT_URI": f"edit/{BRANCH}/content/"}


def unavailable(reason: str):
    """Skip locally; fail in CI (CI=true), where every check must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser suite may not skip)", pytrace=False)
    pytest.skip(reason)


# -- the built site, served ---------------------------------------------------------------
def build_site(dest: Path) -> Path:
    """``mkdocs build --strict`` of the repository into ``dest``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
           "PYTHONHASHSEED": "0", **IDENTITY}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}{proc.stderr}"
    return dest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # Every load is fresh: a test that changes a file on disk must see the change.
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


# -- the browser --------------------------------------------------------------------------
def chromium_path() -> str | None:
    """Debian's Chromium (or ``$CHROMIUM``); None lets Playwright use its own, if installed."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)


@dataclass
class Recorder:
    """What the pages of a context did: console errors and uncaught exceptions, every
    request, requests blocked for leaving 127.0.0.1, and failed local requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console/page error: {e}" for e in self.errors]
                + [f"request left 127.0.0.1: {u}" for u in self.blocked]
                + [f"request failed: {u}" for u in self.failed])


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def _watch(page, rec: Recorder) -> None:
    page.rec = rec
    page.on("console", lambda m: rec.errors.append(f"{m.text} ({m.location.get('url', '')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda exc: rec.errors.append(f"uncaught: {exc}"))
    page.on("request", lambda req: rec.requests.append(req.url))
    # Aborted local requests (a navigation that replaces a page) are not failures.
    page.on("requestfailed", lambda req: rec.failed.append(f"{req.url} ({req.failure})")
            if is_local(req.url) and req.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda resp: rec.failed.append(f"{resp.url} (HTTP {resp.status})")
            if resp.status >= 400 else None)


def open_context(browser, **options):
    """A new browser context whose pages record errors and requests (``page.rec``, shared by
    the context's pages) and can reach nothing but 127.0.0.1."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    rec = Recorder()

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            rec.blocked.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("page", lambda page: _watch(page, rec))
    context.rec = rec
    return context


# -- /explore/ ----------------------------------------------------------------------------
def _chosen(value) -> list:
    return [] if value in (None, "", []) else list(value) if isinstance(value, (list, tuple, set)) else [value]


def matches(case: dict, f: dict) -> bool:
    """Does ``case`` (a record from cases.json) pass the filters ``f``? The keys are the
    form's names: benefit, sector, governance, country, evidence (each a value or a list of
    values: any of them), match (any|all, for benefits), from, to (ints)."""
    benefits = set(case.get("benefits") or [])
    chosen = _chosen(f.get("benefit"))
    if chosen:
        test = all if f.get("match") == "all" else any
        if not test(b in benefits for b in chosen):
            return False
    for name, key in (("sector", "sectors"), ("governance", "governance"), ("country", "country"),
                      ("evidence", "evidence")):
        want = _chosen(f.get(name))
        have = case.get(key)
        have = have if isinstance(have, list) else [have]
        if want and not set(want) & set(have):
            return False
    lo, hi = f.get("from"), f.get("to")
    if lo is not None or hi is not None:
        year = case.get("established")
        if not isinstance(year, int):
            return False
        if lo is not None and year < lo:
            return False
        if hi is not None and year > hi:
            return False
    return True


def expected_ids(cases: list[dict], **f) -> set[str]:
    return {c["id"] for c in cases if matches(c, f)}


def selective(cases: list[dict], values: Counter) -> str:
    """The value that narrows the list most usefully: kept by some cases but not all (the most
    common such value, ties by name), so the count visibly changes."""
    total = len(cases)
    usable = sorted((v for v, n in values.items() if 0 < n < total), key=lambda v: (-values[v], v))
    assert usable, f"no value filters the {total} cases: {dict(values)}"
    return usable[0]


def benefit_pair(cases: list[dict]) -> list[str]:
    """Two benefits for which "any" and "all" give different, non-empty, partial results."""
    names = sorted({b for c in cases for b in c["benefits"]})
    best = None
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            n_any = len(expected_ids(cases, benefit=[a, b], match="any"))
            n_all = len(expected_ids(cases, benefit=[a, b], match="all"))
            if 0 < n_all < n_any < len(cases):
                score = (n_all, -n_any)
                if best is None or score > best[0]:
                    best = (score, [a, b])
    assert best, "no pair of benefits where 'all' and 'any' differ"
    return best[1]


def year_range(cases: list[dict]) -> tuple[int, int]:
    """A from/to range that keeps some dated cases and drops others."""
    years = sorted(c["established"] for c in cases if isinstance(c.get("established"), int))
    assert len(set(years)) >= 3, "too few distinct years to test a range"
    distinct = sorted(set(years))
    return distinct[1], distinct[-2]


def open_explore(page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "explore/" + query)
    page.wait_for_selector("#cb-filters:not([hidden])", state="visible")


def count_text(n: int, total: int) -> str:
    return f"{n} of {total} {'case' if total == 1 else 'cases'}"


def wait_count(page, n: int, total: int) -> None:
    """Wait for #cb-count to say "n of total cases" (the text box filters after a pause)."""
    want = count_text(n, total)
    try:
        page.wait_for_function(
            "want => (document.getElementById('cb-count') || {}).textContent === want", arg=want,
            timeout=5_000)
    except Exception:  # noqa: BLE001 - report what the page says instead of a timeout
        got = page.text_content("#cb-count")
        raise AssertionError(f"#cb-count says {got!r}, expected {want!r}") from None


def visible_ids(page) -> set[str]:
    """Ids of the cases whose rows are on screen (not hidden), from their links."""
    hrefs = page.eval_on_selector_all(
        "#cb-table tbody tr",
        "rows => rows.filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => r.querySelector('a').getAttribute('href'))")
    return {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def check_explore(page, cases: list[dict], **f) -> set[str]:
    """Assert the count and the visible rows are what the data says for filters ``f``."""
    want = expected_ids(cases, **f)
    wait_count(page, len(want), len(cases))
    shown = visible_ids(page)
    if len(want) <= PAGE_SIZE:
        assert shown == want, (f"filters {f}: rows shown differ from the data: "
                               f"missing {sorted(want - shown)}, extra {sorted(shown - want)}")
    else:  # one page of the result: the first PAGE_SIZE of the matching rows
        assert len(shown) == PAGE_SIZE and shown <= want, f"filters {f}: extra {sorted(shown - want)}"
    return want


# -- search -------------------------------------------------------------------------------
def search(page, query: str) -> list[str]:
    """Type ``query`` in the header search box (Pagefind) and return the result links once they
    settle."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.keyboard.type(query, delay=20)
    return settled_results(page)


def settled_results(page, timeout: float = 8.0) -> list[str]:
    page.wait_for_selector(".md-search-result__item", timeout=timeout * 1000)
    last, stable, deadline = None, 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                          "els => els.map(e => e.href)")
        stable = stable + 1 if hrefs == last and hrefs else 0
        if stable >= 2:
            return hrefs
        last = hrefs
        page.wait_for_timeout(150)
    raise AssertionError(f"search results did not settle: {last}")


# -- accessibility ------------------------------------------------------------------------
def run_axe(page, axe_source: str) -> list[dict]:
    """Inject axe-core (once per document) and return its violations for the WCAG 2.x A/AA tags."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    # Measure the page at rest: a colour fading in or out (Material's header title, "Back to top")
    # would be measured mid-transition and fail contrast at random. Endless animations are skipped.
    page.wait_for_function("""() => document.getAnimations().every(a =>
        a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity)""")
    return page.evaluate(
        """async tags => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""", AXE_TAGS)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} node(s)] {v['helpUrl']}")
        for n in v["nodes"][:5]:
            summary = " ".join((n["summary"] or "").split())
            lines.append(f"    {n['target']}: {summary[:400]}\n      {n['html']}")
    return "\n".join(lines)


def fold(text: str) -> str:
    """The explore page's text folding, as the reader sees it: accents dropped, lower case,
    anything that is not a letter or digit a word break ("out-of-area" = "out of area")."""
    import re
    import unicodedata

    t = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFKD", text)).lower()
    return re.sub(r"[\W_]+", " ", t).strip()


def _searchable(case: dict) -> str:
    """What the explore text box searches: names, aliases, region, summary, measures, members."""
    parts = [case.get(k) for k in ("name", "short_name", "region", "summary")]
    parts += case.get("aliases") or []
    parts += [o.get("measure") for o in case.get("outcomes") or []]
    parts += [m["name"] if isinstance(m, dict) else m for m in case.get("members") or []]
    return " ".join(str(p) for p in parts if p)


def text_ids(cases: list[dict], query: str) -> set[str]:
    """Cases whose searchable text contains ``query`` (both folded)."""
    q = fold(query)
    return {c["id"] for c in cases if q in fold(_searchable(c))}


def visible_order(page) -> list[str]:
    return page.eval_on_selector_all(
        "#cb-table tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => r.querySelector('a').getAttribute('href')"
        ".replace(/\\/$/, '').split('/').pop())")
