"""Text for pages, safe whatever a record holds: escaping, Markdown-safe text, numbers.

Safety: case text is untrusted. Plain-text fields go through :func:`md_text` (HTML-escaped
*and* Markdown-escaped, so neither tags nor Markdown links/attribute lists survive); Markdown
fields go through :func:`md_block`, which escapes raw HTML and attribute-list braces; values in
raw-HTML blocks go through :func:`esc`. Numbers are worded in :mod:`casebook.wording` (re-exported).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata

# Number wording lives below site/ and charts/ (casebook/wording.py); re-exported for the pages.
from ..wording import EVIDENCE_ICONS as EVIDENCE_ICONS
from ..wording import MINUS as MINUS
from ..wording import PERCENT as PERCENT
from ..wording import POINTS as POINTS
from ..wording import QUALIFIER_WORDS as QUALIFIER_WORDS
from ..wording import format_change as format_change
from ..wording import format_number as format_number
from ..wording import format_points as format_points
from ..wording import format_span as format_span
from ..wording import format_value as format_value
from ..wording import outcome_result as outcome_result

# Characters Python-Markdown lets a backslash escape; escaping any other would show the backslash.
# Escaped wherever they stand: emphasis, code, links, attribute lists, headings' closing
# hashes and table pipes. The others ('+', '-', '.', '!', digits) only matter at the start.
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]#|])")
_MD_LEADING = re.compile(r"^(?:(\d+)([.)])|([-+.!]))")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_LINE_START = re.compile(r"^(\s*)([-+*]|\d+[.)]|#+|>|=+|-+)(?=\s|$)", re.M)
_ANGLE_DEST = re.compile(r"\]\(\s*<(https?://[^\s<>]+)>")
# After any block quote, list or admonition markers: '> *[X]:' and '- *[X]:' define one too.
_ABBR_DEF = re.compile(r"^((?:\s|>|[-+*](?=\s)|\d+[.)](?=\s)|!!!|\?\?\?\+?)*)\*\[", re.M)
# Inline link destinations ("](dest") and reference definitions ("[id]: dest"), after md_block's
# own escaping (so a '<' around a destination reads '&lt;').
_MD_LINK = re.compile(r"\]\(\s*((?:&lt;)?)\s*([^\s)]*)")
_MD_REFDEF = re.compile(r"^(\s*)\[[^\]\n]*\]:\s*((?:&lt;)?)(\S*)", re.M)
_SAFE_URL = re.compile(r"^https?://", re.I)

NUM_CLASS = ' class="cb-num"'
EXPECTED_CLASS = ' class="cb-expected"'


def esc(value) -> str:
    """HTML-escape any value for a raw-HTML block (attributes included)."""
    return html.escape(str(value), quote=True)


# A number and the unit that follows it after a space: "36 %", "−3 pp" (a number inside a word,
# as in "x36 %", or a longer word such as "pps" is left alone).
_FIGURE_UNIT = re.compile(r"(?<![\w.,])([−-]?\d[\d,.]*) (%|pp)(?!\w)")


def prose(value) -> str:
    """Reader's prose (a summary) as escaped HTML in which a number and its unit ("36 %") never
    break across lines: the pair is wrapped in a no-wrap span, so the text a reader, search
    or a copy sees is unchanged (no no-break space is put into the record's words)."""
    return _FIGURE_UNIT.sub(r'<span class="cb-nw">\1 \2</span>', esc(value))


# The ASCII punctuation Markdown and the site's extensions build syntax from ('!!!', '???', '*[',
# '{:', '|', '#', '>', '<', '&', '`', '_'), wherever it stands; and what starts a block only at the
# start ('-', '+', ':', '1.'). Commas, full stops, brackets and apostrophes elsewhere stay as typed.
_PUNCTUATION = re.compile(r"[!\"#$&*<=>?@\[\\\]^_`{|}~]|^[-+:]")


def md_text(value) -> str:
    """Plain text as escaped HTML that Markdown passes through untouched: whitespace collapsed to
    single spaces, every ASCII punctuation character written as a numeric character reference
    (``&#42;``). Whatever comes before it, no Markdown syntax or extension can read it as an
    admonition, details block, abbreviation, attribute list, link, heading, list or table;
    browsers, search and feeds decode the references back to the same text."""
    text = _PUNCTUATION.sub(_reference, " ".join(str(value).split()))
    lead = _LEADING_NUMBER.match(text)  # '1. x' would start a numbered list
    return text if lead is None else f"{lead.group(1)}&#46;{text[lead.end():]}"


_LEADING_NUMBER = re.compile(r"^(\d+)\.(?=\s|$)")


def _reference(m: re.Match) -> str:
    return f"&#{ord(m.group())};"


plain_html = md_text  # the name for raw-HTML contexts: the same escaped text


# The narrative's rendered HTML is cleaned by an allow-list (nh3, the binding of Rust's ammonia)
# after Markdown, as defence in depth behind validation and md_block.
_NARRATIVE_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
                   "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "div",
                   "details", "summary", "abbr"}
_NARRATIVE_ATTRS = {"a": {"href", "title", "class"}, "abbr": {"title"}, "div": {"class"}, "details": {"class", "open"},
                    "p": {"class"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
                    "th": {"style"}, "td": {"style"}}
_ALIGN = re.compile(r"^text-align: (left|right|center);$")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "href":  # http(s), or a heading's own permalink ('#id' from the toc extension)
        return value if _SAFE_URL.match(value) or (value.startswith("#") and " " not in value) else None
    if name == "style":
        return value if _ALIGN.match(value) else None
    return value


def narrative_html(value: str) -> str:
    """A Markdown narrative rendered with the site's Markdown configuration (after
    :func:`md_block`) and cleaned by nh3's allow-list: only the elements and attributes Markdown
    makes, links only to http(s) pages or the narrative's own headings."""
    import nh3

    from ..records.rendered import render

    rendered = render(md_block(value)).replace("<h1", "<h2").replace("</h1>", "</h2>")
    return nh3.clean(rendered, tags=_NARRATIVE_TAGS, attributes=_NARRATIVE_ATTRS, attribute_filter=_keep_attribute,
                     url_schemes={"http", "https"}, link_rel="noopener")


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
    # thousands of pages; ASCII-only so no character can act as a YAML line break. JSON writes a
    # character beyond U+FFFF (an emoji in a name) as a surrogate pair, which YAML refuses: the
    # front matter would then silently not parse and be shown as page text. So such pairs are
    # rewritten as YAML's own 8-digit escape.
    lines = "".join(f"{k}: {_SURROGATE_PAIR.sub(_yaml_escape, json.dumps(v, ensure_ascii=True))}\n"
                    for k, v in meta.items())
    return "---\n" + lines + "---\n\n"


_SURROGATE_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_escape(m: re.Match) -> str:
    high, low = int(m.group(1), 16), int(m.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV text cell no spreadsheet runs as a formula: one starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice); numbers are
    written as numbers by the caller and never pass through here."""
    text = str(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


# Combining marks that NFKD splits off accented letters; listing.js strips the same range.
_COMBINING = re.compile("[\u0300-\u036f]")
# Anything that is not a letter or digit separates words, so "out-of-area", "out of area" and
# "Out of Area" fold to the same text (listing.js uses the same rule: [^\p{L}\p{N}]+).
_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The one text-folding rule: accents dropped, case folded, punctuation and spaces one space.

    Used for sorting names and for the client-side text filters (whose script folds the
    reader's query the same way, so a substring test agrees)."""
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", str(text))).lower()  # as JS toLowerCase()
    return _SEPARATORS.sub(" ", folded).strip()


def sort_key(case) -> tuple[str, str, str]:
    """The one order of cases: by folded name ("Århus" files under A), then exact name, then id."""
    name = str(case.get("name") or "")
    return (fold(name), name.casefold(), str(case.get("id") or ""))
