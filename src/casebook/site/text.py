"""Text for pages, safe whatever a record holds: escaping, Markdown-safe text, numbers.

Safety: case text is untrusted. Plain-text fields go through :func:`md_text` (HTML-escaped
*and* Markdown-escaped, so neither tags nor Markdown links/attribute lists survive); Markdown
fields go through :func:`md_block`, which escapes raw HTML and attribute-list braces; values in
raw-HTML blocks go through :func:`esc`. Numbers are formatted here and only here.
"""

from __future__ import annotations

import html
import json
import re

# Characters Python-Markdown lets a backslash escape; escaping any other would show the backslash.
# Escaped wherever they stand: emphasis, code, links, attribute lists, headings' closing
# hashes and table pipes. The others ('+', '-', '.', '!', digits) only matter at the start.
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]#|])")
_MD_LEADING = re.compile(r"^(?:(\d+)([.)])|([-+.!]))")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_LINE_START = re.compile(r"^(\s*)([-+*]|\d+[.)]|#+|>|=+|-+)(?=\s|$)", re.M)
_ANGLE_DEST = re.compile(r"\]\(\s*<(https?://[^\s<>]+)>")
_ABBR_DEF = re.compile(r"^(\s*)\*\[", re.M)
# Inline link destinations ("](dest") and reference definitions ("[id]: dest"), after md_block's
# own escaping (so a '<' around a destination reads '&lt;').
_MD_LINK = re.compile(r"\]\(\s*((?:&lt;)?)\s*([^\s)]*)")
_MD_REFDEF = re.compile(r"^(\s*)\[[^\]\n]*\]:\s*((?:&lt;)?)(\S*)", re.M)
_SAFE_URL = re.compile(r"^https?://", re.I)

NUM_CLASS = ' class="cb-num"'
EXPECTED_CLASS = ' class="cb-expected"'
EVIDENCE_ICONS = {"self-reported": "○", "independently-evaluated": "◐", "peer-reviewed": "●"}


def esc(value) -> str:
    """HTML-escape any value for a raw-HTML block (attributes included)."""
    return html.escape(str(value), quote=True)


def md_text(value) -> str:
    """Plain text made inert for inline Markdown: HTML-escaped, then Markdown-escaped."""
    text = _MD_ESCAPE.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False))
    if text[:1] in "0123456789-+.!":  # would start a list, a rule or a numbered item
        text = _MD_LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text, 1)
    elif text.startswith(":"):  # a definition-list marker, which a backslash cannot escape
        text = "&#58;" + text[1:]
    return text


def md_block(value: str) -> str:
    """A contributor's Markdown with raw HTML and attribute lists made inert.

    Validation already rejects HTML and non-http(s) links; this is the second line of defence
    so that the renderer is safe on its own."""
    text = _ANGLE_DEST.sub(r"](\1", value)  # [text](<https://...>): the brackets add nothing
    text = _AUTOLINK.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # '{' opens attribute lists ({: onclick=...}); a literal brace has no other Markdown role.
    text = text.replace("{", "\\{").replace("}", "\\}")
    # Restore block quotes, which the '>' escape above would otherwise turn into text.
    text = re.sub(r"^(\s{0,3})&gt;", r"\1>", text, flags=re.M)
    # '*[X]: text' would define a page-wide abbreviation (an <abbr> on every 'X'); '![' an image.
    text = _ABBR_DEF.sub(r"\1\\*[", text)
    text = text.replace("![", "!\\[")
    # Links to anything but http(s) (javascript:, data:, relative) stay as plain text.
    text = _MD_LINK.sub(lambda m: m.group(0) if _SAFE_URL.match(m.group(2)) else "\\]" + m.group(0)[1:], text)
    text = _MD_REFDEF.sub(lambda m: m.group(0) if _SAFE_URL.match(m.group(3)) else m.group(1) + "\\" + m.group(0)[len(m.group(1)):], text)
    return text.strip()


def front_matter(meta: dict) -> str:
    """YAML front matter, safely quoted whatever the values contain.

    Themes insert ``title`` and ``description`` into HTML unescaped (Material writes
    ``content="{{ page.meta.description }}"``), so those two are HTML-escaped here."""
    meta = {k: esc(v) if k in ("title", "description") and isinstance(v, str) else v for k, v in meta.items()}
    # JSON is valid YAML and much faster to write than yaml.safe_dump, which mattered at
    # thousands of pages; ASCII-only so no character can act as a YAML line break.
    lines = "".join(f"{k}: {json.dumps(v, ensure_ascii=True)}\n" for k, v in meta.items())
    return "---\n" + lines + "---\n\n"


def format_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_change(value) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{format_number(abs(value))} %"


def outcome_result(o: dict) -> str:
    """A reader's summary of one result: '−36 %', '73 → 7 miles', '4.6 GBP million'."""
    parts = []
    if o.get("change_percent") is not None:
        parts.append(format_change(o["change_percent"]))
    if o.get("value") is not None:
        unit = f" {o['unit']}" if o.get("unit") else ""
        if o.get("baseline") is not None:
            parts.append(f"{format_number(o['baseline'])} → {format_number(o['value'])}{unit}")
        else:
            parts.append(f"{format_number(o['value'])}{unit}")
    return "; ".join(parts)
