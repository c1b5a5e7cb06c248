"""Glossary abbreviations as tooltips on every page, applied to rendered HTML.

Python-Markdown's ``abbr`` extension would need the definitions appended to every page's
Markdown and rebuilds its pattern per page; at thousands of pages that cost more than the
rest of the Markdown conversion. Here the pattern is compiled once and applied to the text
between tags of each rendered page.
"""

from __future__ import annotations

import html
import re

_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*)$", re.M)
#: Inside these elements text is left alone (already an abbreviation, code, or not prose).
_SKIP = ("abbr", "code", "pre", "script", "style", "kbd", "textarea", "svg", "title")
_SKIP_RE = re.compile(r"<(" + "|".join(_SKIP) + r")\b.*?</\1\s*>", re.S | re.I)


def parse_definitions(markdown: str) -> dict[str, str]:
    """``*[ICS]: Integrated care system`` lines → ``{"ICS": "Integrated care system"}``."""
    return {m.group(1).strip(): m.group(2).strip() for m in _DEFINITION.finditer(markdown)}


class Abbreviator:
    """Wraps each defined abbreviation in ``<abbr title="…">`` outside skipped elements."""

    def __init__(self, definitions: dict[str, str]):
        self.definitions = definitions
        words = sorted(definitions, key=lambda w: (-len(w), w))
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None
        self.titles = {w: html.escape(t, quote=True) for w, t in definitions.items()}

    def apply(self, page_html: str) -> str:
        """The page with abbreviations marked up; tags and attributes are never touched.

        A page has a handful of matches but hundreds of tags, so instead of walking every
        tag, each match checks what encloses it (a tag, or a skipped element)."""
        if self.pattern is None:
            return page_html
        out: list[str] = []
        last = 0
        skipped = None
        for m in self.pattern.finditer(page_html):
            start = m.start()
            if page_html.rfind("<", 0, start) > page_html.rfind(">", 0, start):
                continue  # inside a tag: an attribute value or a tag name
            if skipped is None:  # found lazily: most pages never need it
                skipped = [(r.start(), r.end()) for r in _SKIP_RE.finditer(page_html)]
            if any(a <= start < b for a, b in skipped):
                continue
            word = m.group(1)
            out.append(page_html[last:start])
            out.append(f'<abbr title="{self.titles[word]}">{word}</abbr>')
            last = m.end()
        if not out:
            return page_html
        out.append(page_html[last:])
        return "".join(out)
