#!/usr/bin/env python3
"""Benchmark Casebook on synthetic corpora of N cases and write ``bench/results.{json,md}``.

    .venv/bin/python scripts/benchmark.py --sizes 100,1000 --repeat 3
    .venv/bin/python scripts/benchmark.py --sizes 10000 --repeat-large 1
    .venv/bin/python scripts/benchmark.py --sizes 1000 --profile-only   # cProfile the build

For every N it generates a corpus with ``scripts/make_corpus.py`` (YAML cases plus the same
text as plain Markdown) and measures, on this machine, with medians of repeated runs and every
ratio taken between runs of the *same* invocation (interleaved, so drift hits both sides):

* ``casebook validate -q`` wall time against the floor of parsing the same files with bare
  ``yaml.load(..., Loader=yaml.CSafeLoader)``. **Both run as subprocesses of the same
  interpreter** (``.venv/bin/python``), so interpreter start-up counts on both sides; the bare
  start-up time (``python -c pass``) is reported for reference.
* A full ``mkdocs build`` with the plugin, cold (empty chart cache) and warm (cache filled),
  against two plain MkDocs Material builds without the plugin (same theme, overrides, Markdown
  extensions, search and tags plugins): the plugin's own generated pages written as files by
  ``scripts/dump_generated.py`` (like for like: same pages, same nav), and the per-case
  Markdown of ``make_corpus --markdown`` (title, summary, narrative; ``nav`` = index only).
  Builds are not ``--strict``; WARNING lines are counted (links from hand-written pages to the
  repository's real cases, absent from a synthetic corpus, are counted apart), and a non-zero
  count means ``--strict`` would fail.
* Peak memory of the builds: ``Maximum resident set size`` from ``/usr/bin/time -v`` (the
  largest single process), plus RSS and PSS summed over the process tree (main process and
  forked chart workers) sampled every 0.1 s; PSS does not count copy-on-write pages twice.
* Output sizes: median case page HTML, total site size, search index / N (the plugin site's
  ``pagefind/`` folder; the plain baselines' ``search/search_index.json``, Material's search).
* Indexing time: the plugin's "search index: N pages in S s" line, and its share of the build.
* Charts drawn on a warm rebuild (parsed from the plugin's INFO line), and after changing one
  outcome value in one case: the charts whose spec changed are computed independently (spec
  keys before/after, in a helper process) and the rebuild must draw no more than those, and
  they must be that case's own chart plus site-wide/term charts (no other case's chart).
* In Chromium (Playwright, headless, fresh context per run): time from navigation start to the
  first ``.md-search-result__item`` after typing a case's ``short_name`` into the search box,
  on the built site served by ``python -m http.server``. Measured in the page with
  ``performance.now()`` recorded by a MutationObserver, i.e. from navigation start. Also the
  bytes the home-page view transferred before typing, and the bytes fetched from typing until
  the results settled (Chromium's own per-request sizes).

Results are merged into ``bench/results.json`` by N (so small and large sizes can be run in
separate invocations) and ``bench/results.md`` is regenerated from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from benchmarking.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(description=__doc__.split("\n\n")[0]))
