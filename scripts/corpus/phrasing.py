"""Vocabulary-dependent phrasing (with label fallbacks), places and template filling."""

from __future__ import annotations

import random
import re

from .helpers import lower_first
from .phrases import BENEFIT_WEIGHTS, BENEFITS
from .words import COUNTRIES, EVIDENCE_WEIGHTS, GOVERNANCE_WEIGHTS, SECTOR_WEIGHTS, SECTORS

_SLOT = re.compile(r"\{(\w+)\}")
_TEMPLATES: dict[str, list[str]] = {}  # template → [literal, slot, literal, slot, ..., literal]


class Phrasing:
    """The random source, the vocabularies and the phrasing that depends on them."""

    def __init__(self, vocab: dict[str, dict[str, dict]], seed: int):
        self.rng = random.Random(seed)
        self.vocab = vocab
        self.benefit_ids = list(vocab["benefits"])
        self.benefit_w = [BENEFIT_WEIGHTS.get(b, 8) for b in self.benefit_ids]
        self.sector_ids = list(vocab["sectors"])
        self.sector_w = [SECTOR_WEIGHTS.get(s, 3) for s in self.sector_ids]
        self.gov_ids = list(vocab["governance"])
        self.gov_w = [GOVERNANCE_WEIGHTS.get(g, 8) for g in self.gov_ids]
        self.evidence_ids = list(vocab["evidence"])
        self.evidence_w = [EVIDENCE_WEIGHTS.get(e, 10) for e in self.evidence_ids]
        self.focus_ids = list(vocab["focus_areas"])
        self.theme_ids = list(vocab["themes"])
        self.country_codes = list(COUNTRIES)
        self.country_w = [COUNTRIES[c][0] for c in self.country_codes]

    # -- vocabulary-dependent phrasing, with label fallbacks ----------------------------------
    def label(self, vocabulary: str, term: str) -> str:
        return str(self.vocab[vocabulary].get(term, {}).get("label") or term.replace("-", " "))

    def sector_kinds(self, s: str) -> list[str]:
        if s in SECTORS:
            return SECTORS[s][0]
        lab = self.label("sectors", s).title()
        return [f"{lab} Collaborative", f"{lab} Partnership", f"{lab} Alliance"]

    def sector_phrase(self, s: str) -> str:
        return SECTORS[s][1] if s in SECTORS else self.label("sectors", s).lower()

    def member_patterns(self, s: str, gb: bool) -> list[str]:
        if s in SECTORS:
            return SECTORS[s][2 if gb else 3]
        return ["{P} " + self.label("sectors", s).title()]

    def benefit_actions(self, b: str) -> list[str]:
        if b in BENEFITS:
            return BENEFITS[b][0]
        lab = self.label("benefits", b).lower()
        return [f"set shared goals for {lab}", f"worked together on {lab}",
                f"agreed a joint plan for {lab} in {{service}}"]

    def benefit_measures(self, b: str) -> list[tuple]:
        if b in BENEFITS:
            return BENEFITS[b][1]
        lab = self.label("benefits", b).lower()
        return [(f"Progress measure for {lab} in {{service}}", "percent", 20, 70, 1),
                (f"Services contributing to {lab}", "count:services", 2, 20, 1)]

    # -- building blocks ---------------------------------------------------------------------
    def place(self, cc: str) -> str:
        r = self.rng
        _, stems, suffixes, *_ = COUNTRIES[cc]
        p = r.choice(stems) + r.choice(suffixes)
        if cc == "GB" and r.random() < 0.06 and p[-1] not in "aeiouy":
            p += "shire"
        return p

    def fill(self, template: str, slots: dict) -> str:
        """Fill ``{slot}`` fields; slots that are lists get a fresh random choice each time,
        callables (decks) are called, and filled values may themselves hold slots."""
        parts = _TEMPLATES.get(template)
        if parts is None:
            parts = _TEMPLATES[template] = _SLOT.split(template)
        if len(parts) == 1:
            return template
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            v = slots.get(parts[i])
            if v is None:
                v = "{" + parts[i] + "}"
            else:
                if isinstance(v, list):
                    v = self.rng.choice(v)
                elif callable(v):
                    v = v()
                v = str(v)
                if "{" in v:
                    v = self.fill(v, slots)
            out.append(v)
            out.append(parts[i + 1])
        return "".join(out)

    @staticmethod
    def ref_name(case: dict) -> str:
        """The case's name as it reads mid-sentence."""
        return lower_first(case["name"]) if case["anonymised"] else case["name"]
