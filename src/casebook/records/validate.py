"""Validate case records against :mod:`casebook.spec` and the taxonomy.

Each file is checked on its own (types, vocabularies, text safety), then the rules that span
files are applied (unique ids, ``related`` ids exist). Nothing raises: every problem in every
file is collected so a contributor sees them all in one run.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import gc
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .loader import Document, load_file
from .project import relative
from .problems import Problem, did_you_mean, sort_problems
from .spec import BUILTIN_VOCABULARIES, CASE, ID_PATTERN, Field
from .taxonomy import Taxonomy, country_names

_ID = re.compile(ID_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Raw HTML: a tag (as browsers read one: '<' or '</' straight before a letter, up to '>', so
# <svg/onload=...> and <a:b ...> count), a comment, a declaration or a processing instruction.
# "a < b", "a < b and b > c" and "<3" stay allowed: a '<' followed by a space starts no tag.
_HTML = re.compile(r"</?[A-Za-z][^\s/>]*(?:[\s/][^<>]*)?>|<!(?=\S)|<\?")
# The template's placeholder; 'Todos' or 'Todo' (Spanish words) are not placeholders.
_PLACEHOLDER = re.compile(r"(?:TODO|todo)\b")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)", re.M)
_MD_IMAGE = re.compile(r"!\[")
_URL = re.compile(r"^https?://[^\s/?#<>\"'`]+[^\s<>\"'`]*$", re.I)
_NUMBERISH = re.compile(r"^\s*[-+\u2212]?\s*[£$€]?\s*[0-9][0-9,]*(\.[0-9]+)?\s*(%|m|k|bn)?\s*$")
_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n"}
SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass
class Result:
    """What validating a set of files produced."""

    cases: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


class _Label:
    """A field's dotted name (``outcomes[2].benefit``), built only when a message needs it."""

    __slots__ = ("path",)

    def __init__(self, path: tuple):
        self.path = path

    def __str__(self) -> str:
        return _Checker.label(self.path)

    __format__ = lambda self, spec: format(str(self), spec)  # noqa: E731 - f-strings call this


class _Checker:
    """Checks one document; ``problems`` collects what is wrong."""

    def __init__(self, doc: Document, ctx: "_Context"):
        self.doc = doc
        self.ctx = ctx
        self.problems: list[Problem] = []

    # -- reporting -------------------------------------------------------------------------
    def error(self, path: tuple, message: str, hint: str | None = None, key: bool = False,
              severity: str = "error") -> None:
        line, col = self.doc.mark(path, key=key)
        self.problems.append(Problem(self.doc.path, line, col, message, severity, hint))

    def warn(self, path: tuple, message: str, hint: str | None = None) -> None:
        self.error(path, message, hint, severity="warning")

    def error_in(self, path: tuple, needle: str, message: str, hint: str | None = None,
                 shift: int = 0) -> None:
        """A problem found inside a text value (a link, a tag): report it at the line and column
        where ``needle`` (plus ``shift`` characters) stands in the file, so a long narrative
        points at the right line."""
        needle = needle.split("\n", 1)[0]
        pos = self._find(path, needle)
        if pos is None:
            self.error(path, message, hint)
        else:
            col = pos[1] + (shift if 0 <= shift < len(needle) else 0)
            self.problems.append(Problem(self.doc.path, pos[0], col, message, "error", hint))

    def _find(self, path: tuple, needle: str) -> tuple[int, int] | None:
        start, end, text = self.doc.marks.get(path), self.doc.ends.get(path), self.doc.text
        if not (needle and start and end and text):
            return None
        if not hasattr(self, "_offsets"):
            self._offsets = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        offsets = self._offsets

        def index(mark: tuple[int, int]) -> int:
            return offsets[min(mark[0], len(offsets)) - 1] + mark[1] - 1

        at = text.find(needle, index(start), index(end))
        if at < 0:  # escaped in a quoted string, or split over lines: fall back to the value
            return None
        line = bisect.bisect_right(offsets, at)
        return line, at - offsets[line - 1] + 1

    @staticmethod
    def label(path: tuple) -> str:
        out = ""
        for part in path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out or "the case"

    # -- field kinds -----------------------------------------------------------------------
    def check(self, f: Field, value, path: tuple):
        """Check ``value`` against ``f``; return the normalised value, or ``None`` if invalid."""
        name = _Label(path)
        kind = f.kind
        if kind in ("text", "markdown"):
            return self.text(f, value, path, name)
        if (isinstance(value, str) and _PLACEHOLDER.match(value.strip())
                and kind not in ("list", "mapping", "member")):
            if kind == "term":
                hint = did_you_mean(value, self.ctx.vocab(f.vocabulary))
            elif kind == "country":
                hint = "write the ISO 3166-1 alpha-2 code, for example GB"
            else:
                hint = f.description
            self.error(path, f"'{name}' still holds the template placeholder: {value.strip()[:60]!r}", hint)
            return None
        if kind == "id":
            if not isinstance(value, str) or not _ID.match(value) or len(value) > (f.max_length or 64):
                self.error(path, f"'{name}' must be lowercase letters and digits joined by single hyphens, at most {f.max_length} characters; got {value!r}",
                           "for example: west-yorkshire-acute-trusts")
                return None
            return value
        if kind == "url":
            if not isinstance(value, str) or not _URL.match(value.strip()):
                self.error(path, f"'{name}' must be a full http:// or https:// address; got {value!r}",
                           "other schemes such as javascript: or file: are not allowed")
                return None
            return value.strip()
        if kind in ("year", "integer"):
            if isinstance(value, bool) or not isinstance(value, int):
                hint = None
                if isinstance(value, str) and path in self.doc.quoted and value.strip().isdigit():
                    hint = "remove the quotes"
                elif isinstance(value, str) and re.fullmatch(r"0\d+", value.strip()):
                    hint = f"remove the leading zero: {int(value)}"
                elif isinstance(value, str) and re.fullmatch(r"[\d,]+", value.strip()):
                    hint = "write the number without commas"
                self.error(path, f"'{name}' must be a whole number; got {value!r}", hint)
                return None
            if kind == "year":
                this_year = self.ctx.today.year
                if not 1900 <= value <= this_year:
                    self.error(path, f"'{name}' must be a year from 1900 to {this_year}; got {value}")
                    return None
            elif f.minimum is not None and value < f.minimum:
                self.error(path, f"'{name}' must be at least {int(f.minimum)}; got {value}")
                return None
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                hint = None
                if isinstance(value, str):
                    if path in self.doc.quoted and _NUMBERISH.match(value) and re.fullmatch(r"[-+]?\d+(\.\d+)?", value.strip()):
                        hint = "remove the quotes"
                    elif "\u2212" in value:
                        hint = "use the ordinary minus sign '-'"
                    elif re.fullmatch(r"[-+]?0\d+(\.\d+)?", value.strip()):
                        hint = "remove the leading zero"
                    elif _NUMBERISH.match(value):
                        hint = "write a plain number such as -36 or 4.6, and put any unit in 'unit'"
                self.error(path, f"'{name}' must be a number; got {value!r}", hint)
                return None
            if value != value or value in (float("inf"), float("-inf")):
                self.error(path, f"'{name}' must be a finite number")
                return None
            return value
        if kind == "boolean":
            if not isinstance(value, bool):
                hint = "write true or false"
                if isinstance(value, str) and value.lower() in _BOOL_WORDS:
                    hint = f"write true or false; '{value}' is ambiguous in YAML"
                self.error(path, f"'{name}' must be true or false; got {value!r}", hint)
                return None
            return value
        if kind == "date":
            if not isinstance(value, str) or not _DATE.match(value):
                self.error(path, f"'{name}' must be a date written YYYY-MM-DD; got {value!r}")
                return None
            try:
                parsed = _dt.date.fromisoformat(value)
            except ValueError:
                self.error(path, f"'{name}' is not a real date: {value}")
                return None
            if parsed > self.ctx.today:
                self.error(path, f"'{name}' is in the future ({value}); use the date you checked the record",
                           f"today is {self.ctx.today.isoformat()}")
                return None
            return parsed
        if kind == "partial-date":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not _PARTIAL_DATE.match(value):
                self.error(path, f"'{name}' must be written YYYY, YYYY-MM or YYYY-MM-DD; got {value!r}")
                return None
            try:
                parts = [int(p) for p in value.split("-")]
                _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            except ValueError:
                self.error(path, f"'{name}' is not a real date: {value}")
                return None
            return value
        if kind == "term":
            choices = self.ctx.vocab(f.vocabulary)
            if not isinstance(value, str) or value not in choices:
                self.error(path, f"'{name}' has unknown value {value!r}", did_you_mean(value, choices))
                return None
            return value
        if kind == "country":
            codes = self.ctx.countries
            if not isinstance(value, str) or value not in codes:
                hint = None
                if isinstance(value, str) and value.upper() in codes:
                    hint = f"write it in capitals: {value.upper()}"
                elif isinstance(value, str) and value.upper() in ("UK", "EN", "ENG"):
                    hint = "the ISO 3166-1 code for the United Kingdom is GB"
                elif isinstance(value, str):
                    by_name = {n.lower(): c for c, n in codes.items()}
                    if value.lower() in by_name:
                        hint = f"use the two-letter code: {by_name[value.lower()]}"
                self.error(path, f"'{name}' must be an ISO 3166-1 alpha-2 code such as GB; got {value!r}", hint)
                return None
            return value
        if kind == "case-ref":
            if not isinstance(value, str) or not _ID.match(value):
                self.error(path, f"'{name}' must be the id of another case; got {value!r}")
                return None
            return value
        if kind == "list":
            return self.list_(f, value, path, name)
        if kind == "mapping":
            return self.mapping(f, value, path, name)
        if kind == "member":
            if isinstance(value, str):
                text = self.text(Field("name", "text", ""), value, path, name)
                return None if text is None else {"name": text, "role": None}
            if isinstance(value, dict):
                return self.mapping(f, value, path, name)
            self.error(path, f"'{name}' must be an organisation name or a mapping with 'name' and 'role'")
            return None
        raise ValueError(f"unknown field kind {kind!r}")  # pragma: no cover

    def text(self, f: Field, value, path: tuple, name: str):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a plain 2022 means the text "2022"; nothing is lost
        if not isinstance(value, str):
            what = {bool: "true/false", float: "a number", list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
            self.error(path, f"'{name}' must be text; got {what}", "put the text in quotes")
            return None
        value = value.strip()
        if not value:
            self.error(path, f"'{name}' is empty; write some text or remove the field")
            return None
        if _PLACEHOLDER.match(value):
            self.error(path, f"'{name}' still holds the template placeholder: {value[:60]!r}",
                       "replace the TODO with real content, or delete the line if the field is optional")
            return None
        if f.max_length and len(value) > f.max_length:
            self.error(path, f"'{name}' is {len(value)} characters long; the limit is {f.max_length}",
                       "shorten it" + ("; put detail in 'narrative'" if f.name == "summary" else ""))
        html = None
        if "<" in value:  # most text has none; skip the regexes
            probe = _AUTOLINK.sub("", value) if f.kind == "markdown" else value
            html = _HTML.search(probe)
        if html:
            self.error_in(path, html.group(0), f"'{name}' contains raw HTML ({html.group(0)[:40]!r}); HTML is not allowed",
                          "write plain text" + (" or Markdown" if f.kind == "markdown" else "")
                          + "; to show a '<' write it followed by a space")
            return None
        if f.kind == "markdown" and ("](" in value or "]:" in value or "![" in value):
            ok = True
            image = _MD_IMAGE.search(value)
            if image:
                self.error_in(path, image.group(0), f"'{name}' contains an image; images are not supported in case text",
                              "link to the page instead")
                ok = False
            for m in list(_MD_LINK.finditer(value)) + list(_MD_REFDEF.finditer(value)):
                target = m.group(1)
                if target and not _URL.match(target):
                    whole = m.re is _MD_LINK and "\n" not in m.group(0)
                    self.error_in(path, m.group(0) if whole else target, f"'{name}' links to {target[:60]!r}; links must be full http:// or https:// addresses",
                                  "javascript:, data:, file: and relative links are not allowed",
                                  shift=m.start(1) - m.start(0) if whole else 0)
                    ok = False
            if not ok:
                return None
        return value

    def list_(self, f: Field, value, path: tuple, name: str):
        if value is None:
            value = []
        if not isinstance(value, list):
            example = f"[{value}]" if isinstance(value, str) else "[first, second]"
            self.error(path, f"'{name}' must be a list", f"write {example}, or one '- item' per line")
            return None
        if len(value) < f.min_items:
            self.error(path, f"'{name}' needs at least {f.min_items} item(s)", f.items.description if f.items else None)
            return None
        out = []
        seen: dict = {}
        for i, item in enumerate(value):
            checked = self.check(f.items, item, path + (i,))
            if checked is None:
                continue
            if f.items.kind in ("term", "case-ref", "country"):
                if checked in seen:
                    self.error(path + (i,), f"'{name}' lists {checked!r} twice (items {seen[checked] + 1} and {i + 1}); remove one")
                    continue
                seen[checked] = i
            out.append(checked)
        return out

    def mapping(self, f: Field, value, path: tuple, name: str):
        if not isinstance(value, dict):
            self.error(path, f"'{name}' must be a mapping of 'field: value' lines")
            return None
        spec = f.field_map()
        out: dict = {}
        ok = True
        for key in value:
            if key not in spec:
                hint = did_you_mean(key, list(spec))
                where = "the case" if not path else f"'{name}'"
                self.error(path + (key,), f"unknown field {key!r} in {where}", hint, key=True)
                ok = False
        for child in f.fields:
            raw = value.get(child.name)
            cpath = path + (child.name,)
            if raw is None or (isinstance(raw, str) and not raw.strip() and child.kind not in ("text", "markdown")):
                if child.required:
                    if child.name in value:
                        self.error(cpath, f"'{self.label(cpath)}' is empty", child.description)
                    else:
                        self.error(path, f"missing required field '{self.label(cpath)}'", child.description)
                    ok = False
                out[child.name] = [] if child.kind == "list" else child.default
                continue
            checked = self.check(child, raw, cpath)
            if checked is None:
                ok = False
            out[child.name] = checked
        return out if ok else None


class _Context:
    """What every file's check shares: vocabularies, country codes, today's date."""

    def __init__(self, taxonomy: Taxonomy, today: _dt.date | None = None):
        self.taxonomy = taxonomy
        self.today = today or _dt.date.today()
        self.countries = country_names()
        self._vocab: dict[str, list[str]] = {}

    def vocab(self, name: str) -> list[str]:
        if name not in self._vocab:
            self._vocab[name] = list(BUILTIN_VOCABULARIES.get(name) or self.taxonomy.ids(name))
        return self._vocab[name]


def check_document(doc: Document, ctx: _Context) -> tuple[dict | None, list[Problem]]:
    """Validate one loaded document. Returns the normalised case (or ``None``) and its problems."""
    checker = _Checker(doc, ctx)
    data = doc.data or {}
    case = checker.mapping(CASE, data, (), "the case")
    stem = Path(doc.path).name.rsplit(".", 1)[0]
    if isinstance(data.get("id"), str) and data["id"] != stem and _ID.match(data["id"]):
        checker.error(("id",), f"id '{data['id']}' does not match the file name '{Path(doc.path).name}'",
                      f"rename the file to {data['id']}.yaml or set id: {stem}")
        case = None
    if not doc.path.endswith(".yaml"):
        checker.error((), "case files must end in .yaml", f"rename it to {stem}.yaml")
        case = None
    checker_cross_fields(checker, data)
    if not doc.text.startswith(SCHEMA_LINE):
        checker.warn((), "the first line should be the editor schema comment",
                     f"add '{SCHEMA_LINE}_data/case.schema.json' as line 1 for autocompletion")
    if checker.problems and any(p.is_error for p in checker.problems):
        case = None
    if case is not None:
        case["_path"] = doc.path
    return case, checker.problems


def checker_cross_fields(checker: _Checker, data: dict) -> None:
    """Rules that relate fields of one case to each other."""
    benefits = data.get("benefits") if isinstance(data.get("benefits"), list) else []
    sources = data.get("sources") if isinstance(data.get("sources"), list) else []
    outcomes = data.get("outcomes")
    if not outcomes:
        checker.warn(("outcomes",) if "outcomes" in data else (), "the case has no outcomes",
                     "add measured results under 'outcomes' if the sources give any")
    if isinstance(outcomes, list):
        for i, o in enumerate(outcomes):
            if not isinstance(o, dict):
                continue
            path = ("outcomes", i)
            if o.get("change_percent") is None and o.get("value") is None:
                checker.error(path, f"outcome {i + 1} needs 'change_percent' or 'value'",
                              "give the signed % change (e.g. -36) or the measured value with its unit")
            if o.get("baseline") is not None and o.get("value") is None:
                checker.error(path + ("baseline",), f"outcome {i + 1} has a 'baseline' but no 'value'",
                              "give the value the baseline is compared with")
            if o.get("value") is not None and o.get("unit") is None:
                checker.warn(path + ("value",), f"outcome {i + 1} has a value but no 'unit'",
                             "say what the number counts, e.g. staff, miles, GBP million")
            b = o.get("benefit")
            if isinstance(b, str) and b in checker.ctx.vocab("benefits") and b not in benefits:
                checker.error(path + ("benefit",), f"outcome {i + 1} is filed under '{b}', which is not one of the case's benefits",
                              f"add {b} to 'benefits' or choose one of: {', '.join(map(str, benefits)) or '(none)'}")
            s = o.get("source")
            if isinstance(s, int) and not isinstance(s, bool) and s >= 1 and s > len(sources):
                checker.error(path + ("source",), f"outcome {i + 1} cites source {s}, but the case lists {len(sources)} source(s)",
                              "number sources from 1 in the order of the 'sources' list")
    for i, s in enumerate(sources):
        if isinstance(s, dict) and not s.get("url"):
            checker.warn(("sources", i), f"source {i + 1} has no address (url)",
                         "add the url so readers can check the facts")


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """Expand folders to their case files (``*.yaml``/``*.yml``, not recursive).

    A file named twice (``cases cases/x.yaml``) is checked once, or it would clash with itself
    as a duplicate id. Returns ``(files, missing)`` where ``missing`` are arguments that do not
    exist."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append(path)

    for p in paths:
        if os.path.isdir(p):
            with os.scandir(p) as it:
                names = sorted(e.name for e in it if e.is_file() and e.name.endswith((".yaml", ".yml"))
                               and not e.name.startswith("."))
            for n in names:
                add(os.path.join(p, n))
        elif os.path.exists(p):
            add(p)
        else:
            missing.append(p)
    return files, missing


def validate_files(files: list[str], taxonomy: Taxonomy, today: _dt.date | None = None) -> Result:
    """Load and validate ``files``, then apply the rules across files."""
    # Thousands of node trees stay alive until the cross-file checks; they hold no reference
    # cycles, and the cyclic collector rescanning them made validation grow quadratically.
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate_files(files, taxonomy, today)
    finally:
        if gc_enabled:
            gc.enable()


def _validate_files(files: list[str], taxonomy: Taxonomy, today: _dt.date | None) -> Result:
    ctx = _Context(taxonomy, today)
    result = Result(files=[relative(f) for f in files])
    problems: list[Problem] = []
    loaded: list[tuple[dict, Document]] = []
    docs_by_id: dict[str, list[Document]] = {}
    known_ids: set[str] = set()
    folders = {os.path.dirname(os.path.abspath(f)) for f in files}
    for folder in folders:  # related ids may point at cases not named on the command line
        try:
            known_ids.update(n[:-5] for n in os.listdir(folder) if n.endswith(".yaml"))
        except OSError:
            pass
    for path, shown in zip(files, result.files):
        doc, load_problems = load_file(path, shown)
        problems.extend(load_problems)
        if doc is None:
            continue
        case, doc_problems = check_document(doc, ctx)
        problems.extend(doc_problems)
        cid = doc.data.get("id") if doc.data else None
        related = doc.data.get("related") if doc.data else None
        # Keep only the positions the checks across files may report, so 10,000 node trees
        # are not held in memory at once.
        doc.release([("id",)] + [("related", i) for i in range(len(related) if isinstance(related, list) else 0)])
        if isinstance(cid, str):
            docs_by_id.setdefault(cid, []).append(doc)
        if case is not None:
            loaded.append((case, doc))
    for cid, docs in docs_by_id.items():
        for dup in docs[1:]:
            line, col = dup.mark(("id",))
            problems.append(Problem(dup.path, line, col, f"id '{cid}' is already used by {docs[0].path}",
                                    hint="every case needs its own id"))
    ids = set(docs_by_id) | known_ids
    bad = {id(d) for docs in docs_by_id.values() for d in docs[1:]}
    for case, doc in loaded:
        ok = id(doc) not in bad
        for i, rel in enumerate(case.get("related") or []):
            if rel == case["id"]:
                line, col = doc.mark(("related", i))
                problems.append(Problem(doc.path, line, col, "a case cannot be related to itself; remove it from 'related'"))
                ok = False
            elif rel not in ids:
                line, col = doc.mark(("related", i))
                problems.append(Problem(doc.path, line, col, f"'related' names '{rel}', but there is no case with that id",
                                        hint=did_you_mean(rel, sorted(ids)) or "check the id against the file names in cases/"))
                ok = False
        if ok:
            result.cases.append(case)
    result.problems = sort_problems(problems)
    result.cases.sort(key=lambda c: c["id"])
    return result


def validate_paths(paths: list[str], taxonomy: Taxonomy, today: _dt.date | None = None) -> tuple[Result, list[str]]:
    """:func:`discover` then :func:`validate_files`; also returns the paths that do not exist."""
    files, missing = discover(paths)
    return validate_files(files, taxonomy, today), missing
