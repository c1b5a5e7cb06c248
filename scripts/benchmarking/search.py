"""Search latency in headless Chromium, and cProfile of a build."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from .common import CHROMIUM, MKDOCS, PY, REPO, free_port, run, say

OBSERVER_JS = """
(() => {
  window.__cbFirstResult = null;
  window.__cbFirstKey = null;  // the reader's first touch of the page: pointer, focus or key
  const touched = () => { if (window.__cbFirstKey === null) window.__cbFirstKey = performance.now(); };
  for (const kind of ['pointerdown', 'focusin', 'keydown']) document.addEventListener(kind, touched, true);
  const seen = () => {
    if (window.__cbFirstResult === null && document.querySelector('.md-search-result__item')) {
      window.__cbFirstResult = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
})();
"""


def _query(work: Path, plain: bool) -> tuple[str | None, str | None]:
    """(query, case id): a case with a short_name, from the middle of the corpus."""
    cases = sorted(work.glob("cases/*.yaml"))
    order = cases[len(cases) // 2:] + cases[: len(cases) // 2]
    query = cid = None
    for path in order:
        m = re.search(r'^short_name:\s*"?([^"\n]+)"?\s*$', path.read_text(encoding="utf-8"), re.M)
        if m:
            query, cid = m.group(1).strip(), path.stem
            break
    if query is None:
        return None, None
    if plain:
        # make_corpus titles plain pages "Name (ACRONYM)"; Material's tokenizer (separator
        # [\s\-]+, no trimmer) keeps the parentheses, so the bare acronym never matches there.
        # Search the first distinctive word of the case's name instead: same index load cost.
        # The word of the case's id that fewest ids share (ties: the longest), so the case
        # is among the first results.
        freq: dict[str, int] = {}
        for other in cases:
            for w in set(other.stem.split("-")):
                freq[w] = freq.get(w, 0) + 1
        query = min((w for w in cid.split("-") if not w.isdigit()), key=lambda w: (freq.get(w, 0), -len(w)))
    return query, cid


def bench_search(n: int, site: Path, work: Path, k: int, prefix: str = "cases", plain: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    query, cid = _query(work, plain)
    if query is None:
        return {"error": "no case with a short_name"}
    port = free_port()
    server = subprocess.Popen([PY, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        times, found, first_href = [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--no-first-run"])
            try:
                home_kb, search_kb, typed, first_b = [], [], [], []
                for i in range(k):
                    t, hrefs, home, fetched = _search_once(browser, url, query, n, site, typed, first_b)
                    home_kb.append(home / 1024)
                    search_kb.append(fetched / 1024)
                    if t is None:
                        times.append(None)
                        found.append(False)
                        first_href.append(None)
                        continue
                    times.append(t / 1000)
                    needle = f"{prefix}/{cid}/" if prefix else f"{cid}/"
                    found.append(any(needle in (h or "") for h in hrefs))
                    first_href.append(hrefs[0] if hrefs else None)
                    say(f"N={n}: search '{query}' first results {t:.0f} ms after navigation, "
                        f"{typed[-1]:.0f} ms after the reader first touched the box, {first_b[-1] / 1024:,.0f} KB fetched by then "
                        f"(run {i + 1}/{k}); "
                        f"home page {home / 1024:,.0f} KB, the search fetched {fetched / 1024:,.0f} KB; "
                        f"case among results: {found[-1]}")
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return {"query": query, "case": cid, "seconds": times, "case_in_results": found, "first_href": first_href,
            "home_kb": home_kb, "search_kb": search_kb, "typed_ms": typed,
            "first_result_kb": [b / 1024 for b in first_b]}


def _search_once(browser, url: str, query: str, n: int, site: Path,
                 typed: list, before_first: list) -> tuple[float | None, list, int, int]:
    """(ms from navigation to the first result, result hrefs, bytes the page view transferred
    before the reader typed, bytes fetched from typing until the results settled) in a fresh
    context: a first-time visitor. Appends to ``typed`` the ms from the reader's first touch of
    the search box (click, focus or key: the search script starts loading Pagefind on focus) to
    the first result, and to ``before_first`` the bytes fetched in that time: the page is left to
    settle (network idle) before the click, so the time from navigation includes that pause."""
    ctx = browser.new_context()
    page = ctx.new_page()
    received: list[int] = []
    timed: list[tuple[float, float, int]] = []  # (start, end) in ms since the epoch, bytes

    def finished(req) -> None:
        received.append(_bytes(req))
        tm = req.timing
        timed.append((tm["startTime"], tm["startTime"] + max(tm.get("responseEnd", 0), 0), received[-1]))

    page.on("requestfinished", finished)
    page.add_init_script(OBSERVER_JS)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    home = sum(received)
    received.clear()
    box = page.locator("input.md-search__input")
    if box.is_visible():
        box.click()
    else:
        page.locator('label[for="__search"]').first.click()
    page.keyboard.type(query)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
        page.wait_for_function("window.__cbFirstResult !== null", timeout=10_000)
    except Exception:  # noqa: BLE001 - playwright TimeoutError
        meta = page.locator(".md-search-result__meta").inner_text()
        say(f"N={n}: search '{query}' on {site.name}: no results within 120 s ({meta!r})")
        ctx.close()
        return None, [], home, sum(received)
    page.wait_for_load_state("networkidle")
    t, key = page.evaluate("[window.__cbFirstResult, window.__cbFirstKey]")
    typed.append(None if key is None else t - key)
    # Bytes fetched from the first touch until the first result showed: requests (the page's and
    # Pagefind's worker's) that started after the touch and ended by then, by Chromium's timing.
    origin = page.evaluate("performance.timeOrigin")
    touch, shown = origin + (key if key is not None else 0), origin + t
    before_first.append(sum(b for start, end, b in timed if start >= touch - 1 and end <= shown + 1))
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    fetched = sum(received)
    ctx.close()
    return t, hrefs, home, fetched


def _bytes(req) -> int:
    """Bytes a request moved: response headers and body as sent (Chromium's own count)."""
    try:
        sizes = req.sizes()
    except Exception:  # noqa: BLE001 - a request without a response (aborted)
        return 0
    return int(sizes.get("responseBodySize", 0)) + int(sizes.get("responseHeadersSize", 0))


# ------------------------------------------------------------------------------------------
# profiling
# ------------------------------------------------------------------------------------------


def profile_build(n: int, work: Path, plugin_yml: Path, cold: bool, top: int = 45) -> str:
    import io
    import pstats

    if cold:
        shutil.rmtree(work / "chart-cache", ignore_errors=True)
    out = work / f"prof-{'cold' if cold else 'warm'}.out"
    say(f"N={n}: cProfile of the plugin build ({'cold' if cold else 'warm'})")
    r = run([PY, "-m", "cProfile", "-o", str(out), MKDOCS, "build", "-f", str(plugin_yml), "-d", str(work / "site")],
            cwd=work)
    buf = io.StringIO()
    st = pstats.Stats(str(out), stream=buf)
    st.sort_stats("cumulative").print_stats(top)
    st.sort_stats("tottime").print_stats(30)
    text = buf.getvalue().replace(str(REPO) + "/", "").replace(str(work) + "/", "")
    return f"# N={n}, {'cold' if cold else 'warm'} plugin build under cProfile: wall {r['wall']:.2f}s\n\n{text}"


# ------------------------------------------------------------------------------------------
# results
# ------------------------------------------------------------------------------------------
