"""Charts: a plan of which chart goes where, cheap specs, lazy SVG drawing, a content-addressed
cache and the HTML around them.

* :mod:`.spec` — :class:`ChartSpec` (pure data) and the layout arithmetic (wide and phone widths).
* :mod:`.site_specs`, :mod:`.change` — the spec builders: site-wide counts, matrix, timeline;
  outcome charts (case, term and per-indicator "like with like").
* :mod:`.plan` — :func:`plan`: every chart of the site decided before pages are rendered;
  no two charts show the same data.
* :mod:`.html` — the figure block: picture, caption, data table.
* :mod:`.draw`, :mod:`.kinds` — matplotlib drawing (imported only when something is drawn).
* :mod:`.pool` — the cache and the process pool.

Output is deterministic: the same spec gives byte-identical SVG (fixed hash salt, no dates, no
creator string, text kept as text), which is what makes the cache keyed on the spec safe.
"""

from __future__ import annotations

from .change import case_chart_spec, change_spec, indicator_spec
from .html import chart_block, narrow_src
from .plan import ChartPlan, IndicatorChart, plan, site_specs, term_chart_id, term_spec
from .pool import ChartError, Drawing, discard_prestarted, draw_all, plan_jobs, prestart_pool, start_drawing
from .spec import CHART_STYLE_VERSION, NARROW, VARIANTS, WIDTH, ChartSpec, layout

__all__ = [
    "CHART_STYLE_VERSION", "NARROW", "VARIANTS", "WIDTH", "ChartError", "ChartPlan", "ChartSpec", "Drawing",
    "IndicatorChart", "case_chart_spec", "change_spec", "chart_block", "discard_prestarted", "draw_all", "draw_svg",
    "indicator_spec", "layout", "narrow_src", "plan", "plan_jobs", "prestart_pool", "site_specs", "start_drawing",
    "term_chart_id", "term_spec",
]


def draw_svg(spec: ChartSpec, variant: str = "") -> bytes:
    """Draw one variant of a spec as SVG bytes (deterministic)."""
    from .kinds import render

    return render(spec.kind, {**spec.data, "kind": spec.kind}, VARIANTS[variant])
