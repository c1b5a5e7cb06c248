"""The synthetic corpus and the MkDocs projects (plugin, plain, generated Markdown) built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from .common import PY, REPO, run, say


def make_corpus(n: int, seed: int, work: Path) -> dict:
    cases, md = work / "cases", work / "plain-docs"
    stamp = work / ".corpus-stamp"
    generator = [REPO / "scripts" / "make_corpus.py", *sorted((REPO / "scripts" / "corpus").glob("*.py"))]
    want = f"{n} {seed} {max(p.stat().st_mtime_ns for p in generator)}"
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
    """The repository's ``mkdocs.yml``, with MkDocs' ``!ENV [NAME, default]`` tags resolved as
    MkDocs would (the repository's identity comes from the environment), so the benchmark's
    projects, written back with ``safe_dump``, hold plain values."""
    import os

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node):
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        *variables, default = names if len(names) > 1 else (*names, None)
        return next((os.environ[v] for v in variables if v in os.environ), default)

    Loader.add_constructor("!ENV", env)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _baseline(cfg: dict, work: Path) -> dict:
    """A plain baseline's configuration: no casebook plugin, and Material's own search plugin
    with Material's header (the site's search before Pagefind, and what the baselines have
    always built), so that the baselines stay comparable with earlier rounds and the plain
    site's search is the "before" of the search figures."""
    theme = work / "overrides-baseline"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(REPO / "overrides", theme,
                    ignore=lambda folder, names: [n for n in names if n in ("header.html", "cb-search.html")])  # older trees
    cfg["theme"]["custom_dir"] = str(theme)
    plugins = [p for p in cfg["plugins"] if not (isinstance(p, dict) and "casebook" in p) and p != "casebook"]
    cfg["plugins"] = ["search", *[p for p in plugins if p != "search"]]
    return cfg


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
    plain = _baseline(plain, work)
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
    cfg = _baseline(cfg, work)
    cfg["extra_css"] = list(cfg.get("extra_css") or []) + ["assets/casebook.css"]
    cfg["extra_javascript"] = list(cfg.get("extra_javascript") or []) + ["assets/listing.js"]
    yml = work / "mkdocs-generated.yml"
    yml.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return yml


# ------------------------------------------------------------------------------------------
# measurements
# ------------------------------------------------------------------------------------------
