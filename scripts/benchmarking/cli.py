"""The command line: measure each size, merge with earlier results, write the report."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import tempfile
from pathlib import Path

from .common import BENCH_DIR, say
from .corpora import make_corpus, write_generated_project, write_projects
from .measure import bench_builds, bench_edit_one, bench_engines, bench_validate, sizes
from .outcomes import bench_outcomes
from .report import write_results
from .search import bench_search, profile_build
from .summary import code_version, machine

DESCRIPTION = "Benchmark Casebook on synthetic corpora of N cases and write ``bench/results.{json,md}``."


def _parser(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--repeat-large", type=int, default=None,
                    help="runs per measurement for N ≥ --large (default: --repeat)")
    ap.add_argument("--large", type=int, default=10000, help="size from which --repeat-large applies")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "casebook-bench"),
                    help="scratch folder (corpora, projects, sites, chart caches)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: validate,build,engines,edit,search,outcomes "
                                               "(skipped parts keep their earlier results for that N; search "
                                               "and edit then reuse the sites already built in --work)")
    ap.add_argument("--engine-sizes", default="1000",
                    help="corpus sizes at which the exported folder (casebook export-docs) is also built by "
                         "plain MkDocs and by Zensical (comma-separated; skip with --skip engines)")
    ap.add_argument("--fresh", action="store_true", help="do not merge with an existing bench/results.json")
    ap.add_argument("--profile", action="store_true", help="also cProfile a cold and a warm plugin build "
                                                           "(written to bench/profile-N-{cold,warm}.txt)")
    ap.add_argument("--profile-only", action="store_true", help="only profile (implies --profile)")
    ap.add_argument("--report-only", action="store_true",
                    help="measure nothing; rewrite bench/results.md from bench/results.json")
    return ap


def main(argv=None, description: str = DESCRIPTION) -> int:
    args = _parser(description).parse_args(argv)
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
        raw = _measure_size(n, args, skip, all_raw, work_root)
        if raw is None:
            continue
        all_raw[str(n)] = raw
        write_results(all_raw, meta)
    return 0


def _measure_size(n: int, args, skip: set[str], all_raw: dict, work_root: Path) -> dict | None:
    """Everything measured at one size (None when only profiling)."""
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
            return None
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
    engine_sizes = {int(x) for x in args.engine_sizes.replace("_", "").split(",") if x.strip()}
    if "engines" not in skip and n in engine_sizes and (work / "site" / "index.html").exists():
        raw["engines"] = bench_engines(n, work, k, plugin_yml)
    have_sites = (work / "site" / "index.html").exists() and (work / "site-plain" / "index.html").exists()
    if "search" not in skip and have_sites:
        raw["search"] = bench_search(n, work / "site", work, k, "cases")
        raw["search_plain"] = bench_search(n, work / "site-plain", work, k, "", plain=True)
    if "outcomes" not in skip and have_sites:
        raw["outcomes_page"] = bench_outcomes(n, work / "site", k)
    if "edit" not in skip and have_sites:
        raw["edit_one"] = bench_edit_one(n, work, plugin_yml)
    return raw
