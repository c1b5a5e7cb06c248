"""``casebook new``: a commented template for a new case."""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from pathlib import Path

from .spec import ID_MAX


def slugify(name: str) -> str:
    """A case id from a name: ASCII, lowercase, words joined by single hyphens, ≤ 64 chars."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("&", " and ")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > ID_MAX:
        slug = slug[:ID_MAX].rsplit("-", 1)[0] if "-" in slug[:ID_MAX] else slug[:ID_MAX]
    if not slug:
        raise ValueError(f"cannot make an id from {name!r}; use a name with letters or digits")
    return slug


def render_template(name: str, slug: str, today: _dt.date | None = None, path: str = "") -> str:
    template = (Path(__file__).parent / "templates" / "new_case.yaml").read_text(encoding="utf-8")
    # json.dumps gives a double-quoted YAML string, safe whatever the name contains
    return (template.replace("{id}", slug)
            .replace("{name_yaml}", json.dumps(name.strip(), ensure_ascii=False))
            .replace("{today}", (today or _dt.date.today()).isoformat())
            .replace("{path}", path))


def new_case(name: str, folder: Path, today: _dt.date | None = None) -> Path:
    """Write ``folder/<slug>.yaml``; refuse to overwrite (:class:`FileExistsError`)."""
    if not name or not name.strip():
        raise ValueError("give the full name of the collaborative, e.g. casebook new \"Example Partnership\"")
    slug = slugify(name)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.yaml"
    text = render_template(name, slug, today, str(path))
    with open(path, "x", encoding="utf-8") as fh:  # "x": fail rather than overwrite
        fh.write(text)
    return path
