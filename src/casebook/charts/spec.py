"""The chart spec: everything about one chart except its pixels, plus the layout arithmetic.

A :class:`ChartSpec` is pure data built in plain Python: title, caption (what it shows, its
source and data date), a text alternative stating the finding, the data as a table, and the
``data`` its drawing routine reads. Each chart is drawn twice from one spec: a wide layout
(:data:`WIDTH` px) and a narrow one (:data:`NARROW` px) for phones, with labels re-wrapped,
so text keeps its size on a 390 px screen. Both sizes come from :func:`layout`, which
is pure Python too: pages know each image's size without drawing anything.
"""

from __future__ import annotations

import hashlib
import json
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

#: Bump when a drawing routine or the style changes, so cached SVGs are redrawn.
CHART_STYLE_VERSION = "4"

WIDTH = 700  # CSS px of the wide layout (1 px in the SVG is 1 CSS px on the page)
NARROW = 360  # CSS px of the phone layout: a 390 px screen shows it at about 100 %
VARIANTS = {"": WIDTH, "-narrow": NARROW}

TITLE_SIZE = 13  # pt
LABEL_SIZE = 9.5
VALUE_SIZE = 9
PAD = 12
TITLE_LINE = 23
LEGEND_H = 26
LEGEND_ROW = 19  # px per row of the legend (entries are laid out in columns of LEGEND_COL px)
LEGEND_COL = 168
XAXIS_H = 50  # tick labels plus axis label under the plot
LINE_PX = 15  # one more line of a wrapped row label
#: Average character width of the label font, as a share of its size in px (DejaVu Sans).
CHAR_EM = 0.56

#: Beyond this many bars a change chart becomes a per-group strip plot (every point, no labels).
MAX_BARS = 60
#: Beyond this many cases the case × benefit matrix becomes a benefit co-occurrence heatmap.
MAX_MATRIX_ROWS = 40
#: Beyond this many dated cases the timeline shows cases per year instead of one row per case.
MAX_TIMELINE_ROWS = 40


@dataclass(frozen=True)
class ChartSpec:
    """One chart. ``data`` is JSON-serialisable and is all the drawing routine ``kind`` reads;
    ``headers``/``rows`` are the same data as a table; ``alt`` states the finding in words;
    ``caption`` says what the chart shows, where the data comes from and how it is sorted.
    ``sources`` names the case files behind it (errors name them); ``basis`` identifies the
    data shown (case id, outcome number, field), so two charts of the same data are caught."""

    id: str
    kind: str
    title: str
    alt: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    data: Mapping[str, Any]
    caption: str = ""
    sources: tuple[str, ...] = ()
    basis: tuple = field(default=(), compare=False)

    def key(self, variant: str = "") -> str:
        """Content hash of what one SVG depends on (kind, title, data, width, style, matplotlib)."""
        cache = self.__dict__.setdefault("_keys", {})
        if variant not in cache:
            payload = json.dumps(
                [self.kind, self.title, self.data, VARIANTS[variant], CHART_STYLE_VERSION, matplotlib_version()],
                sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
            cache[variant] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        return cache[variant]

    def __hash__(self) -> int:  # data is a dict, so the generated hash would fail
        return hash((self.id, self.key()))

    def size(self, variant: str = "") -> tuple[int, int]:
        """(width, height) in CSS px of one variant."""
        lay = layout(self.kind, self.data, VARIANTS[variant])
        return lay["width"], lay["height"]

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def height(self) -> int:
        return self.size("")[1]


@lru_cache(maxsize=1)
def matplotlib_version() -> str:
    """The installed matplotlib's version, read from package metadata (no import): an upgrade
    can change the bytes of every SVG, so it is part of each chart's cache key."""
    try:
        from importlib.metadata import version

        return version("matplotlib")
    except Exception:  # pragma: no cover - matplotlib not installed as a distribution
        return "unknown"


# -- small text helpers ----------------------------------------------------------------------
def is_num(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def join_and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def clean(text: Any) -> str:
    return " ".join(str(text).split())


def case_name(case: Mapping[str, Any]) -> str:
    """The case as labels and text alternatives name it: short name, else the name."""
    return clean(case.get("short_name") or case.get("name") or case.get("id", ""))


def safe_id(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in str(text).lower())
    return "-".join(p for p in out.split("-") if p) or "chart"


def wrap(text: str, chars: int) -> list[str]:
    """Text wrapped at ``chars`` characters a line, at spaces or after a hyphen; a word is never
    cut ("Community-to-community" may wrap after "to-", so no label runs off the chart)."""
    return textwrap.wrap(clean(text), max(8, chars), break_long_words=False, break_on_hyphens=True) or [""]


# -- layout ------------------------------------------------------------------------------------
def label_chars(width: int, share: float = 0.5, size: float = LABEL_SIZE) -> int:
    """How many label characters fit on one line of the label column at ``width`` px."""
    return int(width * share / (size * 96 / 72 * CHAR_EM))


def title_lines(title: str, width: int) -> list[str]:
    return wrap(title, label_chars(width - 2 * PAD, 1.0, TITLE_SIZE * 1.08))


#: Kinds whose phone layout puts each row's label above its bar (full width) instead of left.
STACKABLE = ("hbar", "diverging", "strip")


def legend_columns(width: int) -> int:
    """How many legend entries share a row at ``width`` px (two on a phone)."""
    return max(1, (width - 2 * PAD) // LEGEND_COL)


def legend_rows(entries: int, width: int) -> int:
    return -(-entries // legend_columns(width)) if entries else 0


def matrix_angle(width: int) -> int:
    return 30 if width >= 500 else 60


def is_stacked(kind: str, width: int) -> bool:
    return width < 500 and kind in STACKABLE


def layout(kind: str, data: Mapping[str, Any], width: int) -> dict[str, Any]:
    """Wrapped title and row labels, and the pixel geometry, of one chart at ``width`` px.

    ``data["rows"]`` lists the rows top to bottom as ``[label, pitch_px, bold]``; labels are
    wrapped to the label column and each row grows by :data:`LINE_PX` per extra line."""
    title = title_lines(data["title"], width)
    legend = legend_rows(len(data.get("legend") or []), width)
    extra = int(data.get("extra_top", 0))
    if kind == "matrix":  # rotated column labels above the grid: steeper on a phone
        extra = int(data["header_chars"] * 7.0 * math.sin(math.radians(matrix_angle(width)))) + 22
    top = PAD + len(title) * TITLE_LINE + (LEGEND_H + (legend - 1) * LEGEND_ROW if legend else 0) + 10 + extra
    stacked = is_stacked(kind, width)
    chars = label_chars(width - 2 * PAD, 1.0) if stacked else label_chars(width, data.get("label_share", 0.5))
    rows, body = [], 0.0
    for label, pitch, bold in data.get("rows_layout", []):
        lines = wrap(label, chars) if label else [""]
        if stacked:  # labels above their bar, across the whole width; headings take no bar row
            grow = len(lines) * LINE_PX + 2 - (pitch if bold else 0)
        else:
            grow = (len(lines) - 1) * LINE_PX
        rows.append({"lines": lines, "px": pitch + grow, "bold": bool(bold)})
        body += pitch + grow
    body += data.get("body_extra", 10)
    bottom = int(data.get("bottom", XAXIS_H))
    return {"width": width, "title_lines": title, "top": top, "bottom": bottom, "rows": rows, "stacked": stacked,
            "height": int(max(200, round(top + body + bottom)))}
