"""The chart plan: which chart goes on which page, decided once, before any page is rendered.

:func:`plan` looks at the whole corpus and returns a :class:`ChartPlan`: the site-wide charts,
one chart per case (when it has comparable results), one per term page built only from that
page's own cases' outcomes, and one per indicator reported comparably by two or more cases.
No two charts show the same data: a chart whose data (case, outcome, field) another chart
already shows is dropped, and the page names where that chart is instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..records.spec import is_achieved
from .change import case_chart_spec, case_points_spec, change_spec, indicator_spec, items_of
from .site_specs import count_spec, matrix_spec, terms, timeline_spec
from .spec import ChartSpec, safe_id

#: Which case field a vocabulary tags; the slug of its chart ids; how a page names it.
FACETS = {"benefits": "benefits", "sectors": "sectors", "governance": "governance", "countries": "country"}
SLUGS = {"benefits": "benefit", "sectors": "sector", "governance": "governance", "countries": "country"}
NOUNS = {"benefits": "benefit", "sectors": "sector", "governance": "governance model", "countries": "country"}


@dataclass(frozen=True)
class IndicatorChart:
    """Like with like for one indicator: its chart, or why there is none."""

    indicator: str
    label: str
    spec: ChartSpec | None
    note: str


@dataclass
class ChartPlan:
    site: dict[str, ChartSpec] = field(default_factory=dict)
    cases: dict[str, ChartSpec] = field(default_factory=dict)
    #: a case's second chart: its changes in percentage points when its first shows % changes
    #: (the two are never drawn on one axis)
    case_points: dict[str, ChartSpec] = field(default_factory=dict)
    terms: dict[tuple[str, str], ChartSpec] = field(default_factory=dict)
    indicators: list[IndicatorChart] = field(default_factory=list)
    #: (facet, term) → source path of the page whose chart already shows that page's data
    shown_on: dict[tuple[str, str], str] = field(default_factory=dict)

    def case(self, case_id: str) -> ChartSpec | None:
        return self.cases.get(case_id)

    def case_charts(self, case_id: str) -> list[ChartSpec]:
        """Every chart of a case page, in page order."""
        return [s for s in (self.cases.get(case_id), self.case_points.get(case_id)) if s is not None]

    def term(self, facet: str, term: str) -> ChartSpec | None:
        return self.terms.get((facet, term))

    def specs(self) -> list[ChartSpec]:
        """Every planned chart, sorted by id."""
        every = list(self.site.values()) + list(self.cases.values()) + list(self.case_points.values())
        every += list(self.terms.values())
        every += [i.spec for i in self.indicators if i.spec is not None]
        return sorted({s.id: s for s in every}.values(), key=lambda s: s.id)


def term_chart_id(facet: str, term: str) -> str:
    """The chart id of a term page, e.g. ``benefit-workforce``, ``sector-acute``, ``country-gb``."""
    return f"{SLUGS.get(facet, safe_id(facet))}-{safe_id(term)}"


def _term_label(taxonomy: Any, facet: str, term: str) -> str:
    return taxonomy.country(term).label if facet == "countries" else taxonomy.label(facet, term)


def _has(case: dict, facet: str, term: str) -> bool:
    value = case.get(FACETS[facet]) or ("not-stated" if facet == "governance" else None)
    return term in value if isinstance(value, list) else value == term


def term_spec(facet: str, term: str, cases: list[dict], taxonomy: Any) -> ChartSpec | None:
    """A term page's chart: only the outcomes of the page's own cases (for a benefit, only the
    outcomes claimed under it). ``None`` when fewer than two changes."""
    own = [c for c in cases if _has(c, facet, term)]
    keep = (lambda c, o: o.get("benefit") == term) if facet == "benefits" else (lambda c, o: True)
    label = _term_label(taxonomy, facet, term)
    noun = NOUNS.get(facet, facet)
    colour = taxonomy.colour("benefits", term) if facet == "benefits" else None
    extra = {"colour": colour} if colour else {}
    return change_spec(term_chart_id(facet, term), f"Reported changes: {label} ({noun})", items_of(own, keep),
                       taxonomy, with_case=True, what=f"Cases filed under {label} ({noun})", **extra)


def site_specs(cases: list[dict], taxonomy: Any) -> dict[str, ChartSpec]:
    benefit_counts: Counter = Counter()
    governance_counts: Counter = Counter()
    for c in cases:
        benefit_counts.update(list(dict.fromkeys(c.get("benefits") or [])))
        governance_counts[c.get("governance") or "not-stated"] += 1
    # Achieved results only: a target, commitment or forecast is never counted as an outcome.
    outcome_counts = Counter(str(o.get("benefit")) for c in cases for o in c.get("outcomes") or [] if is_achieved(o))
    benefits = terms(taxonomy, "benefits", benefit_counts)
    specs = [
        count_spec("cases-per-benefit", "Cases per benefit", "benefit", "claimed by", benefit_counts, benefits, cases, "Benefit"),
        count_spec("governance", "Cases per governance model", "governance model", "used by", governance_counts,
                   terms(taxonomy, "governance", governance_counts), cases, "Governance model"),
        matrix_spec(cases, benefits),
        count_spec("outcomes-by-benefit", "Achieved outcomes per benefit", "benefit", "claimed by", outcome_counts,
                   benefits, cases, "Benefit", unit="outcomes", total=sum(outcome_counts.values())),
        timeline_spec(cases),
    ]
    return {s.id: s for s in specs if s is not None}


def indicator_charts(cases: list[dict], taxonomy: Any) -> list[IndicatorChart]:
    by_indicator: dict[str, list] = {}
    for it in items_of(cases, lambda c, o: bool(o.get("indicator"))):
        by_indicator.setdefault(it[1]["indicator"], []).append(it)
    order = {t: i for i, t in enumerate(taxonomy.ids("indicators"))}
    out = []
    for ind in sorted(by_indicator, key=lambda i: (order.get(i, len(order)), i)):
        label = taxonomy.label("indicators", ind)
        spec, note = indicator_spec(f"indicator-{safe_id(ind)}", label, by_indicator[ind], taxonomy)
        out.append(IndicatorChart(ind, label, spec, note))
    return out


def plan(corpus) -> ChartPlan:
    """Decide every chart of the site from a :class:`~casebook.site.enrich.Corpus`."""
    cases, taxonomy = list(corpus.cases), corpus.taxonomy
    result = ChartPlan(site=site_specs(cases, taxonomy))
    seen: dict[tuple, str] = {}
    for case in cases:
        spec = case_chart_spec(case, taxonomy, f"case-{safe_id(case['id'])}")
        if spec is not None:
            result.cases[case["id"]] = spec
            seen.setdefault(spec.basis, f"cases/{case['id']}.md")
            points = case_points_spec(case, taxonomy, spec)
            if points is not None:
                result.case_points[case["id"]] = points
                seen.setdefault(points.basis, f"cases/{case['id']}.md")
    result.indicators = indicator_charts(cases, taxonomy)
    for entry in result.indicators:
        if entry.spec is not None:
            seen.setdefault(entry.spec.basis, "outcomes.md")
    for facet in FACETS:
        for term in _facet_terms(corpus, facet):
            spec = term_spec(facet, term, cases, taxonomy)
            if spec is None:
                continue
            if spec.basis in seen:
                result.shown_on[(facet, term)] = seen[spec.basis]
            else:
                seen[spec.basis] = f"{facet}/{term.lower()}.md"
                result.terms[(facet, term)] = spec
    return result


def _facet_terms(corpus, facet: str) -> list[str]:
    if hasattr(corpus, "terms"):
        return corpus.terms(facet)
    return corpus.taxonomy.ids(facet)
