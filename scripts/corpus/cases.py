"""One case's facts (place, name, members, vocabulary terms), then its sources, outcomes and text.

The order of the random draws is part of the output: the same seed must give the same corpus,
so the helpers below are called in the order the draws were made in the single original
function.
"""

from __future__ import annotations

from .helpers import acronym, in_region, slugify, weighted_sample, words_of
from .phrases import ROLES
from .prose import Prose
from .words import (
    BACKOFFICE,
    COUNTRIES,
    COUNTRY_KINDS,
    DIRECTIONS,
    GROUPS,
    ID_MAX,
    MULTI_KINDS,
    SCREENING,
    SERVICES,
    SPECIALISED,
    STAFF,
    SUPPLIES,
    YEAR_MAX,
    YEAR_MIN,
)


def case_id(name: str, index: int, width: int) -> str:
    """A slug of the name, cut at a word to fit ``ID_MAX`` with its number suffix."""
    suffix = f"-{index + 1:0{width}d}"
    slug = slugify(name)
    limit = ID_MAX - len(suffix)
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut if slug[limit] == "-" else cut.rsplit("-", 1)[0]
    return (slug.strip("-") or "case") + suffix


class Generator(Prose):
    """Builds cases one by one from a single ``random.Random(seed)``."""

    def base(self, index: int, width: int) -> dict:
        """Everything except ``related`` (which needs the whole corpus)."""
        r = self.rng
        cc = r.choices(self.country_codes, self.country_w)[0]
        _, _, _, regions, currency, spelling = COUNTRIES[cc]
        gb = cc == "GB"
        n_sectors = r.choices((1, 2, 3), (55, 30, 15))[0]
        sectors = weighted_sample(r, self.sector_ids, self.sector_w, n_sectors)
        place = self.place(cc)
        place2 = self.place(cc)
        while place2 == place:
            place2 = self.place(cc)
        kind = self._kind(cc, sectors)
        if gb and r.random() < 0.5:
            region = f"{place} and {self.place(cc)} integrated care system"
        else:
            region = r.choice(regions)
        established, population = self._established(gb), self._population()
        governance = self._governance(gb)
        members = self._members(cc, sectors, place, spelling)
        roles = self._roles(governance, members)
        anonymised, name, short_name = self._name(kind, region, place, place2, len(members))
        case = {
            "id": case_id(name, index, width), "name": name, "short_name": short_name, "country": cc,
            "region": region, "established": established, "population": population, "sectors": sectors,
            "governance": governance, "members": list(zip(members, roles)) if not anonymised else [],
            "n_partners": len(members), **self._terms(),
            "anonymised": anonymised, "currency": currency, "place": place, "gb": gb,
        }
        case["slots"] = self._slots()
        case["sources"] = self.sources(case)
        case["outcomes"] = self.outcomes(case)
        case["lessons"] = self.lessons(case)
        case["summary"] = self.summary(case)
        case["narrative"] = self.narrative(case)
        return case

    def _kind(self, cc: str, sectors: list[str]) -> str:
        r = self.rng
        if len(sectors) > 1 and r.random() < 0.6:
            return r.choice(MULTI_KINDS)
        if cc != "GB" and r.random() < 0.5:
            return r.choice(COUNTRY_KINDS.get(cc, MULTI_KINDS))
        return r.choice(self.sector_kinds(sectors[0]))

    def _established(self, gb: bool) -> int:
        """Most GB provider collaboratives are recent; international systems are older."""
        r = self.rng
        if gb:
            return min(YEAR_MAX, max(YEAR_MIN, int(r.triangular(2005, 2026, 2019))))
        established = int(r.triangular(YEAR_MIN, YEAR_MAX + 1, 2010))
        return min(YEAR_MAX, max(YEAR_MIN, established))

    def _population(self) -> int | None:
        r = self.rng
        population = r.choice([None, round(r.lognormvariate(13.3, 0.8), -3)])
        population = int(population) if population else None
        if population is not None and population < 1000:
            population = 1000
        return population

    def _governance(self, gb: bool) -> str | None:
        r = self.rng
        if "integrated-delivery-system" in self.gov_ids and not gb and r.random() < 0.3:
            return "integrated-delivery-system"
        return r.choices(self.gov_ids, self.gov_w)[0] if self.gov_ids else None

    def _members(self, cc: str, sectors: list[str], place: str, spelling: str) -> list[str]:
        r = self.rng
        n_members = r.choices((2, 3, 4, 5, 6), (20, 30, 25, 15, 10))[0]
        members: list[str] = []
        tries = 0
        while len(members) < n_members and tries < 40:
            tries += 1
            s = sectors[len(members) % len(sectors)] if r.random() < 0.8 else sectors[0]
            pattern = r.choice(self.member_patterns(s, cc == "GB"))
            p = place if not members and r.random() < 0.6 else self.place(cc)
            m = pattern.replace("{P}", p).replace("{Q}", self.place(cc))
            if spelling == "us":
                m = m.replace("Centre", "Center").replace("Behavioural", "Behavioral")
            if m not in members:
                members.append(m)
        return members

    def _roles(self, governance: str | None, members: list[str]) -> list[str | None]:
        r = self.rng
        roles: list[str | None] = [None] * len(members)
        if governance == "lead-provider":
            roles[0] = "lead provider"
            for i in range(1, len(members)):
                roles[i] = r.choice([None, "partner", "subcontracted provider"])
        elif r.random() < 0.3:
            roles = [self.fill(r.choice(ROLES), {"service": SERVICES, "backoffice": BACKOFFICE})
                     if r.random() < 0.7 else None for _ in members]
        return roles

    def _name(self, kind: str, region: str, place: str, place2: str, n_members: int) -> tuple:
        """(anonymised, name, short name)."""
        r = self.rng
        roll = r.random()
        if roll < 0.45:
            stem = f"{r.choice(DIRECTIONS)} {place}"
        elif roll < 0.62:
            stem = f"{place} and {place2}"
        else:
            stem = place
        anonymised = r.random() < 0.04
        if anonymised:  # the source does not name the organisations
            article = "An" if kind[0] in "AEIOU" else "A"
            kind_lc = " ".join(w if w.isupper() else w.lower() for w in kind.split())
            name = f"{article} {kind_lc} in {in_region(region)} ({words_of(n_members)} partners)"
        else:
            name = f"{stem} {kind}"
        short_name = acronym(name) if not anonymised and r.random() < 0.8 else None
        if short_name is not None and len(short_name) < 2:
            short_name = None
        return anonymised, name, short_name

    def _terms(self) -> dict:
        """Benefits, focus areas, themes and evidence level."""
        r = self.rng
        n_benefits = r.choices((1, 2, 3), (45, 35, 20))[0]
        benefits = weighted_sample(r, self.benefit_ids, self.benefit_w, n_benefits)
        focus = r.sample(self.focus_ids, min(len(self.focus_ids), r.choices((0, 1, 2, 3), (15, 45, 30, 10))[0]))
        themes = r.sample(self.theme_ids, min(len(self.theme_ids), r.choices((0, 1, 2, 3), (10, 35, 35, 20))[0]))
        evidence = r.choices(self.evidence_ids, self.evidence_w)[0] if self.evidence_ids else None
        return {"benefits": benefits, "focus_areas": focus, "themes": themes, "evidence": evidence}

    def _slots(self) -> dict:
        """Per-case word choices, so each case talks about its own services and staff."""
        r = self.rng
        return {
            "service": r.sample(SERVICES, 3), "service2": r.sample(SERVICES, 2),
            "specialised": r.sample(SPECIALISED, 2), "screening": r.sample(SCREENING, 2),
            "group": r.sample(GROUPS, 2), "supplies": r.sample(SUPPLIES, 2),
            "backoffice": r.sample(BACKOFFICE, 2), "staff": r.sample(STAFF, 3),
        }
