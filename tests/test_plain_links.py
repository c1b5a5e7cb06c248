"""The validator's shortcut for Markdown whose only links are plain inline links
(records/rendered.py: plain_links) must agree with rendering it: whenever the shortcut
accepts a text, the site's Markdown renders exactly those links and nothing else a check
looks at (at most those links), and whenever a text could render anything more, the shortcut
declines. Either way the validator reports the same problems."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from casebook.records.rendered import check_markdown, plain_links, render, rendered_findings

ROOT = Path(__file__).resolve().parents[1]


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add(name)
            if tag == "a" and name == "href" and not (value or "").startswith("#"):
                self.hrefs.append(value or "")


def rendered_links(text: str) -> _Hrefs:
    parser = _Hrefs()
    parser.feed(render(text))
    return parser


#: (text, the addresses the shortcut reports, or None: it must decline) — written by hand.
ACCEPTED = [
    ("See [the report](https://example.org/a/b?x=1).", ["https://example.org/a/b?x=1"]),
    ("[a](https://x.org) and [b](http://y.org/p#q)\n\n- item [c](https://z.org)",
     ["https://x.org", "http://y.org/p#q", "https://z.org"]),
    ("| a | b |\n|---|---|\n| [t](https://x.org/t) | 2 |", ["https://x.org/t"]),
    ("Term\n:   Defined in [d](https://x.org/d)", ["https://x.org/d"]),
    ("A link then a bang [a](https://x.org)!", ["https://x.org"]),
    ("## Heading\n\nText with (brackets) and *emphasis* and [l](https://x.org/l).", ["https://x.org/l"]),
    ("The [Health Service Journal\nwrite-up](https://www.hsj.co.uk/x) says so.", ["https://www.hsj.co.uk/x"]),
]
DECLINED = [
    "`[a](http://localhost)`",                  # a code span: no link at all
    "    [a](http://localhost)",                # an indented code block
    "\\[a](https://x.org)",                      # escaped: no link
    "[a](javascript:alert(1))",                  # not http(s)
    "[a][ref]\n\n[ref]: https://x.org",          # reference link
    "<https://x.org>",                           # autolink
    "[a](https://x.org){: onclick=x}",           # attribute list
    "*[HTML]: Hyper Text",                       # abbreviation definition
    "[a](https://x.org \"title\")",              # a title
    "[a](https://x.org/a&amp;b)",                # an entity in the address
    "![i](https://x.org/i.png)",                 # an image
    "wow![i](https://x.org/i.png)",              # an image after a word
    "[a [b] c](https://x.org)",                  # brackets in the label
    "<b>bold</b> [a](https://x.org)",            # HTML
    "[a\n\nb](https://x.org)",                   # a blank line: two paragraphs, no link
]


@pytest.mark.parametrize("text,urls", ACCEPTED)
def test_accepted_texts_render_exactly_their_links(text, urls):
    assert plain_links(text) == urls
    links = rendered_links(text)
    assert links.hrefs == urls
    assert not {a for a in links.attrs if a.startswith("on") or a in ("style", "src")}
    assert "img" not in links.tags


@pytest.mark.parametrize("text", DECLINED)
def test_anything_more_is_rendered(text):
    assert plain_links(text) is None


@pytest.mark.parametrize("text", [t for t, _ in ACCEPTED] + DECLINED + [
    "[a](http://127.0.0.1/)", "[a](http://localhost/x)", "[a](https://user@x.org/)"])
def test_shortcut_and_render_find_the_same_problems(text):
    assert check_markdown(text) == rendered_findings(text)


def test_generated_narratives_give_the_same_answer_either_way(tmp_path):
    """The benchmark's synthetic cases (scripts/make_corpus.py), whose narratives carry links
    as contributors write them: shortcut or not, the same findings for every narrative."""
    out = tmp_path / "cases"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--count", "80", "--seed", "5",
                    "--out", str(out)], check=True, capture_output=True)
    checked = shortcut = 0
    for path in sorted(out.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        value = data.get("narrative")
        if isinstance(value, str) and "[" in value:
            assert check_markdown(value) == rendered_findings(value), path.name
            if plain_links(value) is not None:
                assert set(rendered_links(value).hrefs) <= set(plain_links(value)), path.name
                shortcut += 1
            checked += 1
    assert checked >= 10 and shortcut >= 5, (checked, shortcut)
