"""The build's background search index (site/search_background.py) against ``casebook index``
(site/search_index.py) on the same pages: the same pages indexed, the same vocabulary, the
same answer to a query; pages fed in batches in a fixed order give the same bytes twice; a
failed build leaves no scratch folder behind."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from casebook.site.search_background import BackgroundIndex
from casebook.site.search_index import index_site

#: (path in the site, article content, the page's title) — a case, a guide without a heading,
#: a listing that is never indexed, and more cases than one batch holds.
PAGES = [
    ("index.html", "<p>Welcome to the casebook of provider collaboratives.</p>", "Home"),
    ("cases/alpha/index.html",
     '<h1>Alpha Alliance</h1><p data-pagefind-ignore><span data-pagefind-filter="kind">Case</span></p>'
     "<p>Shared pathology across three trusts.</p>", "Alpha Alliance"),
    ("cases/beta/index.html",
     '<h1>Beta Partnership</h1><p data-pagefind-ignore><span data-pagefind-filter="kind">Case</span></p>'
     "<p>Bank staff shared between hospitals.</p>", "Beta Partnership"),
    ("cases/gamma/index.html",
     '<h1>Gamma Collaborative</h1><p data-pagefind-ignore><span data-pagefind-filter="kind">Case</span></p>'
     "<p>Elective surgery hubs.</p>", "Gamma Collaborative"),
    ("explore/index.html", "<h1>Explore</h1><p>Every case in a table.</p>", "Explore"),
]


def built_site(root: Path) -> Path:
    """The same pages as a theme writes them (article inside the page) for ``index_site``."""
    for rel, article, title in PAGES:
        body = article if "<h1" in article else f"<h1>{title}</h1>{article}"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="en"><body><header>Site</header><article>{body}</article></body></html>',
                        encoding="utf-8")
    return root


def background(site: Path, batch: int = 2) -> tuple[object, Path]:
    index = BackgroundIndex(batch=batch)
    for rel, article, title in PAGES:
        index.add(rel, article, title, "en")
    index.all_added(site)
    return index.finish(site), site / "pagefind"


def entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_background_index_holds_what_casebook_index_holds(tmp_path):
    result, bundle = background(built_site(tmp_path / "a"))
    # Four pages: the listing (explore/) is never indexed; the guide gets its title as heading.
    assert result.pages == 4
    assert entry(bundle)["languages"]["en"]["page_count"] == 4
    words = json.loads((bundle / "casebook-words.json").read_text(encoding="utf-8"))
    assert words == ["Alliance", "Alpha", "Beta", "Collaborative", "Gamma", "Home", "Partnership"]
    reference = index_site(built_site(tmp_path / "b"))
    assert reference.pages == 4
    assert (tmp_path / "b/pagefind/casebook-words.json").read_bytes() == (bundle / "casebook-words.json").read_bytes()
    assert result.beside is not None and result.beside >= 0
    assert "search index: 4 pages in" in result.summary() and "beside the build" in result.summary()


def test_background_index_is_reproducible(tmp_path):
    _, first = background(built_site(tmp_path / "a"))
    _, second = background(built_site(tmp_path / "b"))
    files_a = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_closing_an_unfinished_index_leaves_nothing_behind(tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("casebook-search-*"))
    index = BackgroundIndex(batch=1)
    index.add("cases/alpha/index.html", PAGES[1][1], PAGES[1][2], "en")
    index.close()
    index.close()  # twice is harmless (on_build_error after a failed finish)
    assert set(Path(tempfile.gettempdir()).glob("casebook-search-*")) == before
    assert not (tmp_path / "pagefind").exists()
    assert not Path("pagefind").exists()  # no bundle written to the working folder on the way out
    procs = subprocess.run(["ps", "-eo", "ppid,comm"], capture_output=True, text=True).stdout
    assert not any(line.split()[0] == str(os.getpid()) and "pagefind" in line
                   for line in procs.splitlines()[1:] if line.split()), procs


@pytest.mark.parametrize("batch", [1, 200])
def test_batch_size_does_not_change_what_is_indexed(tmp_path, batch):
    result, bundle = background(built_site(tmp_path / "site"), batch=batch)
    assert result.pages == 4
    assert entry(bundle)["languages"]["en"]["page_count"] == 4
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == 4


def test_a_write_is_waited_for_until_pagefind_closes_its_files(tmp_path):
    """Pagefind 1.5.2 acknowledges a write before its last files are flushed (upstream #1272):
    the wait returns only once the writing process holds no file of the bundle open."""
    import sys
    import time

    from casebook.site.pagefind_service import _holds_open, _until_closed, run

    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    writer = subprocess.Popen([sys.executable, "-c",
                               "import sys, time\nf = open(sys.argv[1], 'w')\nprint('open', flush=True)\n"
                               "time.sleep(0.6)\nf.write('done')\nf.close()\ntime.sleep(5)",
                               str(bundle / "pagefind-component-ui.js")], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        assert _holds_open(writer.pid, bundle) is True
        assert _holds_open(writer.pid, tmp_path / "elsewhere") is False
        start = time.monotonic()
        run(_until_closed(writer.pid, bundle))
        waited = time.monotonic() - start
        assert (bundle / "pagefind-component-ui.js").read_text() == "done"
        assert 0.3 < waited < 4, waited  # waited for the close, not for the process to end
    finally:
        writer.kill()
        writer.wait()
