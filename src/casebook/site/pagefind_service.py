"""Pagefind's indexing service (its Python API), started and stopped safely.

Both ways of writing the index (``casebook index`` and the build's background indexer) go
through :func:`pagefind_index`, for two reasons the Python API leaves to its caller:

* Pagefind's process must stop however indexing ends (done, failed, cancelled), and a clean
  exit of ``PagefindIndex``'s own context writes a bundle to ``./pagefind/`` as a side effect.
* Pagefind 1.5.2 (the newest release) acknowledges a write before its last files are flushed
  (Pagefind #1272, fixed upstream after 1.5.2): stopping the process at once can leave a file
  such as ``pagefind-component-ui.js`` half written, and two builds then differ. So after a
  write :meth:`Pagefind.write` waits until Pagefind's process holds no file of the bundle open
  (Linux ``/proc``; elsewhere a short pause).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator, Coroutine, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["Pagefind", "pagefind_index", "run"]

#: The longest wait for Pagefind to finish writing files it has acknowledged (seconds).
FLUSH_TIMEOUT = 60.0


class Pagefind:
    """One running Pagefind service and its index."""

    def __init__(self, service: Any, index: Any):
        self._service, self._index = service, index

    async def add_directory(self, folder: Path) -> None:
        await self._index.add_directory(str(folder))

    async def write(self, folder: Path) -> None:
        """Write the bundle to ``folder`` and return once every file is complete on disk."""
        await self._index.write_files(output_path=str(folder))
        pid = getattr(getattr(self._service, "_backend", None), "pid", None)
        await _until_closed(pid, folder)


def _holds_open(pid: int, folder: Path) -> bool | None:
    """Whether process ``pid`` has a file under ``folder`` open; None where /proc cannot tell."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        names = os.listdir(fds)
    except OSError:
        return None
    prefix = str(folder.resolve()) + os.sep
    for name in names:
        try:
            if os.readlink(fds / name).startswith(prefix):
                return True
        except OSError:  # closed while we looked
            continue
    return False


async def _until_closed(pid: int | None, folder: Path) -> None:
    if pid is None or _holds_open(pid, folder) is None:
        await asyncio.sleep(0.5)  # no /proc: give the last writes time to land
        return
    deadline = time.monotonic() + FLUSH_TIMEOUT
    while _holds_open(pid, folder) and time.monotonic() < deadline:
        await asyncio.sleep(0.01)


@asynccontextmanager
async def pagefind_index(exclude_selectors: Sequence[str]) -> AsyncIterator[Pagefind]:
    """A started Pagefind service with one empty index; its process is stopped on leaving,
    without writing anything (write with :meth:`Pagefind.write`)."""
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    service = PagefindService()
    try:
        await service.launch()
        index = await service.create_index(IndexConfig(exclude_selectors=list(exclude_selectors)))
        yield Pagefind(service, index)
    finally:
        if getattr(service, "_backend", None) is not None:  # launched
            await service.close()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coro)``, also from a thread whose event loop is running (a notebook, a
    host that embeds MkDocs, Playwright's sync API in tests): then on a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="casebook-pagefind")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
