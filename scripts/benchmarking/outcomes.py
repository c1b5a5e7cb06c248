"""The /outcomes/ page at scale: its size, and in Chromium the time until the filters are ready
and the time one filter change (a benefit, the text box, clearing, sorting) takes (from the change event to the next painted frame)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from .common import CHROMIUM, PY, free_port, say

#: Runs in the page: change a select (or the text box), wait two animation frames (layout and
#: paint done), return the milliseconds taken and the count line shown.
_FILTER_MS = """async ([id, value]) => {
  const el = document.getElementById(id);
  const t0 = performance.now();
  el.value = value;
  el.dispatchEvent(new Event('change', {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [performance.now() - t0, document.getElementById('cb-o-count').textContent];
}"""

_READY_MS = """() => new Promise(r => {
  const done = () => r(performance.now());
  const form = document.getElementById('cb-o-filters');
  if (!form.hidden) return done();
  new MutationObserver((_, o) => { if (!form.hidden) { o.disconnect(); done(); } })
    .observe(form, {attributes: true});
})"""


def _serve(site: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([PY, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}/"


def _one_run(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url + "outcomes/", wait_until="load", timeout=120_000)
        ready = page.evaluate(_READY_MS)
        options = page.eval_on_selector_all("#cb-o-benefit option", "o => o.map(x => x.value).filter(Boolean)")
        indicator_ms, shown = page.evaluate(_FILTER_MS, ["cb-o-benefit", options[0]])
        text_ms, _ = page.evaluate(_FILTER_MS, ["cb-o-q", "care"])
        clear_ms, _ = page.evaluate(_FILTER_MS, ["cb-o-benefit", ""])
        sort_ms, _ = page.evaluate(_FILTER_MS, ["cb-o-sort", "fall"])
        return {"ready_ms": ready, "filter_ms": indicator_ms, "text_ms": text_ms, "clear_ms": clear_ms,
                "sort_ms": sort_ms, "count_after_filter": shown}
    finally:
        page.close()


def bench_outcomes(n: int, site: Path, k: int) -> dict:
    """Size of /outcomes/ and its filter times (medians of ``k`` fresh page loads)."""
    from playwright.sync_api import sync_playwright

    html = site / "outcomes" / "index.html"
    if not html.exists():
        return {"error": "no /outcomes/ page"}
    text = html.read_text(encoding="utf-8")
    out = {"html_bytes": html.stat().st_size, "rows": text.count('<tr id="o-'), "runs": []}
    server, url = _serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                for i in range(k):
                    run = _one_run(browser, url)
                    out["runs"].append(run)
                    say(f"N={n}: /outcomes/ ({out['rows']:,} rows, {out['html_bytes'] / 2**20:.1f} MiB) ready after "
                        f"{run['ready_ms']:.0f} ms; benefit filter {run['filter_ms']:.0f} ms, text "
                        f"{run['text_ms']:.0f} ms, clear {run['clear_ms']:.0f} ms, sort {run['sort_ms']:.0f} ms "
                        f"(run {i + 1}/{k})")
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return out
