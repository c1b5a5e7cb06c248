"""Draw a random sample of claims from the case records for an independent fact-check.

Usage: python3 scripts/factcheck_sample.py [CASES_DIR] [SEED] [N] [--new-date YYYY-MM-DD --new-min K]

Why: a fact-check is only as honest as its sample. The pool is every claim a reader relies on:
each outcome (with its source, locator, evidence level and date), ``established``,
``population``, ``status``, the member list (one claim per case) and every summary sentence
holding a digit. ``random.Random(SEED)`` draws N of them, so anyone can redraw the same sample;
if fewer than K come from cases added on ``--new-date``, the same generator draws more from
those cases only, so newly added cases are always checked. The header line prints the seed.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import yaml


def _source(case: dict, outcome: dict) -> str:
    src = case["sources"][outcome["source"] - 1]
    date = src.get("published", "undated" if src.get("undated") else None)
    return (f"src{outcome['source']}: {src.get('title')} <{src.get('url')}> @ {outcome.get('locator')} "
            f"[evidence={src.get('evidence')}, published={date}]")


def claims_of(case: dict, new_date: str) -> list[dict]:
    """Every checkable claim of one case record."""
    new = str(case.get("added")) == new_date
    out = []

    def add(field: str, text: str, src: str | None = None) -> None:
        out.append({"case": case["id"], "new": new, "field": field, "claim": text, "src": src})

    keys = ("value", "baseline", "change_percent", "change_points", "qualifier", "unit", "period", "status")
    for i, o in enumerate(case.get("outcomes") or []):
        add(f"outcomes[{i}]", o["measure"] + " | " + "; ".join(f"{k}={o[k]}" for k in keys if k in o),
            _source(case, o))
    for key in ("established", "population"):
        if key in case:
            add(key, str(case[key]))
    if "status" in case:
        add("status", f"{case['status']} {case.get('status_year')}: {case.get('status_note')}")
    if case.get("members"):
        add("members", "; ".join(m["name"] if isinstance(m, dict) else str(m) for m in case["members"]))
    for j, sentence in enumerate(re.split(r"(?<=[.;])\s+(?=[A-Z])", " ".join(case["summary"].split()))):
        if re.search(r"\d", sentence):
            add(f"summary.s{j}", sentence)
    return out


def draw(claims: list[dict], seed: int, n: int, new_min: int) -> list[int]:
    rng = random.Random(seed)
    sample = rng.sample(range(len(claims)), n)
    pool = [i for i in range(len(claims)) if claims[i]["new"] and i not in sample]
    while pool and sum(claims[i]["new"] for i in sample) < new_min:
        pick = rng.choice(pool)
        pool.remove(pick)
        sample.append(pick)
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", default="cases")
    parser.add_argument("seed", nargs="?", type=int, default=2026120324)
    parser.add_argument("n", nargs="?", type=int, default=45)
    parser.add_argument("--new-date", default="2026-12-03")
    parser.add_argument("--new-min", type=int, default=15)
    args = parser.parse_args()
    claims = []
    for path in sorted(Path(args.cases).glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            claims += claims_of(yaml.load(f, Loader=yaml.CSafeLoader), args.new_date)
    sample = draw(claims, args.seed, args.n, args.new_min)
    print(f"SEED={args.seed} claims={len(claims)} from {len({c['case'] for c in claims})} cases; "
          f"new-case claims={sum(c['new'] for c in claims)}; sampled={len(sample)}, "
          f"from new cases={sum(claims[i]['new'] for i in sample)}")
    for number, i in enumerate(sample, 1):
        c = claims[i]
        print(f"#{number} [{'NEW' if c['new'] else 'old'}] {c['case']} {c['field']}: {c['claim']}")
        if c["src"]:
            print(f"     {c['src']}")


if __name__ == "__main__":
    main()
