"""How numbers read, everywhere: on pages, in charts, in downloads.

Below both the site and the charts (``casebook.site`` and ``casebook.charts`` import from here,
never from each other), so a chart label and a table cell always word a result the same way.
"""

from __future__ import annotations

MINUS = "\u2212"
#: How a qualifier reads before a number ("more than 2,000 staff").
QUALIFIER_WORDS = {"more-than": "more than", "less-than": "less than", "about": "about", "up-to": "up to"}
#: The unit of a change: percent, or percentage points (``change_points``), written "pp".
PERCENT, POINTS = " %", " pp"


def format_number(value) -> str:
    """The one number formatter: ``2000`` → ``2,000``, ``4.60`` → ``4.6``, ``-3`` → ``−3``
    (a real minus sign), tiny values to two significant figures; ``None`` → ``""``."""
    if value is None:
        return ""
    x = float(value)
    ax = abs(x)
    if ax != 0 and ax < 0.005:
        body = f"{ax:.2g}"
    elif ax.is_integer():
        body = f"{int(ax):,}"
    else:
        body = f"{ax:,.2f}".rstrip("0").rstrip(".")
    return "0" if body == "0" else (MINUS if x < 0 else "") + body


def format_change(value, qualifier: str | None = None, unit: str = PERCENT) -> str:
    """A signed change: ``−36 %``, ``+12.5 %``, or in percentage points ``−7 pp`` (``unit=POINTS``);
    with a qualifier the words carry the direction, so an inexact figure never reads as exact:
    ``fall of more than 8 %``."""
    if value is None:
        return ""
    word = QUALIFIER_WORDS.get(qualifier or "")
    if word:
        if not value:
            return f"{word} 0{unit}"
        return f"{'fall' if value < 0 else 'rise'} of {word} {format_number(abs(value))}{unit}"
    sign = "+" if value > 0 else (MINUS if value < 0 else "")
    return f"{sign}{format_number(abs(value))}{unit}"


#: Currency codes a unit may start with ("GBP million") and how a reader writes them ("£4.6m").
CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "US$", "NZD": "NZ$", "SGD": "S$", "AUD": "A$", "CAD": "C$",
                  "SEK": "SEK\u00a0", "DKK": "DKK\u00a0", "NOK": "NOK\u00a0", "CHF": "CHF\u00a0"}
#: Magnitude words after a currency code, written short ("£4.6m", "€2bn", "£300k").
MAGNITUDES = {"million": "m", "millions": "m", "billion": "bn", "billions": "bn", "thousand": "k"}


def _unit_parts(unit: str | None) -> tuple[str, str, str]:
    """A unit as (prefix, short suffix, rest): ``GBP million a year`` → ``("£", "m", " a year")``,
    ``% of patients`` → ``("", " %", " of patients")``, ``miles`` → ``("", "", " miles")``.
    The prefix and short suffix go on every number (a baseline too); the rest once, at the end."""
    words = " ".join(str(unit or "").split()).split(" ") if unit else []
    if not words or words == [""]:
        return "", "", ""
    head = words[0]
    if head in CURRENCY_SIGNS:
        sign = CURRENCY_SIGNS[head]
        short, rest = "", words[1:]
        if rest and rest[0].lower() in MAGNITUDES:
            short, rest = MAGNITUDES[rest[0].lower()], rest[1:]
        return sign, short, (" " + " ".join(rest)) if rest else ""
    if head in ("%", "percent", "per cent"):
        rest = words[1:]
        return "", " %", (" " + " ".join(rest)) if rest else ""
    return "", "", " " + " ".join(words)


def _amount(value, prefix: str, short: str) -> str:
    """A number with its unit's prefix and short suffix; a minus sign goes before a currency sign."""
    text = format_number(value)
    if prefix and text.startswith(MINUS):
        return MINUS + prefix + text[1:] + short
    return prefix + text + short


def format_value(value, unit: str | None = None, qualifier: str | None = None) -> str:
    """A measured value with its unit and qualifier, as a reader writes it: ``£4.6m``,
    ``about 3,000 staff``, ``12 % of patients``, ``SEK 40m``."""
    if value is None:
        return ""
    prefix, short, rest = _unit_parts(unit)
    text = _amount(value, prefix, short) + rest
    word = QUALIFIER_WORDS.get(qualifier or "")
    return f"{word} {text}" if word else text


def format_span(baseline, value, unit: str | None = None, qualifier: str | None = None) -> str:
    """Before and after as one phrase: ``14 % → less than 6 %``, ``£3m → £4.6m a year``,
    ``73 → 7 miles`` (a unit of words is said once, at the end)."""
    prefix, short, _ = _unit_parts(unit)
    return f"{_amount(baseline, prefix, short)} → {format_value(value, unit, qualifier)}"


def format_points(value, qualifier: str | None = None) -> str:
    """A signed change in percentage points: ``−3 pp``; with a qualifier ``fall of about 3 pp``."""
    if value is None:
        return ""
    text = format_change(value, qualifier)
    return text[:-1] + "pp" if text.endswith("%") else text


def outcome_result(o: dict) -> str:
    """A result read as one phrase: ``−36 %``, ``73 → 7 miles``, ``£4.6m``, ``more than 2,000
    staff``, ``201 → 152 placements (−24 %)``. The qualifier goes with the change when there is
    one, else with the value."""
    qualifier = o.get("qualifier")
    if o.get("change_percent") is not None:
        change = format_change(o["change_percent"], qualifier)
    else:
        change = format_points(o.get("change_points"), qualifier)
    if o.get("value") is None:
        return change
    value_qualifier = None if change else qualifier
    if o.get("baseline") is not None:
        value = format_span(o["baseline"], o["value"], o.get("unit"), value_qualifier)
    else:
        value = format_value(o["value"], o.get("unit"), value_qualifier)
    return f"{value} ({change})" if change else value


#: Marks for the evidence levels, the same on pages and in charts.
EVIDENCE_ICONS = {"self-reported": "○", "independently-evaluated": "◐", "peer-reviewed": "●"}
