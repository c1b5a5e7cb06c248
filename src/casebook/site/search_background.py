"""The build's search index, fed page by page while MkDocs reads the pages.

:func:`~casebook.site.search_index.index_site` reads a finished site; it serves ``casebook
index`` for other engines. Inside a build that would leave the second core idle while MkDocs
works and then make the build wait for Pagefind: at 1,000 cases the index took about a fifth
of a warm build. Here each page's finished article content (MkDocs' ``on_page_content``) is
cut to the same lean copy (:func:`lean_article`) and written to a scratch folder; every
:data:`BATCH` pages the folder so far is handed to Pagefind, whose service is a separate
process, so it parses while Python converts Markdown. Once every page is in (``on_env``),
Pagefind writes the bundle while MkDocs renders the pages' templates; the end of the build
only makes it reproducible and writes the vocabulary.

Batches are added one after another, in the order MkDocs reads pages (which is fixed), so
the index is the same from build to build. Pagefind's Python service answers at most one
request per 0.1 s, hence batches rather than one request per page.
"""

from __future__ import annotations

import asyncio
import atexit
import html
import shutil
import tempfile
import threading
import time
from pathlib import Path

from .pagefind_service import pagefind_index
from .search_index import (
    EXCLUDE,
    INDEX_DIR,
    IndexResult,
    SearchIndexError,
    finish_bundle,
    lean_article,
    page_words,
    skipped,
)

__all__ = ["BackgroundIndex", "BATCH"]

#: Pages per request to Pagefind's service.
BATCH = 200


class BackgroundIndex:
    """One build's search index. ``add`` each written page, then ``finish`` (or ``close`` when
    the build fails). Pagefind runs in its own event loop on a daemon thread."""

    def __init__(self, batch: int = BATCH):
        self.batch = batch
        self.words: set[str] = set()
        self.pages = 0
        self._scratch: Path | None = None
        self._folder: Path | None = None
        self._in_folder = 0
        self._folders = 0
        self._written = False  # all_added has asked Pagefind for the bundle
        self._first: float | None = None  # when the first page came
        self._bundled: float | None = None  # when Pagefind had written the bundle
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._queue: asyncio.Queue[Path | None] = asyncio.Queue()
        self._task: asyncio.Task | None = None

    def _start(self) -> None:
        """Start Pagefind on the first page (not before: a build that fails, or a host that only
        asks for the files, never starts it). A process that exits without finish or close
        still stops it (atexit)."""
        if self._loop is not None:
            return
        self._scratch = Path(tempfile.mkdtemp(prefix="casebook-search-"))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="casebook-search", daemon=True)
        self._thread.start()
        # The consumer is a task of the loop, so that close() can end it and wait for its
        # clean-up (stopping Pagefind's process) from this thread.
        self._task = asyncio.run_coroutine_threadsafe(self._spawn(), self._loop).result()
        atexit.register(self.close)

    async def _spawn(self) -> asyncio.Task:
        return asyncio.ensure_future(self._consume())

    async def _consume(self) -> None:
        """Start Pagefind and add each batch folder as it comes, in order. A folder outside the
        scratch folder is where the bundle goes, and ends the stream, as None (close) does.
        Pagefind's process is stopped however this ends (done, failed or cancelled)."""
        async with pagefind_index(EXCLUDE) as index:
            while True:
                folder = await self._queue.get()
                if folder is None:  # close(): stop without writing
                    return
                if folder.parent != self._scratch:  # the bundle's folder: every page is in
                    await index.write(folder)
                    self._bundled = time.perf_counter()
                    return
                await index.add_directory(folder)

    async def _wait(self) -> None:
        assert self._task is not None
        await self._task

    def add(self, rel: str, article_html: str, title: str, lang: str) -> None:
        """A page's finished article content (``rel``: its path in the site,
        ``cases/x/index.html``; ``title``: the heading the theme adds when the content has none)."""
        if skipped(rel):
            return
        if "<h1" not in article_html:  # as Material does: the page's title becomes its heading
            article_html = f"<h1>{html.escape(title)}</h1>{article_html}"
        doc, title = lean_article(article_html, lang)
        self._start()
        assert self._scratch is not None
        if self._first is None:
            self._first = time.perf_counter()
        if self._folder is None:
            self._folder = self._scratch / f"batch-{self._folders:05d}"
            self._folders += 1
        target = self._folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc, encoding="utf-8")
        self.words |= page_words(doc, title)
        self.pages += 1
        self._in_folder += 1
        if self._in_folder >= self.batch:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._folder is not None:
            self._put(self._folder)
        self._folder, self._in_folder = None, 0

    def all_added(self, site_dir: Path | str) -> None:
        """Every page is in: Pagefind writes ``SITE_DIR/pagefind/`` while MkDocs goes on to
        render the pages' templates (nothing else writes there)."""
        self._written = True
        out = Path(site_dir) / INDEX_DIR
        if out.exists():
            shutil.rmtree(out)
        self._start()
        self._hand_over()
        self._put(out)

    def _put(self, folder: Path) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._queue.put_nowait, folder)

    def finish(self, site_dir: Path | str) -> IndexResult:
        """Wait for Pagefind's bundle, make it reproducible, write the vocabulary. The result's
        seconds are the time the build waited here, not the time Pagefind ran beside it."""
        waited = time.perf_counter()
        site = Path(site_dir)
        if not self._written:
            self.all_added(site)
        assert self._loop is not None
        try:
            asyncio.run_coroutine_threadsafe(self._wait(), self._loop).result()
        except Exception as exc:  # the Pagefind service: a missing binary, a crash
            raise SearchIndexError(f"{site}: Pagefind could not write the search index: {exc}") from None
        finally:
            self.close()
        words = finish_bundle(site, site / INDEX_DIR, self.words)
        beside = (self._bundled or waited) - (self._first or waited)
        return IndexResult(self.pages, words, time.perf_counter() - waited, beside)

    def close(self) -> None:
        """Stop Pagefind and the thread, remove the scratch folder (safe to call twice)."""
        if self._loop is None or self._thread is None:
            return
        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(self._cancel(), self._loop).result(90)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(30)
            self._loop.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        atexit.unregister(self.close)

    async def _cancel(self) -> None:
        """End the consumer at its next request (not mid-launch, which could orphan Pagefind's
        process); cancel it only if that takes more than a minute."""
        assert self._task is not None
        self._queue.put_nowait(None)
        try:
            await asyncio.wait_for(asyncio.shield(self._task), 60)
        except TimeoutError:
            self._task.cancel()
        except BaseException:  # noqa: BLE001 - already failed: stopping is all that is left
            pass
