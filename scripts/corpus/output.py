"""Writing cases: the YAML record, the plain Markdown page, and the corpus folders."""

from __future__ import annotations

import shutil
from pathlib import Path

from .helpers import flow, fmt_num, scalar, text, wrap
from .words import LAST_REVIEWED, SCHEMA_COMMENT


def render(case: dict) -> str:
    """The case as YAML, in the field order of a hand-written record."""
    L = _facts(case)
    L.append("summary: >-")
    L.extend("  " + line for line in wrap(case["summary"]))
    L.append("narrative: |")
    for i, para in enumerate(case["narrative"].split("\n\n")):
        if i:
            L.append("")
        L.extend("  " + line for line in wrap(para))
    if case["outcomes"]:
        L.append("outcomes:")
        for o in case["outcomes"]:
            L.extend(_outcome(o))
    L.append("lessons:")
    L.extend(f"  - {text(lesson)}" for lesson in case["lessons"])
    L.append("sources:")
    for s in case["sources"]:
        L.append(f"  - title: {text(s['title'])}")
        L.append(f"    publisher: {text(s['publisher'])}")
        L.append(f"    url: {s['url']}")
        if "published" in s:
            L.append(f"    published: {text(s['published'])}")
    if case["related"]:
        L.append(f"related: {flow(case['related'])}")
    if case["evidence"]:
        L.append(f"evidence: {scalar(case['evidence'])}")
    L.append(f"anonymised: {'true' if case['anonymised'] else 'false'}")
    L.append(f"last_reviewed: {LAST_REVIEWED}")
    return "\n".join(L) + "\n"


def _facts(case: dict) -> list[str]:
    """The lines from the schema comment to ``themes``."""
    L = [SCHEMA_COMMENT, f"id: {scalar(case['id'])}", f"name: {text(case['name'])}"]
    if case["short_name"]:
        L.append(f"short_name: {text(case['short_name'])}")
    L.append(f"country: {scalar(case['country'])}")
    L.append(f"region: {text(case['region'])}")
    L.append(f"established: {case['established']}")
    if case["population"]:
        L.append(f"population: {case['population']}")
    L.append(f"sectors: {flow(case['sectors'])}")
    if case["governance"]:
        L.append(f"governance: {scalar(case['governance'])}")
    if case["members"]:
        L.append("members:")
        for m, role in case["members"]:
            if role:
                L.append(f"  - name: {text(m)}")
                L.append(f"    role: {text(role)}")
            else:
                L.append(f"  - {text(m)}")
    L.append(f"benefits: {flow(case['benefits'])}")
    if case["focus_areas"]:
        L.append(f"focus_areas: {flow(case['focus_areas'])}")
    if case["themes"]:
        L.append(f"themes: {flow(case['themes'])}")
    return L


def _outcome(o: dict) -> list[str]:
    L = [f"  - measure: {text(o['measure'])}", f"    benefit: {scalar(o['benefit'])}"]
    for k in ("change_percent", "value", "baseline"):
        if k in o:
            L.append(f"    {k}: {fmt_num(o[k])}")
    for k in ("unit", "period"):
        if k in o:
            L.append(f"    {k}: {text(o[k])}")
    if "status" in o:
        L.append(f"    status: {o['status']}")
    if "source" in o:
        L.append(f"    source: {o['source']}")
    return L


def render_markdown(case: dict) -> str:
    title = case["name"] + (f" ({case['short_name']})" if case["short_name"] else "")
    return f"# {title}\n\n{case['summary']}\n\n{case['narrative']}\n"


def write_corpus(cases: list[dict], out: Path, taxonomy: Path) -> None:
    data = out / "_data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(taxonomy, data / "taxonomy.yaml")
    schema = taxonomy.with_name("case.schema.json")
    if schema.is_file():
        shutil.copyfile(schema, data / "case.schema.json")
    for c in cases:
        with open(out / f"{c['id']}.yaml", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(c))


def write_markdown(cases: list[dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    index = ["# Case studies", "", f"{len(cases)} synthetic provider collaboration case studies.", ""]
    for c in cases:
        with open(out / f"{c['id']}.md", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render_markdown(c))
        index.append(f"- [{c['name']}]({c['id']}.md)")
    with open(out / "index.md", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(index) + "\n")


