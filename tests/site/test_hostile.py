"""Case text can never become markup or script.

Two layers:

* a full build of the sample project plus a case whose text is hostile but *valid* (the
  validator allows it): quotes, ampersands, '<3', 'a < b', Markdown link, attribute-list and
  abbreviation syntax (an attribute list with an event handler is rejected by validation; in
  plain text it is only text). Everything must show literally and add no element or attribute;
* the renderer on its own (validation bypassed): raw HTML, event handlers and ``javascript:``
  links in every text field, rendered with the site's own Python-Markdown extensions.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitekit
from casebook.site.enrich import enrich
from casebook.site.render import SiteRenderer
from casebook.site.text import md_block, md_text
from sitekit import Page, article, squash, unsafe_markup

# -- a hostile but valid case, built into the sample site ----------------------------------------
HOSTILE_ID = "hostile-but-valid"
NAME = "Tom & Jerry \"Quotes\" 'single' a < b"
SHORT = "T&J <3"
SUMMARY = ('Read [click](https://evil.example) now {: onclick="x"} then *[HTML]: trap and <3 '
           'and a < b & c > d, then x" onmouseover="alert(1)" y=" end.')
LESSON = "**bold** _it_ `code`"
HOSTILE_CASE = """\
# yaml-language-server: $schema=../../../cases/_data/case.schema.json
id: hostile-but-valid
name: Tom & Jerry "Quotes" 'single' a < b
short_name: T&J <3
country: GB
region: 'Zone "A" & ''B'' {: onclick="x" }'
sectors: [acute]
members:
  - name: 'Acme & Sons "Trust" a < b'
    role: "[lead](https://evil.example) {: onclick=alert(1) }"
benefits: [workforce]
summary: 'Read [click](https://evil.example) now {: onclick="x"} then *[HTML]: trap and <3 and a < b & c > d, then x" onmouseover="alert(1)" y=" end.'
narrative: |
  First paragraph with **bold** and a < b and <3 and a [fine link](https://example.org/ok).
  {: .evil data-x=alert(1) }

  Mid-line *[HTML]: trap (a definition of its own line is rejected by validation).

  Second paragraph mentions HTML and {: #evil .x title=alert(2) } braces.
outcomes:
  - measure: 'Staff "retained" & <3 {: onclick="x" }'
    benefit: workforce
    change_percent: 10
    unit: "<3 units"
    period: "[p](https://evil.example)"
    source: 1
  - measure: 'Posts filled *[HTML]: trap'
    benefit: workforce
    change_percent: -5
    source: 1
lessons:
  - '**bold** _it_ `code`'
  - '{: onclick="x" } and [click](https://evil.example) and <3'
discrepancies:
  - 'Source says "a < b" & {: onclick="x"}'
sources:
  - title: 'Report "x" & <3 {: onclick="x" }'
    publisher: 'Evil "Corp" & a < b'
    url: https://example.org/report?a=1&b=2
last_reviewed: 2026-01-01
"""
CASE_URL = f"cases/{HOSTILE_ID}/"
#: The explore and outcomes pages' own filter forms (generated markup, not case text).
FILTER_FORM = {"form", "input"}
FORM_PAGES = {"explore.md", "outcomes.md", "explore/index.html", "outcomes/index.html"}
#: The compare page's labels, a JSON data block (type application/json: never run).
DATA_SCRIPT = {"script"}
DATA_PAGES = {"compare.md", "compare/index.html"}


def allowed_on(page: str) -> set:
    return (FILTER_FORM if page in FORM_PAGES else set()) | (DATA_SCRIPT if page in DATA_PAGES else set())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    project = sitekit.copy_sample(base)
    (project / "cases" / f"{HOSTILE_ID}.yaml").write_text(HOSTILE_CASE, encoding="utf-8")
    return sitekit.run_build(project, base / "site").check()


def _pages_with_case(build) -> list[str]:
    """Site paths of every HTML page that mentions the hostile case."""
    out = []
    for p in sorted(build.site.rglob("*.html")):
        if HOSTILE_ID in p.read_text(encoding="utf-8"):
            out.append(p.relative_to(build.site).as_posix())
    return out


def test_hostile_case_is_valid(sample_taxonomy, tmp_path):
    from casebook.records.validate import validate_paths

    (tmp_path / f"{HOSTILE_ID}.yaml").write_text(HOSTILE_CASE, encoding="utf-8")
    result, _ = validate_paths([str(tmp_path)], sample_taxonomy)
    assert [p.format() for p in result.errors] == []


def test_no_markup_from_case_text_anywhere(hostile_build):
    pages = _pages_with_case(hostile_build)
    assert CASE_URL + "index.html" in pages and len(pages) >= 5  # case, cards, term pages, explore...
    problems = {}
    for rel in pages:
        raw = hostile_build.read(rel)
        page = Page(raw)
        # The whole page (head included): no event handler, malformed attribute or script URL.
        found = unsafe_markup(page, allowed_tags=sitekit.DANGEROUS_TAGS, img_prefixes=("../",))
        # The content Material renders from the Markdown: no dangerous element either.
        found += unsafe_markup(Page(article(raw)), img_prefixes=("../../charts/", "../charts/", "charts/"),
                               allowed_tags=allowed_on(rel))
        found += [f"<abbr title={el.get('title')!r}>" for el in page.find("abbr") if el.get("title") == "trap"]
        found += [f"link to {el.get('href')}" for el in page.find("a") if "evil.example" in (el.get("href") or "")]
        if found:
            problems[rel] = found
    assert problems == {}


def test_scripts_carry_no_case_text(hostile_build):
    for rel in _pages_with_case(hostile_build):
        raw = hostile_build.read(rel)
        for body in re.findall(r"<script\b[^>]*>(.*?)</script>", raw, re.S):
            assert "alert(" not in body and "onclick" not in body and "evil.example" not in body, rel


def test_no_raw_less_than_from_case_text(hostile_build):
    """'<3' and 'a < b' are escaped wherever they land, not left for the browser to guess."""
    for rel in _pages_with_case(hostile_build):
        raw = hostile_build.read(rel)
        assert "<3" not in raw, rel
        assert "a < b" not in raw, rel


def test_text_shows_literally_on_the_case_page(hostile_build):
    raw = hostile_build.read(CASE_URL + "index.html")
    body = Page(article(raw))
    assert squash(f"{NAME} ({SHORT})") == body.text("h1").rstrip("¶").strip()
    text = body.text()
    for literal in [SUMMARY, LESSON, '{: onclick="x" } and [click](https://evil.example) and <3',
                    "{: .evil data-x=alert(1) }", "{: #evil .x title=alert(2) }", "*[HTML]: trap",
                    'Zone "A" & \'B\' {: onclick="x" }', "[lead](https://evil.example) {: onclick=alert(1) }",
                    'Staff "retained" & <3 {: onclick="x" }', "Posts filled *[HTML]: trap",
                    'Report "x" & <3 {: onclick="x" }', 'Evil "Corp" & a < b', 'Source says "a < b" & {: onclick="x"}']:
        assert squash(literal) in text, literal
    # The <head>: title and description hold the text, and nothing else.
    head = Page(raw[: raw.find("</head>")])
    (meta,) = head.find("meta", name="description")
    assert [k for k, _ in meta.attrs] == ["name", "content"]
    assert squash(meta.get("content")) == squash(SUMMARY)
    assert head.text("title") == squash(f"{NAME} ({SHORT})") + " - Casebook sample"


def test_markdown_in_plain_text_stays_text(hostile_build):
    body = Page(article(hostile_build.read(CASE_URL + "index.html")))
    # '**bold** _it_ `code`' is a plain-text lesson: no <strong>, <em> or <code> in the lessons.
    for tag in ("strong", "em", "code"):
        assert body.find(tag, within="ul") == [], tag
    # The narrative is Markdown: its **bold** and its http(s) link do render.
    assert [el.get("href") for el in body.find("a") if el.get("href") == "https://example.org/ok"]
    assert body.find("strong")


def test_downloads_and_search_keep_the_text(hostile_build):
    rows = {r["id"]: r for r in json.loads(hostile_build.read("data/cases.json"))["cases"]}
    assert rows[HOSTILE_ID]["name"] == NAME
    assert rows[HOSTILE_ID]["summary"] == SUMMARY
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(hostile_build.read("data/cases.csv").removeprefix("\ufeff"), newline=""))}
    assert csv_rows[HOSTILE_ID]["name"] == NAME
    assert csv_rows[HOSTILE_ID]["summary"] == SUMMARY
    # The search index holds the case's text as text (the search box shows it with textContent):
    # the name, its one line (the region) and the summary exactly as typed, and no markup.
    records = [r for r in hostile_build.search_records() if r["url"] == "/" + CASE_URL]
    assert len(records) == 1
    record = records[0]
    assert NAME in record["meta"]["title"]
    assert 'Zone "A" & \'B\' {: onclick="x" }' in record["meta"]["line"]
    assert squash(SUMMARY) in squash(record["content"])
    assert "Workforce" in record["filters"]["benefit"]
    assert not re.search(r"<[a-z/]", record["content"] + record["meta"]["title"] + record["meta"]["line"])


# -- the renderer on its own, validation bypassed ------------------------------------------------
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">a</a>',
    "[link](javascript:alert(1))",
    "[link]( JAVASCRIPT:alert(1) )",
    "[link](<javascript:alert(1)>)",
    "![img](javascript:alert(1))",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '{: onclick="alert(1)" }',
    '<iframe src="javascript:alert(1)"></iframe>',
    "data:text/html,<script>alert(1)</script>",
    "<!-- c --><style>body{}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "*[HTML]: <b onmouseover=alert(1)>x</b>",
    "<https://evil.example/x\"onmouseover=\"alert(1)>",
]
BLOCK_PAYLOADS = [
    "para\n{: onclick=alert(1) }",
    "*[HTML]: trap\n\nHTML",
    "[r]: javascript:alert(1)\n\nsee [x][r]",
    "[r2]: <javascript:alert(1)>\n\nsee [y][r2]",
    '<div onclick="alert(1)">\nblock html\n</div>',
    '!!! note "<img src=x onerror=alert(1)>"\n    admonition body <script>alert(1)</script>',
    "# Heading {: onclick=alert(1) }",
    "- item\n\n    *[X]: trap\n\n    X",
    "| a | b |\n| --- | --- |\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "`<script>alert(1)</script>`",
    "term\n:   <img src=x onerror=alert(1)>",
    '??? note "<script>alert(1)</script>"\n    details',
    "> quote <img src=x onerror=alert(1)>\n> [q](javascript:alert(1))",
]
CHART_IMGS = ("../../charts/", "../charts/", "charts/")


def poison(case: dict, text: str, block: str) -> dict:
    """Every text field of ``case`` replaced by hostile text (ids and vocabularies kept)."""
    c = copy.deepcopy(case)
    for key in ("name", "short_name", "region", "summary"):
        c[key] = text
    c["narrative"] = block
    c["lessons"] = [text, block]
    c["discrepancies"] = [text]
    c["members"] = [{"name": text, "role": text}, {"name": text, "role": None}]
    c["sources"] = [{"title": text, "publisher": text, "url": "javascript:alert(1)", "published": text},
                    {"title": text, "publisher": text, "url": " javascript:alert(1)"},
                    {"title": text, "publisher": text, "url": "data:text/html,<script>alert(1)</script>"}]
    for o in c.get("outcomes") or []:
        o.update(measure=text, unit=text, period=text)
    return c


def _check_page(uri: str, markdown_text: str) -> list[str]:
    rendered, meta = sitekit.render_markdown(markdown_text)
    page = Page(rendered)
    allowed = allowed_on(uri)
    problems = [f"{uri}: {p}" for p in unsafe_markup(page, img_prefixes=CHART_IMGS, allowed_tags=allowed)]
    problems += [f"{uri}: <abbr>" for _ in page.find("abbr")]
    for key in ("title", "description"):  # themes put these into HTML unescaped
        value = str(meta.get(key) or "")
        if re.search(r"[<>\"]", value):
            problems.append(f"{uri}: front matter {key} is not HTML-escaped: {value[:80]!r}")
    return problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_text_is_inert_and_literal(payload):
    rendered, _ = sitekit.render_markdown(md_text(payload))
    page = Page(rendered)
    assert [el.tag for el in page.elements] == ["p"]
    assert page.text() == squash_ws(payload)


@pytest.mark.parametrize("payload", BLOCK_PAYLOADS + PAYLOADS)
def test_md_block_is_inert(payload):
    rendered, _ = sitekit.render_markdown(md_block(payload))
    page = Page(rendered)
    assert unsafe_markup(page) == []
    assert page.find("abbr") == [] and page.find("img") == []


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "<http" not in p])
def test_md_block_keeps_inline_text_literal(payload):
    rendered, _ = sitekit.render_markdown(md_block(payload))
    assert Page(rendered).text() == squash_ws(payload)


def test_md_block_keeps_safe_links():
    rendered, _ = sitekit.render_markdown(md_block(
        "See [a](https://example.org/a), [b](<https://example.org/b>), <https://example.org/c> "
        "and [d][ref].\n\n[ref]: https://example.org/d"))
    hrefs = [el.get("href") for el in Page(rendered).find("a")]
    assert hrefs == ["https://example.org/a", "https://example.org/b", "https://example.org/c", "https://example.org/d"]


def squash_ws(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab1 <>&\"'`*_{}[]()#+-.!|:=~\\/;\n\t%")
                                + ["&lt;", "&amp;", "&#60;", "](", "{:", "*[", "javascript:", "<b>", "http://x.y", "1. ",
                                   "- ", "# ", "> ", "    ", "\u00a0", "é"])
                | st.characters(exclude_categories=("Cc", "Cs")), max_size=40).map("".join))
def test_md_text_round_trips_any_text(text):
    """Whatever plain text goes in comes out as the same text in one paragraph, nothing else.
    (Control characters are left out: YAML cannot carry them, so no case text has them.)"""
    if not text.split():
        return
    rendered, _ = sitekit.render_markdown(md_text(text))
    page = Page(rendered)
    assert [el.tag for el in page.elements] == ["p"]
    assert page.text() == squash_ws(text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_generated_page_is_inert(sample_corpus, payload):
    block = "\n\n".join([payload] + BLOCK_PAYLOADS)
    cases = [poison(c, payload, block) for c in sample_corpus.cases]
    corpus = enrich(cases, sample_corpus.taxonomy)
    renderer = SiteRenderer(corpus, edit_base="https://example.org/edit/", guides={})
    pages = renderer.pages()
    assert any(uri.startswith("cases/") for uri in pages)
    problems = []
    for uri, text in sorted(pages.items()):
        problems += _check_page(uri, text)
    markers = "\n\n".join(["<!-- casebook:stats -->", "<!-- casebook:newest 10 -->", "<!-- casebook:lessons -->",
                           "<!-- casebook:cases benefit=workforce -->", "<!-- casebook:chart cases-per-benefit -->"])
    expanded, unknown = renderer.expand_markers(markers, "guides/page.md")
    assert unknown == []
    problems += _check_page("guides/page.md (markers)", expanded)
    assert problems == []


def test_case_page_shows_hostile_text_literally(sample_corpus):
    payload = '<script>alert(1)</script> & <img src=x onerror=alert(1)> {: onclick="x" }'
    case = poison(sample_corpus.by_id["northfield-acute-alliance"], payload, payload)
    corpus = enrich([case], sample_corpus.taxonomy)
    rendered, meta = sitekit.render_markdown(SiteRenderer(corpus).case_page(case))
    page = Page(rendered)
    assert page.text("h1").startswith(squash(payload))
    assert page.text().count(squash(payload)) >= 8  # summary, facts, outcomes, lessons, sources...
    # A non-http(s) source address is shown as text, never as a link.
    assert not [el for el in page.find("a", within=".cb-sources")]
    assert meta["title"].startswith("&lt;script&gt;")
