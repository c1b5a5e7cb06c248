"""Field kinds: each one checks a value and describes itself in the JSON Schema.

A :class:`~casebook.records.spec.Field` names its kind; :data:`KINDS` maps that name to the
object that knows the kind, so the validator and the schema cannot drift apart. ``check``
returns the normalised value, or ``None`` after reporting what is wrong through the checker.
"""

from __future__ import annotations

from .base import ID_RE, Kind
from .compound import ListKind, MappingKind, MemberKind
from .scalars import (
                      BooleanKind,
                      CaseRefKind,
                      CountryKind,
                      DateKind,
                      IdKind,
                      IntegerKind,
                      NumberKind,
                      TermKind,
                      TextKind,
                      UrlKind,
)

__all__ = ["ID_RE", "KINDS", "Kind"]

#: Every kind by the name a :class:`Field` gives.
KINDS: dict[str, Kind] = {k.name: k for k in (
    IdKind(), TextKind("text"), TextKind("markdown"), UrlKind(), UrlKind(https_only=True), IntegerKind("year"), IntegerKind("integer"),
    NumberKind(), BooleanKind(), DateKind("date"), DateKind("partial-date"), TermKind(), CountryKind(),
    CaseRefKind(), ListKind(), MappingKind(), MemberKind(),
)}
