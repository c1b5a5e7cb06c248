"""Validate case records against :mod:`casebook.records.spec` and the taxonomy.

Each file is checked on its own (:mod:`.checker`, with a :mod:`.kinds` object per field kind),
then the rules that span files are applied (:mod:`.rules`: unique ids, ``related`` ids exist,
names that look the same). Nothing raises: every problem in every file is collected so a
contributor sees them all in one run.
"""

from __future__ import annotations

import datetime as _dt
import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import rules
from .checker import Checker, Context
from .document import Document
from .evidence import resolve_case_level
from .kinds import ID_RE
from .loader import load_file
from .problems import Problem, show, sort_problems
from .project import relative
from .spec import CASE
from .taxonomy import Taxonomy

SCHEMA_LINE = "# yaml-language-server: $schema="
_Context = Context  # the name tests and older callers use


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


def check_document(doc: Document, ctx: Context) -> tuple[dict | None, list[Problem]]:
    """Validate one loaded document. Returns the normalised case (or ``None``) and its problems."""
    checker = Checker(doc, ctx)
    data = doc.data or {}
    case = checker.check(CASE, data, ())
    stem = Path(doc.path).name.rsplit(".", 1)[0]
    cid = data.get("id")
    if isinstance(cid, str) and cid != stem and ID_RE.fullmatch(cid):
        checker.error(("id",), f"id '{cid}' does not match the file name {show(Path(doc.path).name)}",
                      f"rename the file to {cid}.yaml or set id: {stem}")
    if not doc.path.endswith(".yaml"):
        checker.error((), "case files must end in .yaml", f"rename it to {stem}.yaml")
    rules.cross_fields(checker, data)
    if not doc.text.startswith(SCHEMA_LINE):
        checker.warn((), "the first line should be the editor schema comment",
                     f"add '{SCHEMA_LINE}_data/case.schema.json' as line 1 for autocompletion")
    if any(p.is_error for p in checker.problems):
        case = None
    if case is not None:
        case["_path"] = doc.path
        resolve_case_level(case, data.get("evidence") is not None, ctx.vocab("evidence"))
    return case, checker.problems


def _entry_problem(folder: str, entry: os.DirEntry) -> str | None:
    """Why a file in the cases folder that looks like a case is not read (``None``: it is)."""
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if not os.path.exists(target):
            return "is a symbolic link to a file that does not exist; remove it or copy the case here"
        if os.path.commonpath([target, os.path.realpath(folder)]) != os.path.realpath(folder):
            return "is a symbolic link to a file outside the cases folder, which is not read; copy the case here"
    if entry.is_dir():
        return "is a folder, not a case file; a case is one file named <id>.yaml"
    if not entry.is_file():
        return "is not a regular file; a case is one file named <id>.yaml"
    if not entry.name.endswith(".yaml"):
        stem = entry.name.rsplit(".", 1)[0]
        return f"is not read: case files end in '.yaml' (lower case); rename it to {stem}.yaml"
    return None


def scan(paths: list[str]) -> tuple[list[str], list[str], list[Problem]]:
    """Expand folders to their case files (``*.yaml``, not recursive).

    A file named twice (``cases cases/x.yaml``) is checked once, or it would clash with itself
    as a duplicate id. Returns ``(files, missing, problems)``: ``missing`` are arguments that do
    not exist; ``problems`` name files in a folder that look like cases but cannot be read as
    one (``.yml``, ``.YAML``, a folder, a broken symlink or one leading out of the folder)."""
    files: list[str] = []
    missing: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for p in paths:
        if os.path.isdir(p):
            with os.scandir(p) as it:
                entries = sorted((e for e in it if e.name.lower().endswith((".yaml", ".yml"))
                                  and not e.name.startswith(".")), key=lambda e: e.name)
            for e in entries:
                problem = _entry_problem(p, e)
                if problem:
                    problems.append(Problem(relative(e.path), 1, 1, f"{show(e.name)} {problem}"))
                    continue
                _add(e.path, files, seen)
        elif os.path.exists(p):
            _add(p, files, seen)
        else:
            missing.append(p)
    return files, missing, problems


def _add(path: str, files: list[str], seen: set[str]) -> None:
    real = os.path.realpath(path)
    if real not in seen:
        seen.add(real)
        files.append(path)


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """:func:`scan` without the problems: ``(files, missing)``."""
    files, missing, _ = scan(paths)
    return files, missing


def validate_files(files: list[str], taxonomy: Taxonomy, today: _dt.date | None = None,
                   jobs: int | None = None) -> Result:
    """Load and validate ``files``, then apply the rules across files. ``jobs``: processes to
    check the files in (None: one per core for large sets, see :func:`_jobs`)."""
    # Thousands of node trees stay alive until the cross-file checks; they hold no reference
    # cycles, and the cyclic collector rescanning them made validation grow quadratically.
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate_files(files, taxonomy, today, _jobs(len(files)) if jobs is None else jobs)
    finally:
        if gc_enabled:
            gc.enable()


#: One file checked: its problems, its case (None if it has errors) and its document.
Checked = tuple[list[Problem], "dict | None", "Document | None"]
#: Files per process below which one process is quicker than starting more.
FILES_PER_JOB = 250


def _jobs(count: int) -> int:
    """Processes for ``count`` files: one per core (at most 4) once each gets FILES_PER_JOB
    files, on systems that fork; one while other threads run (a fork copies only the calling
    thread, and any lock another thread holds stays held in the child)."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return max(1, min(os.cpu_count() or 1, 4, count // FILES_PER_JOB))


def _check_files(pairs: list[tuple[str, str]], ctx: Context) -> list[Checked]:
    """Each file on its own: ``(problems, case or None, document)``, the document's node tree
    released except for the positions the checks across files may report."""
    out: list[Checked] = []
    for path, shown in pairs:
        doc, problems = load_file(path, shown)
        if doc is None:
            out.append((problems, None, None))
            continue
        case, doc_problems = check_document(doc, ctx)
        related = doc.data.get("related") if doc.data else None
        # Keep only the positions the checks across files may report, so 10,000 node trees
        # are not held in memory at once (nor sent back from a worker process).
        doc.release([("id",), ("name",)] + [("related", i) for i in range(len(related) if isinstance(related, list) else 0)])
        out.append((problems + doc_problems, case, doc))
    return out


def _checked(pairs: list[tuple[str, str]], ctx: Context, jobs: int) -> list[Checked]:
    """:func:`_check_files` over every file, in ``jobs`` forked processes (contiguous slices,
    results in file order, so the outcome is the same as in one process)."""
    if jobs <= 1:
        return _check_files(pairs, ctx)
    size = -(-len(pairs) // jobs)
    slices = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    with ProcessPoolExecutor(max_workers=len(slices), mp_context=multiprocessing.get_context("fork")) as pool:
        return [item for part in pool.map(_check_files, slices, [ctx] * len(slices)) for item in part]


def _known_ids(files: list[str]) -> set[str]:
    """Ids of every case beside the files named: ``related`` may point at cases not named."""
    known: set[str] = set()
    for folder in {os.path.dirname(os.path.abspath(f)) for f in files}:
        try:
            known.update(n[:-5] for n in os.listdir(folder) if n.endswith(".yaml"))
        except OSError:
            pass
    return known


def _validate_files(files: list[str], taxonomy: Taxonomy, today: _dt.date | None, jobs: int = 1) -> Result:
    ctx = Context(taxonomy, today)
    result = Result(files=[relative(f) for f in files])
    problems: list[Problem] = []
    loaded: list[tuple[dict, Document]] = []
    docs_by_id: dict[str, list[Document]] = {}
    for file_problems, case, doc in _checked(list(zip(files, result.files)), ctx, jobs):
        problems.extend(file_problems)
        if doc is None:
            continue
        cid = doc.data.get("id") if doc.data else None
        if isinstance(cid, str):
            docs_by_id.setdefault(cid, []).append(doc)
        if case is not None:
            loaded.append((case, doc))
    duplicates, clashes, bad = rules.duplicate_ids(docs_by_id)
    problems.extend(duplicates)
    if clashes:  # one line per problem: the name mismatch also says whose id it took
        problems = [_with_clash(p, clashes[p.path]) if p.path in clashes and p.message.startswith("id '")
                    and "does not match the file name" in p.message else p for p in problems]
    ids = set(docs_by_id) | _known_ids(files)
    for case, doc in loaded:
        related = rules.related_ids(case, doc, ids)
        problems.extend(related)
        if id(doc) not in bad and not related:
            result.cases.append(case)
    problems.extend(rules.near_duplicate_names(loaded))
    result.problems = sort_problems(problems)
    result.cases.sort(key=lambda c: c["id"])
    return result


def _with_clash(p: Problem, owner: str) -> Problem:
    return replace(p, message=f"{p.message}, and that id is already used by {owner}")


def validate_paths(paths: list[str], taxonomy: Taxonomy, today: _dt.date | None = None) -> tuple[Result, list[str]]:
    """:func:`scan` then :func:`validate_files`; also returns the paths that do not exist.
    Files in a folder that look like cases but are not read are reported as errors."""
    files, missing, problems = scan(paths)
    result = validate_files(files, taxonomy, today)
    if problems:
        result.problems = sort_problems(result.problems + problems)
    return result, missing
