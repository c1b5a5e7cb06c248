"""``casebook check-sources``: is every cited page still there?

Every source ``url`` of every case file is checked over the network (:mod:`.fetch`), each
address once however many cases cite it, hosts taken in turn so that no site is asked twice in
a row. Results are kept in a cache (:class:`SourceCache`, by default
``.cache/casebook/sources.json``) for :attr:`CheckOptions.max_age_days`, so a weekly run asks each
site once a week; answers that may be passing (a timeout, a server error) are never cached.

A page that is gone (404, 410), failing (5xx), silent (timeout), looping, redirected to a private
address, or moved for good (301, 308) gets one ``PATH:LINE:COL: warning:`` line at the source's
``url``, naming the new address of a moved page and suggesting ``archived_url`` for a dead one.
A site that refuses robots (401, 403, 429) is counted, not reported: a reader's browser may still
open it.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .fetch import CACHEABLE, Check, Fetcher, FetchOptions
from .loader import load_file
from .problems import Problem
from .validate import scan

DEFAULT_CACHE = Path(".cache") / "casebook" / "sources.json"
CACHE_VERSION = 1


@dataclass(frozen=True)
class CheckOptions:
    fetch: FetchOptions = field(default_factory=FetchOptions)
    cache_path: Path | None = DEFAULT_CACHE  # None: no cache
    max_age_days: float = 7.0


@dataclass(frozen=True)
class Cited:
    """One source address in one file, where it stands."""

    path: str
    line: int
    col: int
    number: int  # the source's 1-based number in the case
    url: str
    archived: bool  # the source already gives an archived_url


@dataclass
class Report:
    problems: list[Problem]
    checked: int  # distinct addresses
    from_cache: int
    refused_by_site: int
    files: int
    offline: bool = False  # no host at all could be resolved: nothing was really checked


class SourceCache:
    """Check results by address, each with the time it was made; stale entries are ignored."""

    def __init__(self, path: Path | None, max_age_days: float, now: _dt.datetime):
        self.path, self.now = path, now
        self.max_age = _dt.timedelta(days=max_age_days)
        self.entries: dict[str, dict] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
                    self.entries = {k: v for k, v in (data.get("entries") or {}).items() if isinstance(v, dict)}
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a cache: start again

    def get(self, url: str) -> Check | None:
        entry = self.entries.get(url)
        try:
            checked = _dt.datetime.fromisoformat(str(entry["checked"])) if entry else None
        except (KeyError, ValueError):
            return None
        if entry is None or checked is None or not (self.now - self.max_age <= checked <= self.now):
            return None
        try:
            return Check.from_json(url, entry)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, check: Check) -> None:
        if check.kind in CACHEABLE:
            self.entries[check.url] = {**check.to_json(), "checked": self.now.isoformat(timespec="seconds")}

    def save(self) -> str | None:
        """Write the cache (atomically); the reason when it could not be written."""
        if self.path is None:
            return None
        fresh = {k: v for k, v in sorted(self.entries.items()) if self.get(k) is not None}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".sources-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"version": CACHE_VERSION, "entries": fresh}, f, indent=1, ensure_ascii=False)
                f.write("\n")
            os.replace(tmp, self.path)
        except OSError as exc:
            return f"could not write the cache {self.path}: {exc.strerror or exc}"
        return None


def cited_sources(paths: list[str]) -> tuple[list[Cited], list[str], int]:
    """Every source address in the case files under ``paths``: ``(cited, missing paths, files)``.
    A file that does not load is skipped (``casebook validate`` reports it)."""
    files, missing, _ = scan(paths)
    out: list[Cited] = []
    for path in files:
        doc, _ = load_file(path)
        if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("sources"), list):
            continue
        data = doc.data
        for i, s in enumerate(data["sources"]):
            if isinstance(s, dict) and isinstance(s.get("url"), str) and s["url"].strip():
                line, col = doc.mark(("sources", i, "url"))
                out.append(Cited(doc.path, line, col, i + 1, s["url"].strip(), bool(s.get("archived_url"))))
    return out, missing, len(files)


def _in_turn(urls: list[str]) -> list[str]:
    """Addresses ordered so that hosts take turns (the per-host wait rarely has to sleep)."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    queues = [by_host[h] for h in sorted(by_host)]
    out: list[str] = []
    while any(queues):
        for q in queues:
            if q:
                out.append(q.pop(0))
    return out


def check_sources(paths: list[str], options: CheckOptions, fetcher: Fetcher | None = None,
                  now: Callable[[], _dt.datetime] = lambda: _dt.datetime.now(_dt.UTC)) -> tuple[Report, list[str]]:
    """Check every cited address; ``(report, notes)`` where notes are lines for standard error
    (missing paths, an unwritable cache)."""
    cited, missing, n_files = cited_sources(paths)
    notes = [f"no such file or folder: {m}" for m in missing]
    cache = SourceCache(options.cache_path, options.max_age_days, now())
    fetcher = fetcher or Fetcher(options.fetch)
    results: dict[str, Check] = {}
    from_cache = 0
    for url in _in_turn(sorted({c.url for c in cited})):
        hit = cache.get(url)
        if hit is not None:
            results[url], from_cache = hit, from_cache + 1
            continue
        results[url] = fetcher.check(url)
        cache.put(results[url])
    why = cache.save()
    if why:
        notes.append(why)
    refused = sum(1 for r in results.values() if r.kind == "refused-by-site")
    if _offline(results, from_cache):
        return Report([], len(results), from_cache, refused, n_files, offline=True), notes
    problems = [p for c in cited for p in [_problem(c, results[c.url], options.fetch)] if p is not None]
    return Report(problems, len(results), from_cache, refused, n_files), notes


def _offline(results: dict[str, Check], from_cache: int) -> bool:
    """True when no name of two or more hosts resolved: this computer is offline, and a warning
    for every source would be noise, not news."""
    hosts = {(urlsplit(url).hostname or "").lower() for url in results}
    return from_cache == 0 and len(hosts) >= 2 and all(r.kind == "unresolved" for r in results.values())


def _archive_hint(c: Cited) -> str:
    if c.archived:
        return "the source's archived_url stands in for it; if the page has moved, update 'url'"
    return (f"if the page has moved, update 'url'; else add 'archived_url:' with an archived copy "
            f"(look for one at https://web.archive.org/web/*/{c.url})")


def _problem(c: Cited, r: Check, fetch: FetchOptions) -> Problem | None:
    who = f"source {c.number}'s address {c.url}"
    after = f" (after redirects to {r.final_url})" if r.final_url and r.final_url != c.url else ""
    if r.kind == "ok" or r.kind == "refused-by-site":
        return None
    if r.kind == "moved":
        return Problem(c.path, c.line, c.col, f"{who} has moved permanently to {r.moved_to}", "warning",
                       f"update 'url' to {r.moved_to}")
    messages = {
        "gone": f"{who} is gone: HTTP {r.status}{after}",
        "server-error": f"{who} fails: HTTP {r.status} (a server error){after}",
        "timeout": f"{who} did not answer within {fetch.timeout:g} s{after}",
        "loop": f"{who} redirects in a loop: {r.detail}",
        "too-many-redirects": f"{who} redirects more than {fetch.max_redirects} times{after}",
        "unreachable": f"{who} could not be reached: {r.detail}{after}",
        "unresolved": f"{who} could not be reached: {r.detail}{after}",
    }
    if r.kind == "private-address":
        verb = "redirects" if len(r.chain) > 1 else "points"
        return Problem(c.path, c.line, c.col,
                       f"{who} {verb} to a private, loopback or link-local address, which was not followed: "
                       f"{r.detail}", "warning", "cite the page's public address")
    message = messages.get(r.kind, f"{who}: {r.kind}")
    return Problem(c.path, c.line, c.col, message, "warning", _archive_hint(c))
