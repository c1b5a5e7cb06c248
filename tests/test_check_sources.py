"""`casebook check-sources`: every answer a cited page can give, tested only against a local HTTP
server on 127.0.0.1 (reached with the test-only --allow-loopback). No test connects anywhere
else: the refusal of private addresses is tested on the address check itself, and a redirect to
a private address is refused before any connection (a guard fails the test if one is tried)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from casebook.records.addresses import ip_problem, resolve_public, url_problem
from casebook.records.fetch import Fetcher, FetchOptions
from casebook.records.sourcecheck import CheckOptions, check_sources

ROOT = Path(__file__).resolve().parents[1]


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _redirect(self, status: int, to: str) -> None:
        self.send_response(status)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/moved": (301, "/ok"), "/moved-twice": (308, "/moved"), "/temp": (302, "/ok"),
            "/loop-a": (301, "/loop-b"), "/loop-b": (302, "/loop-a"),
            "/to-private": (301, "http://10.1.2.3/secret"), "/to-metadata": (302, "http://169.254.169.254/latest"),
            "/moved-to-gone": (301, "/gone"),
        }
        if self.path in routes:
            return self._redirect(*routes[self.path])
        if self.path in ("/gone", "/gone-410", "/broken", "/forbidden"):
            status = {"/gone": 404, "/gone-410": 410, "/broken": 503, "/forbidden": 403}[self.path]
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if self.path == "/slow":
            time.sleep(2.0)
        self.send_response(200)
        if self.path == "/endless":  # a body that never ends
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"x" * 65536)
            except OSError:
                return None
        body = b"<html><title>ok</title></html>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass
        return None


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """Any connection to an address other than 127.0.0.1 fails the test."""
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert ipaddress.ip_address(address[0]).is_loopback, f"tried to connect to {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


def options(**kw) -> FetchOptions:
    return FetchOptions(**{"timeout": 0.5, "per_host_interval": 0.0, "allow_loopback": True, **kw})


def test_ok(server):
    r = Fetcher(options()).check(server + "/ok")
    assert (r.kind, r.status, r.final_url, r.moved_to) == ("ok", 200, server + "/ok", None)


def test_permanent_redirect_names_the_new_address(server):
    r = Fetcher(options()).check(server + "/moved")
    assert (r.kind, r.status, r.moved_to, r.final_url) == ("moved", 200, server + "/ok", server + "/ok")
    r = Fetcher(options()).check(server + "/moved-twice")
    assert (r.kind, r.moved_to) == ("moved", server + "/ok")
    assert r.chain == (server + "/moved-twice", server + "/moved", server + "/ok")


def test_temporary_redirect_is_not_a_move(server):
    r = Fetcher(options()).check(server + "/temp")
    assert (r.kind, r.status, r.final_url, r.moved_to) == ("ok", 200, server + "/ok", None)


@pytest.mark.parametrize("path, status", [("/gone", 404), ("/gone-410", 410)])
def test_gone(server, path, status):
    r = Fetcher(options()).check(server + path)
    assert (r.kind, r.status) == ("gone", status)


def test_server_error_and_refusal_by_the_site(server):
    assert Fetcher(options()).check(server + "/broken").kind == "server-error"
    assert Fetcher(options()).check(server + "/forbidden").kind == "refused-by-site"


def test_timeout(server):
    # The server answers 200 after 2 s: "timeout" means the check gave up first.
    r = Fetcher(options(timeout=0.3)).check(server + "/slow")
    assert r.kind == "timeout" and "0.3 s" in r.detail


def test_redirect_loop(server):
    r = Fetcher(options()).check(server + "/loop-a")
    assert r.kind == "loop"
    assert r.detail == f"{server}/loop-a → {server}/loop-b → {server}/loop-a"


def test_endless_body_is_read_only_up_to_the_cap(server):
    r = Fetcher(options(max_body=100_000, timeout=2.0)).check(server + "/endless")
    assert (r.kind, r.status) == ("ok", 200)


@pytest.mark.parametrize("path, target", [("/to-private", "http://10.1.2.3/secret"),
                                          ("/to-metadata", "http://169.254.169.254/latest")])
def test_redirect_to_a_private_address_is_refused_not_followed(server, path, target):
    r = Fetcher(options()).check(server + path)
    assert r.kind == "private-address" and target in r.detail
    assert Handler.hits.get("/secret") is None


def test_honest_user_agent(server):
    Fetcher(options()).check(server + "/ok")
    assert Handler.agents[-1].startswith("casebook-check-sources/")


def test_loopback_is_refused_without_the_test_option(server):
    r = Fetcher(options(allow_loopback=False)).check(server + "/ok")
    assert r.kind == "private-address"


def test_requests_to_one_host_are_spaced():
    clock = {"t": 100.0}
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(round(s, 6))
        clock["t"] += s

    f = Fetcher(FetchOptions(per_host_interval=1.5), clock=lambda: clock["t"], sleep=sleep)
    f._wait_for("example.org")
    clock["t"] += 0.5
    f._wait_for("example.org")  # 0.5 s after the first: waits 1.0 s more
    f._wait_for("other.example")  # another host: no wait
    assert slept == [1.0]


# -- the address check itself (no connection) ----------------------------------------------------


@pytest.mark.parametrize("address", ["10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "169.254.169.254",
                                     "::1", "fe80::1", "fd00::1", "0.0.0.0", "100.64.0.1"])
def test_private_loopback_and_link_local_addresses_are_refused(address):
    assert ip_problem(ipaddress.ip_address(address)) is not None


def test_only_loopback_is_allowed_by_the_test_option():
    assert ip_problem(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert ip_problem(ipaddress.ip_address("10.0.0.1"), allow_loopback=True) is not None
    assert ip_problem(ipaddress.ip_address("93.184.215.14")) is None
    assert url_problem("http://127.0.0.1:8000/x") is not None
    assert url_problem("http://127.0.0.1:8000/x", allow_loopback=True) is None
    assert url_problem("http://10.0.0.1/x", allow_loopback=True) is not None


def test_a_public_name_that_resolves_to_a_private_address_is_refused():
    def resolver(host, port, type=0):  # noqa: A002 (getaddrinfo's own name)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.9.8.7", port))]

    address, why = resolve_public("intranet.example.com", 443, resolver=resolver)
    assert address is None and "resolves to 10.9.8.7" in why


# -- the command: reports, cache, exit status -------------------------------------------------


def write_case(folder: Path, name: str, urls: list[str], archived: bool = False) -> Path:
    sources = "".join(f"  - title: Source {i}\n    publisher: P\n    url: {u}\n" for i, u in enumerate(urls, 1))
    if archived:
        sources += "    archived_url: https://web.archive.org/web/2024/x\n"
    path = folder / f"{name}.yaml"
    path.write_text(f"id: {name}\nname: N\nsources:\n{sources}", encoding="utf-8")
    return path


def test_report_lines_point_at_each_url(server, tmp_path):
    write_case(tmp_path, "a", [server + "/ok", server + "/gone", server + "/moved"])
    write_case(tmp_path, "b", [server + "/gone"], archived=True)
    opts = CheckOptions(options(), tmp_path / "cache.json", 7)
    report, notes = check_sources([str(tmp_path)], opts)
    assert notes == []
    lines = [p.format() for p in report.problems]
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    assert lines == [
        f"{a}:9:10: warning: source 2's address {server}/gone is gone: HTTP 404 (if the page has moved, update "
        f"'url'; else add 'archived_url:' with an archived copy (look for one at "
        f"https://web.archive.org/web/*/{server}/gone))",
        f"{a}:12:10: warning: source 3's address {server}/moved has moved permanently to {server}/ok "
        f"(update 'url' to {server}/ok)",
        f"{b}:6:10: warning: source 1's address {server}/gone is gone: HTTP 404 (the source's archived_url "
        "stands in for it; if the page has moved, update 'url')",
    ]
    assert (report.checked, report.from_cache, report.files) == (3, 0, 2)


def test_cache_answers_until_it_expires(server, tmp_path):
    write_case(tmp_path, "a", [server + "/ok", server + "/slow"])
    cache = tmp_path / "cache.json"
    opts = CheckOptions(options(timeout=0.3), cache, max_age_days=7)
    day1 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    before = Handler.hits.get("/ok", 0)
    check_sources([str(tmp_path)], opts, now=lambda: day1)
    assert Handler.hits["/ok"] == before + 1
    entries = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert set(entries) == {server + "/ok"}, "a timeout is not cached"
    report, _ = check_sources([str(tmp_path)], opts, now=lambda: day1 + dt.timedelta(days=6))
    assert Handler.hits["/ok"] == before + 1 and report.from_cache == 1
    report, _ = check_sources([str(tmp_path)], opts, now=lambda: day1 + dt.timedelta(days=8))
    assert Handler.hits["/ok"] == before + 2 and report.from_cache == 0


def test_damaged_cache_is_ignored(server, tmp_path):
    write_case(tmp_path, "a", [server + "/ok"])
    cache = tmp_path / "cache.json"
    cache.write_text("{not json", encoding="utf-8")
    report, notes = check_sources([str(tmp_path)], CheckOptions(options(), cache, 7))
    assert report.problems == [] and notes == [] and report.checked == 1
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == 1


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", "check-sources", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_warns_and_exits_zero(server, tmp_path):
    path = write_case(tmp_path, "a", [server + "/gone-410", server + "/broken", server + "/loop-a"])
    proc = run_cli(str(path), "--allow-loopback", "--rate", "0", "--timeout", "1", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert len(out) == 3 and all(": warning: " in line for line in out)
    assert f"{server}/gone-410 is gone: HTTP 410" in out[0] and out[0].startswith(f"{path}:6:10:")
    assert "HTTP 503 (a server error)" in out[1]
    assert "redirects in a loop" in out[2]
    assert "3 address(es) in 1 file(s) checked" in proc.stderr


def test_cli_github_format_and_usage_errors(server, tmp_path):
    path = write_case(tmp_path, "a", [server + "/gone"])
    proc = run_cli(str(path), "--allow-loopback", "--rate", "0", "--no-cache", "--format", "github")
    assert proc.returncode == 0 and proc.stdout.startswith(f"::warning file={path},line=6,col=10::")
    assert run_cli(str(tmp_path / "nothing-here")).returncode == 2
    assert run_cli(str(path), "--timeout", "0").returncode == 2


def test_weekly_workflow_reports_without_failing_the_build():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "check-sources.yml").read_text(encoding="utf-8"))
    triggers = flow.get("on", flow.get(True))  # PyYAML reads the key 'on' as YAML 1.1's true
    assert set(triggers) == {"schedule", "workflow_dispatch"}, "never on push or pull request"
    minute, hour, dom, month, dow = triggers["schedule"][0]["cron"].split()
    assert dom == "*" and month == "*" and dow.isdigit(), "once a week"
    job = flow["jobs"]["check"]
    assert job["continue-on-error"] is True
    run = next(step["run"] for step in job["steps"] if "check-sources" in step.get("run", ""))
    assert "casebook check-sources --format github cases/" in run and "|| true" in run


def _no_dns(host, port, type=0):  # noqa: A002
    raise socket.gaierror(-2, "Name or service not known")


def test_an_unknown_host_is_reported_but_no_dns_at_all_means_offline(tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    write_case(one, "a", ["https://gone-domain.example.org/page"])
    fetcher = Fetcher(options(), resolver=_no_dns)
    report, _ = check_sources([str(one)], CheckOptions(options(), None, 7), fetcher=fetcher)
    (p,) = report.problems
    assert "could not be reached: its host 'gone-domain.example.org' could not be resolved" in p.message
    assert not report.offline
    two = tmp_path / "two"
    two.mkdir()
    write_case(two, "a", ["https://one.example.org/", "https://two.example.net/"])
    report, _ = check_sources([str(two)], CheckOptions(options(), None, 7), fetcher=fetcher)
    assert report.offline and report.problems == []
