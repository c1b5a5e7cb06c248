"""`mkdocs serve` watches cases/: an invalid edit shows the error and the server keeps running."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _wait_for(predicate, timeout: float = 180.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def project(tmp_path):
    for name in ("mkdocs.yml", "content", "cases", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def test_serve_survives_an_invalid_edit(project):
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.Popen(
        [str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    # mkdocs serve mounts the site at the path of site_url (e.g. /casebook/), which mkdocs.yml
    # reads from CASEBOOK_SITE_URL (empty by default: the root).
    site_url = env.get("CASEBOOK_SITE_URL", "")
    base = f"http://127.0.0.1:{port}" + urlsplit(site_url).path.rstrip("/")
    case = project / "cases" / "wyaat.yaml"
    good = case.read_text(encoding="utf-8")
    try:
        _wait_for(lambda: _get(base + "/cases/wyaat/")[0] == 200, what="the first build")

        case.write_text(good.replace("\ncountry: GB\n", "\ncountry: UK\n"), encoding="utf-8")
        body = _wait_for(lambda: (lambda r: r[1] if "has errors" in r[1] else None)(_get(base + "/cases/wyaat/")),
                         what="the error page")
        assert "alpha-2" in body and "GB" in body
        assert proc.poll() is None, "the server stopped on an invalid case"

        case.write_text(good, encoding="utf-8")
        body = _wait_for(lambda: (lambda r: r[1] if r[0] == 200 and "has errors" not in r[1] else None)(
            _get(base + "/cases/wyaat/")), what="the fixed page")
        assert "West Yorkshire" in body
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "cases/wyaat.yaml:" in out and ": error: 'country'" in out
    assert "Traceback" not in out
