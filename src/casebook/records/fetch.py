"""Checking one web address politely: status, redirects and final address.

Used by ``casebook check-sources``. Each request is a ``GET`` with an honest User-Agent, a
timeout, and a cap on how much of the body is read (a page that never ends cannot hold the check
up). Redirects are followed by hand, at most :attr:`FetchOptions.max_redirects`, with a loop
detected as soon as an address comes round again. Before every hop the address is checked as a
record's ``url`` is (:mod:`.addresses`), its host is resolved, and the connection goes to the
resolved address only if that address is public: a redirect to a private, loopback or link-local
address is refused, never followed. Requests to one host are spaced by
:attr:`FetchOptions.per_host_interval` seconds.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

from .addresses import resolve_public, url_problem

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
#: What a check can find; the first four are final answers worth caching.
KINDS = ("ok", "moved", "gone", "refused-by-site", "server-error", "timeout", "loop", "too-many-redirects",
         "private-address", "unresolved", "unreachable")
CACHEABLE = ("ok", "moved", "gone", "refused-by-site")


def user_agent() -> str:
    from .. import __version__

    return (f"casebook-check-sources/{__version__} (a weekly check that the sources a Casebook cites "
            "are still online; one request per page)")


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how long to check (options travel in this object, not in globals)."""

    timeout: float = 10.0  # seconds to connect, and to wait for each read
    max_body: int = 256 * 1024  # bytes of a page read at most
    max_redirects: int = 10
    per_host_interval: float = 1.0  # seconds between two requests to one host
    allow_loopback: bool = False  # for tests against a server on 127.0.0.1 only
    user_agent: str = field(default_factory=user_agent)


@dataclass(frozen=True)
class Check:
    """What one address led to. ``moved_to`` is where a permanent redirect (or a chain of them
    from the first request) ends; ``chain`` every address visited, the first included."""

    url: str
    kind: str
    status: int | None = None
    final_url: str = ""
    moved_to: str | None = None
    detail: str = ""
    chain: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"kind": self.kind, "status": self.status, "final_url": self.final_url,
                "moved_to": self.moved_to, "detail": self.detail, "chain": list(self.chain)}

    @classmethod
    def from_json(cls, url: str, data: dict) -> Check:
        return cls(url, str(data["kind"]), data.get("status"), str(data.get("final_url") or ""),
                   data.get("moved_to"), str(data.get("detail") or ""), tuple(data.get("chain") or ()))


class Fetcher:
    """Checks addresses one at a time, spacing requests to each host. ``clock``, ``sleep`` and
    ``resolver`` can be replaced (tests); nothing else is kept between checks."""

    def __init__(self, options: FetchOptions, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, resolver=socket.getaddrinfo):
        self.options = options
        self.clock, self.sleep, self.resolver = clock, sleep, resolver
        self._last: dict[str, float] = {}

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.options.per_host_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def check(self, url: str) -> Check:
        chain = [url]
        moved_to: str | None = None
        permanent_so_far = True
        current = url
        for _ in range(self.options.max_redirects + 1):
            result = self._hop(current)
            if isinstance(result, Check):
                return replace(result, url=url, chain=tuple(chain), moved_to=moved_to)
            status, location = result
            if status in REDIRECTS and location:
                nxt = urljoin(current, location.strip())
                permanent_so_far = permanent_so_far and status in PERMANENT
                if permanent_so_far:
                    moved_to = nxt
                if nxt in chain:
                    return Check(url, "loop", status, nxt, moved_to, " → ".join(chain + [nxt]), tuple(chain))
                chain.append(nxt)
                current = nxt
                continue
            return Check(url, _kind(status, moved_to), status, current, moved_to, "", tuple(chain))
        return Check(url, "too-many-redirects", None, current, moved_to,
                     f"more than {self.options.max_redirects} redirects", tuple(chain))

    def _hop(self, url: str) -> tuple[int, str | None] | Check:
        """One request: ``(status, Location)``, or a :class:`Check` saying why it stopped."""
        why = url_problem(url, self.options.allow_loopback)
        if why:
            return Check(url, "private-address", detail=f"{url} ({why})", final_url=url)  # names the hop
        parts = urlsplit(url)
        https = parts.scheme.lower() == "https"
        port = parts.port or (443 if https else 80)
        host = parts.hostname or ""
        address, why = resolve_public(host, port, self.options.allow_loopback, self.resolver)
        if address is None:
            if "could not be resolved" in str(why) or "no address" in str(why):
                return Check(url, "unresolved", detail=str(why), final_url=url)
            return Check(url, "private-address", detail=f"{url} ({why})", final_url=url)
        self._wait_for(host.lower())
        try:
            return self._request(parts, host, port, address, https)
        except TimeoutError:
            return Check(url, "timeout", detail=f"no answer within {self.options.timeout:g} s", final_url=url)
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            return Check(url, "unreachable", detail=_error_text(exc), final_url=url)

    def _request(self, parts, host: str, port: int, address: str, https: bool) -> tuple[int, str | None]:
        opts = self.options
        conn: http.client.HTTPConnection
        if https:
            conn = http.client.HTTPSConnection(host, port, timeout=opts.timeout, context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(host, port, timeout=opts.timeout)

        def pinned(_address, timeout=None, source_address=None):
            # Connect to the address checked above, never to a second resolution of the name.
            return socket.create_connection((address, port), timeout, source_address)

        conn._create_connection = pinned  # type: ignore[attr-defined]
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            conn.request("GET", path, headers={"User-Agent": opts.user_agent, "Accept": "text/html,*/*;q=0.5",
                                               "Accept-Encoding": "identity", "Connection": "close"})
            response = conn.getresponse()
            location = response.getheader("Location")
            if response.status not in REDIRECTS:
                self._read_some(response)
            return response.status, location
        finally:
            conn.close()

    def _read_some(self, response) -> None:
        """Read at most ``max_body`` bytes, and for at most ``timeout`` seconds in all."""
        deadline = self.clock() + self.options.timeout
        left = self.options.max_body
        try:
            while left > 0 and self.clock() < deadline:
                chunk = response.read1(min(16384, left))
                if not chunk:
                    break
                left -= len(chunk)
        except (OSError, http.client.HTTPException):
            pass  # the status has arrived; a body that stalls or breaks off changes nothing


def _kind(status: int, moved_to: str | None) -> str:
    if 200 <= status < 300:
        return "moved" if moved_to else "ok"
    if status in (404, 410):
        return "gone"
    if status >= 500:
        return "server-error"
    return "refused-by-site"  # 401, 403, 429 and the like: the site would not answer a robot


def _error_text(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return " ".join(text.split())[:200]
