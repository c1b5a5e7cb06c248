"""Where a project's parts live, so every command and the plugin agree on defaults."""

from __future__ import annotations

import os
from pathlib import Path

CASES_DIR = "cases"
DATA_DIR = "_data"
TAXONOMY_FILE = "taxonomy.yaml"
SCHEMA_FILE = "case.schema.json"


def default_cases_dir() -> Path:
    return Path(CASES_DIR)


def default_schema_path() -> Path:
    return Path(CASES_DIR) / DATA_DIR / SCHEMA_FILE


def _checkout_root() -> Path:
    # src/casebook/records/project.py → the repository root of an editable install
    return Path(__file__).resolve().parents[3]


def find_taxonomy(explicit: str | None, paths: list[str]) -> Path:
    """The taxonomy file to use: ``--taxonomy``, else ``_data/taxonomy.yaml`` beside the first
    case folder or file named, else ``./cases/_data/taxonomy.yaml``, else this checkout's."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise FileNotFoundError(f"taxonomy file not found: {explicit}")
        return p
    candidates = []
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        candidates.append(folder / DATA_DIR / TAXONOMY_FILE)
    candidates.append(Path(CASES_DIR) / DATA_DIR / TAXONOMY_FILE)
    candidates.append(_checkout_root() / CASES_DIR / DATA_DIR / TAXONOMY_FILE)
    for c in candidates:
        if c.is_file():
            return c
    if any(Path(raw).exists() for raw in paths) or Path(CASES_DIR).is_dir():
        return PACKAGED_TAXONOMY  # a casebook without its own vocabularies uses the packaged ones
    raise FileNotFoundError(
        f"no taxonomy found (looked for {CASES_DIR}/{DATA_DIR}/{TAXONOMY_FILE}); "
        "run from the project folder or pass --taxonomy"
    )


def relative(path: str | os.PathLike) -> str:
    """``path`` relative to the working folder when it is inside it (shorter messages)."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


#: The vocabularies shipped with the package, used when a casebook has none of its own.
PACKAGED_TAXONOMY = Path(__file__).with_name("default_taxonomy.yaml")


def taxonomy_for(cases_dir: Path, explicit: Path | None = None) -> Path:
    """The taxonomy a build uses: ``explicit``, else ``<cases>/_data/taxonomy.yaml``, else the
    packaged default (so a new casebook needs only ``mkdocs.yml`` and ``cases/``)."""
    if explicit:
        return Path(explicit)
    own = Path(cases_dir) / DATA_DIR / TAXONOMY_FILE
    return own if own.is_file() else PACKAGED_TAXONOMY
