"""Evidence levels belong to sources.

A source carries its own level (``sources[n].evidence``), judged on that source alone. An
outcome's level is the level of the source it cites, so a figure from conference slides is never
labelled "peer reviewed" because the same case also cites a journal article. A case's level is
the strongest of its sources' levels.

This module is the one place those rules live: validation resolves the case's level once
(:func:`resolve_case_level`) and every page, filter, chart and download asks
:func:`outcome_evidence` for an outcome's level.

Strength is the order of the ``evidence`` vocabulary in the taxonomy, weakest first
(self-reported, independently-evaluated, peer-reviewed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: The level of a case or source that says nothing.
DEFAULT_LEVEL = "self-reported"


def cited_source(case: Mapping[str, Any], outcome: Mapping[str, Any]) -> Mapping[str, Any]:
    """The source an outcome cites: ``sources[source - 1]``, or the case's only source when the
    outcome names none (there is nothing else it can come from); ``{}`` when it cannot be told."""
    sources: Sequence = case.get("sources") or []
    n = outcome.get("source")
    if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(sources):
        return sources[n - 1]
    return sources[0] if len(sources) == 1 and n is None else {}


def outcome_evidence(case: Mapping[str, Any], outcome: Mapping[str, Any]) -> str:
    """An outcome's evidence level: its source's own, else the case's (when the source carries
    no level or the outcome names no source)."""
    level = cited_source(case, outcome).get("evidence")
    return str(level or case.get("evidence") or DEFAULT_LEVEL)


def strongest(levels: Sequence[str], order: Sequence[str]) -> str | None:
    """The strongest of ``levels`` by ``order`` (weakest first); unknown levels are ignored."""
    known = [lv for lv in levels if lv in order]
    return max(known, key=order.index) if known else None


def source_levels(case: Mapping[str, Any]) -> list[str | None]:
    """Each source's own level, ``None`` where it gives none."""
    return [s.get("evidence") if isinstance(s, Mapping) else None for s in case.get("sources") or []]


def resolve_case_level(case: dict, stated: bool, order: Sequence[str]) -> None:
    """Give a case that does not state its level the strongest of its sources' levels.

    Called once by validation on the normalised case; a stated level is kept as written (a
    disagreement is a warning from :func:`level_disagreement`)."""
    best = strongest([lv for lv in source_levels(case) if isinstance(lv, str)], order)
    if not stated and best:
        case["evidence"] = best


def level_disagreement(stated: str, levels: Sequence[str | None], order: Sequence[str]) -> str | None:
    """The strongest source level when a case's stated level contradicts it, else ``None``.

    Weaker than the strongest source is always a contradiction. Stronger is one only when every
    source carries a level (an unlevelled source might be the stronger one)."""
    given = [lv for lv in levels if isinstance(lv, str) and lv in order]
    best = strongest(given, order)
    if best is None or stated not in order or stated == best:
        return None
    if order.index(stated) < order.index(best) or len(given) == len(levels):
        return best
    return None
