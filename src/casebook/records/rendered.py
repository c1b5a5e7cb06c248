"""Check a Markdown field by what it renders to, not by what its source looks like.

The field is rendered with the site's own Markdown configuration (the extensions in
``mkdocs.yml``), the HTML is parsed, and every link, image and attribute it produced is checked:
a link definition inside a list item, a block quote or a definition list, a scheme hidden by
entities or whitespace, an event handler from an attribute list all show up here however they
were written. Markdown is imported only when a field could produce a link or an attribute.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from .addresses import url_problem
from .problems import show

#: The Markdown extensions of the site (mkdocs.yml), with their configuration.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "tables", "toc", "pymdownx.details"]
EXTENSION_CONFIGS = {"toc": {"permalink": True}}

# Only these characters start something that renders as a link, an image or an attribute:
# '[' links, images and definitions, '<' autolinks and HTML, '{' attribute lists.
_MAY_LINK = re.compile(r"[\[<{]")
# Attributes whose value is an address a browser loads or follows.
_URL_ATTRS = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "poster",
                        "data", "background", "cite", "longdesc", "ping", "manifest"})
# Elements Markdown (with the site's extensions) makes; anything else came from raw HTML.
_ELEMENTS = frozenset(["p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "div", "details", "summary", "abbr"])
_SAFE_STYLE = re.compile(r"^text-align:\s*(left|right|center);?$")
_WHITESPACE = re.compile(r"[\x00-\x20\x7f]+")


@lru_cache(maxsize=1)
def _markdown():
    import markdown  # type: ignore[import-untyped]  # no stubs in the lock (types-Markdown); only a narrative that may hold a link pays for the import

    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def render(text: str) -> str:
    """HTML for ``text`` exactly as the site's Markdown configuration renders it."""
    md = _markdown()
    md.reset()
    return md.convert(text)


class Finding(tuple):
    """``(needle, message, hint)``: what is wrong and the source text to point at."""

    __slots__ = ()

    def __new__(cls, needle: str, message: str, hint: str):
        return super().__new__(cls, (needle, message, hint))


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[str, str, str, str, str]] = []  # (kind, tag, attr, value, class)

    def handle_starttag(self, tag, attrs):
        if tag not in _ELEMENTS:
            self.findings.append(("element", tag, "", "", ""))
        classes = " ".join(v or "" for k, v in attrs if k == "class")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(("handler", tag, name, value, classes))
            elif name == "style" and not _SAFE_STYLE.match(value.strip()):
                self.findings.append(("style", tag, name, value, classes))
            elif name in _URL_ATTRS:
                self.findings.append(("url", tag, name, value, classes))

    handle_startendtag = handle_starttag


def _link_problem(tag: str, value: str, classes: str = "") -> str | None:
    address = _WHITESPACE.sub("", value)  # browsers drop these inside a scheme ('java\tscript:')
    if tag == "a" and classes == "headerlink" and address.startswith("#") and address == value:
        return None  # a heading's permalink, added by the toc extension
    return url_problem(address)


def _abbreviations(md) -> dict[str, str]:
    """The abbreviations the last conversion defined (``*[X]: ...`` anywhere: top level, in a
    block quote, a list item, an admonition), as the abbr extension itself parsed them."""
    for ext in md.registeredExtensions:
        if type(ext).__name__ == "AbbrExtension":
            return dict(getattr(ext, "abbrs", {}) or {})
    return {}  # pragma: no cover - the abbr extension is always configured


# A plain inline link (not an image: no '!' before it): a label without brackets, code or
# markup, on one line or wrapped over several (no blank line), and a public-looking http(s)
# address without spaces, quotes, brackets, entities or escapes (no title).
_PLAIN_LINK = re.compile(r"(?<!!)\[(?:[^\[\]`<>{}\\\n]|\n(?![ \t]*\n))*\]"
                         r"\((https?://[^\s()<>{}\[\]\"'&\\`]+)\)")
# What, outside plain links, could make Markdown produce a link, an element or an attribute, or
# make a plain link not one (code spans and blocks, escapes).
_NOT_PLAIN = re.compile(r"[\[\]<>{}`\\]|^(?: {4}|\t)", re.M)


def plain_links(text: str) -> list[str] | None:
    """The addresses of ``text``'s links when its only link syntax is plain inline links
    (``[label](https://…)``); None when it has anything else (reference links, autolinks,
    images, attribute lists, abbreviations, HTML, code, escapes).

    Such text renders to at most these ``<a href>`` (a block that starts inside a wrapped label
    can break one) and to nothing else a check looks at: the site's extensions add elements and
    attributes only from other syntax. So when every address is a good one the render could find
    nothing, and the text needs none: most case narratives. Anything else is rendered."""
    rest = _PLAIN_LINK.sub("", text)
    if _NOT_PLAIN.search(rest):
        return None
    return _PLAIN_LINK.findall(text)


def check_markdown(text: str) -> list[Finding]:
    """What is wrong with the links, images, attributes and abbreviation definitions ``text``
    renders to."""
    if not _MAY_LINK.search(text):
        return []
    urls = plain_links(text)
    if urls is not None and not any(_link_problem("a", url) for url in urls):
        return []  # the render could only confirm these links (see plain_links)
    return rendered_findings(text)


def rendered_findings(text: str) -> list[Finding]:
    """:func:`check_markdown` from the render itself, always (no shortcut)."""
    inspector = _Inspector()
    inspector.feed(render(text))
    inspector.close()
    found: list[Finding] = []
    # A record may not define abbreviations: a definition would put a tooltip of the
    # contributor's choosing on every use of the word; the glossary defines them for the site.
    for term in _abbreviations(_markdown()):
        found.append(Finding(f"*[{term}]", f"defines the abbreviation {show(term)}; case text may not define "
                                           "abbreviations", "remove the '*[...]: ...' line; the glossary "
                                           "(content/glossary.md) defines abbreviations for the whole site"))
    seen: set = set()
    for kind, tag, attr, value, classes in inspector.findings:
        if (kind, tag, value) in seen:
            continue
        seen.add((kind, tag, value))
        if kind == "element":
            if tag == "img":
                found.append(Finding("![", "contains an image; images are not supported in case text",
                                     "link to the page instead"))
            else:
                found.append(Finding(f"<{tag}", f"renders an HTML <{tag[:30]}> element; HTML is not allowed",
                                     "write plain Markdown"))
        elif kind == "handler":
            found.append(Finding(attr, f"gives an element the event handler attribute {attr!r}",
                                 "remove the attribute list ({: ...})"))
        elif kind == "style":
            found.append(Finding("style", "gives an element a style attribute", "remove the attribute list ({: ...})"))
        elif tag == "img" or attr != "href":
            continue  # reported as an element, or not a link a reader follows
        else:
            reason = _link_problem(tag, value, classes)
            if reason:
                found.append(Finding(value, f"links to {show(value)}; links must be full http:// or https:// "
                                            f"addresses of public pages, and {reason}",
                                     "javascript:, data:, file: and relative links are not allowed"))
    return found


_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)|\[[^\]\n]*\]:[ \t]*\n?[ \t]*<?(\S*)|href\s*=\s*[\"']?([^\"'\s}]*)", re.I)


def locate(text: str, finding: Finding) -> str:
    """The source text a finding should point at: the rendered value if it is written as is,
    else the first link destination or definition that is not a public http(s) address."""
    needle = finding[0]
    if needle and needle in text:
        return needle
    for m in _DESTINATION.finditer(text):
        target = next(g for g in m.groups() if g is not None)
        if url_problem(_WHITESPACE.sub("", target)):
            return target or m.group(0)
    return ""
