"""One drawing routine per chart kind: hbar, diverging, strip, matrix, timeline."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..wording import POINTS, format_change, format_number
from .draw import (
    AXIS,
    BG,
    GRID,
    INK_ON_DARK,
    INK_ON_LIGHT,
    RC,
    TEXT,
    Canvas,
    hatched,
    room,
    style_axes,
    text_px,
    tint,
    value_labels,
)
from .spec import PAD, VALUE_SIZE, matrix_angle

BAR_PX = 16


def percent_tick(v: float, _pos: Any = None) -> str:
    return "0" if abs(v) < 1e-9 else format_change(v).replace(" ", "")  # compact: ticks sit close together


def points_tick(v: float, _pos: Any = None) -> str:
    return "0" if abs(v) < 1e-9 else format_change(v, unit=POINTS).replace(" ", "")


def number_tick(v: float, _pos: Any = None) -> str:
    return format_number(v)


def _faces(colours, expected, hollow) -> list[str]:
    """Bar fills: solid (achieved), pale and hatched (expected), none (not shown significant)."""
    return [BG if h else tint(col) if e else col for col, e, h in zip(colours, expected, hollow)]


#: A change in % cannot fall below −100 %: the axis of a percentage change stops there.
CHANGE_FLOOR = -100.0


def _xlim_for_changes(ax, c: Canvas, left: float, right: float, values, texts) -> None:
    """Limits for % changes: from the lowest change (never below −100 %) to the highest, with
    room right of each bar's end for its value text (a fall's text sits right of zero)."""
    axis_px = c.w - left - right
    label_w = max([text_px(t, VALUE_SIZE) for t in texts], default=0)
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    x0, x1 = room(lo, hi, 4, label_w + 10, axis_px)
    ax.set_xlim(max(x0, CHANGE_FLOOR) if lo >= CHANGE_FLOOR else x0, x1)


def change_labels(ax, ys, values, texts) -> None:
    """Value texts of % changes: right of a rise's end, and right of zero for a fall, so the axis
    need not run past −100 % to make room for them."""
    for y, v, t in zip(ys, values, texts):
        ax.annotate(t, (max(v, 0.0), y), xytext=(4, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=VALUE_SIZE, color=TEXT)


def _xlim_for_labels(ax, c: Canvas, left: float, right: float, values, texts, extremes=()) -> None:
    axis_px = c.w - left - right
    pos_w = max([text_px(t, VALUE_SIZE) for t, v in zip(texts, values) if v >= 0], default=0)
    neg_w = max([text_px(t, VALUE_SIZE) for t, v in zip(texts, values) if v < 0], default=0)
    every = list(values) + list(extremes)
    lo, hi = min(0.0, min(every)), max(0.0, max(every))
    ax.set_xlim(*room(lo, hi, neg_w + 10 if neg_w else 4, pos_w + 10 if pos_w else 4, axis_px))


def draw_hbar(c: Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values, colours = d["values"], d["colours"]
    n = len(values)
    expected = d.get("expected") or [False] * n
    baselines = d.get("baselines") or [None] * n
    left, right = c.left_for(c.labels), PAD + 8
    ax = c.axes(left, right)
    hollow = d.get("hollow") or [False] * n
    bars = ax.barh(c.ys, values, height=BAR_PX * 1.2, color=_faces(colours, expected, hollow),
                   edgecolor=colours, linewidth=[1.6 if h else 0.8 for h in hollow])
    for bar, e, col in zip(bars, expected, colours):
        if e:
            hatched(bar, col)
    for y, b in zip(c.ys, baselines):
        if b is not None:
            ax.plot([b, b], [y - 11, y + 11], color=TEXT, linewidth=2, solid_capstyle="butt", zorder=4)
    c.row_labels(ax)
    _xlim_for_labels(ax, c, left, right, values, d["value_texts"], [b for b in baselines if b is not None])
    value_labels(ax, c.ys, values, d["value_texts"])
    style_axes(ax)
    if d.get("integer"):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6 if c.w > 500 else 3))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6 if c.w > 500 else 3))
    ax.xaxis.set_major_formatter(FuncFormatter(number_tick))
    ax.axvline(0, color=AXIS, linewidth=0.8)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(d.get("xlabel", ""))
    c.legend(d.get("legend") or [])


def draw_diverging(c: Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    bold = [r["bold"] for r in c.rows]
    bar_rows = [i for i, b in enumerate(bold) if not b]
    bars_d = [b for g in d["groups"] for b in g["bars"]]
    colours = [g["colour"] for g in d["groups"] for _ in g["bars"]]
    ys = [c.ys[i] for i in bar_rows]
    values = [b["value"] for b in bars_d]
    texts = [b["text"] for b in bars_d]
    left, right = c.left_for([c.labels[i] for i in bar_rows]), PAD + 8
    ax = c.axes(left, right)
    hollow = [bool(b.get("hollow")) for b in bars_d]
    faces = _faces(colours, [b["expected"] for b in bars_d], hollow)
    bars = ax.barh(ys, values, height=BAR_PX, color=faces, edgecolor=colours,
                   linewidth=[1.6 if h else 0.8 for h in hollow])
    for bar, b, col in zip(bars, bars_d, colours):
        if b["expected"]:
            hatched(bar, col)
    c.row_labels(ax, bold)
    _xlim_for_changes(ax, c, left, right, values, texts)
    change_labels(ax, ys, values, texts)
    style_axes(ax)
    ax.spines["left"].set_visible(False)
    ax.axvline(0, color=TEXT, linewidth=1.0, zorder=3)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7 if c.w > 500 else 3, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(points_tick if d.get("points") else percent_tick))
    ax.set_xlabel(d.get("xlabel", "Change (%)"))
    c.legend(d.get("legend") or [])


def draw_strip(c: Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    groups = d["groups"]
    left, right = c.left_for(c.labels), PAD + 8
    ax = c.axes(left, right)
    every = []
    for y, g in zip(c.ys, groups):
        # Deterministic jitter (golden-ratio sequence) spreads overlapping dots vertically.
        jit = [y + ((k * 0.6180339887) % 1 - 0.5) * 28 for k in range(len(g["values"]))]
        for hollow in (False, True):
            pts = [(v, j) for v, j, e in zip(g["values"], jit, g["expected"]) if e == hollow]
            if pts and hollow:
                ax.scatter(*zip(*pts), s=16, facecolors="#ffffff", edgecolors=g["colour"], linewidths=1.0)
            elif pts:
                ax.scatter(*zip(*pts), s=16, color=g["colour"], alpha=0.75, linewidths=0)
        ax.plot([g["median"]] * 2, [y - 20, y + 20], color=TEXT, linewidth=2.2, zorder=4)
        every += g["values"]
    c.row_labels(ax)
    lo, hi = min(0.0, min(every)), max(0.0, max(every))
    pad = (hi - lo or 1) * 0.04
    ax.set_xlim(max(lo - pad, CHANGE_FLOOR) if lo >= CHANGE_FLOOR else lo - pad, hi + pad)
    style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)
    ax.axvline(0, color=AXIS, linewidth=1.0, zorder=1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7 if c.w > 500 else 3, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(points_tick if d.get("points") else percent_tick))
    ax.set_xlabel(d.get("xlabel", "Change (%)"))
    c.legend(d.get("legend") or [])


def _matrix_right(c: Canvas, left: float, columns, angle: int) -> float:
    """Room right of the plot for the last rotated column labels."""
    k = len(columns)
    widths = [text_px(x, VALUE_SIZE) for x in columns]
    right: float = PAD
    for _ in range(2):
        cell = (c.w - left - right) / max(k, 1)
        over = max(w * math.cos(math.radians(angle)) - (k - 1 - j + 0.5) * cell for j, w in enumerate(widths))
        right = max(PAD, min(c.w * 0.3, over + PAD))
    return right


def _matrix_cells(ax, d, ys) -> None:
    colours, k = d["colours"], len(d["columns"])
    for y in ys:
        ax.axhline(y, color=GRID, linewidth=0.8, zorder=0)
    full: list[tuple[int, float]] = []
    empty: list[tuple[int, float]] = []
    for y, filled in zip(ys, d["cells"]):
        for x in range(k):
            (full if x in set(filled) else empty).append((x, y))
    if empty:
        ax.scatter(*zip(*empty), s=6, color="#b8b8b8", linewidths=0, zorder=2)
    if full:
        ax.scatter([x for x, _ in full], [y for _, y in full], s=11.5 ** 2, marker="s",
                   color=[colours[x] for x, _ in full], linewidths=0, zorder=3)


def _matrix_pairs(ax, d, ys) -> None:
    from matplotlib.patches import Rectangle

    counts, n = d["counts"], len(ys)
    # Scale by the off-diagonal peak: the diagonal (cases per benefit) would wash out every pair.
    peak = max([counts[a][b] for a in range(n) for b in range(n) if a != b] or [1]) or 1
    for a, y in enumerate(ys):
        for b in range(n):
            v = counts[a][b]
            if a == b:
                face, ink, edge, weight = "#ffffff", TEXT, TEXT, "bold"
            else:
                frac = v / peak
                face = tint(d.get("accent", "#1f5f99"), 0.06 + 0.94 * frac)
                ink, edge, weight = (INK_ON_DARK if frac > 0.55 else INK_ON_LIGHT), "#ffffff", "normal"
            ax.add_patch(Rectangle((b - 0.47, y - 19), 0.94, 38, facecolor=face, edgecolor=edge,
                                   linewidth=1.0 if a == b else 0))
            ax.text(b, y, f"{v:,}", ha="center", va="center", fontsize=VALUE_SIZE, color=ink, fontweight=weight)


def draw_matrix(c: Canvas, d: Mapping[str, Any]) -> None:
    columns = d["columns"]
    angle = matrix_angle(c.w)
    left = min(c.left_for(c.labels), c.w * 0.45)
    ax = c.axes(left, _matrix_right(c, left, columns, angle))
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(columns)), columns, rotation=angle, ha="left", rotation_mode="anchor", fontsize=VALUE_SIZE)
    c.row_labels(ax)
    ax.tick_params(length=0, pad=5)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    (_matrix_cells if d["mode"] == "cases" else _matrix_pairs)(ax, d, c.ys)


def draw_timeline(c: Canvas, d: Mapping[str, Any]) -> None:
    from matplotlib.ticker import MaxNLocator

    colour = d.get("colour", "#1f5f99")
    c.note()
    if d["mode"] == "cases":
        years = d["years"]
        left, right = c.left_for(c.labels), PAD + 8
        ax = c.axes(left, right)
        x0, x1 = room(min(years), max(years), 14, text_px("2024", VALUE_SIZE) + 16, c.w - left - right)
        ax.hlines(c.ys, x0, years, color=GRID, linewidth=1.0, zorder=1)
        ax.scatter(years, c.ys, s=42, color=colour, zorder=3, linewidths=0)
        value_labels(ax, c.ys, years, [str(y) for y in years])
        c.row_labels(ax)
        ax.set_xlim(x0, x1)
        style_axes(ax)
        ax.grid(axis="x", visible=False)
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=7 if c.w > 500 else 4))
        ax.set_xlabel(d.get("xlabel", ""))
        return
    years, counts = d["years"], d["counts"]
    ax = c.axes(PAD + 46, PAD + 8)
    ax.bar(years, counts, width=0.8, color=colour)
    ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
    ax.set_ylim(0, max(counts) * 1.15 or 1)
    style_axes(ax, grid_axis="y")
    ax.tick_params(axis="y", length=3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10 if c.w > 500 else 5))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_xlabel(d.get("xlabel", ""))
    ax.set_ylabel(d.get("ylabel", ""))


DRAWERS = {"hbar": draw_hbar, "diverging": draw_diverging, "strip": draw_strip, "matrix": draw_matrix,
           "timeline": draw_timeline}


def render(kind: str, data: Mapping[str, Any], width: int) -> bytes:
    """One chart as SVG bytes at ``width`` px; the same input gives the same bytes."""
    import matplotlib

    with matplotlib.rc_context(RC):  # the host process's settings stay untouched
        canvas = Canvas(data, width)
        DRAWERS[kind](canvas, data)
        return canvas.svg()

