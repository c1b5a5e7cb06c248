"""Issue 9, property: whatever hostile text a case holds, the real pipeline either rejects it or
publishes it inert — in every page, SVG chart, JSON and CSV download and script.

Hypothesis writes Markdown and plain text from link definitions in every container with every
scheme, widget and abbreviation syntax after every prefix, control, bidi and zero-width
characters and ``$…$``; ``build_site`` (load → validate → render → charts → exports) runs on the
sample cases plus that one; every generated file is parsed (HTML parser, XML parser for SVG,
``json``, ``csv``) and checked.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitekit
from casebook.site.build import build_site
from sitekit import Page, unsafe_markup

CONTAINERS = ["", "- ", "> ", "1. ", "    ", "Term\n:   ", "!!! note\n    ", '??? danger "x"\n    ', "| a |\n|---|\n| "]
SCHEMES = ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", "jav&#x61;script:x", "data:text/html,x",
           "vbscript:x", "//evil.example/x", "file:///etc/passwd", "https://ok.example/x", "#x", " javascript:x"]
WIDGETS = ['!!! danger "t"', '??? note "t"', "*[Workforce]: trap", "{: onclick=alert(1) }", "# H", "[^1]: f",
           "| a | b |", "=== \"tab\"", "<b onmouseover=x>", "[r]: javascript:x"]
ODD = ["\u202e", "\u2066", "\u200b", "\u2060", "\x1b", "\x00", "\r", "$x^2$", "$412 to $375", "\\", "_", "^", "&", "<3"]


def _link(container: str, scheme: str, label: str) -> str:
    return st.sampled_from([f"{container}[{label}]: {scheme}\n\nsee [{label}]", f"{container}[{label}]({scheme})",
                            f"{container}<{scheme}>", f"{container}![i]({scheme})"])


markdown_text = st.builds(lambda parts: "\n\n".join(parts), st.lists(
    st.one_of(st.builds(lambda c, s: (c, s), st.sampled_from(CONTAINERS), st.sampled_from(SCHEMES))
              .flatmap(lambda cs: _link(cs[0], cs[1], "m")),
              st.builds(lambda c, w: c + w, st.sampled_from(CONTAINERS), st.sampled_from(WIDGETS)),
              st.sampled_from(ODD)), min_size=1, max_size=4))
plain_text = st.builds(lambda prefix, body, odd: f"{prefix}{body} {odd} text",
                       st.sampled_from(["", "  ", "> ", "- ", "1. ", ": ", "\u00a0"]),
                       st.sampled_from(WIDGETS + SCHEMES), st.sampled_from(ODD))


def _case(narrative: str, text: str) -> str:
    return json.dumps({  # JSON is YAML: every string arrives exactly as generated
        "id": "hostile-property", "name": "Hostile " + text, "short_name": "HP", "country": "GB",
        "sectors": ["acute"], "benefits": ["workforce"], "summary": text, "narrative": narrative,
        "outcomes": [{"measure": text, "benefit": "workforce", "change_percent": -12, "period": text, "source": 1}],
        "lessons": [text], "discrepancies": [text],
        "members": [{"name": text, "role": text}],
        "sources": [{"title": text, "publisher": text, "url": "https://example.org/r"}],
        "last_reviewed": "2026-01-01",
    })


def _check(build) -> list[str]:
    problems = []
    for f in build.files:
        if f.path.endswith(".md"):
            rendered, _ = sitekit.render_markdown(f.text)
            html = build.finish_html(rendered, f.path)
            page = Page(html)
            allowed = {"form", "input"} if f.path in ("explore.md", "outcomes.md") else set()
            allowed |= {"script"} if f.path == "compare.md" else set()
            problems += [f"{f.path}: {p}" for p in unsafe_markup(page, img_prefixes=("../", "charts/"), allowed_tags=allowed)]
            problems += [f"{f.path}: <abbr> from case text" for el in page.find("abbr") if el.get("title") == "trap"]
            # Plain text must never become a widget; the narrative is Markdown, where an
            # admonition or a details block written as such is legitimate.
            problems += [f"{f.path}: <details> from case text" for el in page.find("details")
                         if "danger" in (el.get("class") or "") and ".cb-narrative" not in el.context]
        elif f.path.endswith(".json"):
            json.loads(f.text)
            problems += [f"{f.path}: a non-http(s) url" for s in ("javascript:", "data:", "vbscript:")
                         if f'"url": "{s}' in f.text.lower()]
        elif f.path.endswith(".csv"):
            for row in csv.reader(io.StringIO(f.text.removeprefix("\ufeff"), newline="")):
                problems += [f"{f.path}: formula cell {c[:20]!r}" for c in row
                             if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    build.wait()
    for f in build.files:
        if f.path.endswith(".svg") and f.source is not None:
            root = ET.parse(f.source).getroot()  # raises on invalid XML
            for el in root.iter():
                problems += [f"{f.path}: {k}" for k in el.attrib if k.lower().startswith("on")]
                problems += [f"{f.path}: <script>" for _ in [1] if el.tag.endswith("script")]
    return problems


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(narrative=markdown_text, text=plain_text)
def test_hostile_case_is_rejected_or_inert_everywhere(tmp_path_factory, narrative, text):
    base = tmp_path_factory.mktemp("prop")
    cases = base / "cases"
    shutil.copytree(sitekit.SAMPLE / "cases", cases)
    (cases / "hostile-property.yaml").write_text(_case(narrative, text), encoding="utf-8")
    build = build_site(cases, sitekit.REAL_TAXONOMY, base / "charts", workers=1, strict=False)
    if any(p.is_error and "hostile-property" in p.path for p in build.problems):
        assert all("\n" not in p.format() for p in build.problems)
        return  # rejected, with one-line messages
    assert "hostile-property" in build.corpus.by_id
    assert _check(build) == []


def test_an_inert_hostile_case_is_accepted_and_checked(tmp_path_factory):
    """The property above must also see accepted cases: this one is valid and hostile."""
    test_hostile_case_is_rejected_or_inert_everywhere.hypothesis.inner_test(
        tmp_path_factory, narrative="- [m](https://ok.example/x)\n\n> see *[Workforce]: trap\n\n{: .x }",
        text='??? danger "t" *[Workforce]: trap {: onclick=alert(1) } =HYPERLINK("x") $412 to $375 <3')
