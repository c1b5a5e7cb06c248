"""Outcome chart specs: % changes (case, term and indicator charts), changes in percentage points
(never on one axis with % changes: a chart shows one or the other) and values in one unit.

Bars are grouped by indicator (what is measured) and keep the order of the records inside a
group: they are never sorted by size, because results measured differently cannot be
ranked. Every bar label carries the period; every value text carries the qualifier
("fall of more than 8 %"), so an inexact figure never reads as exact.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..records.evidence import outcome_evidence
from ..records.spec import ACHIEVED, is_achieved
from ..wording import EVIDENCE_ICONS, PERCENT, POINTS, format_change, format_value
from .site_specs import ACCENT, case_files, source_note
from .spec import MAX_BARS, ChartSpec, case_name, clean, is_num, join_and, plural, safe_id

#: (case, outcome, 1-based number of the outcome in its record)
Item = tuple[Mapping[str, Any], Mapping[str, Any], int]
OTHER = "Other measures"
#: Results the source does not show to be more than chance: drawn hollow, keyed in the legend.
HOLLOW = ("not-significant", "unclear")
#: A bar's value text is the bare figure; a qualified one ("about", "more than") gets this mark,
#: keyed in the legend; the words themselves are in the data table under the chart.
QUALIFIED_MARK = "*"
LABEL_CHARS = 60
#: The two kinds of change a chart can show, never together: field → (unit in number wording,
#: axis label, what one is called in the text alternative).
CHANGES = {
    "change_percent": (PERCENT, "Change (%)", ("percentage change", "percentage changes")),
    "change_points": (POINTS, "Change (percentage points)", ("change in percentage points", "changes in percentage points")),
}
#: What the hatched bars are: every status but achieved.
NOT_ACHIEVED = "not achieved (expected, target, committed or forecast)"


def not_achieved(o: Mapping[str, Any]) -> bool:
    """A forecast, target, commitment or plan: never drawn or counted as a result."""
    return not is_achieved(o)


def status_label(taxonomy: Any, o: Mapping[str, Any]) -> str:
    return taxonomy.label("outcome_status", str(o.get("status") or ACHIEVED))


def evidence_label(taxonomy: Any, c: Mapping[str, Any], o: Mapping[str, Any]) -> str:
    """The outcome's own evidence level (its source's), as readers see it."""
    return taxonomy.label("evidence", outcome_evidence(c, o))


def items_of(cases: Sequence[Mapping[str, Any]], keep=lambda c, o: True) -> list[Item]:
    return [(c, o, i) for c in cases for i, o in enumerate(c.get("outcomes") or [], 1) if keep(c, o)]


def short_measure(measure: str, limit: int = LABEL_CHARS) -> str:
    """A measure as a bar label: its asides (brackets, after a semicolon) left to the data
    table, cut at a word near ``limit`` characters."""
    text = clean(re.sub(r"\s*\([^()]*\)", "", str(measure)).split(";")[0]) or clean(measure)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",:") + "…"


def evidence_of(case: Mapping[str, Any], o: Mapping[str, Any]) -> str:
    return outcome_evidence(dict(case), dict(o))


def bar_label(case: Mapping[str, Any], o: Mapping[str, Any], with_case: bool, period: bool = False) -> str:
    """A bar's label: the short measure (the period too where two bars would read the same),
    the case's name on charts of several cases, and the outcome's evidence mark."""
    text = short_measure(o.get("measure", ""))
    if period and o.get("period"):
        text += f" ({short_measure(o['period'], 30)})"
    mark = EVIDENCE_ICONS.get(evidence_of(case, o), "")
    text = f"{case_name(case)}: {text}" if with_case else text
    return f"{text} {mark}".strip()


def bar_labels(items: Sequence[Item], with_case: bool) -> list[str]:
    """Labels of a chart's bars. Charts across cases keep each period on its label (results over
    different periods are not directly comparable); a case's own chart names a period only
    where two labels would otherwise read the same."""
    plain = [bar_label(c, o, with_case, period=with_case) for c, o, _ in items]
    seen = Counter(plain)
    return [bar_label(c, o, with_case, period=with_case or seen[p] > 1) for (c, o, _), p in zip(items, plain)]


def bar_text(value: float, qualifier: Any, unit: str = PERCENT) -> str:
    """A bar's value text, short: ``−36 %``, ``−31 %*`` for "a fall of about 31 %", ``−3 pp``."""
    return format_change(value, unit=unit) + (QUALIFIED_MARK if qualifier else "")


def legend_entries(items: Sequence[Item], taxonomy: Any, *, baseline: bool = False,
                   strip: bool = False) -> list[list[str]]:
    """The key of an outcome chart: bar styles in use, then the evidence marks in use."""
    out: list[list[str]] = []
    expected = any(not_achieved(o) for _, o, _ in items)
    hollow = any(o.get("significance") in HOLLOW for _, o, _ in items)
    if strip:
        if expected:
            out += [["dot", "Achieved"], ["ring", "Not achieved"]]
        out.append(["median", "Median"])
    else:
        if expected or hollow:
            out.append(["achieved", "Achieved"])
        if expected:
            out.append(["expected", "Not achieved"])
        if hollow:
            out.append(["hollow", "Not shown significant"])
        if baseline:
            out.append(["baseline", "Baseline"])
        if any(o.get("qualifier") for _, o, _ in items):
            out.append(["text", f"{QUALIFIED_MARK} about, over or under"])
    levels = {evidence_of(c, o) for c, o, _ in items}
    for level in ("peer-reviewed", "independently-evaluated", "self-reported"):
        if level in levels:
            out.append(["text", f"{EVIDENCE_ICONS[level]} {taxonomy.label('evidence', level)}"])
    return out


def group_items(items: list[Item], taxonomy: Any) -> list[tuple[str, list[Item]]]:
    """Items grouped by indicator (taxonomy order, unclassified last), record order inside."""
    order = {t: i for i, t in enumerate(taxonomy.ids("indicators"))}
    groups: dict[str, list[Item]] = {}
    for it in items:
        groups.setdefault(str(it[1].get("indicator") or ""), []).append(it)
    keys = sorted(groups, key=lambda g: (g == "", order.get(g, len(order)), g))
    return [(taxonomy.label("indicators", g) if g else OTHER, groups[g]) for g in keys]


def change_alt(lead: str, names: list[str], values: list[float], items: list[Item], unit: str = PERCENT) -> str:
    n = len(values)
    lo = min(range(n), key=lambda i: (values[i], i))
    hi = max(range(n), key=lambda i: (values[i], -i))
    falls, rises = sum(v < 0 for v in values), sum(v > 0 for v in values)
    span = (f"from {format_change(values[lo], unit=unit)} ({names[lo]}) "
            f"to {format_change(values[hi], unit=unit)} ({names[hi]})")
    if falls == n:
        alt = f"{lead} all are reductions, {span}."
    elif rises == n:
        alt = f"{lead} all are increases, {span}."
    else:
        alt = f"{lead} {plural(falls, 'reduction')} and {plural(rises, 'increase')}, ranging {span}."
    if n > 2:
        alt += f" The median change is {format_change(statistics.median(values), unit=unit)}."
    qualified = sum(1 for _, o, _ in items if o.get("qualifier"))
    if qualified:
        alt += (f" {plural(qualified, 'figure is', 'figures are')} approximate or a bound "
                "(more than, less than, about, up to).")
    pending = sum(1 for _, o, _ in items if not is_achieved(o))
    if pending:
        alt += f" {pending:,} {'is' if pending == 1 else 'are'} {NOT_ACHIEVED}, shown hatched."
    return alt


def _bars_data(title: str, groups, colour: str, with_case: bool, legend: list[list[str]], field: str) -> dict:
    unit, xlabel, _ = CHANGES[field]
    rows_layout, out = [], []
    labels = iter(bar_labels([it for _, its in groups for it in its], with_case))
    for label, its in groups:
        if len(groups) > 1:  # one group needs no heading: the title and caption say what it is
            rows_layout.append([label, 24, True])
        bars = [{"value": float(o[field]), "text": bar_text(o[field], o.get("qualifier"), unit),
                 "expected": not_achieved(o), "hollow": o.get("significance") in HOLLOW,
                 "evidence": outcome_evidence(c, o)}
                for c, o, _ in its]
        rows_layout += [[next(labels), 24, False] for _ in its]
        out.append({"label": label, "colour": colour, "bars": bars})
    data: dict[str, Any] = {"title": title, "legend": legend, "groups": out, "headers": True, "xlabel": xlabel,
                            "rows_layout": rows_layout}
    if field == "change_points":
        data["points"] = True
    return data


def _evidence_note(its: Sequence[Item], taxonomy: Any, marks: bool = True) -> str:
    """"3 ○ self-reported, 1 ● peer reviewed" (without the marks for a text alternative)."""
    levels = Counter(evidence_of(c, o) for c, o, _ in its)
    return ", ".join(f"{n:,} " + (f"{EVIDENCE_ICONS.get(lv, '')} " if marks else "")
                     + taxonomy.label("evidence", lv).lower() for lv, n in sorted(levels.items()))


def _alt_extra(its: Sequence[Item], taxonomy: Any) -> str:
    """What a text alternative adds: the evidence behind the figures, and any result not shown
    to be significant."""
    text = f" Evidence: {_evidence_note(its, taxonomy, marks=False)}."
    hollow = sum(1 for _, o, _ in its if o.get("significance") in HOLLOW)
    if hollow:
        text += f" {plural(hollow, 'result is', 'results are')} not shown to be statistically significant; drawn hollow."
    return text


def _strip_data(title: str, groups, colour: str, legend: list[list[str]], taxonomy: Any, field: str) -> dict:
    unit, xlabel, _ = CHANGES[field]
    out, rows_layout = [], []
    for label, its in groups:
        vals = [float(o[field]) for _, o, _ in its]
        med = statistics.median(vals)
        note = f"{plural(len(vals), 'change')}, median {format_change(med, unit=unit)}"
        out.append({"label": label, "colour": colour, "values": vals, "median": med, "note": note,
                    "expected": [not_achieved(o) for _, o, _ in its],
                    "evidence": [outcome_evidence(c, o) for c, o, _ in its]})
        rows_layout.append([f"{label}: {note} ({_evidence_note(its, taxonomy)})", 52, False])
    data: dict[str, Any] = {"title": title, "legend": legend, "groups": out, "xlabel": xlabel,
                            "rows_layout": rows_layout}
    if field == "change_points":
        data["points"] = True
    return data


def change_spec(chart_id: str, title: str, items: list[Item], taxonomy: Any, *, with_case: bool,
                what: str, colour: str = ACCENT, field: str = "change_percent") -> ChartSpec | None:
    """Diverging bars of signed change grouped by indicator (above :data:`MAX_BARS`, a strip
    plot per indicator): % changes, or with ``field="change_points"`` changes in percentage
    points; never both in one chart. ``None`` with fewer than two changes."""
    unit, _, noun = CHANGES[field]
    items = [it for it in items if is_num(it[1].get(field))]
    if len(items) < 2:
        return None
    groups = group_items(items, taxonomy)
    ordered = [it for _, its in groups for it in its]
    values = [float(o[field]) for _, o, _ in ordered]
    names = [(f"{case_name(c)}: " if with_case else "") + clean(o.get("measure", ""))[:80] for c, o, _ in ordered]
    alt = change_alt(f"{what}: {plural(len(values), *noun)};", names, values, ordered, unit) + _alt_extra(ordered, taxonomy)
    cases = list({id(c): c for c, _, _ in ordered}.values())
    if len(groups) > 1:
        order = ("Grouped by indicator; within a group in the order of the records, not ranked: the measures "
                 "differ, so bar lengths are not comparable across groups.")
    else:
        order = ("In the order of the records, not ranked: periods, baselines and definitions differ, so read "
                 "each bar with its label.")
    caption = f"{title}. {order} {source_note(cases)}"
    basis = tuple(sorted((str(c.get("id")), n, field) for c, _, n in ordered))
    if len(values) > MAX_BARS:
        data = _strip_data(title, groups, colour, legend_entries(ordered, taxonomy, strip=True), taxonomy, field)
        alt += " Each dot is one reported change; the black tick marks each indicator's median."
        rows = tuple((g["label"], f"{len(g['values']):,}", format_change(g["median"], unit=unit),
                      format_change(min(g["values"]), unit=unit), format_change(max(g["values"]), unit=unit),
                      f"{sum(g['expected']):,}") for g in data["groups"])
        headers: tuple[str, ...] = ("Indicator", "Changes", "Median", "Lowest", "Highest", "Not achieved")
        return ChartSpec(chart_id, "strip", title, alt, headers, rows, data, caption, case_files(cases), basis)
    data = _bars_data(title, groups, colour, with_case, legend_entries(ordered, taxonomy), field)
    headers = ("Case",) * with_case + ("Measure", "Indicator", "Benefit", "Change", "Status", "Evidence", "Period")
    rows = tuple(
        ((clean(c.get("name") or c.get("id", "")),) if with_case else ())
        + (clean(o.get("measure", "")), label, taxonomy.label("benefits", str(o.get("benefit") or "")),
           _change_words(o, field, unit), status_label(taxonomy, o), evidence_label(taxonomy, c, o),
           clean(o.get("period") or "Not stated"))
        for label, its in groups for c, o, _ in its)
    return ChartSpec(chart_id, "diverging", title, alt, headers, rows, data, caption, case_files(cases), basis)


SIGNIFICANCE_WORDS = {"not-significant": "not statistically significant", "unclear": "significance unclear"}


def _change_words(o: Mapping[str, Any], field: str = "change_percent", unit: str = PERCENT) -> str:
    """The change as the data table words it: qualifier and significance included."""
    text = format_change(o[field], o.get("qualifier"), unit)
    sig = SIGNIFICANCE_WORDS.get(str(o.get("significance") or ""))
    return f"{text} ({sig})" if sig else text


def value_spec(chart_id: str, title: str, items: list[Item], unit: str, taxonomy: Any, *, with_case: bool,
               what: str) -> ChartSpec:
    """Bars of values in one unit (baselines marked), in the order of the records."""
    values = [float(o["value"]) for _, o, _ in items]
    texts = [format_value(o["value"], unit, o.get("qualifier")) for _, o, _ in items]
    short = [format_value(o["value"], unit) + (QUALIFIED_MARK if o.get("qualifier") else "") for _, o, _ in items]
    labels = bar_labels(items, with_case)
    baselines = [float(o["baseline"]) if is_num(o.get("baseline")) else None for _, o, _ in items]
    expected = [not_achieved(o) for _, o, _ in items]
    top = max(range(len(values)), key=lambda i: (values[i], -i))
    low = min(range(len(values)), key=lambda i: (values[i], i))
    label = lambda i: labels[i].rstrip(" " + "".join(EVIDENCE_ICONS.values()))  # noqa: E731
    alt = (f"{what}: {len(values)} results in {unit}; the largest is {label(top)} ({texts[top]}), "
           f"the smallest {label(low)} ({texts[low]}).")
    if any(b is not None for b in baselines):
        alt += " Black ticks mark the baseline where one is given."
    if any(expected):
        alt += f" {sum(expected)} {'is' if sum(expected) == 1 else 'are'} {NOT_ACHIEVED}; hatched."
    alt += _alt_extra(items, taxonomy)
    legend = legend_entries(items, taxonomy, baseline=any(b is not None for b in baselines))
    hollow = [o.get("significance") in HOLLOW for _, o, _ in items]
    data = {"title": title, "legend": legend, "rows_layout": [[labels[i], 30, False] for i in range(len(items))],
            "values": values, "value_texts": short, "expected": expected, "hollow": hollow, "baselines": baselines,
            "xlabel": unit, "evidence": [outcome_evidence(c, o) for c, o, _ in items],
            "integer": False, "colours": [taxonomy.colour("benefits", str(o.get("benefit") or "")) for _, o, _ in items]}
    headers = ("Case",) * with_case + ("Measure", "Value", "Baseline", "Status", "Evidence", "Period")
    rows = tuple(((clean(c.get("name") or ""),) if with_case else ())
                 + (clean(o.get("measure", "")), texts[i], format_value(o["baseline"], unit) if is_num(o.get("baseline")) else "—",
                    status_label(taxonomy, o), evidence_label(taxonomy, c, o), clean(o.get("period") or "Not stated"))
                 for i, (c, o, _) in enumerate(items))
    cases = list({id(c): c for c, _, _ in items}.values())
    caption = f"{title}. In the order of the records, not ranked. {source_note(cases)}"
    basis = tuple(sorted((str(c.get("id")), n, "value") for c, _, n in items))
    return ChartSpec(chart_id, "hbar", title, " ".join(alt.split()), headers, rows, data, caption,
                     case_files(cases), basis)


def case_chart_spec(case: Mapping[str, Any], taxonomy: Any, chart_id: str | None = None) -> ChartSpec | None:
    """A case's chart: two or more % changes; failing that, two or more changes in percentage
    points; failing that, two or more values in one unit."""
    chart_id = chart_id or f"case-{safe_id(case.get('id', ''))}"
    label = case_name(case)
    items = items_of([case])
    spec = change_spec(chart_id, f"{label}: reported changes", items, taxonomy, with_case=False, what=label) \
        or change_spec(chart_id, f"{label}: changes in percentage points", items, taxonomy, with_case=False,
                       what=label, field="change_points")
    if spec is not None:
        return spec
    by_unit: dict[str, list[Item]] = {}
    for it in items:
        unit = clean(it[1].get("unit") or "")
        if is_num(it[1].get("value")) and unit:
            by_unit.setdefault(unit, []).append(it)
    candidates = [(u, its) for u, its in by_unit.items() if len(its) >= 2]
    if not candidates:
        return None
    unit, chosen = max(candidates, key=lambda t: len(t[1]))  # ties: the unit listed first
    return value_spec(chart_id, f"{label}: results in {unit}", chosen, unit, taxonomy, with_case=False, what=label)


def case_points_spec(case: Mapping[str, Any], taxonomy: Any, first: ChartSpec) -> ChartSpec | None:
    """A case's second chart, of its changes in percentage points, when its first chart shows %
    changes (so points are charted too, but never on the percent axis)."""
    if not first.basis or first.basis[0][2] != "change_percent":
        return None
    label = case_name(case)
    return change_spec(f"{first.id}-points", f"{label}: changes in percentage points", items_of([case]), taxonomy,
                       with_case=False, what=label, field="change_points")


def indicator_spec(chart_id: str, label: str, items: list[Item], taxonomy: Any) -> tuple[ChartSpec | None, str]:
    """Like with like for one indicator: % changes when two or more cases give them, else the
    largest group of values in one unit from two or more cases; else ``None`` and the reason."""
    n_cases = len({c["id"] for c, _, _ in items})
    if n_cases < 2:
        return None, f"Reported by one case only ({plural(len(items), 'result')}): nothing to compare it with."
    for field, title, other in (("change_percent", "% change by case", "a % change"),
                                ("change_points", "change in percentage points by case", "percentage points")):
        changes = [it for it in items if is_num(it[1].get(field))]
        if len({c["id"] for c, _, _ in changes}) >= 2:
            spec = change_spec(chart_id, f"{label}: {title}", changes, taxonomy, with_case=True, what=label, field=field)
            left = len(items) - len(changes)
            return spec, (f"{plural(left, 'result is', 'results are')} given in another form (a value, or a change "
                          f"not in {other}), and so not charted with these; see the table above." if left else "")
    by_unit: dict[str, list[Item]] = {}
    for it in items:
        if is_num(it[1].get("value")) and it[1].get("unit"):
            by_unit.setdefault(clean(it[1]["unit"]), []).append(it)
    usable = [(u, its) for u, its in by_unit.items() if len({c["id"] for c, _, _ in its}) >= 2]
    if not usable:
        units = sorted(by_unit)
        why = f"in different units ({join_and(units)})" if len(units) > 1 else "in forms that do not match"
        return None, f"Not comparable: the {plural(n_cases, 'case')} report it {why}, so it is not charted."
    unit, chosen = max(usable, key=lambda t: (len(t[1]), t[0]))
    spec = value_spec(chart_id, f"{label}: results in {unit} by case", chosen, unit, taxonomy, with_case=True, what=label)
    left = len(items) - len(chosen)
    return spec, (f"{plural(left, 'other result')} in other forms not charted." if left else "")
