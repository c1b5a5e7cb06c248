"""What the hand-written pages contribute to the generated ones.

Guides name the terms they explain in their front matter (``benefits: [workforce]``); term
pages link back to them. The glossary's ``*[ABBR]: expansion`` lines become tooltips on every
page. Both are read here, from the content folder, so that any engine gets the same result.
"""

from __future__ import annotations

from pathlib import Path

#: Front-matter keys of a guide → the facet whose term pages link to it.
GUIDE_KEYS = {"benefits": "benefits", "sectors": "sectors", "governance": "governance", "countries": "countries"}


def hand_written_pages(content_dir: Path | None) -> list[Path]:
    """Every Markdown page under ``content_dir`` (none when it is not given), sorted."""
    if content_dir is None or not Path(content_dir).is_dir():
        return []
    return sorted(p for p in Path(content_dir).rglob("*.md") if not p.name.startswith("."))


def read_guides(content_dir: Path | None) -> dict:
    """facet → term → [(guide title, page path relative to ``content_dir``)]."""
    if content_dir is None:
        return {}
    import frontmatter

    guides: dict = {}
    for path in hand_written_pages(content_dir):
        post = frontmatter.load(path)
        uri = path.relative_to(content_dir).as_posix()
        title = post.metadata.get("title") or path.stem.replace("-", " ").capitalize()
        for key, facet in GUIDE_KEYS.items():
            terms = post.metadata.get(key) or []
            for term in terms if isinstance(terms, list) else [terms]:
                guides.setdefault(facet, {}).setdefault(str(term), []).append((str(title), uri))
    return guides


def read_abbreviator(content_dir: Path | None, glossary: str):
    """The glossary's abbreviations as an :class:`Abbreviator`, or ``None`` without a glossary."""
    from .abbreviations import Abbreviator, parse_definitions

    if content_dir is None:
        return None
    path = Path(content_dir) / glossary
    if not path.is_file():
        return None
    return Abbreviator(parse_definitions(path.read_text(encoding="utf-8")))
