"""Problems found in case files, and the two ways of printing them.

Every stage collects problems instead of raising, so one run reports every file's every
mistake (as ``mkdocs.config.base`` collects config errors before failing once).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that would break the one-line form or hide what a message says: C0/C1 controls
# (line breaks included), bidirectional controls and line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` with every control, line-break and bidi character written as an escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1] if m.group() in "\n\r\t" else f"\\u{ord(m.group()):04x}", text)


def show(value: object, limit: int = 60) -> str:
    """A value quoted for a message, with escapes, so it can never break the message's line:
    ``'2026-01-01\\n'``. Long text is cut at ``limit`` characters."""
    if isinstance(value, str):
        return repr(value[:limit]) + ("…" if len(value) > limit else "")
    if isinstance(value, (list, dict)):
        return {list: "a list", dict: "a mapping"}[type(value)]
    return repr(value)


def why_not_whole(value: object) -> str:
    """Why a value that looks right is still wrong: space or a line break around it."""
    if isinstance(value, str) and value and value != value.strip():
        where = "ends" if value[-1:].isspace() else "starts"
        what = "a line break" if "\n" in value or "\r" in value else "a space"
        return f" (it {where} with {what}; remove it)"
    return ""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file. ``severity`` is ``error`` (fails validation and the
    build) or ``warning`` (reported, never fails)."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        """A full sentence: the message, then the hint."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def format(self) -> str:
        """``PATH:LINE:COL: error: MESSAGE`` — the form editors and CI annotations read."""
        return one_line(f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.text()}")

    def format_github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        def esc(value: str, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            if prop:
                value = value.replace(":", "%3A").replace(",", "%2C")
            return value

        return one_line(f"::{self.severity} file={esc(self.path, True)},line={self.line},"
                        f"col={self.col}::{esc(self.text())}")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable, reader-friendly order: by file, then position."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.severity != "error", p.message))


def did_you_mean(value: object, choices: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint for a near miss, or the list of choices when it is short."""
    choices = list(choices)
    text = str(value)
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower().replace("_", "-").replace(" ", "-"): c for c in choices}
        key = text.lower().replace("_", "-").replace(" ", "-")
        if key in lowered:
            close = [lowered[key]]
    if close:
        return f"did you mean '{close[0]}'?"
    if len(choices) <= 12:
        return "choose one of: " + ", ".join(choices)
    return None


class ValidationFailed(Exception):
    """Raised by callers that need an exception (the MkDocs plugin) once all problems are known."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        super().__init__(
            f"{len(errors)} problem(s) in case files:\n" + "\n".join(p.format() for p in errors)
        )
