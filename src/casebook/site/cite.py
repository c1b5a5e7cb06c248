"""How to cite a case: a suggested citation on its page, BibTeX and RIS downloads.

Citations name the casebook as publisher and the case's review date; the access date is the
reader's own, so the page fills it in the browser (a build must not depend on the clock).
"""

from __future__ import annotations

import datetime as _dt

from .text import esc
from .urls import DIRECTORY_URLS, Urls, case_uri

SITE_TITLE = "Casebook: provider collaboration case studies"
AUTHOR = "Casebook contributors"
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def case_url(case: dict, urls: Urls = DIRECTORY_URLS) -> str:
    """The case page's address: absolute when the site's address is known."""
    return urls.absolute(case_uri(case["id"]))


def _bib(text: str) -> str:
    """Text safe inside a BibTeX field (braces balanced, specials escaped, one line)."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in " ".join(str(text).split()))


def _ris(text: str) -> str:
    return " ".join(str(text).split())


def bib_fields(case: dict, urls: Urls = DIRECTORY_URLS) -> list[tuple[str, str]]:
    """The BibTeX fields, values already escaped. Titles are wrapped in a second pair of braces
    so that styles keep their capitals ("West Yorkshire", not "West yorkshire")."""
    reviewed = case["last_reviewed"]
    fields = [("title", "{" + _bib(case["name"]) + "}")]
    if case.get("short_name"):
        fields.append(("shorttitle", "{" + _bib(case["short_name"]) + "}"))
    fields += [("author", "{" + AUTHOR + "}"), ("year", str(reviewed.year)), ("howpublished", _bib(SITE_TITLE)),
               ("url", _bib(case_url(case, urls))), ("note", _bib(f"Case record last reviewed {reviewed.isoformat()}"))]
    return fields


def bibtex(case: dict, urls: Urls = DIRECTORY_URLS, accessed: _dt.date | None = None) -> str:
    """The case as a BibTeX ``@misc`` entry; ``urldate`` when the access date is known (the
    page fills in the reader's own: a build must not depend on the clock)."""
    fields = bib_fields(case, urls)
    if accessed is not None:
        fields.append(("urldate", accessed.isoformat()))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{casebook-{case['id']},\n{body}\n}}\n"


def ris(case: dict, urls: Urls = DIRECTORY_URLS) -> str:
    """The case as an RIS record (reference managers: Zotero, EndNote, Mendeley)."""
    reviewed = case["last_reviewed"]
    lines = [("TY", "ELEC"), ("TI", case["name"]), ("AU", AUTHOR), ("PY", str(reviewed.year)),
             ("DA", reviewed.strftime("%Y/%m/%d")), ("T2", SITE_TITLE), ("PB", "Casebook"),
             ("UR", case_url(case, urls)), ("AB", case["summary"]), ("ER", "")]
    return "".join(f"{tag}  - {_ris(value)}".rstrip() + "\r\n" if tag == "ER" else f"{tag}  - {_ris(value)}\r\n"
                   for tag, value in lines)


def citation_files(cases: list[dict], urls: Urls = DIRECTORY_URLS) -> dict[str, str]:
    """``cite/<id>.bib`` and ``cite/<id>.ris`` for every case."""
    out: dict[str, str] = {}
    for case in cases:
        out[f"cite/{case['id']}.bib"] = bibtex(case, urls)
        out[f"cite/{case['id']}.ris"] = ris(case, urls)
    return out


def _bib_html(case: dict, urls: Urls) -> str:
    """The BibTeX entry as page text, with a ``urldate`` line the page script fills with the
    reader's date and reveals (without the script there is no date to give)."""
    lines = [f"@misc{{casebook-{esc(case['id'])},"]
    lines += [f"  {k} = {{{esc(v)}}}," for k, v in bib_fields(case, urls)]
    lines[-1] = lines[-1].rstrip(",")
    date = ('<span class="cb-access-line" hidden>,\n  urldate = {<span class="cb-access-iso"></span>}</span>')
    return "\n".join(lines) + date + "\n}"


def _copy_button(what: str) -> str:
    """Copies the text beside it (the first element of its ``.cb-cite-row``; not by id, which
    Material rewrites on code blocks). Hidden until the page script can copy; its accessible
    name starts with its visible word (WCAG 2.5.3)."""
    return f'<button type="button" class="cb-copy md-button" data-cb-copy aria-label="Copy {what}" hidden>Copy</button>'


def cite_block(case: dict, urls: Urls, prefix: str) -> str:
    """The "Cite this case" block (raw HTML, escaped): a suggested citation, the BibTeX and RIS
    entries as text, each with a Copy button, and the files to download."""
    reviewed = case["last_reviewed"]
    url = case_url(case, urls)
    cid = esc(case["id"])
    ris_text = esc(ris(case, urls).replace("\r\n", "\n").rstrip())
    return (
        '<section class="cb-cite" aria-labelledby="cite-this-case" data-search-exclude>'
        '<h2 id="cite-this-case">Cite this case</h2>'
        '<div class="cb-cite-row">'
        f'<p class="cb-citation">{esc(AUTHOR)} ({reviewed.year}). <cite>{esc(case["name"])}</cite>. '
        f'In {esc(SITE_TITLE)}. Last reviewed {reviewed.strftime("%-d %B %Y")}. {esc(url)} '
        '(accessed <span class="cb-access-date">[date you read it]</span>).</p>'
        + _copy_button("the suggested citation") + "</div>"
        '<details class="cb-cite-format"><summary>BibTeX</summary><div class="cb-cite-row">'
        f'<pre class="cb-cite-bib" tabindex="0"><code>{_bib_html(case, urls)}</code></pre>'
        + _copy_button("BibTeX") + "</div></details>"
        '<details class="cb-cite-format"><summary>RIS</summary><div class="cb-cite-row">'
        f'<pre class="cb-cite-ris" tabindex="0"><code>{ris_text}</code></pre>'
        + _copy_button("RIS") + "</div></details>"
        f'<p>Download: <a href="{prefix}cite/{cid}.bib" download>BibTeX</a> · '
        f'<a href="{prefix}cite/{cid}.ris" download>RIS</a> '
        '<span role="status" class="cb-copy-status" aria-live="polite"></span></p>'
        "</section>"
    )
