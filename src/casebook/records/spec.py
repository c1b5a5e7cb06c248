"""The case record, defined once.

The validator walks these definitions and the JSON Schema is generated from them, so the two
can never disagree. Vocabulary-backed fields name their vocabulary; the allowed values come from
the taxonomy data at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64
SUMMARY_MAX = 500


@dataclass(frozen=True)
class Field:
    """One field of a mapping.

    ``kind`` is one of: ``id``, ``text`` (plain text, shown escaped), ``markdown``, ``url``,
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
    items: "Field | None" = None
    fields: tuple["Field", ...] = ()
    min_items: int = 0
    max_length: int | None = None
    minimum: float | None = None
    default: object = None
    example: str | None = None

    def field_map(self) -> dict[str, "Field"]:
        return {f.name: f for f in self.fields}


def _item(kind: str, description: str, **kw) -> Field:
    return Field(name="", kind=kind, description=description, **kw)


SOURCE = (
    Field("title", "text", "Title of the article, report or page.", required=True),
    Field("publisher", "text", "Who published it (organisation or author).", required=True),
    Field("url", "url", "Its address; http or https only."),
    Field("published", "partial-date", "When it was published: YYYY, YYYY-MM or YYYY-MM-DD."),
    Field("accessed", "date", "When the source was last read (YYYY-MM-DD, not in the future)."),
)

OUTCOME = (
    Field("measure", "text", "What was measured, in plain words.", required=True),
    Field("benefit", "term", "The benefit category this result shows; one of the case's benefits.",
          required=True, vocabulary="benefits"),
    Field("change_percent", "number",
          "Signed percentage change: -36 means a 36 % reduction, 12 a 12 % increase."),
    Field("value", "number", "The measured value (give the unit too)."),
    Field("unit", "text", "Unit of value and baseline, e.g. miles, staff, GBP million, percent."),
    Field("baseline", "number", "The value before the change, in the same unit as value."),
    Field("period", "text", "When or over what period, e.g. 2022-23 or since 2017."),
    Field("status", "term", "achieved (default) or expected, for forecasts.",
          vocabulary="outcome_status", default="achieved"),
    Field("source", "integer", "Which source supports this result: its number in the sources list (1 = first).",
          minimum=1),
    Field("indicator", "term", "What is measured, from the indicators vocabulary, so like can be compared with like.",
          vocabulary="indicators"),
    Field("qualifier", "term", "more-than, less-than or about, when the source says 'over', 'under' or 'around'.",
          vocabulary="qualifier"),
    Field("locator", "text", "Where in the source the figure is: page, section, table or paragraph.",
          max_length=300),
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
        Field("population", "integer", "Approximate number of people served.", minimum=1),
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
    "outcome_status": ("achieved", "expected"),
    "qualifier": ("more-than", "less-than", "about"),
    "case_status": ("active", "ended", "merged"),
}

SCHEMA_ID = "https://casebook.example.org/schema/case.schema.json"


def json_schema(taxonomy, country_codes) -> dict:
    """The JSON Schema (draft 2020-12) of a case, generated from :data:`CASE`."""

    def vocab(name: str) -> list[str]:
        if name in BUILTIN_VOCABULARIES:
            return list(BUILTIN_VOCABULARIES[name])
        return taxonomy.ids(name)

    def convert(f: Field) -> dict:
        k = f.kind
        out: dict
        if k == "id":
            out = {"type": "string", "pattern": ID_PATTERN, "maxLength": f.max_length or ID_MAX}
        elif k in ("text", "markdown"):
            out = {"type": "string", "minLength": 1}
            if f.max_length:
                out["maxLength"] = f.max_length
        elif k == "url":
            out = {"type": "string", "format": "uri", "pattern": r"^https?://"}
        elif k == "year":
            out = {"type": "integer", "minimum": 1900}
        elif k == "integer":
            out = {"type": "integer"}
            if f.minimum is not None:
                out["minimum"] = int(f.minimum)
        elif k == "number":
            out = {"type": "number"}
        elif k == "boolean":
            out = {"type": "boolean"}
        elif k == "date":
            out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        elif k == "partial-date":
            out = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
        elif k == "term":
            out = {"type": "string", "enum": vocab(f.vocabulary)}
        elif k == "country":
            out = {"type": "string", "enum": sorted(country_codes)}
        elif k == "case-ref":
            out = {"type": "string", "pattern": ID_PATTERN}
        elif k == "list":
            out = {"type": "array", "items": convert(f.items)}
            if f.min_items:
                out["minItems"] = f.min_items
        elif k == "mapping":
            out = {
                "type": "object",
                "properties": {c.name: convert(c) for c in f.fields},
                "required": [c.name for c in f.fields if c.required],
                "additionalProperties": False,
            }
            if f.fields is OUTCOME:
                out["anyOf"] = [{"required": ["change_percent"]}, {"required": ["value"]}]
        elif k == "member":
            out = {"oneOf": [{"type": "string", "minLength": 1}, convert(Field("", "mapping", f.description, fields=f.fields))]}
        else:  # pragma: no cover - a new kind without a schema is a programming error
            raise ValueError(f"no JSON Schema for field kind {k!r}")
        if f.description:
            out["description"] = f.description
        if f.default is not None:
            out["default"] = f.default
        return out

    schema = convert(CASE)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casebook case record",
        **schema,
    }
