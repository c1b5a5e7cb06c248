"""Pages at scale, as a reader meets them in Chromium on a first visit (nothing cached): bytes
transferred and the load event of each page kind, and how long a filter change on /explore/ and
/outcomes/ takes to show its result (the first change, which fetches the listing's data, and a
second one). Issue 19's targets: each page kind transfers at most 100 KB more at 10,000 cases than
at 34; /explore/ and /outcomes/ load in at most 1 s; a filter change shows in at most 100 ms."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from .common import CHROMIUM, PY, free_port, say

#: Runs in the page: tick a checkbox (or type in a box), wait until the count line changes and
#: two animation frames have passed (layout and paint done); return the milliseconds taken.
_CHANGE_MS = """async ([sel, value, count]) => {
  const el = document.querySelector(sel);
  const out = document.getElementById(count);
  const before = out.textContent;
  const t0 = performance.now();
  if (el.type === 'checkbox') { el.checked = !el.checked; el.dispatchEvent(new Event('change', {bubbles: true})); }
  else { el.value = value; el.dispatchEvent(new Event('change', {bubbles: true})); }
  const deadline = t0 + 30000;
  while (out.textContent === before && performance.now() < deadline) await new Promise(r => setTimeout(r, 1));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [performance.now() - t0, out.textContent];
}"""


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


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind (site paths), chosen from the built site's own data."""
    cases = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    first = sorted(c["id"] for c in cases)[0]
    benefit_counts: dict[str, int] = {}
    for c in cases:
        for b in c["benefits"]:
            benefit_counts[b] = benefit_counts.get(b, 0) + 1
    benefit = max(sorted(benefit_counts), key=lambda b: benefit_counts[b])
    pair = ",".join(sorted(c["id"] for c in cases)[:2])
    return {"home": "", "case": f"cases/{first}/", "explore": "explore/", "explore page 2": "explore/page/2/",
            "outcomes": "outcomes/", "outcomes page 2": "outcomes/page/2/", "all cases": "cases/",
            "benefit": f"benefits/{benefit}/", "compare": f"compare/?cases={pair}"}


def _visit(browser, url: str) -> dict:
    """Bytes transferred (bodies and headers of every response) and the load event, first visit."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    sizes: list[int] = []
    index: list[int] = []  # Material's search index, fetched by its search worker on every page

    def done(req) -> None:
        try:
            s = req.sizes()
            sizes.append(s["responseBodySize"] + s["responseHeadersSize"])
            if req.url.endswith("search/search_index.json"):
                index.append(sizes[-1])
        except Exception:  # noqa: BLE001 - a request cancelled by navigation has no sizes
            pass

    page.on("requestfinished", done)
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_load_state("networkidle")
        load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        return {"bytes": sum(sizes), "requests": len(sizes), "load_ms": load, "search_index_bytes": sum(index)}
    finally:
        ctx.close()


def _filters(browser, url: str, count_id: str, box: str) -> dict:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_selector(f"#{count_id}")
        first, shown = page.evaluate(_CHANGE_MS, [box, "", count_id])
        second, _ = page.evaluate(_CHANGE_MS, [box, "", count_id])  # untick: back to every row
        third, _ = page.evaluate(_CHANGE_MS, [box, "", count_id])
        # As a reader does it, on a fresh page: the pointer goes down on the checkbox (the
        # listing starts fetching its data then) and the change follows a click's length later.
        page.reload(wait_until="load")
        page.wait_for_selector(f"#{count_id}")
        page.dispatch_event(box, "pointerdown")
        page.wait_for_timeout(100)
        clicked, _ = page.evaluate(_CHANGE_MS, [box, "", count_id])
        return {"first_ms": first, "second_ms": second, "third_ms": third, "clicked_ms": clicked, "count": shown}
    finally:
        ctx.close()


def bench_outcomes(n: int, site: Path, k: int) -> dict:
    """Every page kind's first-visit transfer and load event, and filter times (medians of ``k``)."""
    from playwright.sync_api import sync_playwright

    if not (site / "outcomes" / "index.html").exists():
        return {"error": "no /outcomes/ page"}
    kinds = page_kinds(site)
    out: dict = {"pages": {}, "filters": {}}
    server, url = _serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                for kind, path in kinds.items():
                    if not (site / path.split("?")[0] / "index.html").exists():
                        continue
                    runs = [_visit(browser, url + path) for _ in range(k)]
                    out["pages"][kind] = {"path": path, "runs": runs}
                    say(f"N={n}: {kind:16} /{path}: {runs[0]['bytes'] / 1024:,.0f} KB "
                        f"({(runs[0]['bytes'] - runs[0]['search_index_bytes']) / 1024:,.0f} KB without Material's "
                        f"search index) in {runs[0]['requests']} "
                        f"requests, load {sorted(r['load_ms'] for r in runs)[len(runs) // 2]:.0f} ms")
                for kind, path, count_id, box in (
                        ("explore", "explore/", "cb-count", '#cb-filters input[name="benefit"]'),
                        ("outcomes", "outcomes/", "cb-o-count", '#cb-o-filters input[name="benefit"]')):
                    runs = [_filters(browser, url + path, count_id, box) for _ in range(k)]
                    out["filters"][kind] = runs
                    say(f"N={n}: {kind} filter change: after a click (data fetched from pointer-down) "
                        f"{sorted(r['clicked_ms'] for r in runs)[len(runs) // 2]:.0f} ms; cold (fetches the data) "
                        f"{sorted(r['first_ms'] for r in runs)[len(runs) // 2]:.0f} ms, then "
                        f"{sorted(r['second_ms'] for r in runs)[len(runs) // 2]:.0f} ms and "
                        f"{sorted(r['third_ms'] for r in runs)[len(runs) // 2]:.0f} ms")
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return out
