"""A case's sources and measured outcomes, and the sentence that reports an outcome."""

from __future__ import annotations

from .helpers import fmt_num, in_region, lower_first, sentence_case, slugify
from .phrases import EVALUATORS, INTERNATIONAL_PUBLISHERS, JOURNALS, MONTHS, PERIODS, SOURCE_PUBLISHERS, SOURCE_TITLES
from .phrasing import Phrasing
from .words import YEAR_MAX


class Evidence(Phrasing):
    def sources(self, case: dict) -> list[dict]:
        r = self.rng
        cc = case["country"]
        n = r.choices((1, 2, 3), (45, 35, 20))[0]
        pubs = SOURCE_PUBLISHERS.get(cc, []) + ([] if case["gb"] else INTERNATIONAL_PUBLISHERS)
        short = case["short_name"] or self.ref_name(case)
        out: list[dict] = []
        if case["evidence"] == "peer-reviewed":
            journal, doi = r.choice(JOURNALS)
            year = r.randint(case["established"], YEAR_MAX)
            doi = doi.format(year=year, n=r.randint(1000, 99999))
            out.append({"title": f"Evaluating {self.ref_name(case)}: outcomes after "
                                 f"{r.randint(2, 6)} years of joint working",
                        "publisher": journal, "url": f"https://doi.org/{doi}", "published": str(year)})
        elif case["evidence"] == "independently-evaluated":
            who, domain = r.choice(EVALUATORS)
            year = r.randint(case["established"], YEAR_MAX)
            title = f"Independent evaluation of {self.ref_name(case)}"
            out.append({"title": title, "publisher": who,
                        "url": f"https://{domain}/publications/{slugify(title)[:80].strip('-')}",
                        "published": f"{year}-{r.randint(1, 12):02d}"})
        for pub, domain in r.sample(pubs, min(len(pubs), max(0, n - len(out)))):
            year = r.randint(case["established"], YEAR_MAX)
            title = self.fill(r.choice(SOURCE_TITLES), {
                "name": case["name"], "short": short, "region": in_region(case["region"]), "year": year,
                "month": MONTHS, "service": case["slots"]["service"],
                "action": self.fill(r.choice(self.benefit_actions(case["benefits"][0])), case["slots"]),
            })
            title = sentence_case(title)
            path = slugify(title)[:80].strip("-")
            folder = r.choice(["", "case-studies/", "reports/", "news/", "publications/", f"{year}/"])
            src = {"title": title, "publisher": pub, "url": f"https://{domain}/{folder}{path}"}
            if r.random() < 0.6:
                src["published"] = str(year) if r.random() < 0.5 else f"{year}-{r.randint(1, 12):02d}"
            out.append(src)
        return out

    def outcomes(self, case: dict) -> list[dict]:
        r = self.rng
        n = r.choices((0, 1, 2, 3, 4), (15, 30, 30, 15, 10))[0]
        out = []
        used: set = set()
        est = case["established"]
        slots = {**case["slots"], "Staff": [sentence_case(s) for s in case["slots"]["staff"]]}
        for _ in range(n):
            benefit = r.choice(case["benefits"])
            measures = self.benefit_measures(benefit)
            fresh = [m for m in measures if (m[0], benefit) not in used] or measures
            template, kind, lo, hi, direction = r.choice(fresh)
            used.add((template, benefit))
            o: dict = {"measure": sentence_case(self.fill(template, slots)), "benefit": benefit}
            expected = r.random() < 0.18
            if kind == "money":
                unit = f"{case['currency']} million"
            elif kind.startswith("count:"):
                unit = kind[6:]
            else:
                unit = kind  # percent, days, weeks
            integer = kind.startswith("count:")
            style = r.choices(("percent", "value", "baseline", "both"), (40, 25, 25, 10))[0]
            if direction == 0:
                style = "value"  # a total (savings, people recruited) has no baseline
            base = r.uniform(lo, hi)
            f = r.uniform(0.05, 0.4) if kind == "percent" else r.uniform(0.05, 0.6)
            sign = direction or 1
            value = base * (1 + sign * f)
            if integer:
                base, value = round(base), round(value)
                if value == base:
                    value = base + sign
            else:
                base, value = round(base, 1), round(value, 1)
                if value == base:
                    value = round(base + 0.1 * sign, 1)
            change = round((value - base) / base * 100) or sign
            if style in ("percent", "both"):
                o["change_percent"] = change
            if style != "percent":
                o["value"] = value
            if style in ("baseline", "both"):
                o["baseline"] = base
            if style != "percent":
                o["unit"] = unit
            y = r.randint(est, YEAR_MAX)
            y2 = min(YEAR_MAX + (3 if expected else 0), y + r.randint(1, 4))
            if r.random() < 0.75:
                o["period"] = self.fill(r.choice(PERIODS), {"y": y, "yy": f"{(y + 1) % 100:02d}", "y2": y2})
            if expected:
                o["status"] = "expected"
            elif r.random() < 0.1:
                o["status"] = "achieved"
            if r.random() < 0.6:
                o["source"] = r.randint(1, len(case["sources"]))
            out.append(o)
        return out

    @staticmethod
    def describe(o: dict) -> str:
        """One sentence reporting an outcome."""
        m = o["measure"]
        ml = lower_first(m)
        period = o.get("period") or ""
        if period[:1].isdigit():  # "2022-23" → "in 2022-23"; "2019 to 2021" → "from 2019 to 2021"
            period = ("from " if " to " in period else "in ") + period
        period = " " + period if period else ""
        unit = o.get("unit", "")
        exp = o.get("status") == "expected"

        def amount(v):
            if unit == "percent":
                return f"{fmt_num(v)}%"
            if unit.endswith(" million"):
                return f"{unit.split()[0]} {fmt_num(v)} million"
            if isinstance(v, int):
                return f"{v:,} {unit}".strip()
            return f"{fmt_num(v)} {unit}".strip()

        if "baseline" in o:
            if exp:
                return f"The partners expect {ml} to go from {amount(o['baseline'])} to {amount(o['value'])}{period}."
            verb = "fell" if o["value"] < o["baseline"] else "rose"
            return f"{m} {verb} from {amount(o['baseline'])} to {amount(o['value'])}{period}."
        if "change_percent" in o:
            c = o["change_percent"]
            word = ("fall" if c < 0 else "rise") if exp else ("fell" if c < 0 else "rose")
            if exp:
                return f"The partners expect {ml} to {word} by {fmt_num(abs(c))}%{period}."
            return f"{m} {word} by {fmt_num(abs(c))}%{period}."
        if exp:
            return f"{m} is forecast to reach {amount(o['value'])}{period}."
        return f"{m} reached {amount(o['value'])}{period}."

