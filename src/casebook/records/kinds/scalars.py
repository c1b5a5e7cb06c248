"""Kinds of single values: ids, text, addresses, numbers, dates, vocabulary terms, countries."""

from __future__ import annotations

import datetime as _dt
import math
import re

from ..addresses import url_problem
from ..problems import did_you_mean, show, why_not_whole
from ..spec import ID_MAX, ID_PATTERN, RESERVED_IDS, Field
from .base import ID_RE, Kind

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_NUMBERISH = re.compile(r"^\s*[-+\u2212]?\s*[£$€]?\s*[0-9][0-9,]*(\.[0-9]+)?\s*(%|m|k|bn)?\s*$")
_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n"}


class IdKind(Kind):
    name = "id"

    def check(self, c, f, value, path):
        limit = f.max_length or ID_MAX
        if not isinstance(value, str) or not ID_RE.fullmatch(value) or len(value) > limit:
            c.error(path, f"'{c.label(path)}' must be lowercase letters and digits joined by single hyphens, "
                          f"at most {limit} characters; got {show(value)}{why_not_whole(value)}",
                    "for example: west-yorkshire-acute-trusts")
            return None
        if value in RESERVED_IDS:
            c.error(path, f"'{c.label(path)}' {show(value)} is reserved for a page the site generates; choose another id",
                    "reserved ids: " + ", ".join(RESERVED_IDS))
            return None
        return value

    def schema(self, f, s):
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": f.max_length or ID_MAX,
                "not": {"enum": list(RESERVED_IDS)}}

    def form(self, f, s):
        return {"widget": "id", "pattern": ID_PATTERN, "maxLength": f.max_length or ID_MAX,
                "reserved": list(RESERVED_IDS)}


class TextKind(Kind):
    """Plain text (``text``, shown escaped) or Markdown (``markdown``); see :mod:`.textcheck`."""

    def __init__(self, name: str):
        self.name = name

    def check(self, c, f, value, path):
        from ..textcheck import check_text

        return check_text(c, f, value, path, markdown=self.name == "markdown")

    def schema(self, f, s):
        out = {"type": "string", "minLength": 1}
        if f.max_length:
            out["maxLength"] = f.max_length
        return out

    def form(self, f, s):
        # Markdown, and text long enough to run to several lines, get a text area.
        long = self.name == "markdown" or (f.max_length or 0) >= 500
        out: dict = {"widget": "textarea" if long else "text", "markdown": self.name == "markdown"}
        if f.max_length:
            out["maxLength"] = f.max_length
        return out


class UrlKind(Kind):
    """A public web address (``url``); ``https-url`` also insists on https, for archived copies
    that readers are sent to when the original has gone."""

    def __init__(self, https_only: bool = False):
        self.https_only = https_only
        self.name = "https-url" if https_only else "url"

    def check(self, c, f, value, path):
        reason = url_problem(value.strip()) if isinstance(value, str) else "it is not text"
        if not reason and self.https_only and not value.strip().lower().startswith("https://"):
            c.error(path, f"'{c.label(path)}' must be an https:// address; got {show(value)}",
                    "archive services such as the Wayback Machine serve every copy over https")
            return None
        if reason:
            c.error(path, f"'{c.label(path)}' must be a full http:// or https:// address of a public page; "
                          f"got {show(value)}: {reason}",
                    "other schemes such as javascript: or file: are not allowed")
            return None
        return value.strip()

    def schema(self, f, s):
        return {"type": "string", "format": "uri", "pattern": r"^https://" if self.https_only else r"^https?://"}

    def form(self, f, s):
        return {"widget": "url"}


def _num(value) -> str:
    """A number for a message: 100,000 or 1e+308, never hundreds of digits."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:g}"
    return text if len(text) <= 24 else f"{text[:12]}… ({len(str(abs(value)))} digits)"


def _bounds_message(c, f: Field, value, path) -> str | None:
    if f.minimum is not None and value < f.minimum:
        return f"'{c.label(path)}' must be at least {_num(f.minimum)}; got {_num(value)}"
    if f.maximum is not None and value > f.maximum:
        return f"'{c.label(path)}' must be at most {_num(f.maximum)}; got {_num(value)}"
    return None


def _bounds_schema(f: Field, out: dict, whole: bool) -> dict:
    for key, bound in (("minimum", f.minimum), ("maximum", f.maximum)):
        if bound is not None:
            out[key] = int(bound) if whole or float(bound).is_integer() else bound
    return out


class IntegerKind(Kind):
    """Whole numbers; ``year`` is one from 1900 to this year."""

    def __init__(self, name: str):
        self.name = name

    def check(self, c, f, value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            hint = None
            if isinstance(value, str) and path in c.doc.quoted and value.strip().isdigit():
                hint = "remove the quotes"
            elif isinstance(value, str) and re.fullmatch(r"0\d+", value.strip()):
                hint = f"remove the leading zero: {int(value)}"
            elif isinstance(value, str) and re.fullmatch(r"[\d,]+", value.strip()):
                hint = "write the number without commas"
            c.error(path, f"'{c.label(path)}' must be a whole number; got {show(value)}", hint)
            return None
        if self.name == "year":
            this_year = c.ctx.today.year
            if not 1900 <= value <= this_year:
                c.error(path, f"'{c.label(path)}' must be a year from 1900 to {this_year}; got {str(value)[:12]}")
                return None
            return value
        problem = _bounds_message(c, f, value, path)
        if problem:
            c.error(path, problem, f.description)
            return None
        return value

    def schema(self, f, s):
        if self.name == "year":
            return {"type": "integer", "minimum": 1900}
        return _bounds_schema(f, {"type": "integer"}, whole=True)

    def form(self, f, s):
        out = {"widget": "number", "integer": True, "year": self.name == "year"}
        return {**out, "minimum": 1900} if self.name == "year" else _bounds_schema(f, out, whole=True)


class NumberKind(Kind):
    name = "number"

    def check(self, c, f, value, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            c.error(path, f"'{c.label(path)}' must be a number; got {show(value)}", self._hint(c, value, path))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            c.error(path, f"'{c.label(path)}' must be a finite number; got {show(value)}")
            return None
        problem = _bounds_message(c, f, value, path)
        if problem:
            c.error(path, problem, f.description)
            return None
        return value

    @staticmethod
    def _hint(c, value, path) -> str | None:
        if not isinstance(value, str):
            return None
        if path in c.doc.quoted and re.fullmatch(r"[-+]?\d+(\.\d+)?", value.strip()):
            return "remove the quotes"
        if "\u2212" in value:
            return "use the ordinary minus sign '-'"
        if re.fullmatch(r"[-+]?0\d+(\.\d+)?", value.strip()):
            return "remove the leading zero"
        if _NUMBERISH.match(value):
            return "write a plain number such as -36 or 4.6, and put any unit in 'unit'"
        return None

    def schema(self, f, s):
        return _bounds_schema(f, {"type": "number"}, whole=False)

    def form(self, f, s):
        return _bounds_schema(f, {"widget": "number", "integer": False}, whole=False)


class BooleanKind(Kind):
    name = "boolean"

    def check(self, c, f, value, path):
        if not isinstance(value, bool):
            hint = "write true or false"
            if isinstance(value, str) and value.lower() in _BOOL_WORDS:
                hint = f"write true or false; {show(value)} is ambiguous in YAML"
            c.error(path, f"'{c.label(path)}' must be true or false; got {show(value)}", hint)
            return None
        return value

    def schema(self, f, s):
        return {"type": "boolean"}

    def form(self, f, s):
        return {"widget": "boolean"}


class DateKind(Kind):
    """``date``: YYYY-MM-DD; ``partial-date``: YYYY, YYYY-MM or YYYY-MM-DD. Never in the future."""

    def __init__(self, name: str):
        self.name = name
        self.partial = name == "partial-date"

    def check(self, c, f, value, path):
        if self.partial and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        form = "YYYY, YYYY-MM or YYYY-MM-DD" if self.partial else "YYYY-MM-DD"
        pattern = _PARTIAL_DATE if self.partial else _DATE
        if not isinstance(value, str) or not pattern.fullmatch(value):
            c.error(path, f"'{c.label(path)}' must be a date written {form}; got {show(value)}{why_not_whole(value)}")
            return None
        parts = [int(p) for p in value.split("-")]
        try:
            first = _dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
        except ValueError:
            c.error(path, f"'{c.label(path)}' is not a real date: {show(value)}")
            return None
        if first > c.ctx.today:
            c.error(path, f"'{c.label(path)}' is in the future ({value})"
                          + ("" if self.partial else "; use the date you checked the record"),
                    f"today is {c.ctx.today.isoformat()}")
            return None
        return value if self.partial else first

    def schema(self, f, s):
        if self.partial:
            return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def form(self, f, s):
        # Both kinds are text with the form in the hint (a date picker cannot take YYYY-MM, and
        # a typed date shows as typed); real dates and "not in the future" are checked in the form.
        return {"widget": "date", "partial": self.partial, "notFuture": True,
                "placeholder": "YYYY, YYYY-MM or YYYY-MM-DD" if self.partial else "YYYY-MM-DD"}


class TermKind(Kind):
    name = "term"

    def check(self, c, f, value, path):
        choices = c.ctx.vocab(f.vocabulary)
        if not isinstance(value, str) or value not in choices:
            c.error(path, f"'{c.label(path)}' has unknown value {show(value)}{why_not_whole(value)}",
                    did_you_mean(value, choices))
            return None
        return value

    def schema(self, f, s):
        return {"type": "string", "enum": s.vocab(f.vocabulary)}

    def form(self, f, s):
        return {"widget": "choice", "vocabulary": f.vocabulary, "choices": s.choices(f.vocabulary)}

    def placeholder_hint(self, c, f, value):
        return did_you_mean(value, c.ctx.vocab(f.vocabulary))


class CountryKind(Kind):
    name = "country"

    def check(self, c, f, value, path):
        codes = c.ctx.countries
        if isinstance(value, str) and value in codes:
            return value
        hint = None
        if isinstance(value, str) and value.upper() in codes:
            hint = f"write it in capitals: {value.upper()}"
        elif isinstance(value, str) and value.upper() in ("UK", "EN", "ENG"):
            hint = "the ISO 3166-1 code for the United Kingdom is GB"
        elif isinstance(value, str):
            by_name = {n.lower(): code for code, n in codes.items()}
            if value.lower() in by_name:
                hint = f"use the two-letter code: {by_name[value.lower()]}"
        elif isinstance(value, bool):
            hint = "write the code in quotes, for example \"NO\" for Norway"
        c.error(path, f"'{c.label(path)}' must be an ISO 3166-1 alpha-2 code such as GB; got {show(value)}", hint)
        return None

    def schema(self, f, s):
        return {"type": "string", "enum": sorted(s.countries)}

    def form(self, f, s):
        return {"widget": "choice", "vocabulary": "countries", "choices": s.country_choices()}

    def placeholder_hint(self, c, f, value):
        return "write the ISO 3166-1 alpha-2 code, for example GB"


class CaseRefKind(Kind):
    name = "case-ref"

    def check(self, c, f, value, path):
        if not isinstance(value, str) or not ID_RE.fullmatch(value):
            c.error(path, f"'{c.label(path)}' must be the id of another case; got {show(value)}{why_not_whole(value)}")
            return None
        return value

    def schema(self, f, s):
        return {"type": "string", "pattern": ID_PATTERN}

    def form(self, f, s):
        return {"widget": "text", "pattern": ID_PATTERN}
