"""Nu HTML Checker errors that come from Material for MkDocs' own templates, not from Casebook.

Each entry is (message pattern, extract pattern): an error is allowed only when its message
matches the first regular expression AND the offending markup (vnu's "extract") matches the
second, so the same kind of error in Casebook's own markup still fails the test. Keep this list
short; an entry belongs here only when the markup is Material's and fixing it would mean
forking one of its partials.
"""

from __future__ import annotations

import re

ALLOWED: list[tuple[str, str, str]] = [
    # Material's hidden state toggles (drawer, search, palette) are checkboxes/radios with
    # autocomplete="off" so Firefox does not restore a stale open/closed state on reload;
    # the HTML spec only allows autocomplete on text-like inputs. (partials/... base.html)
    (r"Attribute “autocomplete” is only allowed when the input type is",
     r'class="md-toggle"|data-md-toggle=',
     "Material base.html: state toggles carry autocomplete=off"),
    # Material's navigation renders section labels with tabindex="{{ ... }}" that is empty for
    # sections shown expanded (navigation.sections): partials/nav-item.html.
    (r"Bad value “” for attribute “tabindex” on element “label”",
     r'class="md-nav__link"',
     "Material nav-item.html: empty tabindex on section labels"),
    # The search box turns off iOS autocorrect with autocorrect="off", a real attribute (now in
    # the HTML standard) that this vnu release does not know yet: partials/search.html.
    (r"Attribute “autocorrect” not allowed on element “input”",
     r'class="md-search__input"',
     "Material search.html: autocorrect=off on the search box"),
    # The table of contents title is a <label for="__toc"> for the toggle Material renders only
    # beside a page's entry in the navigation; pages outside the nav (generated case and term
    # pages) keep the label without its checkbox: partials/toc.html.
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'class="md-nav__title" for="__toc"',
     "Material toc.html: label for the __toc toggle on pages outside the nav"),
]

_COMPILED = [(re.compile(m), re.compile(x), why) for m, x, why in ALLOWED]


def allowed(message: dict) -> str | None:
    """The reason a vnu message is allowed, or None when it is a real error."""
    text, extract = message.get("message", ""), message.get("extract", "")
    for m, x, why in _COMPILED:
        if m.search(text) and x.search(extract):
            return why
    return None
