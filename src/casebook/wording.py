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


def format_value(value, unit: str | None = None, qualifier: str | None = None) -> str:
    """A measured value with its unit and qualifier: ``4.6 GBP million``, ``about 3,000 staff``."""
    if value is None:
        return ""
    unit = " ".join(str(unit or "").split())
    text = format_number(value) + (" %" if unit in ("%", "percent") else f" {unit}" if unit else "")
    word = QUALIFIER_WORDS.get(qualifier or "")
    return f"{word} {text}" if word else text


def outcome_result(o: dict) -> str:
    """A reader's summary of one result: '−36 %', '−7 pp', '73 → 7 miles', 'more than 2,000 staff'.
    The qualifier goes with the change when there is one, else with the value."""
    parts = []
    qualifier = o.get("qualifier")
    for key, unit in (("change_percent", PERCENT), ("change_points", POINTS)):
        if o.get(key) is not None:
            parts.append(format_change(o[key], qualifier, unit))
            qualifier = None
    if o.get("value") is not None:
        value = format_value(o["value"], o.get("unit"), qualifier)
        if o.get("baseline") is not None:
            value = f"{format_number(o['baseline'])} → {value}"
        parts.append(value)
    return "; ".join(parts)
