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
_TAG = re.compile(r"(<[^>]*>)")
#: Inside these elements text is left alone (already an abbreviation, code, or not prose).
_SKIP = {"abbr", "code", "pre", "script", "style", "kbd", "textarea", "svg", "title"}


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
        """The page with abbreviations marked up; tags and attributes are never touched."""
        if self.pattern is None or not self.pattern.search(page_html):
            return page_html
        out: list[str] = []
        skip_depth = 0
        for part in _TAG.split(page_html):
            if part.startswith("<"):
                name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").rstrip("/").lower() if len(part) > 2 else ""
                if name in _SKIP and not part.endswith("/>"):
                    skip_depth += -1 if part.startswith("</") else 1
                    skip_depth = max(skip_depth, 0)
                out.append(part)
            elif skip_depth or not part:
                out.append(part)
            else:
                out.append(self.pattern.sub(lambda m: f'<abbr title="{self.titles[m.group(1)]}">{m.group(1)}</abbr>', part))
        return "".join(out)
