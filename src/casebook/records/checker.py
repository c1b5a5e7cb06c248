"""The checker of one document: dispatches each field to its kind and records problems with
the line and column they stand at."""

from __future__ import annotations

import bisect
import datetime as _dt
import re

from .document import Document
from .kinds import KINDS
from .problems import Problem, show
from .spec import BUILTIN_VOCABULARIES, Field
from .taxonomy import Taxonomy, country_names
from .textcheck import PLACEHOLDER
from .textsafety import bad_character

_BREAKS = re.compile(r"\r\n|\r|\n")
_CONTAINERS = ("list", "mapping", "member")


class Context:
    """What every file's check shares: vocabularies, country codes, today's date."""

    def __init__(self, taxonomy: Taxonomy, today: _dt.date | None = None):
        self.taxonomy = taxonomy
        self.today = today or _dt.date.today()
        self.countries = country_names()
        self._vocab: dict[str, list[str]] = {}

    def vocab(self, name: str) -> list[str]:
        if name not in self._vocab:
            self._vocab[name] = list(BUILTIN_VOCABULARIES.get(name) or self.taxonomy.ids(name))
        return self._vocab[name]


class Checker:
    """Checks one document; ``problems`` collects what is wrong."""

    def __init__(self, doc: Document, ctx: Context):
        self.doc = doc
        self.ctx = ctx
        self.problems: list[Problem] = []
        self._offsets: list[int] | None = None

    # -- reporting -------------------------------------------------------------------------
    def error(self, path: tuple, message: str, hint: str | None = None, key: bool = False,
              severity: str = "error") -> None:
        line, col = self.doc.mark(path, key=key)
        self.problems.append(Problem(self.doc.path, line, col, message, severity, hint))

    def warn(self, path: tuple, message: str, hint: str | None = None) -> None:
        self.error(path, message, hint, severity="warning")

    def error_in(self, path: tuple, needle: str, message: str, hint: str | None = None,
                 shift: int = 0, severity: str = "error", occurrence: int = 0) -> None:
        """A problem found inside a text value (a link, a tag, a figure): report it at the line
        and column where ``needle`` (its ``occurrence``-th appearance, plus ``shift`` characters)
        stands in the file, so a long narrative points at the right line."""
        needle = needle.split("\n", 1)[0]
        pos = self._find(path, needle, occurrence)
        if pos is None:
            self.error(path, message, hint, severity=severity)
        else:
            col = pos[1] + (shift if 0 <= shift < len(needle) else 0)
            self.problems.append(Problem(self.doc.path, pos[0], col, message, severity, hint))

    def _find(self, path: tuple, needle: str, occurrence: int = 0) -> tuple[int, int] | None:
        start, end, text = self.doc.marks.get(path), self.doc.ends.get(path), self.doc.text
        if not (needle and start and end and text):
            return None
        if self._offsets is None:
            self._offsets = [0] + [m.end() for m in _BREAKS.finditer(text)]
        offsets = self._offsets

        def index(mark: tuple[int, int]) -> int:
            return offsets[min(mark[0], len(offsets)) - 1] + mark[1] - 1

        at, stop = index(start) - 1, index(end)
        for _ in range(occurrence + 1):
            at = text.find(needle, at + 1, stop)
            if at < 0:
                break
        if at < 0:  # escaped in a quoted string, or split over lines: fall back to the value
            return None
        line = bisect.bisect_right(offsets, at)
        return line, at - offsets[line - 1] + 1

    @staticmethod
    def label(path: tuple) -> str:
        out = ""
        for part in path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out or "the case"

    # -- checking --------------------------------------------------------------------------
    def check(self, f: Field, value, path: tuple):
        """Check ``value`` against ``f``; return the normalised value, or ``None`` if invalid."""
        kind = KINDS[f.kind]
        if isinstance(value, str):
            bad = bad_character(value) if not value.isascii() or not value.isprintable() else None
            if bad:
                self._bad_character(path, value, bad)
                return None
            if f.kind not in ("text", "markdown") and f.kind not in _CONTAINERS and PLACEHOLDER.match(value.strip()):
                self.error(path, f"'{self.label(path)}' still holds the template placeholder: {show(value.strip())}",
                           kind.placeholder_hint(self, f, value))
                return None
        return kind.check(self, f, value, path)

    def _bad_character(self, path: tuple, value: str, what: str) -> None:
        index = next(i for i, ch in enumerate(value) if bad_character(ch))
        self.error_in(path, value[max(0, index - 10):index + 1],
                      f"'{self.label(path)}' contains the character {what}, which is not allowed",
                      "delete it; it can hide or reorder what readers see" if "bidi" in what
                      else "delete it; only tabs and line breaks are allowed in text")
