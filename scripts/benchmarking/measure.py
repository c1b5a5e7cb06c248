"""Measurements: validate against its floor, builds, page sizes, chart specs, editing one outcome."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .common import CASEBOOK, CORPUS_LINK_RE, DRAWN_RE, MKDOCS, PY, ZENSICAL, dir_size, median, run, say

#: the plugin's line once it has written the search index (casebook.site.search_index)
INDEX_RE = re.compile(r"search index: (\d+) pages in ([\d.]+) s(?:.*?ran ([\d.]+) s beside the build)?")

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
    idx = INDEX_RE.search(r["out"])
    warnings = [ln for ln in r["out"].splitlines() if ln.startswith("WARNING")]
    own = [w for w in warnings if not CORPUS_LINK_RE.search(w)]
    return {"wall": r["wall"], "cpu": r["cpu"], "maxrss": r["maxrss"], "tree_peak": r["tree_peak"],
            "tree_pss_peak": r["tree_pss_peak"], "drawn": int(m.group(3)) if m else None,
            "cached": int(m.group(4)) if m and m.group(4) else None,
            "pages_generated": int(m.group(2)) if m else None,
            "index_s": float(idx.group(2)) if idx else None, "index_pages": int(idx.group(1)) if idx else None,
            "index_beside_s": float(idx.group(3)) if idx and idx.group(3) else None,
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


def bench_engines(n: int, work: Path, k: int, plugin_yml: Path) -> dict | None:
    """The engine-free path: ``casebook export-docs`` of the plugin project, then the exported
    folder built by plain MkDocs (Material) and by Zensical, alternately, ``k`` times each.
    Zensical's own cache is cleared before each of its builds (``--clean``), as MkDocs starts
    from nothing; the chart cache is warm (the plugin builds ran first)."""
    out = work / "export"
    r = run([CASEBOOK, "export-docs", "--force", "-f", str(plugin_yml), str(out)], cwd=work, check=False)
    if r["rc"] != 0:
        say(f"N={n}: casebook export-docs failed (rc {r['rc']}): {r['out'].strip().splitlines()[-3:]}")
        return None
    say(f"N={n}: casebook export-docs {r['wall']:.2f}s")
    res: dict = {"export": {"wall": r["wall"], "cpu": r["cpu"], "maxrss": r["maxrss"]}, "mkdocs": [], "zensical": []}
    cfg = out / "mkdocs.yml"
    if not Path(ZENSICAL).exists():
        say(f"N={n}: zensical is not installed; no Zensical build")
    for i in range(k):
        res["mkdocs"].append(build(cfg, work / "site-export-mkdocs", work))
        say(f"N={n}: MkDocs build of the export {res['mkdocs'][-1]['wall']:.2f}s (run {i + 1}/{k})")
        if Path(ZENSICAL).exists():
            z = run([ZENSICAL, "build", "--clean", "-f", str(cfg)], cwd=out, sample=True, check=False)
            ok = z["rc"] == 0 and (out / "site" / "index.html").is_file()
            res["zensical"].append({"wall": z["wall"], "cpu": z["cpu"], "maxrss": z["maxrss"],
                                    "tree_peak": z["tree_peak"], "ok": ok})
            say(f"N={n}: Zensical build of the export {z['wall']:.2f}s{'' if ok else ' (FAILED)'} (run {i + 1}/{k})")
    zsite = out / "site"
    if zsite.is_dir():
        pages = list((zsite / "cases").glob("*/index.html"))
        res["zensical_case_pages"] = len(pages)
        res["zensical_site_bytes"] = dir_size(zsite)[0]
    return res


def sizes(site: Path, n: int, case_ids: list[str], prefix: str) -> dict:
    total, files = dir_size(site)
    pages = []
    for cid in case_ids:
        p = site / prefix / cid / "index.html"
        if p.exists():
            pages.append(p.stat().st_size)
    # The search index: Pagefind's folder (plugin site) or Material's one file (plain sites).
    pf = site / "pagefind"
    idx = site / "search" / "search_index.json"
    index_bytes = dir_size(pf)[0] if pf.is_dir() else (idx.stat().st_size if idx.exists() else None)
    return {
        "total_bytes": total,
        "files": files,
        "case_pages_found": len(pages),
        "case_html_median_bytes": median(pages),
        "case_html_min_bytes": min(pages) if pages else None,
        "case_html_max_bytes": max(pages) if pages else None,
        "search_index_bytes": index_bytes,
        "search_index_per_case_bytes": index_bytes / n if index_bytes is not None else None,
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
# Each chart is drawn twice (wide and phone widths): one key per drawing.
out = {"keys": {s.id + v: s.key(v) for s in r.chart_specs() for v in chartlib.VARIANTS}}
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
    other_cases = [i for i in changed if i.startswith("case-") and i.removesuffix("-narrow") != own]
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
