"""Rules that relate values: fields of one case to each other, and cases to each other
(unique ids, ``related`` ids that exist, names that look the same)."""

from __future__ import annotations

from .document import Document
from .evidence import level_disagreement, source_levels
from .problems import Problem, did_you_mean, show
from .summary_figures import unmatched
from .textsafety import name_key

#: How a source with neither ``published`` nor ``undated: true`` is reported. A warning while the
#: records are being dated; change to "error" once every source says one or the other.
UNDATED_SOURCE_SEVERITY = "warning"


def cross_fields(checker, data: dict) -> None:
    """Rules that relate fields of one case to each other."""
    raw_sources = data.get("sources")
    sources: list = raw_sources if isinstance(raw_sources, list) else []
    outcomes = data.get("outcomes")
    if not outcomes:
        checker.warn(("outcomes",) if "outcomes" in data else (), "the case has no outcomes",
                     "add measured results under 'outcomes' if the sources give any")
    if isinstance(outcomes, list):
        for i, o in enumerate(outcomes):
            if isinstance(o, dict):
                _outcome(checker, data, i, o, len(sources))
    for i, s in enumerate(sources):
        if isinstance(s, dict):
            _source(checker, i, s)
    _case_level(checker, data, sources)
    _summary_figures(checker, data)
    if "added" not in data:
        checker.warn((), "the case has no 'added' date", "add 'added: YYYY-MM-DD', the day it joined the casebook")


def _summary_figures(checker, data: dict) -> None:
    """A warning, at the figure, for each figure in the summary that no outcome holds."""
    summary = data.get("summary")
    if not isinstance(summary, str):
        return
    for figure, why in unmatched(summary, data):
        occurrence = summary.count(figure.text, 0, figure.start)
        checker.error_in(("summary",), figure.text, f"the summary's figure {show(figure.text)} {why}",
                         "quote only figures the outcomes hold, with their period and qualifier; "
                         "or add the outcome, with its source and locator",
                         severity="warning", occurrence=occurrence)


def _case_level(checker, data: dict, sources: list) -> None:
    """A case's stated evidence level is the strongest of its sources' own levels."""
    stated = data.get("evidence")
    order = checker.ctx.vocab("evidence")
    if not isinstance(stated, str) or stated not in order:
        return
    levels = [lv if isinstance(lv, str) else None for lv in source_levels({"sources": sources})]
    best = level_disagreement(stated, levels, order)
    if best is not None:
        checker.warn(("evidence",), f"the case's evidence is '{stated}', but the strongest of its sources' "
                                    f"levels is '{best}'",
                     f"set 'evidence: {best}' (a case's level is the strongest of its sources'), "
                     "or correct the sources' own 'evidence'")


def _source(checker, i: int, s: dict) -> None:
    """A source says where it is and when it was published, or that the page gives no date."""
    path = ("sources", i)
    if not s.get("url"):
        checker.warn(path, f"source {i + 1} has no address (url)", "add the url so readers can check the facts")
    undated = s.get("undated")
    if undated is True and s.get("published") is not None:
        checker.error(path + ("undated",), f"source {i + 1} says 'undated: true' but also gives 'published'",
                      "keep 'published' if the page gives a date, else remove it")
    elif undated is not True and s.get("published") is None:
        checker.error(path, f"source {i + 1} has no 'published' date",
                      "add 'published: YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as precise as the page gives, "
                      "or 'undated: true' when it gives none", severity=UNDATED_SOURCE_SEVERITY)


def _sourcing(checker, i: int, o: dict, n_sources: int) -> None:
    """Warnings (never errors) where an outcome cannot yet be traced or compared precisely."""
    path = ("outcomes", i)
    if n_sources > 1 and o.get("source") is None:
        checker.warn(path, f"outcome {i + 1} does not say which source reports it",
                     f"add 'source: N' (1 to {n_sources}), the number of the source in 'sources'")
    if n_sources > 1 and not o.get("locator"):
        checker.warn(path, f"outcome {i + 1} has no 'locator'",
                     "say where in the source the figure is: page, section, table or paragraph")
    if n_sources > 1 and not o.get("indicator"):
        checker.warn(path, f"outcome {i + 1} has no 'indicator'",
                     "choose what it measures from the indicators vocabulary, so it can be compared across cases")


def _outcome(checker, data: dict, i: int, o: dict, n_sources: int) -> None:
    raw_benefits = data.get("benefits")
    benefits: list = raw_benefits if isinstance(raw_benefits, list) else []
    path = ("outcomes", i)
    if o.get("change_percent") is None and o.get("change_points") is None and o.get("value") is None:
        checker.error(path, f"outcome {i + 1} needs 'change_percent', 'change_points' or 'value'",
                      "give the signed % change (e.g. -36), the change in percentage points, "
                      "or the measured value with its unit")
    if o.get("change_percent") is not None and o.get("change_points") is not None:
        checker.error(path + ("change_points",), f"outcome {i + 1} gives both 'change_percent' and 'change_points'",
                      "keep the one the source reports: percentage points for a change in a rate "
                      "(12 % to 9 % is -3 points), percent for a relative change")
    if o.get("baseline") is not None and o.get("value") is None:
        checker.error(path + ("baseline",), f"outcome {i + 1} has a 'baseline' but no 'value'",
                      "give the value the baseline is compared with")
    if o.get("value") is not None and o.get("unit") is None:
        checker.warn(path + ("value",), f"outcome {i + 1} has a value but no 'unit'",
                     "say what the number counts, e.g. staff, miles, GBP million")
    b = o.get("benefit")
    # A misspelt value in 'benefits' is reported there; checking outcomes against that list too
    # would give the one mistake a second line.
    benefits_ok = all(isinstance(x, str) and x in checker.ctx.vocab("benefits") for x in benefits)
    if isinstance(b, str) and b in checker.ctx.vocab("benefits") and b not in benefits and benefits_ok:
        checker.error(path + ("benefit",), f"outcome {i + 1} is filed under '{b}', which is not one of the case's benefits",
                      f"add {b} to 'benefits' or choose one of: {', '.join(map(str, benefits)) or '(none)'}")
    _sourcing(checker, i, o, n_sources)
    s = o.get("source")
    if isinstance(s, int) and not isinstance(s, bool) and s >= 1 and s > n_sources:
        checker.error(path + ("source",), f"outcome {i + 1} cites source {s}, but the case lists {n_sources} source(s)",
                      "number sources from 1 in the order of the 'sources' list")


def _stem(doc: Document) -> str:
    return doc.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def duplicate_ids(docs_by_id: dict[str, list[Document]]) -> tuple[list[Problem], dict[str, str], set[int]]:
    """Problems for ids used by more than one file.

    The file named after the id owns it (else the first file): blaming ``x.yaml`` because
    ``copy.yaml`` also says ``id: x`` would point the contributor at the wrong file. A file whose
    name does not match its id already has that error, so it gets no second line; instead
    ``clashes`` maps its path to the owner's, for that message to name the clash. Returns
    ``(problems, clashes, ids of the documents that do not own their id)``."""
    problems: list[Problem] = []
    clashes: dict[str, str] = {}
    losers: set[int] = set()
    for cid, docs in docs_by_id.items():
        if len(docs) < 2:
            continue
        owner = next((d for d in docs if _stem(d) == cid), docs[0])
        for dup in docs:
            if dup is owner:
                continue
            losers.add(id(dup))
            if _stem(dup) != cid:
                clashes[dup.path] = owner.path
                continue
            line, col = dup.mark(("id",))
            problems.append(Problem(dup.path, line, col, f"id '{cid}' is already used by {owner.path}",
                                    hint="every case needs its own id"))
    return problems, clashes, losers


def related_ids(case: dict, doc: Document, ids: set[str]) -> list[Problem]:
    """Each ``related`` id names another case that exists."""
    problems = []
    for i, rel in enumerate(case.get("related") or []):
        line, col = doc.mark(("related", i))
        if rel == case["id"]:
            problems.append(Problem(doc.path, line, col, "a case cannot be related to itself; remove it from 'related'"))
        elif rel not in ids:
            problems.append(Problem(doc.path, line, col, f"'related' names '{rel}', but there is no case with that id",
                                    hint=did_you_mean(rel, sorted(ids)) or "check the id against the file names in cases/"))
    return problems


def near_duplicate_names(loaded: list[tuple[dict, Document]]) -> list[Problem]:
    """A warning for each case whose name reads the same as an earlier case's (case, spacing,
    punctuation, accents and look-alike letters ignored)."""
    problems = []
    first: dict[str, dict] = {}
    for case, doc in sorted(loaded, key=lambda pair: pair[1].path):
        key = name_key(case.get("name") or "")
        if not key:
            continue
        other = first.setdefault(key, case)
        if other is not case:
            line, col = doc.mark(("name",))
            problems.append(Problem(doc.path, line, col,
                                    f"the name {show(case['name'])} is nearly the same as that of case "
                                    f"'{other['id']}' ({show(other['name'])})", "warning",
                                    "if they are the same collaboration, merge the records; else make the names distinct"))
    return problems
