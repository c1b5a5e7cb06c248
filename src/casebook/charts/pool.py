"""Drawing many charts: a content-addressed cache and a process pool.

Each chart variant is a file ``<key>.svg`` in the cache folder, where the key hashes all the
drawing depends on, so unchanged charts are reused across builds. Missing ones are drawn in
forked worker processes (Linux, single-threaded host) or serially. A chart that fails to
draw raises :class:`ChartError` naming the chart and the case files behind it; the build
then fails as a whole (no partial site).
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import sys
import tempfile
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .spec import VARIANTS, ChartSpec


class ChartError(RuntimeError):
    """A chart could not be drawn; the message names the chart and its case files."""


def _write_atomic(path: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never half
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _draw_job(job: tuple) -> str:
    """Draw one variant: ``(kind, data, width, path, chart id, case files)``."""
    from .kinds import render

    kind, data, width, path, chart_id, sources = job
    try:
        payload = render(kind, data, width)
    except Exception as exc:  # noqa: BLE001 - any failure is reported with its case files
        where = ", ".join(sources) or "no case file"
        raise ChartError(f"chart {chart_id!r} ({where}) could not be drawn: {type(exc).__name__}: {exc}") from None
    _write_atomic(Path(path), payload)
    return path


def _pool_context():
    """The process-pool start method, or None to draw serially.

    Only ``fork`` is used: children inherit the imported modules (no re-import of
    matplotlib or of the host's ``__main__``, which ``spawn``/``forkserver`` would re-run).
    Forking a multi-threaded host (``mkdocs serve``) can deadlock on a lock another thread
    held, and macOS forbids fork-without-exec for some system libraries, so those draw serially;
    a warm ``serve`` rebuild draws only a few charts anyway.
    """
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return None
    return multiprocessing.get_context("fork")


_PRESTARTED: list = []


def _noop() -> None:
    return None


def prestart_pool(workers: int | None = None) -> bool:
    """Fork the drawing workers now, while the host process is still small.

    Workers forked after the corpus is loaded would share (and, as Python touches reference
    counts, copy) a heap of hundreds of MB each. Returns whether a pool was started."""
    workers = workers or os.cpu_count() or 1
    context = _pool_context() if workers > 1 else None
    if context is None or _PRESTARTED:
        return False
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    for _ in range(workers):
        pool.submit(_noop)
    _PRESTARTED.append(pool)
    return True


def discard_prestarted() -> None:
    """Stop prestarted workers that were not needed."""
    while _PRESTARTED:
        _PRESTARTED.pop().shutdown(wait=False)


class Drawing:
    """Charts being drawn, possibly in the background; :meth:`wait` finishes the job."""

    def __init__(self, paths: dict[str, Path], jobs: list, pool=None, futures=()):
        self.paths = paths
        self.jobs = jobs
        self._pool = pool
        self._futures = list(futures)

    @property
    def count(self) -> int:
        """How many charts this build draws (the rest come from the cache)."""
        return len(self.jobs)

    def wait(self) -> int:
        """Block until every chart is on disk; returns how many were drawn."""
        if self._pool is not None:
            try:
                for future in self._futures:
                    future.result()
            except BrokenProcessPool:
                for job in self.jobs:  # a worker died: finish serially
                    if not Path(job[3]).exists():
                        _draw_job(job)
            finally:
                self._pool.shutdown()
                self._pool = None
        return len(self.jobs)


def start_drawing(specs: Iterable[ChartSpec], cache_dir: Path, workers: int | None = None,
                  background: bool = False) -> Drawing:
    """Work out which charts are missing from ``cache_dir`` and start drawing them.

    With ``background`` (and a usable process pool) the drawing runs in worker processes while
    the caller goes on, so a site engine can render pages at the same time; otherwise the
    charts are drawn before this returns."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths, jobs = plan_jobs(specs, cache_dir)
    if not jobs:
        discard_prestarted()
        return Drawing(paths, jobs)
    if _PRESTARTED:
        pool = _PRESTARTED.pop()
        size = max(1, len(jobs) // ((os.cpu_count() or 1) * 4))
        futures = [pool.submit(_draw_jobs, jobs[i:i + size]) for i in range(0, len(jobs), size)]
        drawing = Drawing(paths, jobs, pool, futures)
        if not background:
            drawing.wait()
        return drawing
    if workers is None:
        workers = os.cpu_count() or 1
    workers = min(workers, math.ceil(len(jobs) / 4))
    context = _pool_context() if (len(jobs) > 8 or background) and workers > 1 else None
    if context is not None:
        try:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            size = max(1, len(jobs) // (workers * 4))
            # Frozen objects are not scanned by the children's garbage collector, so the
            # workers do not copy the parent's (large) heap page by page after the fork.
            gc.freeze()
            try:
                futures = [pool.submit(_draw_jobs, jobs[i:i + size]) for i in range(0, len(jobs), size)]
            finally:
                gc.unfreeze()
            drawing = Drawing(paths, jobs, pool, futures)
            if not background:
                drawing.wait()
            return drawing
        except (OSError, NotImplementedError, ImportError, BrokenProcessPool) as exc:  # e.g. no /dev/shm
            import logging

            logging.getLogger(__name__).warning("charts: drawing serially (process pool unavailable: %s)", exc)
    for job in jobs:
        if not Path(job[3]).exists():
            _draw_job(job)
    return Drawing(paths, jobs)


def _draw_jobs(jobs: list) -> int:
    for job in jobs:
        _draw_job(job)
    return len(jobs)


def draw_all(specs: Iterable[ChartSpec], cache_dir: Path, workers: int | None = None) -> tuple[dict[str, Path], int]:
    """Make sure every spec's variants have an SVG in ``cache_dir``; draw only the missing
    ones. Returns ``({"<id>" / "<id>-narrow": path}, number_drawn)``."""
    drawing = start_drawing(specs, cache_dir, workers)
    return drawing.paths, drawing.wait()


def plan_jobs(specs: Iterable[ChartSpec], cache_dir: Path) -> tuple[dict[str, Path], list]:
    """Site name (``<id>``, ``<id>-narrow``) → cache file of every variant, and the jobs that
    draw the missing files (each cache file once)."""
    paths: dict[str, Path] = {}
    todo: dict[str, tuple] = {}
    for spec in specs:
        for suffix, width in VARIANTS.items():
            key = spec.key(suffix)
            path = cache_dir / f"{key}.svg"
            paths[spec.id + suffix] = path
            if key not in todo and not path.exists():
                todo[key] = (spec.kind, {**spec.data, "kind": spec.kind}, width, str(path), spec.id, spec.sources)
    return paths, list(todo.values())
