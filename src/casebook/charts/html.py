"""The figure block of a chart: picture (wide, and narrow for phones), caption, data table."""

from __future__ import annotations

import html
from typing import Any

from .spec import ChartSpec, safe_id

#: Screens up to this wide get the narrow drawing, so chart text stays at least ~11 px.
NARROW_MEDIA = "(max-width: 719px)"


def _esc(text: Any) -> str:
    # Collapse whitespace first: a blank line inside a raw HTML block would end it in Markdown.
    return html.escape(" ".join(str(text).split()), quote=True)


def narrow_src(src: str) -> str:
    return src[:-4] + "-narrow.svg" if src.endswith(".svg") else src


def _table(spec: ChartSpec, title: str) -> str:
    head = "".join(f'<th scope="col">{_esc(h)}</th>' for h in spec.headers)
    body = "\n".join(
        "<tr>" + "".join((f'<th scope="row">{_esc(cell)}</th>' if i == 0 else f"<td>{_esc(cell)}</td>")
                         for i, cell in enumerate(row)) + "</tr>"
        for row in spec.rows)
    # tabindex="0": a wide table scrolls sideways inside Material's wrapper, and keyboard users
    # can only scroll what they can focus (axe "scrollable-region-focusable").
    return (f'<details class="cb-chart-data" data-search-exclude><summary>Data for “{title}”</summary>\n'
            f'<table tabindex="0">\n<caption>{title}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
            "</tbody>\n</table>\n</details>")


def chart_block(spec: ChartSpec, src: str) -> str:
    """Raw HTML for a Markdown page: the chart as ``<figure>``, then its data as a table.

    Two raw HTML blocks, each starting at column 0 with no blank line inside, surrounded by
    blank lines so Python-Markdown passes them through. Every string is escaped: case text is
    untrusted. Phones get the narrow drawing through ``<picture>``."""
    title = _esc(spec.title)
    w, h = spec.size("")
    nw, nh = spec.size("-narrow")
    caption = _esc(spec.caption or spec.title)
    figure = (
        f'<figure class="cb-chart" id="chart-{_esc(safe_id(spec.id))}" data-search-exclude><picture>'
        f'<source media="{NARROW_MEDIA}" srcset="{_esc(narrow_src(src))}" width="{nw}" height="{nh}">'
        f'<img src="{_esc(src)}" alt="{_esc(spec.alt)}" width="{w}" height="{h}" loading="lazy"></picture>'
        f"<figcaption>{caption}</figcaption></figure>"
    )
    return f"\n\n{figure}\n\n{_table(spec, title)}\n\n"
