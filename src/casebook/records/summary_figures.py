"""Figures in a case's summary that none of its outcomes holds: summaries cannot drift.

A summary is read by far more people than the outcome table beneath it, so every figure it
quotes must be one the record's outcomes (or its key facts) hold. :func:`summary_figures` finds
the figures in the summary; :func:`unmatched` says which match nothing, and why.

What counts as a figure (the rule, documented in CONTRIBUTING.md):

* a number with ``%``, "per cent", "percent", "pp" or "percentage points" after it;
* a number with a currency sign or code before it (``£ $ € SEK NZD …``), or a scale after it
  (``m``, ``bn``, ``k``, "million", "billion", "thousand");
* a number written with a decimal point or a thousands separator (``1.2``, ``137,619``);
* any other whole number from 100 up (``750 beds``);
* a year (1900 to 2100) and a financial year (``2023/24``, ``2023-24``).

Not figures: numbers written as words ("three trusts"), whole numbers under 100 without a unit
(counts of trusts and sites, days of the month, ages: "23 care homes", "1 October", "over 65"),
the denominator of a rate ("per 100 patients", "per 1,000"), numbers that are part of a word or
name ("COVID-19", "A1"), and years in a sentence that quotes no other figure (the history of the
collaboration: "took over the hospital in 2014"); a year beside a result ("£1.2m saved by 2022")
is checked.

A figure matches when it equals, to the precision the summary prints it (``£2.3m`` matches
2,310,000), one of: an outcome's ``value`` or ``baseline`` (scaled by a unit such as "GBP
million"), its ``change_percent`` or ``change_points`` (either sign: "fell 36 %" is −36), a
number in its ``period``, or the case's ``population``. A percentage matches only changes and
values in a percent unit. A year matches a year in an outcome's period, the ``established`` or
``status_year`` year or a source's ``published`` year; a financial year matches only the same
financial year in an outcome's period ("2023/24" is not "July 2023 to July 2024"). A figure the
summary hedges ("up to 50 %") also disagrees when every outcome it matches hedges the other way
("more than 50 %").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_CURRENCY_CODES = r"(?:GBP|USD|EUR|NZD|SGD|SEK|DKK|NOK|AUD|CAD|CHF)"
_FIGURE = re.compile(
    r"(?<![\w.,/\-–])"
    rf"(?P<cur>[£$€]|{_CURRENCY_CODES}\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<sep>[/\-–])(?P<end>\d{4}|\d{2})(?![\d,.]\d))?"
    r"(?:\s?(?P<scale>bn|m|k|million|billion|thousand)(?![A-Za-z]))?"
    r"(?:\s?(?P<pct>%|per\s?cent|percent(?:age points?)?|pp)(?![A-Za-z]))?"
    r"(?![\w])",
)
_HEDGES = (
    (re.compile(r"\bup to\s*$", re.I), "up-to"),
    (re.compile(r"\b(?:less than|fewer than|under|below)\s*$", re.I), "less-than"),
    (re.compile(r"\b(?:more than|over|above|at least|exceeding)\s*$", re.I), "more-than"),
    (re.compile(r"\b(?:about|around|approximately|roughly|almost|nearly|some)\s*$", re.I), "about"),
)
#: Hedges that contradict each other: a summary's "up to 50 %" against an outcome's "more than 50".
_OPPOSITE = {"up-to": {"more-than"}, "less-than": {"more-than"}, "more-than": {"up-to", "less-than"}}
_PERCENT_UNIT = re.compile(r"%|per\s?cent|percent", re.I)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR_MIN, _YEAR_MAX = 1900, 2100
SMALL_COUNT = 100  # whole numbers below this, without a unit, are counts, not figures


@dataclass(frozen=True)
class Figure:
    """One figure in a summary: where it stands (``start`` in the summary, ``text`` as written)
    and what it is."""

    start: int
    text: str
    kind: str  # "percent", "number", "year" or "financial-year"
    value: float  # scaled ("£4.6m" is 4,600,000); for a financial year its first year
    tolerance: float  # half a unit of the last digit printed, scaled
    hedge: str | None = None
    fiscal: tuple[int, int] | None = None


def _fiscal(first: int, sep: str, end: str) -> tuple[int, int] | None:
    """(2023, 2024) for "2023/24", "2023-24" or "2023/2024"; ``None`` for a range of years."""
    second = int(end) if len(end) == 4 else (first // 100) * 100 + int(end)
    if len(end) == 2 and second == first + 1:
        return first, second
    if len(end) == 4 and sep == "/" and second == first + 1:
        return first, second
    return None


def _hedge(before: str) -> str | None:
    for pattern, qualifier in _HEDGES:
        if pattern.search(before):
            return qualifier
    return None


_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")
_PER = re.compile(r"\bper\s*$", re.I)


def summary_figures(summary: str) -> list[Figure]:
    """Every figure in ``summary``, in order (see the module's rule)."""
    out: list[Figure] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(summary)] + [len(summary)]:
        found = [f for m in _FIGURE.finditer(summary, start, end)
                 if not _PER.search(summary[max(0, m.start() - 6):m.start()]) for f in _figures(m, summary)]
        # Dates of events are checked only where the sentence also quotes a result.
        if any(f.kind not in ("year", "financial-year") for f in found):
            out += found
        else:
            out += [f for f in found if f.kind not in ("year", "financial-year")]
        start = end
    return out


def _figures(m: re.Match, summary: str) -> Iterator[Figure]:
    raw = m.group("num")
    number = float(raw.replace(",", ""))
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    hedge = _hedge(summary[max(0, m.start() - 20):m.start()])
    whole = "." not in raw and "," not in raw
    if m.group("end"):
        if whole and len(raw) == 4 and _YEAR_MIN <= number <= _YEAR_MAX:
            fiscal = _fiscal(int(number), m.group("sep"), m.group("end"))
            if fiscal:
                yield Figure(m.start(), m.group(0).strip(), "financial-year", number, 0, hedge, fiscal)
                return
        # A range ("2019-2022", "5-10 %"): each end is its own figure, checked on its own.
        yield from _figures_of_range(m, summary, hedge)
        return
    scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
    tolerance = 0.5 * 10 ** -decimals * scale
    if m.group("pct"):
        kind = "points" if m.group("pct").lower() in ("pp", "percentage point", "percentage points") else "percent"
        yield Figure(m.start(), m.group(0).strip(), kind, number, tolerance, hedge)
    elif m.group("cur") or m.group("scale") or not whole:
        yield Figure(m.start(), m.group(0).strip(), "number", number * scale, tolerance, hedge)
    elif len(raw) == 4 and _YEAR_MIN <= number <= _YEAR_MAX:
        yield Figure(m.start(), raw, "year", number, 0, hedge)
    elif number >= SMALL_COUNT:
        yield Figure(m.start(), raw, "number", number, 0.5, hedge)


def _figures_of_range(m: re.Match, summary: str, hedge: str | None) -> Iterator[Figure]:
    first = _FIGURE.match(summary, m.start("num"), m.end("num"))
    if first is not None:
        yield from _figures(first, summary)
    end = m.group("end")
    # The second end takes the first's unit: "5-10 %" is two percentages.
    tail = summary[m.start("end"):m.end()]
    second = _FIGURE.match(tail)
    if second is not None and second.group("num") == end:
        for f in _figures(second, tail):
            yield Figure(m.start("end") + f.start, f.text, f.kind, f.value, f.tolerance, hedge, f.fiscal)


# -- what the record holds ----------------------------------------------------------------------


def _num(x) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        return None
    return float(x)


def _unit_scale(unit) -> float:
    words = str(unit or "").lower()
    for word, scale in (("billion", 1e9), ("million", 1e6), ("thousand", 1e3)):
        if word in words:
            return scale
    if re.search(r"\b(bn)\b", words):
        return 1e9
    if re.search(r"\b(m)\b", words):
        return 1e6
    return 1.0


def _period_years(period: str) -> tuple[set[int], set[tuple[int, int]]]:
    years: set[int] = set()
    fiscal: set[tuple[int, int]] = set()
    for m in _FIGURE.finditer(period):
        for f in _figures(m, period):
            if f.kind == "financial-year" and f.fiscal:
                fiscal.add(f.fiscal)
                years.update(f.fiscal)
            elif f.kind == "year":
                years.add(int(f.value))
    return years, fiscal


@dataclass
class _Held:
    """The numbers a case's outcomes and key facts hold, by how a summary figure may match them."""

    percents: list[tuple[float, str | None, int]]  # (|number|, qualifier, outcome number)
    numbers: list[tuple[float, str | None, int]]
    years: set[int]
    fiscal: set[tuple[int, int]]


def _held(case: Mapping[str, Any]) -> _Held:
    held = _Held([], [], set(), set())
    for i, o in enumerate(case.get("outcomes") or [], 1):
        if not isinstance(o, Mapping):
            continue
        q = o.get("qualifier") if isinstance(o.get("qualifier"), str) else None
        percent_unit = bool(_PERCENT_UNIT.search(str(o.get("unit") or "")))
        for key in ("change_percent", "change_points"):
            x = _num(o.get(key))
            if x is not None:
                held.percents.append((abs(x), q, i))
                held.numbers.append((abs(x), q, i))
        for key in ("value", "baseline"):
            x = _num(o.get(key))
            if x is None:
                continue
            if percent_unit:
                held.percents.append((abs(x), q, i))
            held.numbers += [(abs(x), q, i), (abs(x) * _unit_scale(o.get("unit")), q, i)]
        period = str(o.get("period") or "")
        held.numbers += [(float(n), None, i) for n in _NUMBER.findall(period.replace(",", ""))]
        years, fiscal = _period_years(period)
        held.years |= years
        held.fiscal |= fiscal
    population = _num(case.get("population"))
    if population is not None:
        held.numbers.append((population, None, 0))
    for key in ("established", "status_year"):
        year = _num(case.get(key))
        if year is not None:
            held.years.add(int(year))
    for s in case.get("sources") or []:
        published = s.get("published") if isinstance(s, Mapping) else None
        if isinstance(published, str) and published[:4].isdigit():
            held.years.add(int(published[:4]))
    return held


def _why(f: Figure, held: _Held) -> str | None:
    """Why ``f`` matches nothing the record holds (``None``: it matches)."""
    if f.kind == "financial-year":
        if f.fiscal in held.fiscal:
            return None
        return "matches no outcome's period (a financial year must be the period an outcome gives)"
    if f.kind == "year":
        return None if int(f.value) in held.years else \
            "beside a result matches no outcome's period, the year established or a source's date"
    pool = held.percents if f.kind in ("percent", "points") else held.numbers
    matches = [(q, i) for x, q, i in pool if abs(x - f.value) <= f.tolerance + 1e-9 * max(1.0, abs(x))]
    if not matches:
        return "matches no outcome of the case (its value, baseline, change or period)"
    opposite = _OPPOSITE.get(f.hedge or "", set())
    if opposite and all(q in opposite for q, _ in matches):
        numbers = ", ".join(str(i) for _, i in matches)
        return f"is hedged '{f.hedge}' here, but outcome {numbers} says '{matches[0][0]}'"
    return None


def unmatched(summary: str, case: Mapping[str, Any]) -> list[tuple[Figure, str]]:
    """The figures of ``summary`` that match nothing in ``case``, each with the reason."""
    figures = summary_figures(summary)
    if not figures:
        return []
    held = _held(case)
    out = []
    for f in figures:
        why = _why(f, held)
        if why:
            out.append((f, why))
    return out
