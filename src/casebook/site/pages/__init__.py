"""One module per kind of generated page.

Each module holds a mixin of :class:`~casebook.site.render.SiteRenderer`. For the type checker
the mixins derive from :class:`RendererHost`, which declares what they use of the renderer;
at run time their base is plain ``object``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Protocol

    from ...charts import ChartPlan, ChartSpec
    from ...records.taxonomy import Taxonomy
    from ..context import BuildContext
    from ..enrich import Corpus
    from ..render import ChartRef
    from ..urls import Urls

    class RendererHost(Protocol):
        """The attributes and methods of :class:`~casebook.site.render.SiteRenderer` that the
        page mixins use."""

        corpus: Corpus
        tax: Taxonomy
        ctx: BuildContext
        urls: Urls
        edit_base: str | None
        guides: dict
        plan: ChartPlan

        def _chart(self, spec: ChartSpec | None) -> ChartRef | None: ...

        def site_chart(self, chart_id: str) -> ChartRef | None: ...

        def case_title(self, case: dict) -> str: ...

        def case_link(self, from_uri: str, case: dict) -> str: ...

        def term_link(self, from_uri: str, facet: str, term: str) -> str: ...

        def defer(self, html_block: str) -> str: ...

        def cards(self, from_uri: str, case_ids: list[str]) -> str: ...

        def outcomes_table(self, from_uri: str, rows: list[tuple[dict, dict]], with_case: bool,
                           benefit_page: bool = False, label: str = "Outcomes") -> str: ...
