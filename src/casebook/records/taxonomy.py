"""The vocabularies (taxonomy) as data.

Every controlled value of a case record is defined in ``cases/_data/taxonomy.yaml`` with a
label, a description and, for charted vocabularies, a colour; an indicator may also name the
benefits it bears on beyond the one each result is filed under (``related_benefits``: agency
spend is money saved, filed under efficiency, and also a workforce matter). Nothing here names a
value, so a new benefit or sector is a data change only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .loader import DataFileError, load_data

#: Vocabularies every taxonomy file must define (DESIGN.md's contract).
REQUIRED_VOCABULARIES = ("benefits", "sectors", "governance", "focus_areas", "themes", "evidence")

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FALLBACK_COLOUR = "#5f6368"


class TaxonomyError(Exception):
    """The taxonomy file itself is broken; the message names the file and what to fix."""


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary."""

    id: str
    label: str
    description: str
    colour: str = _FALLBACK_COLOUR
    related_benefits: tuple[str, ...] = ()


class Taxonomy:
    """All vocabularies, in the order the data file gives them."""

    def __init__(self, vocabularies: dict[str, dict[str, Term]], path: str = "<taxonomy>"):
        self.vocabularies = vocabularies
        self.path = path

    def terms(self, vocabulary: str) -> dict[str, Term]:
        """The terms of one vocabulary, id → :class:`Term` (empty if it is not defined)."""
        return self.vocabularies.get(vocabulary, {})

    def ids(self, vocabulary: str) -> list[str]:
        return list(self.terms(vocabulary))

    def label(self, vocabulary: str, term_id: str) -> str:
        """A reader-facing label; unknown ids fall back to the packaged taxonomy's label (a
        casebook whose own file predates a vocabulary such as ``outcome_status``), else the id."""
        term = self.terms(vocabulary).get(term_id)
        if term is not None:
            return term.label
        if vocabulary == "countries":
            return country_names().get(term_id, term_id)
        if vocabulary not in self.vocabularies:
            packaged = _packaged().terms(vocabulary).get(term_id)
            if packaged is not None:
                return packaged.label
        return term_id

    def colour(self, vocabulary: str, term_id: str) -> str:
        term = self.terms(vocabulary).get(term_id)
        return term.colour if term else _FALLBACK_COLOUR

    def related_indicators(self, benefit: str) -> list[str]:
        """The indicators whose results bear on ``benefit`` although filed under another one."""
        return [t.id for t in self.terms("indicators").values() if benefit in t.related_benefits]

    def country(self, code: str) -> Term:
        """A country term: the taxonomy's entry if it has one, else the ISO short name."""
        term = self.terms("countries").get(code)
        if term is not None:
            return term
        name = country_names().get(code, code)
        return Term(code, name, f"Cases from {name}.")


@lru_cache(maxsize=1)
def _packaged() -> Taxonomy:
    """The vocabularies shipped with the package (labels for vocabularies a casebook lacks)."""
    return load_taxonomy(Path(__file__).with_name("default_taxonomy.yaml"))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → short English name (bundled data)."""
    # Read by the case loader's rules, not YAML 1.1's: 'NO' is Norway, not false.
    data = load_data(Path(__file__).with_name("countries.yaml"))
    return {k: v for k, v in data.items() if isinstance(v, str) and len(k) == 2 and k.isupper()}


def _unknown_related(vocabularies: dict[str, dict[str, Term]], path: Path) -> list[str]:
    """``related_benefits`` naming a benefit the file does not define (checked once every
    vocabulary is read, whatever order the file gives them in)."""
    benefits = vocabularies.get("benefits", {})
    return [f"{path}: {name}.{term.id}: related_benefits names '{b}', which is not in 'benefits'; "
            f"use one of: {', '.join(benefits)}"
            for name, terms in vocabularies.items() for term in terms.values()
            for b in term.related_benefits if b not in benefits]


def load_taxonomy(path: str | Path) -> Taxonomy:
    """Read and check a taxonomy file, raising :class:`TaxonomyError` on any problem."""
    path = Path(path)
    if not path.is_file():
        raise TaxonomyError(f"{path}: cannot read the taxonomy file (no such file)")
    try:  # the case loader's rules: no YAML 1.1 booleans, duplicate keys or aliases
        data = load_data(path)
    except DataFileError as exc:
        raise TaxonomyError(f"the taxonomy file is not valid: {exc}") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: the taxonomy must be a mapping of vocabulary names")
    problems: list[str] = []
    vocabularies: dict[str, dict[str, Term]] = {}
    for name in REQUIRED_VOCABULARIES:
        if name not in data:
            problems.append(f"{path}: vocabulary '{name}' is missing; add it with at least one term")
    for name, entries in data.items():
        if not isinstance(entries, dict) or not entries:
            problems.append(f"{path}: vocabulary '{name}' must map ids to label/description")
            continue
        terms: dict[str, Term] = {}
        for term_id, body in entries.items():
            term_id = str(term_id)
            where = f"{path}: {name}.{term_id}"
            if name != "countries" and not _ID.match(term_id):
                problems.append(f"{where}: ids are lowercase words joined by hyphens")
            if not isinstance(body, dict) or not body.get("label") or not body.get("description"):
                problems.append(f"{where}: give both a 'label' and a 'description'")
                continue
            colour = str(body.get("colour", _FALLBACK_COLOUR))
            if not _COLOUR.match(colour):
                problems.append(f"{where}: colour must look like \"#1f5f99\"")
            related = body.get("related_benefits", [])
            if not isinstance(related, list) or not all(isinstance(b, str) for b in related):
                problems.append(f"{where}: related_benefits must be a list of benefit ids, e.g. [workforce]")
                related = []
            terms[term_id] = Term(term_id, str(body["label"]), str(body["description"]), colour, tuple(related))
        vocabularies[str(name)] = terms
    problems += _unknown_related(vocabularies, path)
    if problems:
        raise TaxonomyError("\n".join(problems))
    return Taxonomy(vocabularies, str(path))
