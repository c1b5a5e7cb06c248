"""The case record, defined once.

The validator walks these definitions and the JSON Schema is generated from them (each field
kind in :mod:`casebook.records.kinds` does both), so the two can never disagree. Vocabulary-backed fields name their vocabulary; the allowed values come from
the taxonomy data at run time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64
SUMMARY_MAX = 500

#: Ids a case cannot take: the site generates a page at ``/cases/<name>/`` for them (the cases
#: index), or a file system would treat ``cases/<name>.md`` as one (README.md is an index page).
RESERVED_IDS = ("index", "readme")

#: Bounds on numbers, so every figure is one a chart and a reader can take in.
CHANGE_PERCENT_MIN, CHANGE_PERCENT_MAX = -100, 100_000
#: A change in percentage points: a share moves at most 100 points, but a rate against a target
#: (104.9 % of plan) can run past 100, so the bound is wider than a share's.
CHANGE_POINTS_MIN, CHANGE_POINTS_MAX = -1000, 1000
VALUE_LIMIT = 1e12  # |value| and |baseline|: a trillion of any unit
POPULATION_MAX = 10_000_000_000  # more people than live on Earth


@dataclass(frozen=True)
class Field:
    """One field of a mapping.

    ``kind`` is one of: ``id``, ``text`` (plain text, shown escaped), ``markdown``, ``url``,
    ``https-url`` (a ``url`` that must be https),
    ``year``, ``integer``, ``number``, ``boolean``, ``date`` (YYYY-MM-DD, not in the future),
    ``partial-date`` (YYYY, YYYY-MM or YYYY-MM-DD), ``term`` (a value of ``vocabulary``),
    ``country`` (ISO 3166-1 alpha-2), ``case-ref`` (the id of another case), ``list``,
    ``mapping`` and ``member`` (text, or a mapping of ``fields``).
    """

    name: str
    kind: str
    description: str
    required: bool = False
    vocabulary: str | None = None
    items: Field | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: object = None
    example: str | None = None

    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


def _item(kind: str, description: str, **kw) -> Field:
    return Field(name="", kind=kind, description=description, **kw)


SOURCE = (
    Field("title", "text", "Title of the article, report or page.", required=True),
    Field("publisher", "text", "Who published it (organisation or author).", required=True),
    Field("url", "url", "Its address; http or https only."),
    Field("published", "partial-date", "When it was published: YYYY, YYYY-MM or YYYY-MM-DD."),
    Field("undated", "boolean", "true when the page gives no date of publication (then leave out published)."),
    Field("accessed", "date", "When the source was last read (YYYY-MM-DD, not in the future)."),
    Field("archived_url", "https-url",
          "An archived copy of the page (e.g. the Wayback Machine), https only, for when the page moves or dies."),
    Field("evidence", "term", "This source's own level of evidence, judged on the source alone.",
          vocabulary="evidence"),
)

OUTCOME = (
    Field("measure", "text", "What was measured, in plain words.", required=True),
    Field("benefit", "term", "The benefit category this result shows; one of the case's benefits.",
          required=True, vocabulary="benefits"),
    Field("change_percent", "number",
          "Signed percentage change: -36 means a 36 % reduction, 12 a 12 % increase.",
          minimum=CHANGE_PERCENT_MIN, maximum=CHANGE_PERCENT_MAX),
    Field("change_points", "number",
          "Signed change in percentage points, instead of change_percent: a rate of 12 % falling to 9 % is -3.",
          minimum=CHANGE_POINTS_MIN, maximum=CHANGE_POINTS_MAX),
    Field("value", "number", "The measured value (give the unit too).", minimum=-VALUE_LIMIT, maximum=VALUE_LIMIT),
    Field("unit", "text", "Unit of value and baseline, e.g. miles, staff, GBP million, percent."),
    Field("baseline", "number", "The value before the change, in the same unit as value.",
          minimum=-VALUE_LIMIT, maximum=VALUE_LIMIT),
    Field("period", "text", "When or over what period, e.g. 2022-23 or since 2017."),
    Field("status", "term",
          "achieved (default) for a measured result; expected, target, committed or forecast for one "
          "that has not happened (never counted as achieved).",
          vocabulary="outcome_status", default="achieved"),
    Field("source", "integer", "Which source supports this result: its number in the sources list (1 = first).",
          minimum=1),
    Field("indicator", "term", "What is measured, from the indicators vocabulary, so like can be compared with like.",
          vocabulary="indicators"),
    Field("qualifier", "term", "more-than, less-than, about or up-to, when the source says 'over', 'under', 'around' or 'up to'.",
          vocabulary="qualifier"),
    Field("locator", "text", "Where in the source the figure is: page, section, table or paragraph.",
          max_length=300),
    Field("significance", "term",
          "Only when the source tests it: significant, not-significant (e.g. 'no significant difference') "
          "or unclear (the source says the result may be chance). Charts draw the last two hollow.",
          vocabulary="significance"),
)

MEMBER = (
    Field("name", "text", "The member organisation.", required=True),
    Field("role", "text", "Its role in the collaboration, e.g. lead provider."),
)

CASE = Field(
    name="case",
    kind="mapping",
    description="A provider collaboration case study.",
    fields=(
        Field("id", "id", "Unique id: lowercase words joined by hyphens; the file name without .yaml.",
              required=True, max_length=ID_MAX, example="west-yorkshire-acute-trusts"),
        Field("name", "text", "Full name of the collaborative or system.", required=True, max_length=200),
        Field("short_name", "text", "Acronym or short form, e.g. WYAAT (searchable).", max_length=40),
        Field("aliases", "list", "Other names and abbreviations people search for.",
              items=_item("text", "Another name or abbreviation.", max_length=200)),
        Field("country", "country", "ISO 3166-1 alpha-2 country code, e.g. GB, US, DK, NZ, SG.", required=True),
        Field("region", "text", "Region, ICS or area served.", max_length=200),
        Field("established", "year", "Year the collaboration was formed (1900 to this year)."),
        Field("population", "integer", "Approximate number of people served.", minimum=1, maximum=POPULATION_MAX),
        Field("sectors", "list", "Sectors of the member organisations.", required=True, min_items=1,
              items=_item("term", "A sector id.", vocabulary="sectors")),
        Field("governance", "term", "Governance model.", vocabulary="governance", default="not-stated"),
        Field("members", "list", "Member organisations: names, or mappings with name and role.",
              items=_item("member", "A member organisation.", fields=MEMBER)),
        Field("benefits", "list", "Benefit categories the case shows.", required=True, min_items=1,
              items=_item("term", "A benefit id.", vocabulary="benefits")),
        Field("focus_areas", "list", "Main areas of joint work.",
              items=_item("term", "A focus area id.", vocabulary="focus_areas")),
        Field("themes", "list", "Cross-cutting themes of how the partners work.",
              items=_item("term", "A theme id.", vocabulary="themes")),
        Field("summary", "text", "Plain-text summary, at most 500 characters, in your own words.",
              required=True, max_length=SUMMARY_MAX),
        Field("narrative", "markdown", "The story of the case in Markdown (no HTML, http(s) links only).",
              max_length=20000),
        Field("outcomes", "list", "Quantified results.",
              items=_item("mapping", "One result.", fields=OUTCOME)),
        Field("lessons", "list", "Lessons for others, one per item.",
              items=_item("text", "A lesson.", max_length=1000)),
        Field("sources", "list", "Where the facts come from.", required=True, min_items=1,
              items=_item("mapping", "One source.", fields=SOURCE)),
        Field("discrepancies", "list", "Where sources disagree: say what each source says.",
              items=_item("text", "One disagreement between sources.", max_length=1000)),
        Field("related", "list", "Ids of related cases.",
              items=_item("case-ref", "The id of another case.")),
        Field("evidence", "term", "Strength of the evidence.", vocabulary="evidence", default="self-reported"),
        Field("anonymised", "boolean", "True when the source does not name the organisations.", default=False),
        Field("last_reviewed", "date", "When the record was last checked against its sources (YYYY-MM-DD).",
              required=True),
        Field("added", "date", "When the case joined the casebook (YYYY-MM-DD); drives 'newest cases' and the feed."),
        Field("status", "term", "active (default), ended or merged.", vocabulary="case_status", default="active"),
        Field("status_year", "year", "The year the collaboration ended or merged."),
        Field("status_note", "text", "What happened, in plain words (e.g. boards abolished in the 2022 reforms).",
              max_length=500),
    ),
)

#: Small vocabularies that are part of the record format itself rather than the taxonomy.
BUILTIN_VOCABULARIES = {
    "outcome_status": ("achieved", "expected", "target", "committed", "forecast"),
    "qualifier": ("more-than", "less-than", "about", "up-to"),
    "case_status": ("active", "ended", "merged"),
    "significance": ("significant", "not-significant", "unclear"),
}

#: The one status that is a measured result; every other status (expected, target, committed,
#: forecast) is a plan or a promise and is never counted, charted or filtered as achieved.
ACHIEVED = "achieved"


def is_achieved(outcome: Mapping[str, Any]) -> bool:
    """Whether an outcome is a result that happened (its status, defaulting to achieved)."""
    return (outcome.get("status") or ACHIEVED) == ACHIEVED


SCHEMA_ID = "https://casebook.example.org/schema/case.schema.json"
