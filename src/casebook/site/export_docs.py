"""``casebook export-docs DIR``: the whole site as an ordinary documentation folder.

Writes ``DIR/docs/`` — the hand-written pages with their ``<!-- casebook:... -->`` markers
expanded, and every file the pipeline generates (case and term pages, charts, downloads,
feed, citations, schema, assets: whatever :func:`~casebook.site.build.build_site` returns,
iterated generically) — and ``DIR/mkdocs.yml``: the project's configuration without the
``casebook`` plugin, pointing at that folder, with the plugin's stylesheets and scripts listed
and the theme overrides copied beside it. Plain MkDocs with Material (``mkdocs build -f
DIR/mkdocs.yml``) and Zensical (``zensical build -f DIR/mkdocs.yml``) build it.

What the plugin does to rendered HTML is done here to the Markdown instead:

* the HTML blocks it keeps out of Markdown are written inline (``defer_html=False``);
* glossary abbreviations: the glossary's ``*[ABBR]: expansion`` definitions are appended to
  every other page (Python-Markdown's ``abbr`` extension, added to the configuration if
  missing, marks them in prose) and applied directly to the generated HTML blocks, which
  Markdown does not look inside.

Guides need nothing extra: term pages already link to them when the pipeline reads the
content folder. Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..records.project import taxonomy_for

#: Written into an export, so a later export may replace it (and nothing else).
MARKER_FILE = ".casebook-export"
PLUGIN_DEFAULTS = {"cases_dir": "cases", "taxonomy": None, "chart_cache": ".cache/casebook/charts",
                   "edit_url": None, "glossary": "glossary.md", "workers": None, "enabled": True,
                   "page_size": 50, "branch": "main"}


class ExportError(Exception):
    """A problem with the configuration or the target folder (not with a case)."""


# -- mkdocs.yml, read and written without losing its custom tags (!ENV, !!python/name:...) -------


@dataclass
class Tagged:
    """A YAML node with a tag this module does not interpret, kept as written."""

    tag: str
    value: Any


class _ConfigLoader(yaml.SafeLoader):
    pass


def _keep_tagged(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Tagged:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    assert isinstance(node, yaml.MappingNode)
    return Tagged(tag, loader.construct_mapping(node, deep=True))


_ConfigLoader.add_multi_constructor("!", _keep_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tagged)


class _ConfigDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, "" if data.value is None else str(data.value))


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        cfg = yaml.load(fh, Loader=_ConfigLoader)  # noqa: S506 - SafeLoader subclass
    if not isinstance(cfg, dict):
        raise ExportError(f"{path}: not a MkDocs configuration (expected a mapping)")
    return cfg


def env_value(value: Any) -> Any:
    """A configuration value with MkDocs' ``!ENV`` tag resolved as MkDocs resolves it: the first
    named variable that is set, else the last item as the default (``!ENV [A, B, default]``)."""
    if not (isinstance(value, Tagged) and value.tag == "!ENV"):
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    if len(names) > 1:
        *names, default = names
    else:
        default = None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _plugin_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry))
    return None


def casebook_options(cfg: dict) -> dict | None:
    """The ``casebook`` plugin's options with defaults filled in, or ``None`` without it."""
    plugins = cfg.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also accepts a mapping of plugin → options
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if _plugin_name(entry) == "casebook":
            opts = dict(PLUGIN_DEFAULTS)
            if isinstance(entry, dict):
                opts.update(entry["casebook"] or {})
            return opts
    return None


def engine_config(cfg: dict, custom_dir: str | None) -> dict:
    """The configuration for the exported folder: no casebook plugin, ``docs_dir: docs``, the
    plugin's stylesheets and scripts listed, the ``abbr`` extension on."""
    from .build import EXPORT_STYLES, SITE_SCRIPTS, SITE_STYLES

    out = dict(cfg)
    out["docs_dir"] = "docs"
    for key in ("site_url", "repo_url", "edit_uri"):  # the identity, as the environment gives it now
        if key in out:
            value = env_value(out.pop(key))
            if value:
                out[key] = value
    out.pop("site_dir", None)  # default: DIR/site
    plugins = cfg.get("plugins") or []
    if isinstance(plugins, dict):
        out["plugins"] = {k: v for k, v in plugins.items() if k != "casebook"}
    else:
        out["plugins"] = [p for p in plugins if _plugin_name(p) != "casebook"]
    # The site's search is Pagefind (`casebook index SITE_DIR` after the build): Zensical, whose
    # search is on unless switched off, must not build its own as well.
    if isinstance(out["plugins"], dict):
        out["plugins"].setdefault("search", {"enabled": False})
    elif "search" not in {_plugin_name(p) for p in out["plugins"]}:
        out["plugins"].append({"search": {"enabled": False}})
    theme = out.get("theme")
    if isinstance(theme, dict):
        theme = dict(theme)
        # Zensical's "classic" variant is Material's look, which the header search box
        # (site/theme/partials/cb-search.html) is styled by; MkDocs ignores the key.
        theme.setdefault("variant", "classic")
        if custom_dir:
            theme["custom_dir"] = custom_dir
        else:
            theme.pop("custom_dir", None)
        out["theme"] = theme
    css = list(out.get("extra_css") or [])
    out["extra_css"] = css + [s for s in EXPORT_STYLES + SITE_STYLES if s not in css]
    scripts = list(out.get("extra_javascript") or [])
    names = {s if isinstance(s, str) else (s.get("path") if isinstance(s, dict) else None) for s in scripts}
    out["extra_javascript"] = scripts + [s for s in SITE_SCRIPTS if s not in names]
    exts = list(out.get("markdown_extensions") or [])
    if not any((e == "abbr" or (isinstance(e, dict) and "abbr" in e)) for e in exts):
        exts.append("abbr")
    out["markdown_extensions"] = exts
    return out


# -- abbreviations -----------------------------------------------------------------------------


def _abbreviate_html_blocks(body: str, abbreviator) -> str:
    """Apply the glossary to the raw HTML blocks of a Markdown body (Markdown leaves them alone,
    so the ``abbr`` extension never reaches them). A block is a run of lines starting with a
    tag, up to a blank line; comments are left alone."""
    parts = body.split("\n\n")
    for i, part in enumerate(parts):
        head = part.lstrip()
        if head.startswith("<") and not head.startswith("<!--"):
            parts[i] = abbreviator.apply(part)
    return "\n\n".join(parts)


def _definitions_block(definitions: dict[str, str]) -> str:
    lines = [f"*[{word}]: {' '.join(title.split())}" for word, title in sorted(definitions.items())]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def _split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter block including its fences, body)``; the block is '' without one."""
    if text.startswith("---\n") or text.startswith("---\r\n"):
        end = text.find("\n---", 4)
        if end != -1:
            stop = text.find("\n", end + 4)
            stop = len(text) if stop == -1 else stop + 1
            return text[:stop], text[stop:]
    return "", text


# -- the export --------------------------------------------------------------------------------


@dataclass
class ExportResult:
    out_dir: Path
    config_file: Path
    generated: int = 0
    hand_written: int = 0
    cases: int = 0
    warnings: list[str] = field(default_factory=list)


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER_FILE).is_file() and not force:
            raise ExportError(f"{out} is not empty and holds no earlier export; choose an empty or new "
                              "folder (or pass --force to write into it)")
        for name in ("docs", "overrides", "mkdocs.yml", "site"):
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)


def write_docs(build, content_dir: Path | None, docs: Path, glossary: str = "glossary.md", *,
               abbreviations: bool = True) -> tuple[int, int, list[str]]:
    """Write a docs folder from a finished :class:`~casebook.site.build.SiteBuild` (built with
    ``defer_html=False``): the hand-written pages of ``content_dir`` with markers expanded, then
    every file the build generated, then (with ``abbreviations``) the glossary applied.
    Returns (hand-written files, generated files, warnings)."""
    warnings: list[str] = []
    if content_dir is not None:
        shutil.copytree(content_dir, docs, ignore=shutil.ignore_patterns(".*"))
    else:
        docs.mkdir(parents=True)
    hand_written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}

    # Hand-written pages: markers expanded.
    for uri in sorted(u for u in hand_written if u.endswith(".md")):
        path = docs / uri
        text = path.read_text(encoding="utf-8")
        if "<!-- casebook:" in text:
            front, body = _split_front_matter(text)
            body, unknown = build.expand_markers(body, uri)
            warnings += [f"{uri}: unknown Casebook marker {m}" for m in unknown]
            path.write_text(front + body, encoding="utf-8")

    # Every generated file, whatever the pipeline produces.
    build.wait()
    generated = 0
    for f in build.files:
        if f.path in hand_written:
            raise ExportError(f"{f.path} in the docs folder clashes with a page Casebook generates; rename it")
        target = docs / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if f.text is not None:
            target.write_text(f.text, encoding="utf-8")
        elif f.source is not None:
            shutil.copyfile(f.source, target)
        generated += 1

    # Glossary abbreviations on every page but the glossary (as the plugin does).
    abbreviator = build.abbreviator
    if abbreviations and abbreviator is not None and getattr(abbreviator, "definitions", None):
        tail = _definitions_block(abbreviator.definitions)
        for page in sorted(docs.rglob("*.md")):
            uri = page.relative_to(docs).as_posix()
            if uri == glossary:
                continue
            front, body = _split_front_matter(page.read_text(encoding="utf-8"))
            body = _abbreviate_html_blocks(body, abbreviator)
            page.write_text(front + body.rstrip("\n") + "\n" + tail, encoding="utf-8")
    return len(hand_written), generated, warnings


def export_docs(out_dir: str | Path, config_file: str | Path = "mkdocs.yml", *, force: bool = False,
                workers: int | None = None) -> ExportResult:
    """Write the documentation folder; raises :class:`ExportError` or
    :class:`~casebook.records.problems.ValidationFailed` (every problem of every case)."""
    from .build import THEME_DIR, build_site
    from .context import BuildContext
    from .urls import Urls

    config_file = Path(config_file)
    if not config_file.is_file():
        raise ExportError(f"no MkDocs configuration at {config_file}")
    cfg = read_config(config_file)
    opts = casebook_options(cfg)
    if opts is None:
        raise ExportError(f"{config_file} does not use the casebook plugin; nothing to export")
    base = config_file.resolve().parent
    docs_dir = base / str(cfg.get("docs_dir") or "docs")
    cases_dir = base / str(opts["cases_dir"])
    taxonomy = taxonomy_for(cases_dir, base / str(opts["taxonomy"]) if opts["taxonomy"] else None)
    glossary = str(opts["glossary"])
    out = Path(out_dir).resolve()
    if out == base or base.is_relative_to(out) or (docs_dir.is_dir() and out.is_relative_to(docs_dir)):
        raise ExportError(f"{out} would overwrite the project itself; choose a folder outside it or a new sub-folder")

    repo_url = str(env_value(cfg.get("repo_url")) or "").rstrip("/")
    branch = str(env_value(opts["branch"]) or "main")
    edit_base = env_value(opts["edit_url"]) or (f"{repo_url}/edit/{branch}/{str(opts['cases_dir']).strip('/')}/"
                                                 if repo_url else None)
    context = BuildContext(
        urls=Urls(directory=bool(cfg.get("use_directory_urls", True)),
                  site_url=str(env_value(cfg.get("site_url")) or "")),
        edit_base=edit_base, content_dir=docs_dir if docs_dir.is_dir() else None, glossary=glossary,
        page_size=int(opts["page_size"]), workers=opts["workers"] if workers is None else workers,
        strict=True, defer_html=False, repo_url=repo_url, branch=branch)
    build = build_site(cases_dir, taxonomy, base / str(opts["chart_cache"]), context)
    _prepare(out, force)
    result = ExportResult(out, out / "mkdocs.yml", cases=len(build.corpus.cases))
    result.hand_written, result.generated, result.warnings = write_docs(
        build, docs_dir if docs_dir.is_dir() else None, out / "docs", glossary)

    # Theme overrides beside the configuration (the project's, over Casebook's own templates,
    # which the plugin adds to the theme in a build), then the configuration itself.
    custom_dir = "overrides"
    shutil.copytree(THEME_DIR, out / custom_dir)
    theme = cfg.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        src = base / str(theme["custom_dir"])
        if src.is_dir():
            shutil.copytree(src, out / custom_dir, dirs_exist_ok=True)
    engine_cfg = engine_config(cfg, custom_dir)
    header = ("# Written by `casebook export-docs` from the project's mkdocs.yml: every page is in docs/,\n"
              "# so no casebook plugin is needed. Build with `mkdocs build -f mkdocs.yml` (MkDocs + Material)\n"
              "# or `zensical build -f mkdocs.yml` (Zensical).\n")
    result.config_file.write_text(
        header + yaml.dump(engine_cfg, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8")
    (out / MARKER_FILE).write_text("casebook export-docs\n", encoding="utf-8")
    return result


def main_export(out_dir: str, config_file: str, force: bool) -> int:
    """The CLI command: 0 written, 1 invalid cases, 2 usage/configuration problem."""
    from ..records.problems import ValidationFailed
    from ..records.taxonomy import TaxonomyError

    try:
        result = export_docs(out_dir, config_file, force=force)
    except ValidationFailed as exc:
        errors = [p for p in exc.problems if p.is_error]
        for p in errors:
            print(p.format(), file=sys.stdout)
        print(f"casebook: error: {len(errors)} problem(s) in case files; nothing exported", file=sys.stderr)
        return 1
    except (ExportError, TaxonomyError, FileNotFoundError) as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return 2
    for w in result.warnings:
        print(f"casebook: warning: {w}", file=sys.stderr)
    print(f"{result.out_dir}: {result.hand_written} hand-written and {result.generated} generated files "
          f"({result.cases} cases) in docs/, and mkdocs.yml without the casebook plugin", file=sys.stderr)
    print(f"Build it with: mkdocs build -f {result.config_file}   or   zensical build -f {result.config_file}",
          file=sys.stderr)
    return 0
