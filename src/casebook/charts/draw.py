"""Drawing with matplotlib (imported only in here and in :mod:`.kinds`): the canvas, shared
helpers, and the SVG's colour scheme.

Text is drawn literally (``text.parse_math`` off: ``$``, ``\\``, ``_`` and ``^`` stay as
written). Colours of text, grid and background are CSS custom properties inside the SVG,
switched by ``prefers-color-scheme``; browsers give an image the colour scheme of the page
around it, so charts follow Material's dark scheme (no white box, light text).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .spec import LABEL_SIZE, LEGEND_ROW, LINE_PX, PAD, TITLE_LINE, TITLE_SIZE, VALUE_SIZE, layout, legend_columns

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

PX_PER_IN = 96
TEXT = "#1a1a1a"
MUTED = "#5f6368"
GRID = "#e4e4e4"
AXIS = "#8c8c8c"
BG = "#ffffff"
INK_ON_DARK = "#fefefe"  # text on a dark cell: fixed, whatever the page's scheme
INK_ON_LIGHT = "#1a1a1b"  # text on a light cell: fixed too

#: light colour → (custom property, dark-scheme value)
SCHEME = {TEXT: ("--cb-ink", "#e8e8ec"), MUTED: ("--cb-muted", "#a8adb6"), GRID: ("--cb-grid", "#3b3f4a"),
          BG: ("--cb-bg", "transparent")}

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "casebook-charts",  # fixed ids for clip paths and hatches → stable bytes
    "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
    "svg.image_inline": True,
    "text.parse_math": False,  # "$5m" or "a_b" is text, never mathtext
    "text.usetex": False,
    "font.family": "DejaVu Sans",  # bundled with matplotlib, so measuring matches drawing
    "font.size": LABEL_SIZE,
    "text.color": TEXT, "axes.labelcolor": TEXT, "xtick.color": TEXT, "ytick.color": TEXT,
    "axes.edgecolor": AXIS, "axes.linewidth": 0.8, "axes.unicode_minus": True,
    "xtick.labelsize": VALUE_SIZE, "ytick.labelsize": LABEL_SIZE, "axes.labelsize": LABEL_SIZE,
    "hatch.linewidth": 1.1, "figure.dpi": PX_PER_IN, "savefig.dpi": PX_PER_IN,
    "figure.facecolor": BG, "savefig.facecolor": BG, "axes.facecolor": BG, "legend.fontsize": VALUE_SIZE,
}


@lru_cache(maxsize=8192)
def text_px(text: str, size: float, bold: bool = False) -> float:
    """Width of text in px (widest line), measured with the font the SVG names."""
    from matplotlib.textpath import text_to_path

    prop = _font(size, bold)
    widths = [text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in text.split("\n")]
    return max(widths) * PX_PER_IN / 72.0


@lru_cache(maxsize=16)
def _font(size: float, bold: bool):
    from matplotlib.font_manager import FontProperties

    return FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")


def tint(colour: str, amount: float = 0.35) -> str:
    """Mix a hex colour with white (amount of the colour kept)."""
    c = colour.lstrip("#")
    r, g, b = (int(c[i: i + 2], 16) for i in (0, 2, 4))
    mix = lambda v: round(255 - (255 - v) * amount)  # noqa: E731
    return f"#{mix(r):02x}{mix(g):02x}{mix(b):02x}"


_STYLE_ATTR = re.compile(r'style="([^"]*)"')
_SCHEME_CSS = (
    "<style>svg{" + ";".join(f"{var}:{light}" for light, (var, _) in SCHEME.items()) + "}"
    "@media (prefers-color-scheme: dark){svg{" + ";".join(f"{var}:{dark}" for var, dark in SCHEME.values()) + "}}</style>"
)


def themed(svg: bytes) -> bytes:
    """The scheme's colours as custom properties (in style attributes, where var() works)."""
    text = svg.decode("utf-8")

    def swap(m: re.Match) -> str:
        style = m.group(1)
        for light, (var, _) in SCHEME.items():
            style = style.replace(light, f"var({var})")
        return f'style="{style}"'

    text = _STYLE_ATTR.sub(swap, text)
    start = text.index(">", text.index("<svg")) + 1
    return (text[:start] + "\n " + _SCHEME_CSS + text[start:]).encode("utf-8")


class Canvas:
    """Pixel-based layout around one Figure at one width; row ``y`` values are pixels."""

    def __init__(self, data: Mapping[str, Any], width: int):
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.figure import Figure

        self.data = data
        self.lay = layout(data.get("kind", ""), data, width)
        self.w, self.h = width, self.lay["height"]
        self.fig = Figure(figsize=(self.w / PX_PER_IN, self.h / PX_PER_IN), dpi=PX_PER_IN)
        FigureCanvasSVG(self.fig)
        lines = self.lay["title_lines"]
        self.fig.text(PAD / self.w, 1 - PAD / self.h, "\n".join(lines), ha="left", va="top", fontsize=TITLE_SIZE,
                      fontweight="bold", color=TEXT, linespacing=1.35)
        self.legend_y = PAD + len(lines) * TITLE_LINE + 4
        self.rows = self.lay["rows"]
        self.stacked = self.lay["stacked"]
        self.labels = ["\n".join(r["lines"]) for r in self.rows]
        #: row centres (the bar's centre when labels are stacked above bars) and label tops
        ys, tops, y = [], [], 0.0
        for r in self.rows:
            label_px = len(r["lines"]) * LINE_PX + 2 if self.stacked else 0
            tops.append(y + 2)
            ys.append(y + label_px + (r["px"] - label_px) / 2)
            y += r["px"]
        self.ys, self.label_tops, self.body = ys, tops, y + data.get("body_extra", 10)

    def axes(self, left: float, right: float):
        top, bottom = self.lay["top"], self.lay["bottom"]
        ax = self.fig.add_axes((left / self.w, bottom / self.h, max(0.05, (self.w - left - right) / self.w),
                                max(0.05, (self.h - top - bottom) / self.h)))
        ax.set_facecolor(BG)
        if self.rows:
            ax.set_ylim(self.body, 0)  # y in px from the top of the plot
        return ax

    def left_for(self, labels: Iterable[str], bold_labels: Iterable[str] = ()) -> float:
        if self.stacked:
            return PAD + 4
        widths = [text_px(s, LABEL_SIZE) for s in labels] + [text_px(s, LABEL_SIZE, True) for s in bold_labels]
        # +16: tick pad and a little slack for browsers that substitute a wider font.
        return min(self.w * 0.56, max(widths, default=0) + 16 + PAD)

    def row_labels(self, ax, bold: Sequence[bool] = ()) -> None:
        row_labels(ax, self.ys, self.labels, bold, self.label_tops if self.stacked else None)

    def note(self) -> None:
        """A visible note under the plot (e.g. how many cases the timeline leaves out)."""
        if self.data.get("note"):
            self.fig.text(PAD / self.w, 6 / self.h, self.data["note"], ha="left", va="bottom", fontsize=VALUE_SIZE,
                          color=TEXT)

    def legend(self, entries: Sequence[Sequence[str]]) -> None:
        """The key, under the title: ``[kind, text]`` entries in rows of
        :func:`~.spec.legend_columns` columns (the layout reserved their rows). A kind names
        the symbol drawn before the text: ``achieved`` (solid bar), ``expected`` (hatched),
        ``hollow`` (outline only: not shown to be significant), ``baseline``/``median`` (a
        tick), ``dot``/``ring`` (strip-plot points) or ``text`` (the text carries its own mark)."""
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        per_row = legend_columns(self.w)
        col_w = (self.w - 2 * PAD) / per_row
        for i, (kind, text) in enumerate(entries):
            x = PAD + (i % per_row) * col_w
            y = self.legend_y + (i // per_row) * LEGEND_ROW + 8  # centre of the row, px from the top
            fx = lambda px: px / self.w  # noqa: E731
            fy = lambda px: 1 - px / self.h  # noqa: E731
            sym = 16.0 if kind != "text" else 0.0
            if kind in ("achieved", "expected", "hollow"):
                face = {"achieved": MUTED, "expected": tint(MUTED), "hollow": BG}[kind]
                box = Rectangle((fx(x), fy(y + 5)), 14 / self.w, 10 / self.h, transform=self.fig.transFigure,
                                facecolor=face, edgecolor=MUTED, linewidth=1.0)
                if kind == "expected":
                    hatched(box, MUTED)
                self.fig.add_artist(box)
            elif kind in ("baseline", "median"):
                self.fig.add_artist(Line2D([fx(x + 7)] * 2, [fy(y - 6), fy(y + 6)], transform=self.fig.transFigure,
                                           color=TEXT, linewidth=2))
            elif kind in ("dot", "ring"):
                self.fig.add_artist(Line2D([fx(x + 7)], [fy(y)], transform=self.fig.transFigure, marker="o",
                                           markersize=5, linestyle="None", markeredgecolor=MUTED,
                                           markerfacecolor=MUTED if kind == "dot" else "#ffffff"))
            self.fig.text(fx(x + sym + (4 if sym else 0)), fy(y), text, ha="left", va="center", fontsize=VALUE_SIZE,
                          color=TEXT)

    def svg(self) -> bytes:
        buf = io.BytesIO()
        self.fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, facecolor=BG)
        return themed(buf.getvalue())


def hatched(patch, colour: str):
    patch.set_hatch("////")
    if hasattr(patch, "set_hatchcolor"):  # matplotlib ≥ 3.10; older ones use the edge colour
        patch.set_hatchcolor(colour)
    return patch


def style_axes(ax, grid_axis: str = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.8)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.tick_params(axis="x", colors=TEXT, labelcolor=TEXT)


def room(lo: float, hi: float, left_px: float, right_px: float, axis_px: float) -> tuple[float, float]:
    """Data limits that leave ``left_px``/``right_px`` of free space beyond lo/hi for value labels."""
    span = hi - lo or 1.0
    free = min(0.7, (left_px + right_px) / max(axis_px, 1))
    total = span / (1 - free)
    return lo - left_px * total / axis_px, hi + right_px * total / axis_px


def row_labels(ax, ys, labels, bold: Sequence[bool] = (), tops: Sequence[float] | None = None) -> None:
    """Row labels left of the plot, as plain text (a Tick per row costs ~1 ms each); bold ones
    (group headings) start at the chart's left edge. With ``tops`` (the phone layout) every
    label sits above its row, from the left edge."""
    ax.set_yticks([])
    bold = list(bold) or [False] * len(labels)
    fig_w = ax.figure.get_figwidth() * PX_PER_IN
    if tops is not None:
        for y, label, b in zip(tops, labels, bold):
            ax.annotate(label, (PAD / fig_w, y), xycoords=("figure fraction", "data"), ha="left", va="top",
                        fontsize=LABEL_SIZE, fontweight="bold" if b else "normal", color=TEXT,
                        annotation_clip=False, linespacing=1.15)
        return
    for y, label, b in zip(ys, labels, bold):
        if b:
            ax.annotate(label, (PAD / fig_w, y), xycoords=("figure fraction", "data"), ha="left", va="center",
                        fontsize=LABEL_SIZE, fontweight="bold", color=TEXT, annotation_clip=False, linespacing=1.15)
        else:
            ax.annotate(label, (0, y), xycoords=("axes fraction", "data"), xytext=(-6, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=LABEL_SIZE, color=TEXT, annotation_clip=False,
                        linespacing=1.15)


def value_labels(ax, ys, values, texts, size=VALUE_SIZE) -> None:
    for y, v, t in zip(ys, values, texts):
        neg = v < 0
        ax.annotate(t, (v, y), xytext=(-4 if neg else 4, 0), textcoords="offset points", ha="right" if neg else "left",
                    va="center", fontsize=size, color=TEXT)
