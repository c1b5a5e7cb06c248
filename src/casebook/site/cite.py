"""How to cite a case: a suggested citation on its page, BibTeX and RIS downloads.

Citations name the casebook as publisher and the case's review date; the access date is the
reader's own, so the page fills it in the browser (a build must not depend on the clock).
"""

from __future__ import annotations

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


def bibtex(case: dict, urls: Urls = DIRECTORY_URLS) -> str:
    """The case as a BibTeX ``@misc`` entry."""
    reviewed = case["last_reviewed"]
    fields = [("title", case["name"]), ("author", "{" + AUTHOR + "}"), ("year", str(reviewed.year)),
              ("howpublished", SITE_TITLE), ("url", case_url(case, urls)),
              ("note", f"Case record last reviewed {reviewed.isoformat()}")]
    body = ",\n".join(f"  {k} = {{{v if k == 'author' else _bib(v)}}}" for k, v in fields)
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


def cite_block(case: dict, urls: Urls, prefix: str) -> str:
    """The "Cite this case" block (raw HTML, escaped): a suggested citation and downloads."""
    reviewed = case["last_reviewed"]
    url = case_url(case, urls)
    return (
        '<section class="cb-cite" aria-labelledby="cite-this-case" data-search-exclude>'
        '<h2 id="cite-this-case">Cite this case</h2>'
        f'<p class="cb-citation">{esc(AUTHOR)} ({reviewed.year}). <cite>{esc(case["name"])}</cite>. '
        f'In {esc(SITE_TITLE)}. Last reviewed {reviewed.strftime("%-d %B %Y")}. {esc(url)} '
        '(accessed <span class="cb-access-date">[date you read it]</span>).</p>'
        f'<p>Download: <a href="{prefix}cite/{esc(case["id"])}.bib" download>BibTeX</a> · '
        f'<a href="{prefix}cite/{esc(case["id"])}.ris" download>RIS</a></p>'
        "</section>"
    )
