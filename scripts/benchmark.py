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
* Output sizes: median case page HTML, total site size, ``search/search_index.json`` / N.
* Charts drawn on a warm rebuild (parsed from the plugin's INFO line), and after changing one
  outcome value in one case: the charts whose spec changed are computed independently (spec
  keys before/after, in a helper process) and the rebuild must draw no more than those, and
  they must be that case's own chart plus site-wide/term charts (no other case's chart).
* In Chromium (Playwright, headless, fresh context per run): time from navigation start to the
  first ``.md-search-result__item`` after typing a case's ``short_name`` into the search box,
  on the built site served by ``python -m http.server``. Measured in the page with
  ``performance.now()`` recorded by a MutationObserver, i.e. from navigation start.

Results are merged into ``bench/results.json`` by N (so small and large sizes can be run in
separate invocations) and ``bench/results.md`` is regenerated from it.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = REPO / ".venv" / "bin"
PY = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
BIN = VENV_BIN if (VENV_BIN / "mkdocs").exists() else Path(sys.executable).parent
MKDOCS = str(BIN / "mkdocs")
CASEBOOK = str(BIN / "casebook")
TIME = "/usr/bin/time"
BENCH_DIR = REPO / "bench"
CHROMIUM = "/usr/bin/chromium"

DRAWN_RE = re.compile(r"casebook: (\d+) cases, (\d+) generated pages, (\d+) chart\(s\) drawn(?:, (\d+))?")
# Hand-written pages in content/ link to the repository's real cases, which a synthetic corpus
# does not have; those warnings say nothing about the plugin, so they are counted apart.
CORPUS_LINK_RE = re.compile(r"contains a link '[^']*cases/[^'/]+\.md', but the target .*not found")
MAXRSS_RE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
CPU_RE = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")

# Targets from the issue. Each maps to (N it applies to or None for every N, description).
TARGETS = {
    "validate_s": (10000, "< 5 s"),
    "validate_ratio": (10000, "≤ 2× CSafeLoader"),
    "build_cold_ratio": (1000, "≤ 1.5× plain"),
    "build_warm_ratio": (1000, "≤ 1.15× plain"),
    "build_cold_gen_ratio": (1000, "≤ 1.5× plain"),
    "build_warm_gen_ratio": (1000, "≤ 1.15× plain"),
    "build_peak_mb": (10000, "< 2 GB"),
    "case_html_kb": (10000, "within 10 % of N=100"),
    "warm_drawn": (None, "0 charts"),
    "edit_drawn": (None, "only own + affected site charts"),
}


# ------------------------------------------------------------------------------------------
# small helpers
# ------------------------------------------------------------------------------------------

T0 = time.perf_counter()


def say(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def env() -> dict:
    e = dict(os.environ)
    e["PATH"] = f"{BIN}{os.pathsep}{e.get('PATH', '')}"
    e.setdefault("PYTHONHASHSEED", "0")
    # Material 9.7+ prints an advisory about MkDocs 2.0 on every build; keep logs clean.
    e["NO_MKDOCS_2_WARNING"] = "1"
    e["DISABLE_MKDOCS_2_WARNING"] = "true"
    return e


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # ppid is the 2nd field after the ")" that closes the command name
        rest = stat[stat.rfind(b")") + 2:].split()
        kids.setdefault(int(rest[1]), []).append(int(name))
    return kids


_PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_mem(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over ``root`` and all its descendants. RSS counts pages
    shared copy-on-write by forked chart workers once per process; PSS splits them, so the
    PSS sum is the memory the whole build really occupies."""
    kids = _children_map()
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for ln in fh:
                    if ln.startswith("Rss:"):
                        rss += int(ln.split()[1]) * 1024
                    elif ln.startswith("Pss:"):
                        pss += int(ln.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            try:
                with open(f"/proc/{pid}/statm") as fh:
                    v = int(fh.read().split()[1]) * _PAGE
                    rss += v
                    pss += v
            except (OSError, IndexError, ValueError):
                pass
        stack.extend(kids.get(pid, ()))
    return rss, pss


def run(cmd: list[str], *, cwd=None, sample: bool = False, check: bool = True, timeit: bool = True) -> dict:
    """Run ``cmd`` under ``/usr/bin/time -v`` (when present); return wall time, output, max RSS
    (largest single process) and, with ``sample``, the peak RSS summed over the process tree."""
    fd, tfile = tempfile.mkstemp(prefix="bench-time-")
    os.close(fd)
    full = ([TIME, "-v", "-o", tfile] if Path(TIME).exists() else []) + cmd
    t = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    peak = peak_pss = 0
    if sample:
        import threading

        out_holder: list[str] = []
        reader = threading.Thread(target=lambda: out_holder.append(proc.stdout.read()), daemon=True)
        reader.start()
        while proc.poll() is None:
            rss, pss = tree_mem(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.1)
        reader.join()
        out = out_holder[0] if out_holder else ""
    else:
        out, _ = proc.communicate()
    wall = time.perf_counter() - t
    rc = proc.wait()
    maxrss = cpu = None
    try:
        tv = Path(tfile).read_text()
        m = MAXRSS_RE.search(tv)
        maxrss = int(m.group(1)) * 1024 if m else None
        cpu = sum(float(x) for x in CPU_RE.findall(tv)) or None  # user + sys, waited-for children included
    except OSError:
        pass
    finally:
        Path(tfile).unlink(missing_ok=True)
    if check and rc != 0:
        tail = "\n".join(out.splitlines()[-40:])
        raise SystemExit(f"benchmark: command failed ({rc}): {' '.join(cmd)}\n{tail}")
    return {"wall": wall, "cpu": cpu, "rc": rc, "out": out, "maxrss": maxrss, "tree_peak": peak or None,
            "tree_pss_peak": peak_pss or None}


def dir_size(path: Path) -> tuple[int, int]:
    total = n = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.stat(os.path.join(root, f)).st_size
            n += 1
    return total, n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------------------
# setup: corpus and the two MkDocs projects
# ------------------------------------------------------------------------------------------


def make_corpus(n: int, seed: int, work: Path) -> dict:
    cases, md = work / "cases", work / "plain-docs"
    stamp = work / ".corpus-stamp"
    want = f"{n} {seed} {(REPO / 'scripts' / 'make_corpus.py').stat().st_mtime_ns}"
    if stamp.exists() and stamp.read_text() == want and cases.is_dir():
        say(f"N={n}: corpus already generated in {cases}")
        return {"reused": True}
    for d in (cases, md):
        shutil.rmtree(d, ignore_errors=True)
    say(f"N={n}: generating corpus (seed {seed})")
    r = run([PY, str(REPO / "scripts" / "make_corpus.py"), "--count", str(n), "--seed", str(seed),
             "--out", str(cases), "--markdown", str(md)])
    got = len(list(cases.glob("*.yaml")))
    if got != n:
        raise SystemExit(f"benchmark: make_corpus wrote {got} case files, expected {n}")
    stamp.write_text(want)
    return {"reused": False, "seconds": round(r["wall"], 3)}


def _load_repo_config() -> dict:
    import yaml

    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def write_projects(work: Path) -> tuple[Path, Path]:
    """The plugin project and the plain baseline project; returns their config files."""
    import yaml

    cfg = _load_repo_config()
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(REPO / "content", docs)
    cfg["docs_dir"] = str(docs)
    cfg["strict"] = False
    cfg["theme"]["custom_dir"] = str(REPO / "overrides")
    plugins = []
    for p in cfg["plugins"]:
        if isinstance(p, dict) and "casebook" in p:
            opts = dict(p["casebook"] or {})
            opts["cases_dir"] = str(work / "cases")
            opts["taxonomy"] = str(work / "cases" / "_data" / "taxonomy.yaml")
            opts["chart_cache"] = str(work / "chart-cache")
            p = {"casebook": opts}
        plugins.append(p)
    cfg["plugins"] = plugins
    plugin_yml = work / "mkdocs-plugin.yml"
    plugin_yml.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")

    plain = _load_repo_config()
    plain["docs_dir"] = str(work / "plain-docs")
    plain["strict"] = False
    plain["theme"]["custom_dir"] = str(REPO / "overrides")
    plain["plugins"] = [p for p in plain["plugins"] if not (isinstance(p, dict) and "casebook" in p)
                        and p != "casebook"]
    plain["nav"] = [{"Home": "index.md"}]
    plain_yml = work / "mkdocs-plain.yml"
    plain_yml.write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return plugin_yml, plain_yml


def write_generated_project(n: int, work: Path) -> Path | None:
    """The "same generated Markdown" baseline: the plugin's own pages, downloads, charts and
    assets written as ordinary files by ``scripts/dump_generated.py`` and built by plain
    MkDocs Material with the repository's configuration minus the casebook plugin (same nav;
    the stylesheet and script the plugin adds are listed explicitly)."""
    import yaml

    script = REPO / "scripts" / "dump_generated.py"
    if not script.exists():
        say(f"N={n}: scripts/dump_generated.py missing; no generated-Markdown baseline")
        return None
    docs = work / "gen-docs"
    say(f"N={n}: writing the plugin's generated Markdown as files (dump_generated.py)")
    r = run([PY, str(script), "--cases", str(work / "cases"), "--taxonomy",
             str(work / "cases" / "_data" / "taxonomy.yaml"), "--content", str(REPO / "content"), "--out", str(docs)],
            check=False)
    if r["rc"] != 0:
        say(f"N={n}: dump_generated.py failed (rc {r['rc']}): {r['out'].strip().splitlines()[-1:]}")
        return None
    cfg = _load_repo_config()
    cfg["docs_dir"] = str(docs)
    cfg["strict"] = False
    cfg["theme"]["custom_dir"] = str(REPO / "overrides")
    cfg["plugins"] = [p for p in cfg["plugins"] if not (isinstance(p, dict) and "casebook" in p) and p != "casebook"]
    cfg["extra_css"] = list(cfg.get("extra_css") or []) + ["assets/casebook.css"]
    cfg["extra_javascript"] = list(cfg.get("extra_javascript") or []) + ["assets/explore.js"]
    yml = work / "mkdocs-generated.yml"
    yml.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return yml


# ------------------------------------------------------------------------------------------
# measurements
# ------------------------------------------------------------------------------------------

FLOOR_CODE = (
    "import os, sys, yaml\n"
    "d = sys.argv[1]\n"
    "names = sorted(e.name for e in os.scandir(d) if e.is_file() and e.name.endswith(('.yaml', '.yml')))\n"
    "for n in names:\n"
    "    with open(os.path.join(d, n), 'rb') as fh:\n"
    "        yaml.load(fh, Loader=yaml.CSafeLoader)\n"
)


def bench_validate(n: int, work: Path, k: int) -> dict:
    cases = str(work / "cases")
    tax = str(work / "cases" / "_data" / "taxonomy.yaml")
    v, f, s, vc, fc = [], [], [], [], []
    # Untimed pass first: the corpus may have just been written, or evicted from the page
    # cache by the builds of a smaller N; otherwise the first validate run alone pays for
    # reading 10,000 files from disk while the floor, run after it, reads them from memory.
    run([PY, "-c", FLOOR_CODE, cases])
    # Validation takes seconds even at 10,000 cases, so it always gets at least 3 runs.
    k = max(k, 3)
    for i in range(k):
        r = run([CASEBOOK, "validate", "-q", "--taxonomy", tax, cases], check=False)
        if r["rc"] != 0:
            raise SystemExit(f"benchmark: casebook validate failed on the generated corpus (rc {r['rc']}):\n"
                             + "\n".join(r["out"].splitlines()[-30:]))
        v.append(r["wall"])
        vc.append(r["cpu"])
        rf = run([PY, "-c", FLOOR_CODE, cases])
        f.append(rf["wall"])
        fc.append(rf["cpu"])
        s.append(run([PY, "-c", "pass"])["wall"])
        say(f"N={n}: validate {v[-1]:.3f}s, CSafeLoader floor {f[-1]:.3f}s (run {i + 1}/{k})")
    last = r["out"].strip().splitlines()[-1] if r["out"].strip() else ""
    return {"validate_s": v, "floor_s": f, "python_start_s": s, "validate_cpu_s": vc, "floor_cpu_s": fc,
            "validate_summary": last}


def build(cfg: Path, site: Path, work: Path, *, sample: bool = True) -> dict:
    r = run([MKDOCS, "build", "-f", str(cfg), "-d", str(site)], cwd=work, sample=sample)
    m = DRAWN_RE.search(r["out"])
    warnings = [ln for ln in r["out"].splitlines() if ln.startswith("WARNING")]
    own = [w for w in warnings if not CORPUS_LINK_RE.search(w)]
    return {"wall": r["wall"], "cpu": r["cpu"], "maxrss": r["maxrss"], "tree_peak": r["tree_peak"],
            "tree_pss_peak": r["tree_pss_peak"], "drawn": int(m.group(3)) if m else None,
            "cached": int(m.group(4)) if m and m.group(4) else None,
            "pages_generated": int(m.group(2)) if m else None,
            "warnings": len(own), "warnings_missing_real_cases": len(warnings) - len(own),
            "warning_samples": own[:5]}


def bench_builds(n: int, work: Path, k: int, plugin_yml: Path, plain_yml: Path, gen_yml: Path | None) -> dict:
    cache = work / "chart-cache"
    plain, gen, cold, warm = [], [], [], []
    for i in range(k):
        plain.append(build(plain_yml, work / "site-plain", work))
        say(f"N={n}: plain build (make_corpus Markdown) {plain[-1]['wall']:.2f}s (run {i + 1}/{k})")
        if gen_yml is not None:
            gen.append(build(gen_yml, work / "site-generated", work))
            say(f"N={n}: plain build of the plugin's generated Markdown {gen[-1]['wall']:.2f}s, "
                f"{gen[-1]['warnings']} warning(s) (run {i + 1}/{k})")
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(build(plugin_yml, work / "site", work))
        say(f"N={n}: plugin build cold {cold[-1]['wall']:.2f}s, {cold[-1]['drawn']} chart(s) drawn (run {i + 1}/{k})")
        warm.append(build(plugin_yml, work / "site", work))
        say(f"N={n}: plugin build warm {warm[-1]['wall']:.2f}s, {warm[-1]['drawn']} chart(s) drawn (run {i + 1}/{k})")
    return {"plain": plain, "generated": gen, "cold": cold, "warm": warm}


def sizes(site: Path, n: int, case_ids: list[str], prefix: str) -> dict:
    total, files = dir_size(site)
    pages = []
    for cid in case_ids:
        p = site / prefix / cid / "index.html"
        if p.exists():
            pages.append(p.stat().st_size)
    idx = site / "search" / "search_index.json"
    return {
        "total_bytes": total,
        "files": files,
        "case_pages_found": len(pages),
        "case_html_median_bytes": median(pages),
        "case_html_min_bytes": min(pages) if pages else None,
        "case_html_max_bytes": max(pages) if pages else None,
        "search_index_bytes": idx.stat().st_size if idx.exists() else None,
        "search_index_per_case_bytes": idx.stat().st_size / n if idx.exists() else None,
    }


SPEC_CODE = r"""
import copy, json, sys
from pathlib import Path
from casebook.records.taxonomy import load_taxonomy
from casebook.site.build import load_cases
from casebook.site.enrich import enrich
from casebook.site.render import SiteRenderer
from casebook import charts as chartlib
from casebook.records.loader import load_file
cases, tax, pick = sys.argv[1], sys.argv[2], sys.argv[3] == "pick"
taxonomy = load_taxonomy(tax)
result = load_cases(cases, taxonomy, True)
corpus = enrich(result.cases, taxonomy)
r = SiteRenderer(corpus)
r.pages()
out = {"keys": {s.id: s.key() for s in r.chart_specs()}}
if pick:
    # The first case (from the middle of the corpus, by file name) with an outcome whose
    # numeric value or change_percent feeds that case's own chart: changing it must redraw it.
    names = sorted(p.stem for p in Path(cases).glob("*.yaml"))
    order = names[len(names) // 2:] + names[: len(names) // 2]
    for cid in order:
        case = corpus.by_id.get(cid)
        spec = chartlib.case_chart_spec(case, taxonomy) if case else None
        if spec is None:
            continue
        found = None
        for i, o in enumerate(case.get("outcomes") or []):
            for fld in ("change_percent", "value"):
                v = o.get(fld)
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    continue
                c2 = copy.deepcopy(case)
                c2["outcomes"][i][fld] = v + 1
                s2 = chartlib.case_chart_spec(c2, taxonomy)
                if s2 is not None and s2.key() != spec.key():
                    found = (i, fld)
                    break
            if found:
                break
        if not found:
            continue
        doc, _ = load_file(str(Path(cases) / f"{cid}.yaml"))
        line, col = doc.marks[("outcomes", found[0], found[1])]
        out["pick"] = {"case": cid, "index": found[0], "field": found[1], "line": line, "col": col}
        break
json.dump(out, sys.stdout)
"""


def chart_keys(work: Path, pick: bool = False) -> dict:
    r = run([PY, "-c", SPEC_CODE, str(work / "cases"), str(work / "cases" / "_data" / "taxonomy.yaml"),
             "pick" if pick else "-"])
    return json.loads(r["out"].strip().splitlines()[-1])


NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")


def bench_edit_one(n: int, work: Path, plugin_yml: Path) -> dict:
    """Change one charted outcome number of one case, rebuild warm, count charts drawn."""
    say(f"N={n}: edit-one: computing chart specs before the edit and picking a charted outcome")
    got = chart_keys(work, pick=True)
    before, pick = got["keys"], got.get("pick")
    if not pick:
        return {"error": "no case whose own chart depends on a numeric outcome field"}
    cid = pick["case"]
    target = work / "cases" / f"{cid}.yaml"
    old_text = target.read_text(encoding="utf-8")
    lines = old_text.split("\n")
    ln = lines[pick["line"] - 1]
    m = NUMBER_RE.match(ln, pick["col"] - 1)
    if not m:
        return {"error": f"no number at {target.name}:{pick['line']}:{pick['col']}: {ln!r}"}
    old_val = m.group(0)
    new_val = str(int(old_val) + 1) if "." not in old_val else f"{float(old_val) + 1.5:.{len(old_val.split('.')[1])}f}"
    lines[pick["line"] - 1] = ln[: m.start()] + new_val + ln[m.end():]
    new_text = "\n".join(lines)
    cache = work / "chart-cache"
    svgs_before = {p.name for p in cache.glob("*.svg")}
    try:
        target.write_text(new_text, encoding="utf-8")
        say(f"N={n}: edit-one: {cid}: outcomes[{pick['index']}].{pick['field']} {old_val} → {new_val}; "
            "computing chart specs after the edit")
        after = chart_keys(work)["keys"]
        changed = sorted(i for i in after if before.get(i) != after[i])
        removed = sorted(i for i in before if i not in after)
        # An SVG for the edited spec may be left in the cache by an earlier run of this same
        # edit (the cache is content-addressed); remove it so the rebuild has to draw it.
        for i in changed:
            (cache / f"{after[i]}.svg").unlink(missing_ok=True)
        svgs_before = {p.name for p in cache.glob("*.svg")}
        b = build(plugin_yml, work / "site", work)
        svgs_new = sorted({p.name for p in cache.glob("*.svg")} - svgs_before)
    finally:
        target.write_text(old_text, encoding="utf-8")
    own = f"case-{cid}"
    other_cases = [i for i in changed if i.startswith("case-") and i != own]
    site_changed = [i for i in changed if not i.startswith("case-")]
    expected_keys = {after[i] for i in changed}
    drawn = b["drawn"]
    ok = (drawn is not None and own in changed and drawn <= len(expected_keys) and not other_cases
          and len(svgs_new) == drawn and all(p[:-4] in expected_keys for p in svgs_new))
    say(f"N={n}: edit-one rebuild {b['wall']:.2f}s: {drawn} chart(s) drawn; changed specs: {changed}")
    return {"case": cid, "field": f"outcomes[{pick['index']}].{pick['field']}", "old": old_val, "new": new_val,
            "drawn": drawn, "wall": b["wall"], "cpu": b["cpu"],
            "changed_ids": changed, "removed_ids": removed, "own_changed": own in changed,
            "other_case_charts_changed": other_cases, "site_charts_changed": site_changed,
            "new_svg_files": len(svgs_new), "ok": ok}


# ------------------------------------------------------------------------------------------
# browser
# ------------------------------------------------------------------------------------------

OBSERVER_JS = """
(() => {
  window.__cbFirstResult = null;
  const seen = () => {
    if (window.__cbFirstResult === null && document.querySelector('.md-search-result__item')) {
      window.__cbFirstResult = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
})();
"""


def bench_search(n: int, site: Path, work: Path, k: int, prefix: str = "cases", plain: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    # A case with a short_name, from the middle of the corpus.
    cases = sorted(work.glob("cases/*.yaml"))
    order = cases[len(cases) // 2:] + cases[: len(cases) // 2]
    query = cid = None
    for path in order:
        m = re.search(r'^short_name:\s*"?([^"\n]+)"?\s*$', path.read_text(encoding="utf-8"), re.M)
        if m:
            query, cid = m.group(1).strip(), path.stem
            break
    if query is None:
        return {"error": "no case with a short_name"}
    if plain:
        # make_corpus titles plain pages "Name (ACRONYM)"; Material's tokenizer (separator
        # [\s\-]+, no trimmer) keeps the parentheses, so the bare acronym never matches there.
        # Search the first distinctive word of the case's name instead: same index load cost.
        # The word of the case's id that fewest ids share (ties: the longest), so the case
        # is among the first results.
        freq: dict[str, int] = {}
        for other in cases:
            for w in set(other.stem.split("-")):
                freq[w] = freq.get(w, 0) + 1
        query = min((w for w in cid.split("-") if not w.isdigit()), key=lambda w: (freq.get(w, 0), -len(w)))
    port = free_port()
    server = subprocess.Popen([PY, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        times, found, first_href = [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--no-first-run"])
            try:
                for i in range(k):
                    ctx = browser.new_context()  # fresh cache every run: a first-time visitor
                    page = ctx.new_page()
                    page.add_init_script(OBSERVER_JS)
                    page.goto(url, wait_until="domcontentloaded")
                    box = page.locator("input.md-search__input")
                    if box.is_visible():
                        box.click()
                    else:
                        page.locator('label[for="__search"]').first.click()
                    page.keyboard.type(query)
                    try:
                        page.wait_for_selector(".md-search-result__item", timeout=120_000)
                        page.wait_for_function("window.__cbFirstResult !== null", timeout=10_000)
                    except Exception:  # noqa: BLE001 - playwright TimeoutError
                        meta = page.locator(".md-search-result__meta").inner_text()
                        say(f"N={n}: search '{query}' on {site.name}: no results within 120 s ({meta!r})")
                        times.append(None)
                        found.append(False)
                        first_href.append(None)
                        ctx.close()
                        continue
                    t = page.evaluate("window.__cbFirstResult")
                    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
                    times.append(t / 1000)
                    needle = f"{prefix}/{cid}/" if prefix else f"{cid}/"
                    found.append(any(needle in (h or "") for h in hrefs))
                    first_href.append(hrefs[0] if hrefs else None)
                    say(f"N={n}: search '{query}' first results after {t:.0f} ms (run {i + 1}/{k}); "
                        f"case among results: {found[-1]}")
                    ctx.close()
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return {"query": query, "case": cid, "seconds": times, "case_in_results": found, "first_href": first_href}


# ------------------------------------------------------------------------------------------
# profiling
# ------------------------------------------------------------------------------------------


def profile_build(n: int, work: Path, plugin_yml: Path, cold: bool, top: int = 45) -> str:
    import pstats
    import io

    if cold:
        shutil.rmtree(work / "chart-cache", ignore_errors=True)
    out = work / f"prof-{'cold' if cold else 'warm'}.out"
    say(f"N={n}: cProfile of the plugin build ({'cold' if cold else 'warm'})")
    r = run([PY, "-m", "cProfile", "-o", str(out), MKDOCS, "build", "-f", str(plugin_yml), "-d", str(work / "site")],
            cwd=work)
    buf = io.StringIO()
    st = pstats.Stats(str(out), stream=buf)
    st.sort_stats("cumulative").print_stats(top)
    st.sort_stats("tottime").print_stats(30)
    text = buf.getvalue().replace(str(REPO) + "/", "").replace(str(work) + "/", "")
    return f"# N={n}, {'cold' if cold else 'warm'} plugin build under cProfile: wall {r['wall']:.2f}s\n\n{text}"


# ------------------------------------------------------------------------------------------
# results
# ------------------------------------------------------------------------------------------


def code_version() -> str:
    """HEAD plus the files under src/ that differ from it (the code measured)."""
    def git(*a):
        return subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True).stdout
    head = git("rev-parse", "--short", "HEAD").strip()
    dirty = [ln[3:] for ln in git("status", "--porcelain", "--", "src").splitlines() if ln.strip()]
    return head + (f" + uncommitted changes in {', '.join(dirty)}" if dirty else "")


def machine() -> dict:
    cpu = ""
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for ln in Path("/proc/meminfo").read_text().splitlines():
            if ln.startswith("MemTotal"):
                ram = round(int(ln.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    vers = subprocess.run([PY, "-c", "import importlib.metadata as m, platform, yaml; print(platform.python_version()); "
                           "print(m.version('mkdocs')); print(m.version('mkdocs-material')); "
                           "print(m.version('matplotlib')); print(yaml.__version__ + (' (libyaml)' if yaml.__with_libyaml__ else ' (no libyaml!)'))"],
                          capture_output=True, text=True).stdout.split("\n")
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip() \
        if Path(CHROMIUM).exists() else None
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram, "kernel": platform.release(),
            "python": vers[0], "mkdocs": vers[1], "material": vers[2], "matplotlib": vers[3],
            "pyyaml": vers[4], "chromium": chromium}


def summarise(n: int, raw: dict) -> dict:
    s: dict = {"n": n, "date": raw["date"], "repeat": raw["repeat"]}
    v = raw.get("validate")
    if v:
        s["validate_s"] = median(v["validate_s"])
        s["floor_s"] = median(v["floor_s"])
        s["python_start_s"] = median(v["python_start_s"])
        s["validate_ratio"] = s["validate_s"] / s["floor_s"]
        if v.get("validate_cpu_s") and None not in v["validate_cpu_s"] + v["floor_cpu_s"]:
            s["validate_cpu_ratio"] = median(v["validate_cpu_s"]) / median(v["floor_cpu_s"])
    b = raw.get("builds")
    if b:
        for kind in ("plain", "generated", "cold", "warm"):
            if not b.get(kind):
                continue
            s[f"build_{kind}_s"] = median([r["wall"] for r in b[kind]])
            s[f"build_{kind}_cpu_s"] = median([r.get("cpu") for r in b[kind]])
            s[f"build_{kind}_maxrss_mb"] = max(r["maxrss"] or 0 for r in b[kind]) / 2**20
            s[f"build_{kind}_tree_peak_mb"] = max(r["tree_peak"] or 0 for r in b[kind]) / 2**20
            s[f"build_{kind}_tree_pss_mb"] = max(r.get("tree_pss_peak") or 0 for r in b[kind]) / 2**20 or None
            s[f"build_{kind}_warnings"] = max(r["warnings"] for r in b[kind])
        s["build_cold_ratio"] = s["build_cold_s"] / s["build_plain_s"]
        s["build_warm_ratio"] = s["build_warm_s"] / s["build_plain_s"]
        if s.get("build_generated_s"):
            s["build_cold_gen_ratio"] = s["build_cold_s"] / s["build_generated_s"]
            s["build_warm_gen_ratio"] = s["build_warm_s"] / s["build_generated_s"]
            if s.get("build_generated_cpu_s"):
                s["build_cold_gen_cpu_ratio"] = s["build_cold_cpu_s"] / s["build_generated_cpu_s"]
                s["build_warm_gen_cpu_ratio"] = s["build_warm_cpu_s"] / s["build_generated_cpu_s"]
        if s["build_plain_cpu_s"]:
            s["build_cold_cpu_ratio"] = s["build_cold_cpu_s"] / s["build_plain_cpu_s"]
            s["build_warm_cpu_ratio"] = s["build_warm_cpu_s"] / s["build_plain_cpu_s"]
        s["build_peak_mb"] = max(s["build_cold_maxrss_mb"], s["build_warm_maxrss_mb"])
        s["build_tree_peak_mb"] = max(s["build_cold_tree_peak_mb"], s["build_warm_tree_peak_mb"])
        pss = [s[f"build_{k}_tree_pss_mb"] for k in ("cold", "warm") if s.get(f"build_{k}_tree_pss_mb")]
        s["build_tree_pss_mb"] = max(pss) if pss else None
        s["cold_drawn"] = median([r["drawn"] for r in b["cold"]])
        s["warm_drawn"] = max((r["drawn"] for r in b["warm"] if r["drawn"] is not None), default=None)
    z = raw.get("sizes")
    if z:
        s["case_html_kb"] = (z["plugin"]["case_html_median_bytes"] or 0) / 1024
        s["plain_case_html_kb"] = (z["plain"]["case_html_median_bytes"] or 0) / 1024
        s["site_mb"] = z["plugin"]["total_bytes"] / 2**20
        s["site_files"] = z["plugin"]["files"]
        s["plain_site_mb"] = z["plain"]["total_bytes"] / 2**20
        s["search_per_case_kb"] = (z["plugin"]["search_index_per_case_bytes"] or 0) / 1024
        if z.get("generated"):
            s["gen_case_html_kb"] = (z["generated"]["case_html_median_bytes"] or 0) / 1024
            s["gen_site_mb"] = z["generated"]["total_bytes"] / 2**20
        s["plain_search_per_case_kb"] = (z["plain"]["search_index_per_case_bytes"] or 0) / 1024
    e = raw.get("edit_one")
    if e and "drawn" in e:
        s["edit_drawn"] = e["drawn"]
        s["edit_changed"] = len(e["changed_ids"])
        s["edit_ok"] = e["ok"]
        s["edit_s"] = e["wall"]
    q = raw.get("search")
    s["build_warnings_real_case_links"] = max(
        (r.get("warnings_missing_real_cases", 0) for r in (b or {}).get("cold", [])), default=None)
    if q and "seconds" in q:
        s["search_s"] = median(q["seconds"])
        s["search_found"] = all(q["case_in_results"])
        s["search_query"] = q["query"]
        qp = raw.get("search_plain")
        if qp and "seconds" in qp:
            s["search_plain_s"] = median(qp["seconds"])
    return s


def checks(sums: dict[int, dict]) -> dict[str, str]:
    """Verdict per target key: 'pass', 'FAIL' or 'n/a' (that N was not measured)."""
    def at(n, key):
        return sums.get(n, {}).get(key)

    c: dict[str, str] = {}
    v = at(10000, "validate_s")
    c["validate_s"] = "n/a" if v is None else ("pass" if v < 5 else "FAIL")
    v = at(10000, "validate_ratio")
    c["validate_ratio"] = "n/a" if v is None else ("pass" if v <= 2 else "FAIL")
    for key, limit in (("build_cold_ratio", 1.5), ("build_warm_ratio", 1.15),
                       ("build_cold_gen_ratio", 1.5), ("build_warm_gen_ratio", 1.15)):
        v = at(1000, key)
        c[key] = "n/a" if v is None else ("pass" if v <= limit else "FAIL")
    v = at(10000, "build_peak_mb")
    # The whole build's memory: the largest process or, when measured, the PSS summed over the
    # process tree (main + forked chart workers), whichever is larger; 2 GB read as 2 GiB.
    c["build_peak_mb"] = "n/a" if v is None else ("pass" if max(v, at(10000, "build_tree_pss_mb") or 0) < 2048 else "FAIL")
    a, b = at(100, "case_html_kb"), at(10000, "case_html_kb")
    c["case_html_kb"] = "n/a" if a is None or b is None else ("pass" if abs(b - a) <= 0.10 * a else "FAIL")
    ws = [s.get("warm_drawn") for s in sums.values() if s.get("warm_drawn") is not None]
    c["warm_drawn"] = "n/a" if not ws else ("pass" if all(w == 0 for w in ws) else "FAIL")
    es = [s.get("edit_ok") for s in sums.values() if s.get("edit_ok") is not None]
    c["edit_drawn"] = "n/a" if not es else ("pass" if all(es) else "FAIL")
    return c


def fmt(v, spec="{:.2f}") -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return spec.format(v)


def _runs(raw: dict) -> str:
    v = len((raw.get("validate") or {}).get("validate_s") or [])
    b = len((raw.get("builds") or {}).get("warm") or [])
    q = len((raw.get("search") or {}).get("seconds") or [])
    return f"{v} / {b} / {q}"


def write_results(all_raw: dict, meta: dict) -> None:
    sums = {int(n): summarise(int(n), r) for n, r in sorted(all_raw.items(), key=lambda kv: int(kv[0]))}
    verdicts = checks(sums)
    ns = sorted(sums)
    (BENCH_DIR / "results.json").write_text(
        json.dumps({"machine": meta, "summary": {str(n): sums[n] for n in ns}, "checks": verdicts,
                    "raw": {str(n): all_raw[str(n)] for n in ns}}, indent=1, default=str) + "\n",
        encoding="utf-8")

    def row(label, key, spec="{:.2f}", target_key=None):
        cells = [fmt(sums[n].get(key), spec) for n in ns]
        tgt = TARGETS.get(target_key or "", None)
        tdesc = "" if tgt is None else (f"N={tgt[0]:,}: {tgt[1]}" if tgt[0] else tgt[1])
        verdict = verdicts.get(target_key, "") if target_key else ""
        return f"| {label} | " + " | ".join(cells) + f" | {tdesc} | {verdict} |"

    lines = [
        "# Casebook benchmark results",
        "",
        "Generated by `scripts/benchmark.py` (do not edit by hand). Synthetic corpora from "
        "`scripts/make_corpus.py`. Times are medians of the repeated runs (see *runs* row); ratios "
        "compare runs of the same invocation, interleaved.",
        "",
        f"- Machine: {meta['nproc']} CPU(s), {meta['cpu']}, {meta['ram_gb']} GB RAM, Linux {meta['kernel']}",
        f"- Python {meta['python']}, MkDocs {meta['mkdocs']}, Material for MkDocs {meta['material']}, "
        f"matplotlib {meta['matplotlib']}, PyYAML {meta['pyyaml']}, {meta.get('chromium') or 'no Chromium'}",
        "- `validate` and its floor (bare `yaml.load(f, Loader=yaml.CSafeLoader)` over the same files) both run as "
        "subprocesses of `.venv/bin/python`, so both include interpreter start-up (shown separately).",
        "- Builds: `mkdocs build` (not `--strict`) under `/usr/bin/time -v`. *Max RSS* is the largest single "
        "process (chart pool workers included); *tree PSS* / *tree RSS* are sums over the process tree (main "
        "process + forked chart workers) sampled every 0.1 s; PSS shares copy-on-write pages out, RSS counts "
        "them in every process. The 2 GB target is checked as 2 GiB against the larger of max RSS and tree PSS. "
        "Two plain baselines (no casebook plugin; same theme, overrides, Markdown extensions, search + tags "
        "plugins): *generated Markdown* = the plugin's own pages, downloads and charts written as files by "
        "`scripts/dump_generated.py` (the issue's \"same generated Markdown\"; same nav as the site); "
        "*make_corpus Markdown* = one page per case with title, summary and narrative only "
        "(`make_corpus --markdown`; nav = index only). The targets are checked against both; the first is the "
        "like-for-like one.",
        "- Search: headless Chromium via Playwright, fresh context per run; navigation start → first "
        "`.md-search-result__item` after typing the case's `short_name`.",
        "- The machine is shared: wall times move with other load; the CPU-time (user+sys, chart "
        "workers included) rows are less sensitive to it. Load average at start: "
        + ", ".join(f"N={n:,}: {all_raw[str(n)].get('loadavg', '?')}" for n in ns) + ".",
        "",
        "| Metric | " + " | ".join(f"N={n:,}" for n in ns) + " | Target | Check |",
        "|---|" + "---:|" * len(ns) + "---|---|",
        "| date | " + " | ".join(sums[n]["date"][:16] for n in ns) + " | | |",
        "| runs (validate / builds / search) | " + " | ".join(_runs(all_raw[str(n)]) for n in ns) + " | | |",
        "| code (git HEAD; + = uncommitted src changes, see below) | "
        + " | ".join(f"`{all_raw[str(n)].get('code', '?').split(' ')[0]}`"
                     + (" +" if " + " in all_raw[str(n)].get("code", "") else "") for n in ns) + " | | |",
        row("`casebook validate -q` (s)", "validate_s", "{:.3f}", "validate_s"),
        row("CSafeLoader floor (s)", "floor_s", "{:.3f}"),
        row("validate / floor", "validate_ratio", "{:.2f}×", "validate_ratio"),
        row("validate / floor, CPU time (user+sys)", "validate_cpu_ratio", "{:.2f}×"),
        row("python start-up alone (s)", "python_start_s", "{:.3f}"),
        row("plain Material build, make_corpus Markdown (s)", "build_plain_s"),
        row("plain Material build, plugin's generated Markdown (s)", "build_generated_s"),
        row("plugin build, cold cache (s)", "build_cold_s"),
        row("plugin build, warm cache (s)", "build_warm_s"),
        row("cold / plain (generated Markdown)", "build_cold_gen_ratio", "{:.2f}×", "build_cold_gen_ratio"),
        row("warm / plain (generated Markdown)", "build_warm_gen_ratio", "{:.2f}×", "build_warm_gen_ratio"),
        row("cold / plain (make_corpus Markdown)", "build_cold_ratio", "{:.2f}×", "build_cold_ratio"),
        row("warm / plain (make_corpus Markdown)", "build_warm_ratio", "{:.2f}×", "build_warm_ratio"),
        row("plain build CPU, make_corpus Markdown (user+sys, s)", "build_plain_cpu_s"),
        row("plain build CPU, generated Markdown (s)", "build_generated_cpu_s"),
        row("plugin build cold CPU (s)", "build_cold_cpu_s"),
        row("plugin build warm CPU (s)", "build_warm_cpu_s"),
        row("cold / plain (generated), CPU time", "build_cold_gen_cpu_ratio", "{:.2f}×"),
        row("warm / plain (generated), CPU time", "build_warm_gen_cpu_ratio", "{:.2f}×"),
        row("cold / plain (make_corpus), CPU time", "build_cold_cpu_ratio", "{:.2f}×"),
        row("warm / plain (make_corpus), CPU time", "build_warm_cpu_ratio", "{:.2f}×"),
        row("plugin build peak, largest process max RSS (MiB)", "build_peak_mb", "{:.0f}", "build_peak_mb"),
        row("plugin build peak, process tree PSS (MiB)", "build_tree_pss_mb", "{:.0f}"),
        row("plugin build peak, process tree RSS sum (MiB; counts shared pages twice)", "build_tree_peak_mb", "{:.0f}"),
        row("plain build peak max RSS, make_corpus Markdown (MiB)", "build_plain_maxrss_mb", "{:.0f}"),
        row("plain build peak max RSS, generated Markdown (MiB)", "build_generated_maxrss_mb", "{:.0f}"),
        row("case page HTML, median (KB)", "case_html_kb", "{:.1f}", "case_html_kb"),
        row("case page HTML, generated-Markdown plain site (KB)", "gen_case_html_kb", "{:.1f}"),
        row("plain case page HTML, make_corpus Markdown (KB)", "plain_case_html_kb", "{:.1f}"),
        row("plugin site total (MiB)", "site_mb", "{:.1f}"),
        row("plugin site files", "site_files", "{:,}"),
        row("plain site total (MiB)", "plain_site_mb", "{:.1f}"),
        row("search_index.json / N (KB)", "search_per_case_kb", "{:.2f}"),
        row("plain search_index.json / N (KB)", "plain_search_per_case_kb", "{:.2f}"),
        row("charts drawn, cold build", "cold_drawn", "{:,.0f}"),
        row("charts drawn, warm rebuild", "warm_drawn", "{:,}", "warm_drawn"),
        row("edit one outcome: charts drawn", "edit_drawn", "{:,}", "edit_drawn"),
        row("edit one outcome: chart specs changed", "edit_changed", "{:,}"),
        row("edit one outcome: rebuild (s)", "edit_s"),
        row("WARNING lines in plugin build, excl. links to real cases (strict fails if > 0)",
            "build_cold_warnings", "{:,}"),
        row("search: first results, plugin site (s)", "search_s", "{:.2f}"),
        row("search: target case among results", "search_found", "{}"),
        row("search: first results, plain site (s)", "search_plain_s", "{:.2f}"),
        "",
    ]
    # details per size
    for n in ns:
        raw = all_raw[str(n)]
        lines.append(f"- N={n:,} code: {raw.get('code', '?')}"
                     + "".join(f"; partial re-run {u['date']} (kept earlier: {', '.join(u['skipped'])})"
                               for u in raw.get("partial_updates", [])))
        e = raw.get("edit_one") or {}
        if e.get("case"):
            lines.append(f"- N={n:,} edit-one: `{e['case']}` {e.get('field', 'value')} {e['old']} → {e['new']}; changed chart specs: "
                         + (", ".join(f"`{i}`" for i in e["changed_ids"]) or "none")
                         + f"; drawn {e['drawn']}" + ("" if e["ok"] else " **(check failed)**"))
        q = raw.get("search") or {}
        if q.get("query"):
            lines.append(f"- N={n:,} search query `{q['query']}` (case `{q['case']}`); first result href: "
                         f"`{(q.get('first_href') or [None])[0]}`")
        ws = (raw.get("builds") or {}).get("cold", [{}])[0].get("warning_samples") or []
        for w in ws[:3]:
            lines.append(f"- N={n:,} build warning: `{w.strip()[:200]}`")
    lines.append("")
    (BENCH_DIR / "results.md").write_text("\n".join(lines), encoding="utf-8")
    say(f"wrote {BENCH_DIR / 'results.md'} and results.json")
    print("\n".join(lines))


# ------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--repeat-large", type=int, default=None,
                    help="runs per measurement for N ≥ --large (default: --repeat)")
    ap.add_argument("--large", type=int, default=10000, help="size from which --repeat-large applies")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "casebook-bench"),
                    help="scratch folder (corpora, projects, sites, chart caches)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: validate,build,edit,search "
                                               "(skipped parts keep their earlier results for that N; search "
                                               "and edit then reuse the sites already built in --work)")
    ap.add_argument("--fresh", action="store_true", help="do not merge with an existing bench/results.json")
    ap.add_argument("--profile", action="store_true", help="also cProfile a cold and a warm plugin build "
                                                           "(written to bench/profile-N-{cold,warm}.txt)")
    ap.add_argument("--profile-only", action="store_true", help="only profile (implies --profile)")
    ap.add_argument("--report-only", action="store_true",
                    help="measure nothing; rewrite bench/results.md from bench/results.json")
    args = ap.parse_args(argv)
    sizes_ = [int(x.replace("_", "").replace(",", "")) for x in args.sizes.split(",") if x.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    BENCH_DIR.mkdir(exist_ok=True)
    work_root = Path(args.work)
    work_root.mkdir(parents=True, exist_ok=True)

    results_json = BENCH_DIR / "results.json"
    all_raw: dict = {}
    if results_json.exists() and not args.fresh and not args.profile_only:
        try:
            all_raw = json.loads(results_json.read_text(encoding="utf-8")).get("raw", {})
        except (ValueError, OSError):
            all_raw = {}
    if args.report_only:
        data = json.loads(results_json.read_text(encoding="utf-8"))
        write_results(data["raw"], data["machine"])
        return 0
    meta = machine()
    say(f"machine: {meta['nproc']} CPU(s), {meta['cpu']}, {meta['ram_gb']} GB; Python {meta['python']}, "
        f"MkDocs {meta['mkdocs']}, Material {meta['material']}")

    for n in sizes_:
        k = args.repeat_large if (args.repeat_large and n >= args.large) else args.repeat
        work = work_root / f"n{n}"
        work.mkdir(exist_ok=True)
        raw: dict = {"date": _dt.datetime.now().isoformat(timespec="seconds"), "repeat": k, "seed": args.seed,
                     "loadavg": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
                     "code": code_version()}
        raw["corpus"] = make_corpus(n, args.seed, work)
        plugin_yml, plain_yml = write_projects(work)
        gen_yml = None
        if args.profile or args.profile_only:
            for cold in (True, False):
                txt = profile_build(n, work, plugin_yml, cold)
                (BENCH_DIR / f"profile-{n}-{'cold' if cold else 'warm'}.txt").write_text(txt, encoding="utf-8")
            if args.profile_only:
                continue
        if skip and str(n) in all_raw:
            # A partial run: keep what this run does not re-measure.
            prev = dict(all_raw[str(n)])
            prev.update({kk: raw[kk] for kk in ("corpus",)})
            prev.setdefault("partial_updates", []).append({"date": raw["date"], "skipped": sorted(skip),
                                                           "loadavg": raw["loadavg"]})
            raw = prev
        if "validate" not in skip:
            raw["validate"] = bench_validate(n, work, k)
        if "build" not in skip:
            gen_yml = write_generated_project(n, work)
            raw["builds"] = bench_builds(n, work, k, plugin_yml, plain_yml, gen_yml)
            ids = sorted(p.stem for p in (work / "cases").glob("*.yaml"))
            raw["sizes"] = {"plugin": sizes(work / "site", n, ids, "cases"),
                            "plain": sizes(work / "site-plain", n, ids, "")}
            if gen_yml is not None:
                raw["sizes"]["generated"] = sizes(work / "site-generated", n, ids, "cases")
            say(f"N={n}: case page median {raw['sizes']['plugin']['case_html_median_bytes']:,.0f} B, site "
                f"{raw['sizes']['plugin']['total_bytes'] / 2**20:.1f} MB, search index "
                f"{raw['sizes']['plugin']['search_index_bytes'] / 2**20:.1f} MB")
        have_sites = (work / "site" / "index.html").exists() and (work / "site-plain" / "index.html").exists()
        if "search" not in skip and have_sites:
            raw["search"] = bench_search(n, work / "site", work, k, "cases")
            raw["search_plain"] = bench_search(n, work / "site-plain", work, k, "", plain=True)
        if "edit" not in skip and have_sites:
            raw["edit_one"] = bench_edit_one(n, work, plugin_yml)
        all_raw[str(n)] = raw
        write_results(all_raw, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
