"""Text fields: plain text (shown escaped, never as Markdown) and Markdown (the narrative).

Both are stripped, must show something, may not hold the template's TODO or raw HTML, and keep
to their length. Markdown is also checked by what it renders to (:mod:`.rendered`). Names that
mix look-alike scripts get a warning.
"""

from __future__ import annotations

import re

from .problems import show
from .rendered import check_markdown, locate
from .textsafety import is_blank, mixed_script_word

# Raw HTML: a tag (as browsers read one: '<' or '</' straight before a letter, up to '>', so
# <svg/onload=...> and <a:b ...> count), a comment, a declaration or a processing instruction.
# "a < b", "a < b and b > c" and "<3" stay allowed: a '<' followed by a space starts no tag.
_HTML = re.compile(r"</?[A-Za-z][^\s/>]*(?:[\s/][^<>]*)?>|<!(?=\S)|<\?")
# The template's placeholder; 'Todos' or 'Todo' (Spanish words) are not placeholders.
PLACEHOLDER = re.compile(r"(?:TODO|todo)\b")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>")
#: Top-level fields holding names, where letters from look-alike scripts are suspicious.
NAME_FIELDS = frozenset({"name", "short_name", "aliases", "members", "region"})
_TYPE_NAMES = {bool: "true/false", float: "a number", list: "a list", dict: "a mapping"}


def check_text(c, f, value, path: tuple, markdown: bool = False):
    """Check a text value; return it stripped, or ``None`` after reporting the problem."""
    name = c.label(path)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a plain 2022 means the text "2022"; nothing is lost
    if not isinstance(value, str):
        what = _TYPE_NAMES.get(type(value), type(value).__name__)
        c.error(path, f"'{name}' must be text; got {what}", "put the text in quotes")
        return None
    value = value.strip()
    if not value:
        c.error(path, f"'{name}' is empty; write some text or remove the field")
        return None
    if is_blank(value):
        c.error(path, f"'{name}' is missing: it holds only invisible characters ({show(value, 20)})",
                "write the text" + ("" if f.required else ", or remove the field"))
        return None
    if PLACEHOLDER.match(value):
        c.error(path, f"'{name}' still holds the template placeholder: {show(value)}",
                "replace the TODO with real content, or delete the line if the field is optional")
        return None
    if f.max_length and len(value) > f.max_length:
        c.error(path, f"'{name}' is {len(value)} characters long; the limit is {f.max_length}",
                "shorten it" + ("; put detail in 'narrative'" if f.name == "summary" else ""))
    if "<" in value and not _no_html(c, value, path, name, markdown):
        return None
    if markdown and not _renders_safely(c, value, path, name):
        return None
    if path and path[0] in NAME_FIELDS:
        mixed = mixed_script_word(value)
        if mixed:
            c.warn(path, f"'{name}' mixes {' and '.join(mixed[1])} letters in {show(mixed[0])}, "
                         "which look alike but are different characters",
                   "retype the name with one keyboard layout")
    return value


def _no_html(c, value: str, path: tuple, name: str, markdown: bool) -> bool:
    probe = _AUTOLINK.sub("", value) if markdown else value
    html = _HTML.search(probe)
    if html is None:
        return True
    c.error_in(path, html.group(0), f"'{name}' contains raw HTML ({show(html.group(0), 40)}); HTML is not allowed",
               "write plain text" + (" or Markdown" if markdown else "") + "; to show a '<' write it followed by a space")
    return False


def _renders_safely(c, value: str, path: tuple, name: str) -> bool:
    findings = check_markdown(value)
    for finding in findings:
        c.error_in(path, locate(value, finding), f"'{name}' {finding[1]}", finding[2])
    return not findings
