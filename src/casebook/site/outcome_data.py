"""Outcomes as data: one row per measured outcome, shared by the /outcomes/ page, the
/compare/ page, ``/data/outcomes.csv``, ``/data/outcomes.json`` and the data package.

Every surface reads the rows built here, so the page and the downloads agree row for row:
same rows, same order (case id, then the record's own order), same wording of results.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records.evidence import cited_source, outcome_evidence
from ..records.spec import ACHIEVED
from ..records.taxonomy import Taxonomy
from .text import outcome_result
from .urls import case_uri, page_url

#: Columns of outcomes.csv / keys of outcomes.json rows, in order (DESIGN.md's, then extras).
OUTCOME_COLUMNS = (
    "outcome_id", "case_id", "case_name", "measure", "indicator", "benefit", "change_percent",
    "value", "baseline", "unit", "qualifier", "period", "status", "evidence", "source_title",
    "source_url", "case_url", "result", "country", "sectors", "locator", "source_publisher",
    "change_points",
)

#: Column descriptions for the data package (and the /outcomes/ page's notes).
OUTCOME_FIELDS = {
    "outcome_id": ("string", "Stable id of the outcome: the case id and the outcome's 1-based position in the record."),
    "case_id": ("string", "Id of the case (the record's file name)."),
    "case_name": ("string", "Full name of the case."),
    "measure": ("string", "What was measured, as the record words it."),
    "indicator": ("string", "What is measured, from the indicators vocabulary, so like can be compared with like; empty when not yet classified."),
    "benefit": ("string", "Benefit category the result is claimed under (benefits vocabulary)."),
    "change_percent": ("number", "Signed percentage change: -36 means a 36 % reduction."),
    "value": ("number", "Measured value, in unit."),
    "baseline": ("number", "Value before the change, in the same unit as value."),
    "unit": ("string", "Unit of value and baseline."),
    "qualifier": ("string", "more-than, less-than, about or up-to when the source says over, under, around or up to; empty when exact."),
    "period": ("string", "Period or date range the result covers, as the source gives it."),
    "status": ("string", "achieved for a measured result; expected, target, committed or forecast for one that has not "
                         "happened (never an achieved result)."),
    "evidence": ("string", "Strength of the evidence for this figure: the level of the source that reports it "
                           "(self-reported, independently-evaluated or peer-reviewed), else the case's."),
    "source_title": ("string", "Title of the source that reports the figure."),
    "source_url": ("string", "Address of that source, when it is online."),
    "case_url": ("string", "Address of the case page (absolute when the site address is configured)."),
    "result": ("string", "The result in words, as the site shows it (qualifier included)."),
    "country": ("string", "ISO 3166-1 alpha-2 code of the case's country."),
    "sectors": ("string", "Sectors of the case, separated by '; '."),
    "locator": ("string", "Where in the source the figure is: page, section, table or paragraph."),
    "source_publisher": ("string", "Publisher of the source."),
    "change_points": ("number", "Signed change in percentage points (a rate of 12 % falling to 9 % is -3); "
                                "given instead of change_percent."),
}


def case_url(case_id: str, base_url: str = "") -> str:
    """A case page's address: absolute under ``base_url``, else relative to the site root."""
    root = base_url.rstrip("/") + "/" if base_url else ""
    return root + page_url(case_uri(case_id))


@dataclass(frozen=True)
class OutcomeRow:
    """One outcome of one case, with its case and source resolved."""

    case: dict
    outcome: dict
    number: int  # 1-based position in the record

    @property
    def id(self) -> str:
        return f"{self.case['id']}-{self.number}"

    def source(self) -> dict:
        return dict(cited_source(self.case, self.outcome))

    @property
    def evidence(self) -> str:
        """The outcome's own evidence level (its source's; see :mod:`casebook.records.evidence`)."""
        return outcome_evidence(self.case, self.outcome)

    def record(self, base_url: str = "") -> dict:
        """The row as published (JSON types: numbers stay numbers, absent values are null)."""
        o, c, s = self.outcome, self.case, self.source()
        return {
            "outcome_id": self.id, "case_id": c["id"], "case_name": c["name"],
            "measure": o["measure"], "indicator": o.get("indicator"), "benefit": o["benefit"],
            "change_percent": o.get("change_percent"), "value": o.get("value"),
            "baseline": o.get("baseline"), "unit": o.get("unit"), "qualifier": o.get("qualifier"),
            "period": o.get("period"), "status": o.get("status") or ACHIEVED,
            "evidence": self.evidence,
            "source_title": s.get("title"), "source_url": s.get("url"),
            "case_url": case_url(c["id"], base_url), "result": outcome_result(o),
            "country": c.get("country"), "sectors": "; ".join(c.get("sectors") or []),
            "locator": o.get("locator"), "source_publisher": s.get("publisher"),
            "change_points": o.get("change_points"),
        }


def outcome_rows(cases: list[dict]) -> list[OutcomeRow]:
    """Every outcome of every case: cases by id, outcomes in the record's order."""
    return [OutcomeRow(c, o, i) for c in sorted(cases, key=lambda c: c["id"])
            for i, o in enumerate(c.get("outcomes") or [], 1)]


def indicator_label(taxonomy: Taxonomy, indicator: str | None) -> str:
    return taxonomy.label("indicators", indicator) if indicator else "Not classified"
