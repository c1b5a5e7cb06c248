#!/usr/bin/env python3
"""Take screenshots of the site for the README: home, a case, a benefit page, /explore/ and the
/contribute/ form (editing a case),
at a desktop (1280×900) and a phone (390×844) size, in docs/screenshots/.

    .venv/bin/python scripts/screenshots.py               # build the site, then shoot
    .venv/bin/python scripts/screenshots.py --site site   # use a site already built
    .venv/bin/python scripts/screenshots.py --scheme dark # Material's dark (slate) palette

The site is served on 127.0.0.1 for the run; every request to another host is blocked, so the
pictures show exactly what the site ships. Needs Playwright and Chromium (Debian's
/usr/bin/chromium, or $CHROMIUM).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "home": "",
    "case": "cases/south-london-partnership/",
    "benefit": "benefits/specialised-services/",
    "explore": "explore/",
    "contribute": "contribute/?case=south-london-partnership",
}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]


def build(dest: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    return dest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def chromium() -> str | None:
    for c in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
              shutil.which("chromium-browser")):
        if c and Path(c).is_file():
            return c
    return None


def shoot(site: Path, out: Path, scheme: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=LAUNCH_ARGS)
            for size, (w, h) in SIZES.items():
                phone = size == "phone"
                ctx = browser.new_context(viewport={"width": w, "height": h},
                                          device_scale_factor=1, is_mobile=phone,
                                          has_touch=phone, color_scheme=scheme)
                ctx.route("**/*", lambda r: r.continue_()
                          if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
                page = ctx.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    if name == "explore":
                        page.wait_for_selector("#cb-filters:not([hidden])")
                    if name == "contribute":
                        page.wait_for_selector("#cb-contribute-problems > *")
                    # Images in view must have loaded (lazy ones further down never start).
                    page.wait_for_function(
                        "() => [...document.images].filter(i => i.getBoundingClientRect().top"
                        " < innerHeight).every(i => i.complete)")
                    suffix = "" if scheme == "light" else f"-{scheme}"
                    target = out / f"{name}-{size}{suffix}.png"
                    page.screenshot(path=str(target), full_page=False)
                    written.append(target)
                ctx.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build one now)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    ap.add_argument("--scheme", choices=("light", "dark"), default="light")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="casebook-shots-") as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp) / "site")
        if not (site / "index.html").is_file():
            ap.error(f"{site} is not a built site (no index.html)")
        for path in shoot(site, args.out, args.scheme):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
