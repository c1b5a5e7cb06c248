"""Site-wide chart specs: cases per benefit and per governance model, the benefit matrix and
the timeline of establishment years. Linear in the number of cases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .spec import MAX_MATRIX_ROWS, MAX_TIMELINE_ROWS, PAD, ChartSpec, case_name, is_num, join_and, plural

ACCENT = "#1f5f99"  # one-colour charts (timeline, co-occurrence); 6.6:1 on white


def data_date(cases: Iterable[Mapping[str, Any]]) -> str:
    """The newest ``last_reviewed`` of the cases behind a chart (ISO date), or ``""``."""
    dates = [c["last_reviewed"] for c in cases if c.get("last_reviewed")]
    return max(dates).isoformat() if dates else ""


def source_note(cases: Sequence[Mapping[str, Any]]) -> str:
    """"Source: …" naming the cases (up to three, else how many) and the newest review date."""
    when = data_date(cases)
    if len(cases) <= 3:
        names = join_and([case_name(c) for c in cases])
        note = f"Source: the Casebook record{'' if len(cases) == 1 else 's'} of {names}"
    else:
        note = f"Source: the {plural(len(cases), 'case record')} in Casebook"
    return note + (f", last reviewed {when}." if when else ".")


def case_files(cases: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({str(c.get("_path") or c.get("id", "")) for c in cases}))


def terms(taxonomy: Any, vocabulary: str, used: Iterable[str]) -> list[tuple[str, str, str]]:
    """(id, label, colour) in taxonomy order, then any ids the cases use that it lacks."""
    known = taxonomy.terms(vocabulary)
    out = [(t.id, t.label, t.colour) for t in known.values()]
    out += [(u, taxonomy.label(vocabulary, u), taxonomy.colour(vocabulary, u)) for u in sorted({u for u in used if u not in known})]
    return out


def _count_alt(noun: str, verb: str, labels: list[str], values: list[int], total: int, unit: str) -> str:
    top = max(values)
    leaders = [label for label, v in zip(labels, values) if v == top]
    if len(leaders) == 1:
        alt = f"{leaders[0]} is the most common {noun}, {verb} {top:,} of {total:,} {unit}"
    else:
        alt = f"{join_and(leaders)} are the most common {noun}s, each {verb} {top:,} of {total:,} {unit}"
    used = [(label, v) for label, v in zip(labels, values) if v]
    low = min(v for _, v in used)
    if low < top:
        lows = [label for label, v in used if v == low]
        alt += f"; the least common {'is' if len(lows) == 1 else 'are'} {join_and(lows)} ({low:,})"
    unused = [label for label, v in zip(labels, values) if not v]
    if unused:
        alt += f"; no case has {join_and(unused)}"
    return alt + "."


def count_spec(chart_id: str, title: str, noun: str, verb: str, counts: Counter,
               vocab: list[tuple[str, str, str]], cases: Sequence[Mapping[str, Any]], first_header: str,
               unit: str = "cases", total: int | None = None) -> ChartSpec | None:
    """Bars counting cases (or outcomes) per term, in taxonomy order."""
    labels = [label for _, label, _ in vocab]
    total = len(cases) if total is None else total
    values = [counts.get(tid, 0) for tid, _, _ in vocab]
    if not cases or max(values, default=0) == 0:
        return None
    data = {"title": title, "legend": [], "rows_layout": [[x, 30, False] for x in labels], "values": values,
            "colours": [c for _, _, c in vocab], "value_texts": [f"{v:,}" for v in values],
            "xlabel": f"Number of {unit}", "integer": True}
    rows = tuple((label, f"{v:,}") for label, v in zip(labels, values))
    caption = (f"{title}: how many {unit} each {noun} has, in the taxonomy's order (not ranked). "
               f"{source_note(cases)}")
    return ChartSpec(chart_id, "hbar", title, _count_alt(noun, verb, labels, values, total, unit),
                     (first_header, unit.capitalize()), rows, data, caption, case_files(cases), (chart_id,))


def _matrix_cases(cases, sets, columns, colours, header_px) -> ChartSpec:
    title = "Benefits claimed by each case"
    sizes = [len(s) for s in sets]
    most = max(sizes)
    leaders = [i for i, s in enumerate(sizes) if s == most]
    tops = [case_name(cases[i]) for i in leaders[:3]] + ([f"{len(leaders) - 3:,} more"] if len(leaders) > 3 else [])
    alt = (f"Each of the {len(cases):,} cases claims between {min(sizes)} and {most} of {len(columns)} benefits "
           f"({sum(sizes) / len(sizes):.1f} on average); {join_and(tops)} "
           f"{'claims' if len(tops) == 1 else 'claim'} the most ({most}).")
    data = {"title": title, "legend": [], "mode": "cases", "columns": columns, "colours": colours,
            "rows_layout": [[case_name(c), 21, False] for c in cases], "cells": [sorted(s) for s in sets],
            "header_chars": header_px, "bottom": PAD + 6, "body_extra": 6, "label_share": 0.33}
    rows = tuple((c.get("name") or case_name(c),) + tuple("Yes" if j in set(sets[i]) else "No" for j in range(len(columns)))
                 for i, c in enumerate(cases))
    caption = f"{title}: one row per case, in the order of the cases list. {source_note(cases)}"
    return ChartSpec("benefit-matrix", "matrix", title, alt, ("Case",) + tuple(columns), rows, data, caption,
                     case_files(cases), ("benefit-matrix",))


def _matrix_pairs(cases, sets, columns, colours, header_px) -> ChartSpec:
    k = len(columns)
    counts = [[0] * k for _ in range(k)]
    for s in sets:
        for a in s:
            for b in s:
                counts[a][b] += 1
    best, pair = -1, (0, 0)
    for a in range(k):
        for b in range(a + 1, k):
            if counts[a][b] > best:
                best, pair = counts[a][b], (a, b)
    title = "Benefits claimed together"
    alt = (f"Across {len(cases):,} cases, {columns[pair[0]]} and {columns[pair[1]]} are the benefits most "
           f"often claimed together, by {best:,} cases. Each cell counts the cases claiming both "
           "benefits; the diagonal counts the cases claiming each one.")
    data = {"title": title, "legend": [], "mode": "pairs", "columns": columns, "colours": colours,
            "rows_layout": [[x, 44, False] for x in columns], "counts": counts, "accent": ACCENT,
            "header_chars": header_px, "bottom": PAD + 6, "body_extra": 6, "label_share": 0.33}
    rows = tuple((columns[a],) + tuple(f"{counts[a][b]:,}" for b in range(k)) for a in range(k))
    caption = f"{title}: cases claiming each pair of benefits. {source_note(cases)}"
    return ChartSpec("benefit-matrix", "matrix", title, alt, ("Benefit",) + tuple(columns), rows, data, caption,
                     case_files(cases), ("benefit-matrix",))


def matrix_spec(cases: Sequence[Mapping[str, Any]], benefits: list[tuple[str, str, str]]) -> ChartSpec | None:
    """Case × benefit; above :data:`MAX_MATRIX_ROWS` cases, a benefit co-occurrence heatmap."""
    if not cases:
        return None
    col_index = {tid: i for i, (tid, _, _) in enumerate(benefits)}
    sets = [[col_index[b] for b in dict.fromkeys(c.get("benefits") or []) if b in col_index] for c in cases]
    columns = [label for _, label, _ in benefits]
    colours = [c for _, _, c in benefits]
    header_px = max(len(x) for x in columns)  # the layout reserves room for the rotated labels
    build = _matrix_cases if len(cases) <= MAX_MATRIX_ROWS else _matrix_pairs
    return build(list(cases), sets, columns, colours, header_px)


def timeline_spec(cases: Sequence[Mapping[str, Any]]) -> ChartSpec | None:
    """Establishment years; says, in the chart and its caption, how many cases give no year."""
    dated = sorted(((int(c["established"]), case_name(c), c) for c in cases if is_num(c.get("established"))),
                   key=lambda t: (t[0], t[1].lower(), t[2].get("id", "")))
    if not dated:
        return None
    missing = len(cases) - len(dated)
    years = Counter(y for y, _, _ in dated)
    first, last = dated[0][0], dated[-1][0]
    peak = max(years.values())
    peak_years = sorted(y for y, n in years.items() if n == peak)
    title = "Year each collaboration was established"
    if first == last:
        alt = f"All {plural(len(dated), 'dated case')} were established in {first}."
    else:
        alt = (f"The {len(dated):,} dated cases were established between {first} and {last}; "
               f"{join_and([str(y) for y in peak_years[:3]])} saw the most ({plural(peak, 'case')}"
               f"{'' if len(peak_years) == 1 else ' each'}).")
    note = (f"All {plural(len(cases), 'case')} shown." if not missing else
            f"{len(dated):,} of {plural(len(cases), 'case')} shown: {missing:,} "
            f"{'gives' if missing == 1 else 'give'} no year.")
    alt += " " + note
    data = {"title": title, "legend": [], "colour": ACCENT, "xlabel": "Year established", "note": note,
            "bottom": 50 + 22}
    if len(dated) <= MAX_TIMELINE_ROWS:
        data.update(mode="cases", rows_layout=[[label, 22, False] for _, label, _ in dated], years=[y for y, _, _ in dated])
        rows = tuple((c.get("name") or label, str(y)) for y, label, c in dated)
        headers = ("Case", "Established")
    else:
        span = list(range(first, last + 1))
        data.update(mode="counts", years=span, counts=[years.get(y, 0) for y in span], ylabel="Cases",
                    rows_layout=[], body_extra=250)
        rows = tuple((str(y), f"{years[y]:,}") for y in sorted(years))
        headers = ("Year", "Cases established")
    caption = f"{title}, oldest first. {note} {source_note(cases)}"
    return ChartSpec("timeline", "timeline", title, alt, headers, rows, data, caption, case_files(cases), ("timeline",))
