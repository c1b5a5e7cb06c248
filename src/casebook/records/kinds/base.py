"""The base of every field kind."""

from __future__ import annotations

import re

from ..spec import ID_PATTERN, Field

ID_RE = re.compile(ID_PATTERN)  # always used with fullmatch: "x\n" is not an id


class Kind:
    """One kind of field value."""

    name = ""

    def check(self, c, f: Field, value, path: tuple):  # pragma: no cover - every kind overrides
        raise NotImplementedError

    def schema(self, f: Field, s) -> dict:  # pragma: no cover
        raise NotImplementedError

    def form(self, f: Field, s) -> dict:
        """How the contribute form shows the field: a widget name and what it needs (choices,
        bounds, a pattern), generated from the same definition as the check and the schema."""
        return {"widget": "text"}

    def placeholder_hint(self, c, f: Field, value) -> str | None:
        """The hint when the template's TODO is left in the field."""
        return f.description
