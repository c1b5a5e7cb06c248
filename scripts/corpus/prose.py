"""A case's lessons, summary and narrative."""

from __future__ import annotations

from .evidence import Evidence
from .helpers import Deck, in_region, people, sentence_case, words_of
from .phrases import (
    CONTEXT_TEMPLATES,
    EVIDENCE_SENTENCES,
    FOCUS_SENTENCES,
    GEOGRAPHY,
    GOVERNANCE_SENTENCES,
    HOW_TEMPLATES,
    LESSONS,
    OUTLOOK_TEMPLATES,
    PRIOR,
    THEME_SENTENCES,
    WORK_TEMPLATES,
)
from .words import (
    CHALLENGES,
    NARRATIVE_MAX_WORDS,
    NARRATIVE_MIN_WORDS,
    NEXT_STEPS,
    SUMMARY_MAX,
    SUMMARY_MIN,
    TRIGGERS,
    YEAR_MAX,
)


class Prose(Evidence):
    def lessons(self, case: dict) -> list[str]:
        r = self.rng
        n = r.choices((1, 2, 3, 4), (25, 35, 25, 15))[0]
        return [self.fill(t, case["slots"]) for t in r.sample(LESSONS, n)]

    def summary(self, case: dict) -> str:
        r = self.rng
        name = case["name"]
        n = words_of(case["n_partners"])
        region = in_region(case["region"])
        secs = " and ".join(self.sector_phrase(s) for s in case["sectors"][:2])
        served = f"about {people(case['population'])} people" if case["population"] else "a mixed population"
        first = r.choice([
            f"{sentence_case(n)} {secs} providers in {region} have worked together since {case['established']} as {self.ref_name(case)}.",
            f"{name} brings together {n} {secs} organisations serving {served} in {region}.",
            f"Formed in {case['established']}, {self.ref_name(case)} links {n} {secs} providers across {region}.",
        ])
        parts = [first]
        acts = [self.fill(r.choice(self.benefit_actions(b)), case["slots"]) for b in case["benefits"]]
        if len(acts) == 1:
            parts.append(f"The partners {acts[0]}.")
        else:
            parts.append(f"The partners {', '.join(acts[:-1])} and {acts[-1]}.")
        if case["outcomes"]:
            parts.append(self.describe(case["outcomes"][0]))
        parts.append(r.choice([
            "Leaders credit long-standing relationships for the pace of change.",
            "The work continues alongside each partner's own plans.",
            "Staff and patient groups were involved throughout.",
            "Clinical leadership has been central to the approach.",
            "The partners see it as a first step towards deeper integration.",
        ]))
        out = parts[0]
        for p in parts[1:]:
            if len(out) + 1 + len(p) <= SUMMARY_MAX:
                out += " " + p
        fillers = Deck(r, ["The collaborative is still evolving.", "Its results are summarised below.",
                           "Partners review the programme every year.", "Each partner keeps its own board."])
        while len(out) < SUMMARY_MIN:
            out += " " + fillers()
        if len(out) > SUMMARY_MAX:  # a very long name; cut at a word boundary
            out = out[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "."
        return out

    def narrative(self, case: dict) -> str:
        r = self.rng
        common = self._narrative_slots(case)
        total = r.randint(NARRATIVE_MIN_WORDS + 10, NARRATIVE_MAX_WORDS - 45)
        gov_first = self._governance_sentences(case, common)
        context = self._draw(common, CONTEXT_TEMPLATES[1:], int(total * 0.25),
                             first=[self.fill(CONTEXT_TEMPLATES[0], common)])
        how = self._draw(common, HOW_TEMPLATES, int(total * 0.2), first=gov_first)
        work_first = [self.fill(FOCUS_SENTENCES[f], common) for f in case["focus_areas"] if f in FOCUS_SENTENCES]
        results = [self.describe(o) for o in case["outcomes"]]
        if case["evidence"] in EVIDENCE_SENTENCES and results:
            results.insert(0, EVIDENCE_SENTENCES[case["evidence"]])
        if case["sources"] and r.random() < 0.35:
            s = case["sources"][0]
            results.append(f"The [{s['publisher']} write-up]({s['url']}) gives more detail.")
        work = self._draw(common, WORK_TEMPLATES, int(total * 0.3), first=work_first) + results
        used = sum(len(" ".join(p).split()) for p in (context, how, work))
        outlook = self._draw(common, OUTLOOK_TEMPLATES, max(15, total - used))
        if case["short_name"] and r.random() < 0.3:
            context[0] = context[0].replace(case["name"], f"{case['name']} (_{case['short_name']}_)", 1)

        k = r.choices((2, 3, 4), (25, 40, 35))[0]
        if k == 4:
            paras = [context, how, work, outlook]
        elif k == 3:
            paras = [context + how, work, outlook]
        else:
            paras = [context + how, work + outlook]
        return "\n\n".join(" ".join(p) for p in paras)

    def _narrative_slots(self, case: dict) -> dict:
        """The slot values narrative templates are filled from (decks deal without repeats)."""
        r = self.rng
        members = [m for m, _ in case["members"]]
        year2 = min(YEAR_MAX, case["established"] + r.randint(1, 5))
        common = {
            **case["slots"], "name": case["name"], "short": case["short_name"] or "The collaborative",
            "region": in_region(case["region"]),
            "year": case["established"], "year2": year2, "n_words": words_of(case["n_partners"]),
            "sector_phrase": " and ".join(self.sector_phrase(s) for s in case["sectors"][:2]),
            "trigger": Deck(r, TRIGGERS),
            "pop": people(case["population"] or r.randint(80, 900) * 1000),
            "places": f"{case['place']}, {self.place(case['country'])} and the surrounding area",
            "members": (", ".join(members[:-1]) + " and " + members[-1]) if len(members) > 1
            else (members[0] if members else "not named in the published sources"),
            "prior": Deck(r, PRIOR), "employees": f"{r.randint(3, 60) * 500:,}", "geography": Deck(r, GEOGRAPHY),
            "place": [case["place"], self.place(case["country"])],
            "challenge": Deck(r, CHALLENGES), "sector2": [self.sector_phrase(s) for s in self.sector_ids],
            "next": Deck(r, NEXT_STEPS), "lead": members[0] if members else "The lead partner",
            "action": Deck(r, [a for b in case["benefits"] for a in self.benefit_actions(b)]),
        }
        common["next2"] = common["next"]
        return common

    def _governance_sentences(self, case: dict, common: dict) -> list[str]:
        """The opening of the "how" paragraph: the governance model, then some themes."""
        r = self.rng
        gov = case["governance"]
        if gov in GOVERNANCE_SENTENCES:
            first = [self.fill(r.choice(GOVERNANCE_SENTENCES[gov]), common)]
        elif gov:
            first = [f"The partners describe their arrangement as {self.label('governance', gov).lower()}."]
        else:
            first = []
        for t in case["themes"]:
            if t in THEME_SENTENCES and r.random() < 0.7:
                first.append(THEME_SENTENCES[t])
        return first

    def _draw(self, common: dict, pool: list[str], quota: int, first: list[str] | None = None) -> list[str]:
        """Sentences from ``pool`` (dealt without repeats) until ``quota`` words."""
        out = list(first or [])
        words = sum(len(s.split()) for s in out)
        templates = Deck(self.rng, pool)
        while words < quota:
            s = sentence_case(self.fill(templates(), common))
            out.append(s)
            words += len(s.split())
        return out
