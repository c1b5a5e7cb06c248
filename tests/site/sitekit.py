"""Helpers for the site tests: copy a project to a temporary folder, build it with MkDocs in a
subprocess, and read the built HTML with :mod:`html.parser` (no extra dependencies).

Imported by the test modules as ``sitekit`` (``conftest.py`` puts this folder on ``sys.path``,
so it works whatever pytest's import mode is).
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "sample_project"
REAL_TAXONOMY = ROOT / "cases" / "_data" / "taxonomy.yaml"
#: A fixed build date (2026-01-01T00:00:00Z) so sitemaps and archives are reproducible.
SOURCE_DATE_EPOCH = "1767225600"
#: The site paths DESIGN.md promises, besides one page per case and per benefit.
CONTRACT_FILES = [
    "explore/index.html",
    "data/cases.json",
    "data/cases.csv",
    "schema/case.schema.json",
    "pagefind/pagefind.js",
    "pagefind/pagefind-entry.json",
]
#: Folders of the repository that a build of the real project never needs.
_SKIP_TOP = {".git", ".venv", "venv", "node_modules", "site", ".cache", ".pytest_cache", ".hypothesis", "tests"}


# -- building -------------------------------------------------------------------------------
@dataclass
class Build:
    """One ``mkdocs build`` run."""

    project: Path
    site: Path
    returncode: int
    output: str
    seconds: float

    def charts_drawn(self) -> int:
        """The plugin's INFO line: 'casebook: N cases, M generated pages, K chart(s) drawn, ...'."""
        m = re.search(r"casebook: .*?(\d+) chart\(s\) drawn", self.output)
        assert m, f"no 'chart(s) drawn' line in the build output:\n{self.output}"
        return int(m.group(1))

    def read(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8-sig")  # CSV downloads start with a BOM

    def read_bytes(self, rel: str) -> bytes:
        return (self.site / rel).read_bytes()

    def search_records(self) -> list[dict]:
        """What the search shows of each page, read back from the Pagefind index itself."""
        return search_records(self.site)

    def check(self) -> Build:
        assert self.returncode == 0, f"mkdocs build failed ({self.returncode}):\n{self.output}"
        return self


def search_records(site: Path) -> list[dict]:
    """Every page in the site's Pagefind index as the browser receives it: its fragment files
    (``pagefind/fragment/*.pf_fragment``, gzip of ``pagefind_dcd`` + JSON: ``url``,
    ``content``, ``meta``, ``filters``), sorted by URL."""
    out = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        out.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return sorted(out, key=lambda r: r["url"])


def run_build(project: Path, site: Path, *, env: dict | None = None) -> Build:
    """``mkdocs build --strict -d site`` in ``project`` (its folder is the working folder, as
    for a contributor, so messages name ``cases/<file>.yaml``)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
                "PYTHONHASHSEED": "0"}
    full_env.update(env or {})
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=full_env, capture_output=True, text=True, timeout=600)
    return Build(project, site, proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)


def copy_sample(dest: Path) -> Path:
    """Copy the sample project to ``dest/tests/sample_project`` with the real ``overrides/`` and
    ``cases/_data/`` beside it in the same relative layout, so the sample's relative paths
    (``../../overrides``, ``../../cases/_data/taxonomy.yaml``) resolve unchanged and the chart
    cache lands in ``dest``. Returns the project folder."""
    project = dest / "tests" / "sample_project"
    shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns(".cache", "site"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "cases" / "_data", dest / "cases" / "_data")
    return project


def _project_files() -> list[str]:
    """The repository's files as git sees them (tracked, and untracked but not ignored)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, check=True, timeout=60).stdout
        return [p for p in out.decode("utf-8").split("\0") if p]
    except (OSError, subprocess.SubprocessError):
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]


def copy_project(dest: Path) -> Path:
    """Copy the real project (everything but tests, caches, builds and tooling) to ``dest``:
    a build there starts with an empty chart cache of its own. Returns ``dest``."""
    for rel in _project_files():
        parts = Path(rel).parts
        if not parts or parts[0] in _SKIP_TOP or "__pycache__" in parts:
            continue
        src = ROOT / rel
        if not src.is_file():
            continue  # deleted in the working tree
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dest


def tree_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site: relative path → bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# -- mkdocs.yml -------------------------------------------------------------------------------
class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing anything: ``!ENV``/``!!python/...`` tags become None."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_mkdocs_yml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)


def markdown_extensions(path: Path = ROOT / "mkdocs.yml") -> tuple[list[str], dict]:
    """``markdown_extensions`` of a mkdocs.yml as Python-Markdown arguments."""
    names, configs = [], {}
    for item in load_mkdocs_yml(path).get("markdown_extensions") or []:
        if isinstance(item, dict):
            ((name, conf),) = item.items()
            names.append(name)
            if conf:
                configs[name] = conf
        else:
            names.append(item)
    return names, configs


def render_markdown(text: str, path: Path = ROOT / "mkdocs.yml") -> tuple[str, dict]:
    """Render a generated page as MkDocs would: front matter split off, then Python-Markdown
    with the site's extensions. Returns (HTML, front matter)."""
    import markdown
    from mkdocs.utils.meta import get_data

    # Generated pages always open with YAML front matter; without it, leave the text alone
    # (get_data would read a leading 'key: value' line as MultiMarkdown metadata).
    body, meta = get_data(text) if text.startswith("---") else (text, {})
    names, configs = markdown_extensions(path)
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(body), meta


def plugin_names(config: dict) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in config.get("plugins") or []]


# -- reading HTML ---------------------------------------------------------------------------
@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    #: tags and ``.classes`` of every ancestor, for "inside .cb-cards"-style queries
    context: tuple[str, ...] = ()

    def get(self, name: str) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return v
        return None

    @property
    def classes(self) -> list[str]:
        return (self.get("class") or "").split()


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}


class Page(HTMLParser):
    """Every element (with its ancestors' classes and tags) and the text, by section."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []
        self._stack: list[tuple[str, tuple[str, ...]]] = []
        self.feed(text)
        self.close()

    def _context(self) -> tuple[str, ...]:
        return self._stack[-1][1] if self._stack else ()

    def handle_starttag(self, tag, attrs):
        classes = tuple(f".{c}" for c in (dict(attrs).get("class") or "").split())
        self.elements.append(Element(tag, attrs, self._context()))
        if tag not in _VOID:
            self._stack.append((tag, self._context() + (tag,) + classes))

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, attrs, self._context()))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        self.texts.append((self._context(), data))

    # -- queries ---------------------------------------------------------------------------
    def find(self, tag: str | None = None, within: str | None = None, **attrs) -> list[Element]:
        out = []
        for el in self.elements:
            if tag and el.tag != tag:
                continue
            if within and within not in el.context:
                continue
            if any(el.get(k.rstrip("_")) != v for k, v in attrs.items()):
                continue
            out.append(el)
        return out

    def text(self, within: str | None = None) -> str:
        """The text (entities decoded, whitespace collapsed), optionally only inside elements
        whose tag or ``.class`` is ``within``."""
        parts = [t for ctx, t in self.texts if within is None or within in ctx]
        return " ".join(" ".join(parts).split())

    def hrefs(self, page_url: str, within: str | None = None) -> list[str]:
        """Link targets resolved against the page's site path (``cases/x/``), as site paths."""
        return [resolve(page_url, el.get("href")) for el in self.find("a", within=within) if el.get("href")]


def resolve(page_url: str, href: str) -> str:
    """``../../benefits/x/`` seen from ``cases/y/`` → ``benefits/x/`` (fragment dropped)."""
    url = urljoin("https://site.invalid/" + page_url, href)
    parts = urlsplit(url)
    if parts.netloc != "site.invalid":
        return url
    return parts.path.lstrip("/")


def article(raw: str) -> str:
    """The page body Material renders from the Markdown (``<article class="md-content__inner``)."""
    start = raw.find('<article class="md-content__inner')
    end = raw.rfind("</article>")  # the last: cards inside are <article>s too
    assert start >= 0 and end > start, "no <article> in the page"
    return raw[start:end + len("</article>")]


def squash(text: str) -> str:
    return " ".join(html.unescape(str(text)).split())


# -- safety checks shared by the hostile-input tests ------------------------------------------
_ATTR_NAME = re.compile(r"^[a-z][a-z0-9_.:-]*$")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "base",
                  "frame", "frameset", "meta", "link"}


def unsafe_markup(page: Page, *, allowed_tags: set[str] = frozenset(), img_prefixes: tuple[str, ...] = ()) -> list[str]:
    """What in ``page`` could run script or came from case text as markup: event-handler or
    malformed attribute names, script-capable URLs, dangerous elements (unless allowed), images
    from anywhere but ``img_prefixes``."""
    problems = []
    for el in page.elements:
        for name, value in el.attrs:
            if not _ATTR_NAME.match(name) or name.startswith("on"):
                problems.append(f"<{el.tag}> has attribute {name!r}={value!r}")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset") and value:
                v = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
                if v.startswith(_BAD_SCHEMES):
                    problems.append(f"<{el.tag} {name}={value!r}>")
        if el.tag in DANGEROUS_TAGS and el.tag not in allowed_tags:
            problems.append(f"<{el.tag}> element: {el.attrs}")
        if el.tag == "img" and not (el.get("src") or "").startswith(img_prefixes or ("\0",)):
            problems.append(f"<img src={el.get('src')!r}>")
    return problems
