"""Code version, machine, and the summary and checks of one size's raw results."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

from .common import CHROMIUM, PY, REPO, median


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
        _sum_validate(s, v)
    b = raw.get("builds")
    if b:
        _sum_builds(s, b)
    z = raw.get("sizes")
    if z:
        _sum_sizes(s, z)
    g = raw.get("engines")
    if g:
        _sum_engines(s, g)
    e = raw.get("edit_one")
    if e and "drawn" in e:
        s["edit_drawn"] = e["drawn"]
        s["edit_changed"] = len(e["changed_ids"])
        s["edit_ok"] = e["ok"]
        s["edit_s"] = e["wall"]
    o = raw.get("outcomes_page")
    if o and o.get("pages"):
        for kind, page in o["pages"].items():
            key = kind.replace(" ", "_")
            s[f"page_{key}_kb"] = median([r["bytes"] for r in page["runs"]]) / 1024
            s[f"page_{key}_own_kb"] = median([r["bytes"] - r.get("search_index_bytes", 0) for r in page["runs"]]) / 1024
            s[f"page_{key}_load_ms"] = median([r["load_ms"] for r in page["runs"]])
        for kind, runs in o.get("filters", {}).items():
            s[f"filter_{kind}_first_ms"] = median([r["first_ms"] for r in runs])
            s[f"filter_{kind}_ms"] = median([r["second_ms"] for r in runs])
            s[f"filter_{kind}_clicked_ms"] = median([r.get("clicked_ms", r["first_ms"]) for r in runs])
    q = raw.get("search")
    s["build_warnings_real_case_links"] = max(
        (r.get("warnings_missing_real_cases", 0) for r in (b or {}).get("cold", [])), default=None)
    if q and "seconds" in q:
        s["search_s"] = median(q["seconds"])
        s["search_found"] = all(q["case_in_results"])
        s["search_query"] = q["query"]
        if q.get("home_kb"):
            s["home_kb"] = median(q["home_kb"])
            s["search_kb"] = median(q["search_kb"])
        if [t for t in q.get("typed_ms", []) if t is not None]:
            s["search_typed_s"] = median([t for t in q["typed_ms"] if t is not None]) / 1000
        if q.get("first_result_kb"):
            s["search_first_kb"] = median(q["first_result_kb"])
        qp = raw.get("search_plain")
        if qp and "seconds" in qp:
            s["search_plain_s"] = median(qp["seconds"])
            if [t for t in qp.get("typed_ms", []) if t is not None]:
                s["search_plain_typed_s"] = median([t for t in qp["typed_ms"] if t is not None]) / 1000
            if qp.get("home_kb"):
                s["plain_home_kb"] = median(qp["home_kb"])
                s["plain_search_kb"] = median(qp["search_kb"])
    return s


def _sum_validate(s: dict, v: dict) -> None:
    s["validate_s"] = median(v["validate_s"])
    s["floor_s"] = median(v["floor_s"])
    s["python_start_s"] = median(v["python_start_s"])
    s["validate_ratio"] = s["validate_s"] / s["floor_s"]
    if v.get("validate_cpu_s") and None not in v["validate_cpu_s"] + v["floor_cpu_s"]:
        s["validate_cpu_ratio"] = median(v["validate_cpu_s"]) / median(v["floor_cpu_s"])


def _sum_builds(s: dict, b: dict) -> None:
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
    s["build_cold_warm_ratio"] = s["build_cold_s"] / s["build_warm_s"]
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
    beside = [r.get("index_beside_s") for r in b["warm"] if r.get("index_beside_s") is not None]
    if beside:
        s["index_beside_s"] = median(beside)
    idx = [r.get("index_s") for r in b["warm"] if r.get("index_s") is not None]
    if idx:
        s["index_s"] = median(idx)
        s["index_share"] = s["index_s"] / s["build_warm_s"]
    s["cold_drawn"] = median([r["drawn"] for r in b["cold"]])
    s["warm_drawn"] = max((r["drawn"] for r in b["warm"] if r["drawn"] is not None), default=None)


def _sum_engines(s: dict, g: dict) -> None:
    """The exported folder built by MkDocs and by Zensical; Zensical as a ratio of both the
    MkDocs build of the same folder and the plugin build (warm chart cache)."""
    s["export_s"] = g["export"]["wall"]
    if g.get("mkdocs"):
        s["export_mkdocs_s"] = median([r["wall"] for r in g["mkdocs"]])
    runs = [r for r in g.get("zensical") or [] if r.get("ok")]
    if runs:
        s["export_zensical_s"] = median([r["wall"] for r in runs])
        s["export_zensical_maxrss_mb"] = max(r["maxrss"] or 0 for r in runs) / 2**20
        if s.get("export_mkdocs_s"):
            s["zensical_mkdocs_ratio"] = s["export_zensical_s"] / s["export_mkdocs_s"]
        if s.get("build_warm_s"):
            s["zensical_plugin_ratio"] = s["export_zensical_s"] / s["build_warm_s"]
    s["zensical_case_pages"] = g.get("zensical_case_pages")


def _sum_sizes(s: dict, z: dict) -> None:
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


def checks(sums: dict[int, dict]) -> dict[str, str]:
    """Verdict per target key: 'pass', 'FAIL' or 'n/a' (that N was not measured)."""
    def at(n, key):
        return sums.get(n, {}).get(key)

    c: dict[str, str] = {}
    v = at(10000, "validate_s")
    c["validate_s"] = "n/a" if v is None else ("pass" if v < 5 else "FAIL")
    v = at(10000, "validate_ratio")
    c["validate_ratio"] = "n/a" if v is None else ("pass" if v <= 2 else "FAIL")
    for key, limit in (("build_cold_ratio", 1.5), ("build_warm_ratio", 3.5),
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
    # Round 3 (issues 18 and 19).
    for key, n, limit in (("validate_ratio_1000", 1000, 2.0), ("build_cold_warm_ratio", 1000, 1.5),
                          ("index_share", 1000, 0.10), ("search_typed_s", 10000, 0.3),
                          ("search_first_kb", 10000, 300)):
        v = at(n, "validate_ratio" if key == "validate_ratio_1000" else key)
        c[key] = "n/a" if v is None else ("pass" if v <= limit else "FAIL")
    return c


def fmt(v, spec="{:.2f}") -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return spec.format(v)


def runs_cell(raw: dict) -> str:
    v = len((raw.get("validate") or {}).get("validate_s") or [])
    b = len((raw.get("builds") or {}).get("warm") or [])
    q = len((raw.get("search") or {}).get("seconds") or [])
    return f"{v} / {b} / {q}"
