"""Charts: cheap specs, lazy SVG drawing, a content-addressed cache and the HTML around them.

The module is split in two on purpose:

* **Specs** (:class:`ChartSpec`, :func:`site_chart_specs`, :func:`case_chart_spec`,
  :func:`term_chart_spec`) are pure data built in plain Python. They carry everything a page
  needs (title, a text alternative that states the finding, the data as a table, the pixel
  size) and everything the drawing needs, so a site of thousands of cases can build all its
  specs in milliseconds and decide what to draw from :meth:`ChartSpec.key` alone.
* **Drawing** (:func:`draw_svg`, :func:`draw_all`) imports matplotlib only when something
  actually has to be drawn. A warm build whose charts are all cached never imports it.

Output is deterministic: the same spec gives byte-identical SVG (fixed hash salt, no dates,
no creator string, text kept as text), which is what makes the cache keyed on the spec safe.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import gc
import math
import multiprocessing
import os
import statistics
import tempfile
import textwrap
import sys
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

__all__ = [
    "CHART_STYLE_VERSION",
    "ChartSpec",
    "site_chart_specs",
    "case_chart_spec",
    "term_chart_spec",
    "term_chart_id",
    "draw_svg",
    "draw_all",
    "chart_block",
    "format_number",
    "format_percent",
    "format_value",
]

#: Bump when a drawing routine or the style changes, so cached SVGs are redrawn.
CHART_STYLE_VERSION = "1"

# --- style and layout (pixels; the SVG is sized so 1 px here is 1 CSS px on the page) -------
WIDTH = 700
_PX_PER_IN = 96  # CSS pixels per inch: figsize = px / 96 gives an SVG exactly `px` CSS px wide
TEXT = "#1a1a1a"
MUTED = "#5f6368"
GRID = "#e4e4e4"
ACCENT = "#1f5f99"  # one-colour charts (timeline, co-occurrence); 6.6:1 on white
FALLBACK_COLOUR = "#5f6368"

TITLE_SIZE = 13  # pt
LABEL_SIZE = 9.5
VALUE_SIZE = 9
TITLE_CHARS = 64  # a 13 pt bold line holds about this many characters at 700 px
TITLE_MAX_LINES = 2
LABEL_CHARS = 46  # category labels are cut to this so the plot keeps at least half the width
CASE_LABEL_CHARS = 28

#: Beyond this many bars a change chart becomes a per-group strip plot (every point, no labels).
MAX_BARS = 60
#: Beyond this many cases the case × benefit matrix becomes a benefit co-occurrence heatmap.
MAX_MATRIX_ROWS = 40
#: Beyond this many dated cases the timeline shows cases per year instead of one row per case.
MAX_TIMELINE_ROWS = 40

_PAD = 12
_TITLE_LINE = 23
_LEGEND_H = 26
_XAXIS_H = 50  # tick labels plus axis label under the plot

NBSP = "\u00a0"
MINUS = "\u2212"

STATUS_TEXT = {"achieved": "Achieved", "expected": "Expected (forecast)"}

# Which case field a vocabulary tags, and how a term page names it.
_VOCAB_FIELD = {"countries": "country"}
_VOCAB_NOUN = {
    "benefits": "benefit",
    "sectors": "sector",
    "governance": "governance model",
    "countries": "country",
    "focus_areas": "focus area",
    "themes": "theme",
    "evidence": "evidence",
}
_VOCAB_SLUG = {
    "benefits": "benefit",
    "sectors": "sector",
    "governance": "governance",
    "countries": "country",
    "focus_areas": "focus-area",
    "themes": "theme",
}


# =============================================================================================
# The spec
# =============================================================================================


@dataclass(frozen=True)
class ChartSpec:
    """Everything about one chart except its pixels.

    ``data`` is JSON-serialisable and is all the drawing routine named by ``kind`` reads
    (labels, values, colours, pixel ``width``/``height``); ``headers``/``rows`` are the same
    data as a ready-to-show table, and ``alt`` states the chart's finding in words.
    """

    id: str
    kind: str
    title: str
    alt: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    data: Mapping[str, Any]

    def key(self) -> str:
        """Content hash of what the SVG depends on (kind, title, data, style, matplotlib)."""
        cached = self.__dict__.get("_key")
        if cached is None:
            payload = json.dumps(
                [self.kind, self.title, self.data, CHART_STYLE_VERSION, _matplotlib_version()],
                sort_keys=True,
                separators=(",", ":"),
                ensure_ascii=False,
                allow_nan=False,
            )
            cached = hashlib.sha256(payload.encode("utf-8")).hexdigest()
            # Frozen dataclass: bypass __setattr__ to memoise (the key is hashed once per spec).
            object.__setattr__(self, "_key", cached)
        return cached

    def __hash__(self) -> int:  # data is a dict, so the generated hash would fail
        return hash((self.id, self.key()))

    @property
    def width(self) -> int:
        return int(self.data["width"])

    @property
    def height(self) -> int:
        return int(self.data["height"])


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    # A matplotlib upgrade can change the bytes of every SVG; reading the installed version from
    # package metadata keeps cached files honest without importing matplotlib itself.
    try:
        from importlib.metadata import version

        return version("matplotlib")
    except Exception:  # pragma: no cover - matplotlib not installed as a distribution
        return "unknown"


# =============================================================================================
# Formatting for people
# =============================================================================================


def _is_num(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def format_number(x: float | int | None) -> str:
    """``2000`` → ``2,000``; ``4.60`` → ``4.6``; ``-3`` → ``−3`` (a real minus sign)."""
    if x is None:
        return "—"
    ax = abs(float(x))
    if ax != 0 and ax < 0.005:
        body = f"{ax:.2g}"
    else:
        body = f"{ax:,.2f}".rstrip("0").rstrip(".")
    if body in ("0", ""):
        return "0"
    return (MINUS if x < 0 else "") + body


def format_percent(x: float | int | None, signed: bool = True) -> str:
    """A percentage change for people: ``-36`` → ``−36 %``, ``12.5`` → ``+12.5 %``."""
    if x is None:
        return "—"
    ax = abs(float(x))
    body = f"{ax:,.1f}".rstrip("0").rstrip(".")
    if body == "0" and ax:  # keep tiny changes visible instead of printing "0 %"
        body = f"{ax:.2g}"
    if body == "0":
        return f"0{NBSP}%"
    sign = MINUS if x < 0 else ("+" if signed else "")
    return f"{sign}{body}{NBSP}%"


def format_value(value: float | int | None, unit: str | None) -> str:
    """A measured value with its unit: ``4.6 GBP million``, ``2,000 staff``, ``12 %``."""
    num = format_number(value)
    if value is None or not unit:
        return num
    unit = " ".join(str(unit).split())
    if unit == "%":
        return f"{num}{NBSP}%"
    return f"{num} {unit}"


def _truncate(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _title_lines(title: str) -> list[str]:
    lines = textwrap.wrap(" ".join(title.split()), TITLE_CHARS) or [""]
    if len(lines) > TITLE_MAX_LINES:
        lines = lines[: TITLE_MAX_LINES - 1] + [_truncate(" ".join(lines[TITLE_MAX_LINES - 1 :]), TITLE_CHARS)]
    return lines


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _join_and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _case_label(case: Mapping[str, Any]) -> str:
    return _truncate(case.get("short_name") or case.get("name") or case.get("id", ""), CASE_LABEL_CHARS)


def _case_name(case: Mapping[str, Any]) -> str:
    """The case as text alternatives name it: short name in full, else the name."""
    return " ".join(str(case.get("short_name") or case.get("name") or case.get("id", "")).split())


def _safe_id(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in str(text).lower())
    return "-".join(p for p in out.split("-") if p) or "chart"


def _top_px(title_lines: int, legend: bool) -> int:
    return _PAD + title_lines * _TITLE_LINE + (_LEGEND_H if legend else 0) + 10


def _base_data(title: str, legend: Sequence[str] = ()) -> dict[str, Any]:
    return {"width": WIDTH, "title_lines": _title_lines(title), "legend": list(legend)}


def _finish_height(data: dict[str, Any], body_px: float, bottom: int = _XAXIS_H, extra_top: int = 0) -> None:
    top = _top_px(len(data["title_lines"]), bool(data["legend"])) + extra_top
    data["top"] = top
    data["bottom"] = bottom
    data["height"] = int(max(200, round(top + body_px + bottom)))


# =============================================================================================
# Site-wide specs
# =============================================================================================


def _terms(taxonomy: Any, vocabulary: str, used: Iterable[str]) -> list[tuple[str, str, str]]:
    """(id, label, colour) in taxonomy order, then any ids the cases use that it lacks."""
    known = taxonomy.terms(vocabulary)
    out = [(t.id, t.label, t.colour) for t in known.values()]
    extra = sorted({u for u in used if u not in known})
    out += [(u, taxonomy.label(vocabulary, u), taxonomy.colour(vocabulary, u)) for u in extra]
    return out


def _count_spec(
    chart_id: str,
    title: str,
    noun: str,
    verb: str,
    counts: Counter,
    terms: list[tuple[str, str, str]],
    total: int,
    first_header: str,
) -> ChartSpec | None:
    if total == 0:
        return None
    labels = [label for _, label, _ in terms]
    values = [counts.get(tid, 0) for tid, _, _ in terms]
    top = max(values, default=0)
    if top == 0:
        return None
    leaders = [label for label, v in zip(labels, values) if v == top]
    if len(leaders) == 1:
        alt = f"{leaders[0]} is the most common {noun}, {verb} {top:,} of {total:,} cases"
    else:
        alt = f"{_join_and(leaders)} are the most common {noun}s, each {verb} {top:,} of {total:,} cases"
    used = [(label, v) for label, v in zip(labels, values) if v]
    low = min(v for _, v in used)
    if low < top:
        lows = [label for label, v in used if v == low]
        alt += f"; the least common {'is' if len(lows) == 1 else 'are'} {_join_and(lows)} ({low:,})"
    unused = [label for label, v in zip(labels, values) if not v]
    if unused:
        alt += f"; no case has {_join_and(unused)}"
    alt += "."
    data = _base_data(title)
    data.update(
        labels=[_truncate(x, LABEL_CHARS) for x in labels],
        values=values,
        colours=[c for _, _, c in terms],
        value_texts=[f"{v:,}" for v in values],
        xlabel="Number of cases",
        integer=True,
    )
    _finish_height(data, len(values) * 30 + 10)
    rows = tuple((label, f"{v:,}") for label, v in zip(labels, values))
    return ChartSpec(chart_id, "hbar", title, alt, (first_header, "Cases"), rows, data)


def _matrix_spec(cases: Sequence[Mapping[str, Any]], benefits: list[tuple[str, str, str]]) -> ChartSpec | None:
    if not cases:
        return None
    col_index = {tid: i for i, (tid, _, _) in enumerate(benefits)}
    k = len(benefits)
    sets = [[col_index[b] for b in dict.fromkeys(c.get("benefits") or []) if b in col_index] for c in cases]
    columns = [label for _, label, _ in benefits]
    colours = [c for _, _, c in benefits]
    # Rotated column labels at the top: reserve their height (about 7 px per character at 9 pt).
    header_px = int(max(len(_truncate(x, 30)) for x in columns) * 7.0 * 0.5) + 22
    if len(cases) <= MAX_MATRIX_ROWS:
        title = "Benefits claimed by each case"
        labels = [_case_label(c) for c in cases]
        sizes = [len(s) for s in sets]
        most = max(sizes)
        leaders = [i for i, s in enumerate(sizes) if s == most]
        top_cases = [_case_name(cases[i]) for i in leaders[:3]] + ([f"{len(leaders) - 3:,} more"] if len(leaders) > 3 else [])
        mean = sum(sizes) / len(sizes)
        alt = (
            f"Each of the {len(cases):,} cases claims between {min(sizes)} and {most} of {k} benefits "
            f"({mean:.1f} on average); {_join_and(top_cases)} "
            f"{'claims' if len(top_cases) == 1 else 'claim'} the most ({most})."
        )
        data = _base_data(title)
        data.update(
            mode="cases",
            rows=labels,
            columns=[_truncate(x, 30) for x in columns],
            colours=colours,
            cells=[sorted(s) for s in sets],
        )
        _finish_height(data, len(cases) * 21 + 6, bottom=_PAD + 6, extra_top=header_px)
        headers = ("Case",) + tuple(columns)
        rows = tuple(
            (c.get("name") or labels[i],) + tuple("Yes" if j in set(sets[i]) else "No" for j in range(k))
            for i, c in enumerate(cases)
        )
        return ChartSpec("benefit-matrix", "matrix", title, alt, headers, rows, data)

    # Too many cases for one row each: show how often each pair of benefits is claimed together
    # (diagonal: cases claiming the benefit). O(n · k²) with k the handful of benefits.
    counts = [[0] * k for _ in range(k)]
    for s in sets:
        for a in s:
            for b in s:
                counts[a][b] += 1
    title = "Benefits claimed together"
    best, pair = -1, (0, 0)
    for a in range(k):
        for b in range(a + 1, k):
            if counts[a][b] > best:
                best, pair = counts[a][b], (a, b)
    alt = (
        f"Across {len(cases):,} cases, {columns[pair[0]]} and {columns[pair[1]]} are the benefits most "
        f"often claimed together, by {best:,} cases. Each cell counts the cases claiming both "
        "benefits; the diagonal counts the cases claiming each one."
    )
    data = _base_data(title)
    data.update(
        mode="pairs",
        rows=[_truncate(x, 30) for x in columns],
        columns=[_truncate(x, 30) for x in columns],
        colours=colours,
        counts=counts,
        accent=ACCENT,
    )
    _finish_height(data, k * 44 + 6, bottom=_PAD + 6, extra_top=header_px)
    headers = ("Benefit",) + tuple(columns)
    rows = tuple((columns[a],) + tuple(f"{counts[a][b]:,}" for b in range(k)) for a in range(k))
    return ChartSpec("benefit-matrix", "matrix", title, alt, headers, rows, data)


def _timeline_spec(cases: Sequence[Mapping[str, Any]]) -> ChartSpec | None:
    dated = [(int(c["established"]), _case_label(c), c) for c in cases if _is_num(c.get("established"))]
    missing = len(cases) - len(dated)
    if not dated:
        return None
    dated.sort(key=lambda t: (t[0], t[1].lower(), t[2].get("id", "")))
    years = Counter(y for y, _, _ in dated)
    first, last = dated[0][0], dated[-1][0]
    peak = max(years.values())
    peak_years = sorted(y for y, n in years.items() if n == peak)
    title = "Year each collaboration was established"
    if first == last:
        alt = f"All {_plural(len(dated), 'dated case')} were established in {first}."
    else:
        alt = (
            f"The {len(dated):,} dated cases were established between {first} and {last}; "
            f"{_join_and([str(y) for y in peak_years[:3]])} saw the most ({_plural(peak, 'case')}"
            f"{'' if len(peak_years) == 1 else ' each'})."
        )
    if missing:
        alt += f" {_plural(missing, 'case does', 'cases do')} not give a year and {'is' if missing == 1 else 'are'} not shown."
    data = _base_data(title)
    if len(dated) <= MAX_TIMELINE_ROWS:
        data.update(mode="cases", labels=[label for _, label, _ in dated], years=[y for y, _, _ in dated], colour=ACCENT, xlabel="Year established")
        _finish_height(data, len(dated) * 22 + 10)
        rows = tuple((c.get("name") or label, str(y)) for y, label, c in dated)
        return ChartSpec("timeline", "timeline", title, alt, ("Case", "Established"), rows, data)
    span = list(range(first, last + 1))
    data.update(mode="counts", years=span, counts=[years.get(y, 0) for y in span], colour=ACCENT, xlabel="Year established", ylabel="Cases")
    _finish_height(data, 250)
    rows = tuple((str(y), f"{years[y]:,}") for y in sorted(years))
    return ChartSpec("timeline", "timeline", title, alt, ("Year", "Cases established"), rows, data)


def site_chart_specs(cases: Sequence[Mapping[str, Any]], taxonomy: Any) -> list[ChartSpec]:
    """The site-wide charts, in this order when they have data to show.

    ``cases-per-benefit`` and ``governance`` (cases per term, taxonomy colours),
    ``benefit-matrix`` (case × benefit; a benefit co-occurrence heatmap above
    :data:`MAX_MATRIX_ROWS` cases), ``timeline`` (establishment years) and
    ``outcomes-by-benefit`` (every reported % change, grouped by benefit). A chart with
    nothing to show (no outcome with a % change, no case with a year, no cases) is omitted.
    Linear in the number of cases.
    """
    cases = list(cases)
    total = len(cases)
    benefit_counts: Counter = Counter()
    governance_counts: Counter = Counter()
    for c in cases:
        benefit_counts.update(list(dict.fromkeys(c.get("benefits") or [])))
        governance_counts[c.get("governance") or "not-stated"] += 1
    benefits = _terms(taxonomy, "benefits", benefit_counts)
    governance = _terms(taxonomy, "governance", governance_counts)
    specs = [
        _count_spec("cases-per-benefit", "Cases per benefit", "benefit", "claimed by", benefit_counts, benefits, total, "Benefit"),
        _count_spec("governance", "Cases per governance model", "governance model", "used by", governance_counts, governance, total, "Governance model"),
        _matrix_spec(cases, benefits),
        _timeline_spec(cases),
    ]
    items = [(c, o) for c in cases for o in (c.get("outcomes") or []) if _is_num(o.get("change_percent"))]
    specs.append(
        _change_spec(
            "outcomes-by-benefit",
            "Reported changes by benefit",
            items,
            taxonomy,
            group="benefit",
            with_case=True,
            context="across all cases",
        )
    )
    return [s for s in specs if s is not None]


# =============================================================================================
# Change (% ) charts: site, case and term pages share one builder
# =============================================================================================


def _benefit_order(taxonomy: Any) -> dict[str, int]:
    return {tid: i for i, tid in enumerate(taxonomy.terms("benefits"))}


def _change_spec(
    chart_id: str,
    title: str,
    items: list[tuple[Mapping[str, Any], Mapping[str, Any]]],
    taxonomy: Any,
    *,
    group: str,  # "benefit" (headed groups) or "none"
    with_case: bool,
    context: str,
    subject: str | None = None,
    colour: str | None = None,
) -> ChartSpec | None:
    """Diverging bars of signed % change (or, above MAX_BARS, a strip plot per group)."""
    if len(items) < 2:
        return None
    order = _benefit_order(taxonomy)

    def sort_key(item: tuple[Mapping[str, Any], Mapping[str, Any]]) -> tuple:
        case, o = item
        return (float(o["change_percent"]), str(case.get("id", "")), str(o.get("measure", "")))

    # Group (benefit id or status) → items, groups in taxonomy order then by id.
    if group == "benefit":
        keyf = lambda it: str(it[1].get("benefit") or "")  # noqa: E731
        gorder = lambda g: (order.get(g, len(order)), g)  # noqa: E731
    elif group == "status":
        keyf = lambda it: "expected" if it[1].get("status") == "expected" else "achieved"  # noqa: E731
        gorder = lambda g: (g != "achieved", g)  # noqa: E731
    else:
        keyf = lambda it: ""  # noqa: E731
        gorder = lambda g: (0, g)  # noqa: E731
    grouped: dict[str, list] = {}
    for it in items:
        grouped.setdefault(keyf(it), []).append(it)
    group_ids = sorted(grouped, key=gorder)
    for g in group_ids:
        grouped[g].sort(key=sort_key)
    ordered = [it for g in group_ids for it in grouped[g]]

    def group_label(g: str) -> str:
        if group == "benefit":
            return taxonomy.label("benefits", g)
        if group == "status":
            return STATUS_TEXT[g]
        return ""

    def group_colour(g: str) -> str:
        if group == "benefit":
            return taxonomy.colour("benefits", g)
        return colour or ACCENT

    def bar_label(case: Mapping[str, Any], o: Mapping[str, Any]) -> str:
        measure = " ".join(str(o.get("measure", "")).split())
        if with_case:
            return _truncate(f"{_case_label(case)}: {measure}", LABEL_CHARS)
        return _truncate(measure, LABEL_CHARS)

    values = [float(o["change_percent"]) for _, o in ordered]
    n = len(values)
    n_expected = sum(1 for _, o in ordered if o.get("status") == "expected")
    lo_i = min(range(n), key=lambda i: (values[i], i))
    hi_i = max(range(n), key=lambda i: (values[i], -i))
    falls = sum(1 for v in values if v < 0)
    rises = sum(1 for v in values if v > 0)

    def name(i: int) -> str:
        case, o = ordered[i]
        measure = _truncate(str(o.get("measure", "")), 80)
        return f"{_case_name(case)}: {measure}" if with_case else measure

    if subject:
        lead = f"{subject} reports {n:,} percentage changes:"
    else:
        lead = " ".join(f"{n:,} reported changes {context}".split()) + ":"
    if falls == n:
        alt = f"{lead} all are reductions, from {format_percent(values[hi_i])} ({name(hi_i)}) to {format_percent(values[lo_i])} ({name(lo_i)})."
    elif rises == n:
        alt = f"{lead} all are increases, from {format_percent(values[lo_i])} ({name(lo_i)}) to {format_percent(values[hi_i])} ({name(hi_i)})."
    else:
        alt = (
            f"{lead} {_plural(falls, 'reduction')} and {_plural(rises, 'increase')}, ranging from "
            f"{format_percent(values[lo_i])} ({name(lo_i)}) to {format_percent(values[hi_i])} ({name(hi_i)})."
        )
    if n > 2:
        alt += f" The median change is {format_percent(statistics.median(values))}."
    sizes = sorted((len(grouped[g]) for g in group_ids), reverse=True)
    if group == "benefit" and len(sizes) > 1 and sizes[0] > sizes[1]:
        biggest = max(group_ids, key=lambda g: len(grouped[g]))
        alt += f" Most come under {group_label(biggest)} ({len(grouped[biggest]):,})."
    if n_expected:
        how = "hatched" if n <= MAX_BARS else "hollow dots"
        alt += f" {n_expected:,} {'is' if n_expected == 1 else 'are'} expected (forecast) rather than achieved ({how})."

    legend = ["expected"] if n_expected else []
    data = _base_data(title, legend)

    if n <= MAX_BARS:
        groups = []
        for g in group_ids:
            its = grouped[g]
            groups.append(
                {
                    "label": group_label(g) if group == "benefit" else "",
                    "colour": group_colour(g),
                    "bars": [
                        {
                            "label": bar_label(c, o),
                            "value": float(o["change_percent"]),
                            "text": format_percent(o["change_percent"]),
                            "expected": o.get("status") == "expected",
                        }
                        for c, o in its
                    ],
                }
            )
        show_headers = group == "benefit"
        data.update(groups=groups, headers=show_headers, xlabel="Change (%)")
        n_rows = n + (len(groups) if show_headers else 0)
        _finish_height(data, n_rows * 24 + 10)
    else:
        groups = []
        for g in group_ids:
            vals = [float(o["change_percent"]) for _, o in grouped[g]]
            med = statistics.median(vals)
            groups.append(
                {
                    "label": _truncate(group_label(g) or "All changes", 30),
                    "colour": group_colour(g),
                    "values": vals,
                    "expected": [o.get("status") == "expected" for _, o in grouped[g]],
                    "median": med,
                    "note": f"{_plural(len(vals), 'change')}, median {format_percent(med)}",
                }
            )
        data.update(groups=groups, xlabel="Change (%)")
        _finish_height(data, len(groups) * 52 + 10)
        alt += " Each dot is one reported change; the black tick marks each group's median."
        # Hundreds of points: the table summarises each group rather than listing every change
        # (each change is listed on its case page and in the data downloads).
        first = "Benefit" if group == "benefit" else "Group"
        headers = (first, "Changes", "Median", "Lowest", "Highest", "Expected (forecast)")
        rows = tuple(
            (
                group_label(g) or "All changes",
                f"{len(grouped[g]):,}",
                format_percent(gd["median"]),
                format_percent(min(gd["values"])),
                format_percent(max(gd["values"])),
                f"{sum(gd['expected']):,}",
            )
            for g, gd in zip(group_ids, groups)
        )
        return ChartSpec(chart_id, "strip", title, alt, headers, rows, data)

    if with_case:
        headers: tuple[str, ...] = ("Case", "Measure", "Benefit", "Change", "Status", "Period")
    else:
        headers = ("Measure", "Benefit", "Change", "Status", "Period")
    rows = []
    for c, o in ordered:
        row = (
            " ".join(str(o.get("measure", "")).split()),
            taxonomy.label("benefits", str(o.get("benefit") or "")),
            format_percent(o["change_percent"]),
            STATUS_TEXT.get(o.get("status") or "achieved", "Achieved"),
            " ".join(str(o.get("period") or "—").split()),
        )
        rows.append((" ".join(str(c.get("name") or c.get("id", "")).split()),) + row if with_case else row)
    return ChartSpec(chart_id, "diverging", title, alt, headers, tuple(rows), data)


def _clean_alt(text: str) -> str:
    return " ".join(text.split())


def case_chart_spec(case: Mapping[str, Any], taxonomy: Any) -> ChartSpec | None:
    """The chart for one case page, or ``None`` without two comparable results.

    Two or more outcomes with ``change_percent`` give a diverging bar chart of % change;
    failing that, two or more outcomes with a ``value`` in the same unit give a bar chart of
    those values (baselines marked). Expected (forecast) results are hatched, named in the
    legend and in the table's Status column.
    """
    outcomes = list(case.get("outcomes") or [])
    label = _case_name(case)
    chart_id = f"case-{_safe_id(case.get('id', ''))}"
    pct = [(case, o) for o in outcomes if _is_num(o.get("change_percent"))]
    if len(pct) >= 2:
        spec = _change_spec(
            chart_id,
            f"{label}: reported changes",
            pct,
            taxonomy,
            group="benefit",
            with_case=False,
            context="",
            subject=label,
        )
        return spec
    by_unit: dict[str, list] = {}
    for o in outcomes:
        unit = " ".join(str(o.get("unit") or "").split())
        if _is_num(o.get("value")) and unit:
            by_unit.setdefault(unit, []).append(o)
    candidates = [(u, os_) for u, os_ in by_unit.items() if len(os_) >= 2]
    if not candidates:
        return None
    # The unit most results share; ties go to the one the record lists first.
    unit, chosen = max(candidates, key=lambda t: len(t[1]))
    title = f"{label}: results in {unit}"
    values = [float(o["value"]) for o in chosen]
    expected = [o.get("status") == "expected" for o in chosen]
    baselines = [float(o["baseline"]) if _is_num(o.get("baseline")) else None for o in chosen]
    top = max(range(len(values)), key=lambda i: (values[i], -i))
    low = min(range(len(values)), key=lambda i: (values[i], i))
    alt = (
        f"{label} reports {len(values)} results in {unit}: the largest is "
        f"{_truncate(chosen[top].get('measure', ''), 60)} ({format_value(values[top], unit)}), the smallest "
        f"{_truncate(chosen[low].get('measure', ''), 60)} ({format_value(values[low], unit)})."
    )
    if any(b is not None for b in baselines):
        alt += " Black ticks mark the baseline where one is given."
    n_expected = sum(expected)
    if n_expected:
        alt += f" {n_expected} {'is' if n_expected == 1 else 'are'} expected (forecast) rather than achieved; hatched."
    legend = (["expected"] if n_expected else []) + (["baseline"] if any(b is not None for b in baselines) else [])
    data = _base_data(title, legend)
    data.update(
        labels=[_truncate(o.get("measure", ""), LABEL_CHARS) for o in chosen],
        values=values,
        colours=[taxonomy.colour("benefits", str(o.get("benefit") or "")) for o in chosen],
        value_texts=[format_value(v, unit) for v in values],
        expected=expected,
        baselines=baselines,
        xlabel=unit,
        integer=False,
    )
    _finish_height(data, len(values) * 30 + 10)
    headers = ("Measure", "Benefit", "Value", "Baseline", "Status", "Period")
    rows = tuple(
        (
            " ".join(str(o.get("measure", "")).split()),
            taxonomy.label("benefits", str(o.get("benefit") or "")),
            format_value(o["value"], unit),
            format_value(o["baseline"], unit) if _is_num(o.get("baseline")) else "—",
            STATUS_TEXT.get(o.get("status") or "achieved", "Achieved"),
            o.get("period") or "—",
        )
        for o in chosen
    )
    return ChartSpec(chart_id, "hbar", title, _clean_alt(alt), headers, rows, data)


def term_chart_id(vocabulary: str, term_id: str) -> str:
    """The chart id of a term page, e.g. ``benefit-workforce``, ``sector-acute``, ``country-gb``."""
    return f"{_VOCAB_SLUG.get(vocabulary, _safe_id(vocabulary))}-{_safe_id(term_id)}"


def _has_term(case: Mapping[str, Any], vocabulary: str, term_id: str) -> bool:
    value = case.get(_VOCAB_FIELD.get(vocabulary, vocabulary))
    if vocabulary == "governance" and not value:
        value = "not-stated"
    if isinstance(value, (list, tuple)):
        return term_id in value
    return value == term_id


def term_chart_spec(vocabulary: str, term_id: str, cases: Sequence[Mapping[str, Any]], taxonomy: Any) -> ChartSpec | None:
    """The chart for a benefit, sector, governance, country (or other vocabulary) page.

    Shows the % changes reported under the term: for a benefit, every outcome tagged with that
    benefit; for any other vocabulary, every outcome of the cases carrying the term (grouped by
    benefit). ``None`` when fewer than two changes are reported.
    """
    if vocabulary == "countries":
        label = taxonomy.country(term_id).label
    else:
        label = taxonomy.label(vocabulary, term_id)
    noun = _VOCAB_NOUN.get(vocabulary, vocabulary.replace("_", " "))
    if vocabulary == "benefits":
        items = [
            (c, o)
            for c in cases
            for o in (c.get("outcomes") or [])
            if o.get("benefit") == term_id and _is_num(o.get("change_percent"))
        ]
        title = f"Reported changes: {label}"
        group = "none" if len(items) <= MAX_BARS else "status"
        context = f"under {label}"
    else:
        items = [
            (c, o)
            for c in cases
            if _has_term(c, vocabulary, term_id)
            for o in (c.get("outcomes") or [])
            if _is_num(o.get("change_percent"))
        ]
        title = f"Reported changes — {noun}: {label}"
        group = "benefit"
        context = f"by cases tagged {label} ({noun})"
    colour = taxonomy.colour("benefits", term_id) if vocabulary == "benefits" else None
    return _change_spec(
        term_chart_id(vocabulary, term_id), title, items, taxonomy, group=group, with_case=True, context=context, colour=colour
    )


# =============================================================================================
# HTML
# =============================================================================================


def _esc(text: Any) -> str:
    # Collapse whitespace first: a blank line inside a raw HTML block would end it in Markdown.
    return html.escape(" ".join(str(text).split()), quote=True)


def chart_block(spec: ChartSpec, src: str) -> str:
    """Raw HTML for a Markdown page: the chart as ``<figure>``, then its data as a table.

    Two raw HTML blocks (``<figure>`` and ``<details>``), each starting at column 0 with no
    blank line inside, surrounded by blank lines so Python-Markdown passes them through
    without ``md_in_html``. Every string is HTML-escaped: case text is untrusted.
    """
    title = _esc(spec.title)
    figure = (
        f'<figure class="cb-chart" id="chart-{_esc(_safe_id(spec.id))}">'
        f'<img src="{_esc(src)}" alt="{_esc(spec.alt)}" width="{spec.width}" height="{spec.height}" loading="lazy">'
        f"<figcaption>{title}</figcaption></figure>"
    )
    head = "".join(f'<th scope="col">{_esc(h)}</th>' for h in spec.headers)
    body = "\n".join(
        "<tr>"
        + "".join(
            (f'<th scope="row">{_esc(cell)}</th>' if i == 0 else f"<td>{_esc(cell)}</td>") for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in spec.rows
    )
    # tabindex="0": a wide table (the benefit matrix, any table on a phone) scrolls sideways
    # inside Material's wrapper, and keyboard users can only scroll what they can focus
    # (WCAG 2.1.1, axe "scrollable-region-focusable"). The caption names it for screen readers.
    # The table repeats figures the page states elsewhere, so it stays out of the search index.
    details = (
        f'<details class="cb-chart-data" data-search-exclude><summary>Data for “{title}”</summary>\n'
        f'<table tabindex="0">\n<caption>{title}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</details>'
    )
    return f"\n\n{figure}\n\n{details}\n\n"


# =============================================================================================
# Drawing (matplotlib is imported only in here)
# =============================================================================================

_RC = {
    "svg.hashsalt": "casebook-charts",  # fixed ids for clip paths and hatches → stable bytes
    "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",  # bundled with matplotlib, so measuring matches drawing
    "font.size": LABEL_SIZE,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": "#8c8c8c",
    "axes.linewidth": 0.8,
    "axes.unicode_minus": True,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "xtick.labelsize": VALUE_SIZE,
    "ytick.labelsize": LABEL_SIZE,
    "axes.labelsize": LABEL_SIZE,
    "hatch.linewidth": 1.1,
    "figure.dpi": _PX_PER_IN,
    "savefig.dpi": _PX_PER_IN,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "legend.fontsize": VALUE_SIZE,
}


@lru_cache(maxsize=8192)
def _text_px(text: str, size: float, bold: bool = False) -> float:
    """Width of a single line of text in px, measured with the font the SVG names."""
    from matplotlib.textpath import text_to_path

    prop = _font(size, bold)
    widths = [text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in text.split("\n")]
    return max(widths) * _PX_PER_IN / 72.0


@lru_cache(maxsize=16)
def _font(size: float, bold: bool):
    from matplotlib.font_manager import FontProperties

    return FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")


def _tint(colour: str, amount: float = 0.35) -> str:
    """Mix a hex colour with white (amount of the colour kept)."""
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    mix = lambda v: round(255 - (255 - v) * amount)  # noqa: E731
    return f"#{mix(r):02x}{mix(g):02x}{mix(b):02x}"


class _Canvas:
    """Pixel-based layout helper around one Figure."""

    def __init__(self, data: Mapping[str, Any], title: str):
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.figure import Figure

        self.w = int(data["width"])
        self.h = int(data["height"])
        self.data = data
        self.fig = Figure(figsize=(self.w / _PX_PER_IN, self.h / _PX_PER_IN), dpi=_PX_PER_IN)
        FigureCanvasSVG(self.fig)
        lines = data.get("title_lines") or [title]
        self.fig.text(
            _PAD / self.w,
            1 - _PAD / self.h,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=TITLE_SIZE,
            fontweight="bold",
            color=TEXT,
            linespacing=1.35,
        )
        self.legend_y = _PAD + len(lines) * _TITLE_LINE + 4

    def axes(self, left: float, right: float, top: float | None = None, bottom: float | None = None):
        top = self.data["top"] if top is None else top
        bottom = self.data["bottom"] if bottom is None else bottom
        ax = self.fig.add_axes(
            (left / self.w, bottom / self.h, max(0.05, (self.w - left - right) / self.w), max(0.05, (self.h - top - bottom) / self.h))
        )
        ax.set_facecolor("white")
        return ax

    def left_for(self, labels: Iterable[str], size: float = LABEL_SIZE, bold_labels: Iterable[str] = ()) -> float:
        widths = [_text_px(s, size) for s in labels] + [_text_px(s, size, True) for s in bold_labels]
        # +16: tick pad and a little slack for browsers that substitute a wider font.
        return min(self.w * 0.52, max(widths, default=0) + 16 + _PAD)

    def legend(self, kinds: Sequence[str]) -> None:
        if not kinds:
            return
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles = []
        if "expected" in kinds:
            handles.append(Patch(facecolor=MUTED, edgecolor=MUTED, label="Achieved"))
            handles.append(_hatched(Patch(facecolor=_tint(MUTED), edgecolor=MUTED, label="Expected (forecast)"), MUTED))
        if "baseline" in kinds:
            handles.append(Line2D([], [], color=TEXT, marker="|", linestyle="None", markersize=11, markeredgewidth=2, label="Baseline"))
        self.fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(_PAD / self.w, 1 - self.legend_y / self.h),
            borderpad=0,
            ncol=len(handles),
            frameon=False,
            fontsize=VALUE_SIZE,
            handlelength=1.6,
            handleheight=1.0,
            columnspacing=1.6,
            borderaxespad=0,
        )

    def svg(self) -> bytes:
        buf = io.BytesIO()
        self.fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, facecolor="white")
        return buf.getvalue()


def _hatched(patch, colour: str):
    patch.set_hatch("////")
    if hasattr(patch, "set_hatchcolor"):  # matplotlib ≥ 3.10; older ones use the edge colour
        patch.set_hatchcolor(colour)
    return patch


def _style_axes(ax, grid_axis: str = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.8)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.tick_params(axis="x", colors=TEXT, labelcolor=TEXT)


def _room(lo: float, hi: float, left_px: float, right_px: float, axis_px: float) -> tuple[float, float]:
    """Data limits that leave `left_px`/`right_px` of free space beyond lo/hi for value labels."""
    span = hi - lo or 1.0
    free = min(0.7, (left_px + right_px) / max(axis_px, 1))
    total = span / (1 - free)
    return lo - left_px * total / axis_px, hi + right_px * total / axis_px


def _percent_tick(v: float, _pos: Any = None) -> str:
    if abs(v) < 1e-9:
        return "0"
    return format_percent(v).replace(NBSP, "")  # compact: ticks sit close together


def _number_tick(v: float, _pos: Any = None) -> str:
    return format_number(v)


def _row_labels(ax, ys, labels, size: float = LABEL_SIZE) -> None:
    """Category labels left of the plot, as plain text (a Tick per row costs ~1 ms each)."""
    ax.set_yticks([])
    for y, label in zip(ys, labels):
        ax.annotate(
            label,
            (0, y),
            xycoords=("axes fraction", "data"),
            xytext=(-6, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=size,
            color=TEXT,
            annotation_clip=False,
        )


def _header_labels(c: "_Canvas", ax, ys, labels) -> None:
    """Group headings, left-aligned with the chart title."""
    for y, label in zip(ys, labels):
        ax.annotate(
            label,
            (_PAD / c.w, y),
            xycoords=("figure fraction", "data"),
            ha="left",
            va="center",
            fontsize=LABEL_SIZE,
            fontweight="bold",
            color=TEXT,
            annotation_clip=False,
        )


def _value_labels(ax, ys, values, texts, size=VALUE_SIZE) -> None:
    for y, v, t in zip(ys, values, texts):
        neg = v < 0
        ax.annotate(
            t,
            (v, y),
            xytext=(-4 if neg else 4, 0),
            textcoords="offset points",
            ha="right" if neg else "left",
            va="center",
            fontsize=size,
            color=TEXT,
        )


def _draw_hbar(c: _Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    labels, values, colours = d["labels"], d["values"], d["colours"]
    n = len(values)
    expected = d.get("expected") or [False] * n
    baselines = d.get("baselines") or [None] * n
    left = c.left_for(labels)
    right = _PAD + 8
    ax = c.axes(left, right)
    ys = list(range(n))
    bars = ax.barh(ys, values, height=0.62, color=[_tint(col) if e else col for col, e in zip(colours, expected)], edgecolor=colours, linewidth=0.8)
    for bar, e, col in zip(bars, expected, colours):
        if e:
            _hatched(bar, col)
    for y, b in zip(ys, baselines):
        if b is not None:
            ax.plot([b, b], [y - 0.42, y + 0.42], color=TEXT, linewidth=2, solid_capstyle="butt", zorder=4)
    _row_labels(ax, ys, labels)
    ax.set_ylim(n - 0.5, -0.5)
    axis_px = c.w - left - right
    texts = d["value_texts"]
    pos_w = max([_text_px(t, VALUE_SIZE) for t, v in zip(texts, values) if v >= 0], default=0)
    neg_w = max([_text_px(t, VALUE_SIZE) for t, v in zip(texts, values) if v < 0], default=0)
    extremes = values + [b for b in baselines if b is not None]
    lo, hi = min(0.0, min(extremes)), max(0.0, max(extremes))
    ax.set_xlim(*_room(lo, hi, neg_w + 10 if neg_w else 0, pos_w + 10, axis_px))
    _value_labels(ax, ys, values, texts)
    _style_axes(ax)
    if d.get("integer"):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.xaxis.set_major_formatter(FuncFormatter(_number_tick))
    ax.axvline(0, color="#8c8c8c", linewidth=0.8)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(d.get("xlabel", ""))
    c.legend(d.get("legend") or [])


def _draw_diverging(c: _Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ys, labels, values, texts, faces, edges, hatch = [], [], [], [], [], [], []
    header_ys, header_labels = [], []
    y = 0
    for g in d["groups"]:
        if d.get("headers") and g["label"]:
            header_ys.append(y)
            header_labels.append(g["label"])
            y += 1
        for b in g["bars"]:
            ys.append(y)
            labels.append(b["label"])
            values.append(b["value"])
            texts.append(b["text"])
            edges.append(g["colour"])
            faces.append(_tint(g["colour"]) if b["expected"] else g["colour"])
            hatch.append(b["expected"])
            y += 1
    n_rows = y
    left = c.left_for(labels, bold_labels=header_labels)
    right = _PAD + 8
    ax = c.axes(left, right)
    bars = ax.barh(ys, values, height=0.66, color=faces, edgecolor=edges, linewidth=0.8)
    for bar, e, col in zip(bars, hatch, edges):
        if e:
            _hatched(bar, col)
    _row_labels(ax, ys, labels)
    _header_labels(c, ax, header_ys, header_labels)
    ax.set_ylim(n_rows - 0.5, -0.5)
    axis_px = c.w - left - right
    pos_w = max([_text_px(t, VALUE_SIZE) for t, v in zip(texts, values) if v >= 0], default=0)
    neg_w = max([_text_px(t, VALUE_SIZE) for t, v in zip(texts, values) if v < 0], default=0)
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    ax.set_xlim(*_room(lo, hi, neg_w + 10 if neg_w else 4, pos_w + 10 if pos_w else 4, axis_px))
    _value_labels(ax, ys, values, texts)
    _style_axes(ax)
    ax.spines["left"].set_visible(False)
    ax.axvline(0, color=TEXT, linewidth=1.0, zorder=3)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(_percent_tick))
    ax.set_xlabel(d.get("xlabel", "Change (%)"))
    c.legend(d.get("legend") or [])


def _draw_strip(c: _Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    groups = d["groups"]
    labels = [f"{g['label']}\n{g['note']}" for g in groups]
    left = c.left_for(labels)
    right = _PAD + 8
    ax = c.axes(left, right)
    all_vals = []
    for i, g in enumerate(groups):
        vals, exp = g["values"], g["expected"]
        # Deterministic jitter (golden-ratio sequence) spreads overlapping dots vertically.
        jit = [i + ((k * 0.6180339887) % 1 - 0.5) * 0.56 for k in range(len(vals))]
        ach = [(v, j) for v, j, e in zip(vals, jit, exp) if not e]
        fut = [(v, j) for v, j, e in zip(vals, jit, exp) if e]
        if ach:
            ax.scatter([v for v, _ in ach], [j for _, j in ach], s=16, color=g["colour"], alpha=0.75, linewidths=0)
        if fut:
            ax.scatter([v for v, _ in fut], [j for _, j in fut], s=16, facecolors="white", edgecolors=g["colour"], linewidths=1.0)
        ax.plot([g["median"]] * 2, [i - 0.4, i + 0.4], color=TEXT, linewidth=2.2, zorder=4)
        all_vals += vals
    _row_labels(ax, range(len(groups)), labels)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    lo, hi = min(0.0, min(all_vals)), max(0.0, max(all_vals))
    pad = (hi - lo or 1) * 0.04
    ax.set_xlim(lo - pad, hi + pad)
    _style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)
    ax.axvline(0, color="#8c8c8c", linewidth=1.0, zorder=1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(_percent_tick))
    ax.set_xlabel(d.get("xlabel", "Change (%)"))
    kinds = list(d.get("legend") or [])
    if kinds:
        from matplotlib.lines import Line2D

        handles = [
            Line2D([], [], marker="o", linestyle="None", color=MUTED, markersize=5, label="Achieved"),
            Line2D([], [], marker="o", linestyle="None", markerfacecolor="white", markeredgecolor=MUTED, markersize=5, label="Expected (forecast)"),
            Line2D([], [], marker="|", linestyle="None", color=TEXT, markersize=11, markeredgewidth=2, label="Median"),
        ]
        c.fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(_PAD / c.w, 1 - c.legend_y / c.h), ncol=3, frameon=False, borderaxespad=0, borderpad=0)


def _draw_matrix(c: _Canvas, d: Mapping[str, Any]) -> None:
    import math as _m

    rows, columns, colours = d["rows"], d["columns"], d["colours"]
    n, k = len(rows), len(columns)
    left = c.left_for(rows)
    # Column labels are rotated 30°; the last ones reach past the plot, so leave room right.
    angle = 30
    col_w = [_text_px(x, VALUE_SIZE) for x in columns]
    right = _PAD
    for _ in range(2):
        cell = (c.w - left - right) / max(k, 1)
        over = max(w * _m.cos(_m.radians(angle)) - (k - 1 - j + 0.5) * cell for j, w in enumerate(col_w))
        right = max(_PAD, min(c.w * 0.3, over + _PAD))
    ax = c.axes(left, right)
    ax.set_xlim(-0.5, k - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.set_xticks(range(k), columns, rotation=angle, ha="left", rotation_mode="anchor", fontsize=VALUE_SIZE)
    _row_labels(ax, range(n), rows)
    ax.tick_params(length=0, pad=5)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    if d["mode"] == "cases":
        for y in range(n):
            ax.axhline(y, color=GRID, linewidth=0.8, zorder=0)
        xs, ys, cs, ex, ey = [], [], [], [], []
        for y, filled in enumerate(d["cells"]):
            f = set(filled)
            for x in range(k):
                if x in f:
                    xs.append(x), ys.append(y), cs.append(colours[x])
                else:
                    ex.append(x), ey.append(y)
        side_pt = 11.5  # square marker edge in points (≈15 px): fits a 21 px row
        if ex:
            ax.scatter(ex, ey, s=6, color="#b8b8b8", linewidths=0, zorder=2)
        if xs:
            ax.scatter(xs, ys, s=side_pt**2, marker="s", color=cs, linewidths=0, zorder=3)
    else:
        from matplotlib.patches import Rectangle

        counts = d["counts"]
        # Scale by the off-diagonal peak: the diagonal (cases per benefit) would otherwise wash
        # out every pair. Diagonal cells are drawn white with an outline instead.
        peak = max([counts[a][b] for a in range(n) for b in range(k) if a != b] or [1]) or 1
        for a in range(n):
            for b in range(k):
                v = counts[a][b]
                if a == b:
                    face, ink, edge, weight = "white", TEXT, TEXT, "bold"
                else:
                    frac = v / peak
                    face = _tint(d.get("accent", ACCENT), 0.06 + 0.94 * frac)
                    ink, edge, weight = ("white" if frac > 0.55 else TEXT), "white", "normal"
                ax.add_patch(Rectangle((b - 0.47, a - 0.45), 0.94, 0.9, facecolor=face, edgecolor=edge, linewidth=1.0 if a == b else 0))
                ax.text(b, a, f"{v:,}", ha="center", va="center", fontsize=VALUE_SIZE, color=ink, fontweight=weight)


def _draw_timeline(c: _Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import MaxNLocator

    colour = d.get("colour", ACCENT)
    if d["mode"] == "cases":
        labels, years = d["labels"], d["years"]
        n = len(years)
        left = c.left_for(labels)
        right = _PAD + 8
        ax = c.axes(left, right)
        ys = list(range(n))
        lo, hi = min(years), max(years)
        axis_px = c.w - left - right
        x0, x1 = _room(lo, hi, 14, _text_px("2024", VALUE_SIZE) + 16, axis_px)
        ax.hlines(ys, x0, years, color=GRID, linewidth=1.0, zorder=1)
        ax.scatter(years, ys, s=42, color=colour, zorder=3, linewidths=0)
        _value_labels(ax, ys, years, [str(y) for y in years])
        _row_labels(ax, ys, labels)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(x0, x1)
        _style_axes(ax)
        ax.grid(axis="x", visible=False)
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=7))
        ax.set_xlabel(d.get("xlabel", ""))
        return
    years, counts = d["years"], d["counts"]
    left = _PAD + 46
    ax = c.axes(left, _PAD + 8)
    ax.bar(years, counts, width=0.8, color=colour)
    if len(years) <= 40:
        for x, v in zip(years, counts):
            if v:
                ax.annotate(f"{v:,}", (x, v), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
    ax.set_ylim(0, max(counts) * 1.15 or 1)
    _style_axes(ax, grid_axis="y")
    ax.tick_params(axis="y", length=3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_xlabel(d.get("xlabel", ""))
    ax.set_ylabel(d.get("ylabel", ""))


_DRAWERS = {
    "hbar": _draw_hbar,
    "diverging": _draw_diverging,
    "strip": _draw_strip,
    "matrix": _draw_matrix,
    "timeline": _draw_timeline,
}


def _render(kind: str, title: str, data: Mapping[str, Any]) -> bytes:
    import matplotlib

    drawer = _DRAWERS[kind]
    # rc_context keeps the host process's matplotlib settings untouched.
    with matplotlib.rc_context(_RC):
        canvas = _Canvas(data, title)
        drawer(canvas, data)
        return canvas.svg()


def draw_svg(spec: ChartSpec) -> bytes:
    """Draw one spec as SVG bytes. Deterministic: the same spec gives the same bytes."""
    return _render(spec.kind, spec.title, spec.data)


def _write_atomic(path: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never half
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _draw_job(job: tuple[str, str, Mapping[str, Any], str]) -> str:
    kind, title, data, path = job
    _write_atomic(Path(path), _render(kind, title, data))
    return path


def _pool_context():
    """The process-pool start method, or None to draw serially.

    Only ``fork`` is used: children inherit the imported modules (no re-import of
    matplotlib or of the host's ``__main__``, which ``spawn``/``forkserver`` would re-run).
    Forking a multi-threaded host (``mkdocs serve``) can deadlock on a lock another thread
    held, and macOS forbids fork-without-exec for some system libraries, so those draw serially;
    a warm ``serve`` rebuild draws only a few charts anyway.
    """
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return None
    return multiprocessing.get_context("fork")


_PRESTARTED: list = []


def _noop() -> None:
    return None


def prestart_pool(workers: int | None = None) -> bool:
    """Fork the drawing workers now, while the host process is still small.

    Workers forked after the corpus is loaded would share (and, as Python touches reference
    counts, copy) a heap of hundreds of MB each. Returns whether a pool was started."""
    workers = workers or os.cpu_count() or 1
    context = _pool_context() if workers > 1 else None
    if context is None or _PRESTARTED:
        return False
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    for _ in range(workers):
        pool.submit(_noop)
    _PRESTARTED.append(pool)
    return True


def discard_prestarted() -> None:
    """Stop prestarted workers that were not needed."""
    while _PRESTARTED:
        _PRESTARTED.pop().shutdown(wait=False)


class Drawing:
    """Charts being drawn, possibly in the background; :meth:`wait` finishes the job."""

    def __init__(self, paths: dict[str, Path], jobs: list, pool=None, futures=()):
        self.paths = paths
        self.jobs = jobs
        self._pool = pool
        self._futures = list(futures)

    @property
    def count(self) -> int:
        """How many charts this build draws (the rest come from the cache)."""
        return len(self.jobs)

    def wait(self) -> int:
        """Block until every chart is on disk; returns how many were drawn."""
        if self._pool is not None:
            try:
                for future in self._futures:
                    future.result()
            except BrokenProcessPool:
                for job in self.jobs:  # a worker died: finish serially
                    if not Path(job[3]).exists():
                        _draw_job(job)
            finally:
                self._pool.shutdown()
                self._pool = None
        return len(self.jobs)


def start_drawing(specs: Iterable[ChartSpec], cache_dir: Path, workers: int | None = None,
                  background: bool = False) -> Drawing:
    """Work out which charts are missing from ``cache_dir`` and start drawing them.

    With ``background`` (and a usable process pool) the drawing runs in worker processes while
    the caller goes on, so a site engine can render pages at the same time; otherwise the
    charts are drawn before this returns."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    todo: dict[str, ChartSpec] = {}
    for spec in specs:
        key = spec.key()
        path = cache_dir / f"{key}.svg"
        paths[spec.id] = path
        if key not in todo and not path.exists():
            todo[key] = spec
    jobs = [(s.kind, s.title, s.data, str(cache_dir / f"{k}.svg")) for k, s in todo.items()]
    if not jobs:
        discard_prestarted()
        return Drawing(paths, jobs)
    if _PRESTARTED:
        pool = _PRESTARTED.pop()
        size = max(1, len(jobs) // ((os.cpu_count() or 1) * 4))
        futures = [pool.submit(_draw_jobs, jobs[i:i + size]) for i in range(0, len(jobs), size)]
        drawing = Drawing(paths, jobs, pool, futures)
        if not background:
            drawing.wait()
        return drawing
    if workers is None:
        workers = os.cpu_count() or 1
    workers = min(workers, math.ceil(len(jobs) / 4))
    context = _pool_context() if (len(jobs) > 8 or background) and workers > 1 else None
    if context is not None:
        try:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            size = max(1, len(jobs) // (workers * 4))
            # Frozen objects are not scanned by the children's garbage collector, so the
            # workers do not copy the parent's (large) heap page by page after the fork.
            gc.freeze()
            try:
                futures = [pool.submit(_draw_jobs, jobs[i:i + size]) for i in range(0, len(jobs), size)]
            finally:
                gc.unfreeze()
            drawing = Drawing(paths, jobs, pool, futures)
            if not background:
                drawing.wait()
            return drawing
        except (OSError, NotImplementedError, ImportError, BrokenProcessPool) as exc:  # e.g. no /dev/shm
            import logging

            logging.getLogger(__name__).warning("charts: drawing serially (process pool unavailable: %s)", exc)
    for job in jobs:
        if not Path(job[3]).exists():
            _draw_job(job)
    return Drawing(paths, jobs)


def _draw_jobs(jobs: list) -> int:
    for job in jobs:
        _draw_job(job)
    return len(jobs)


def draw_all(specs: Iterable[ChartSpec], cache_dir: Path, workers: int | None = None) -> tuple[dict[str, Path], int]:
    """Make sure every spec has an SVG in ``cache_dir``; draw only the missing ones.

    Files are named ``<spec.key()>.svg`` so unchanged charts are reused across builds.
    More than eight charts to draw with ``workers`` > 1 (default: the CPU count) are drawn in
    a process pool; otherwise serially. Returns ``({spec.id: path}, number_drawn)``.
    """
    drawing = start_drawing(specs, cache_dir, workers)
    return drawing.paths, drawing.wait()
