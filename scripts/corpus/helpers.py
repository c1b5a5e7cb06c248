"""Text helpers: YAML scalars, slugs, wrapping, weighted sampling, number words; the taxonomy."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import yaml

from .phrases import SMALL_WORDS
from .words import ARTICLE_REGIONS, ORG_WORDS, VOCABULARIES, WRAP

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_YAML_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(s: str) -> str:
    """A YAML scalar for ``s``: plain when unambiguous (vocabulary ids), else double-quoted."""
    if _PLAIN.fullmatch(s) and s.lower() not in _YAML_SPECIAL:
        return s
    return json.dumps(s, ensure_ascii=False)


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')


def text(s: str) -> str:
    """A YAML double-quoted scalar: any text, safely (``json.dumps`` output is valid YAML)."""
    if _NEEDS_ESCAPE.search(s):
        return json.dumps(s)  # escapes quotes, backslashes and control characters
    return '"' + s + '"'  # nothing to escape: the same as json.dumps(s, ensure_ascii=False)


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in ids) + "]"


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ā": "a", "'": ""})


def slugify(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def acronym(name: str) -> str:
    words = re.split(r"[\s,-]+", name)
    return "".join(w[0] for w in words if w and w.lower() not in SMALL_WORDS and w[0].isalpha()).upper()


# A line must not start with something Markdown would read as a list marker, heading, quote,
# table or setext underline (the narrative is Markdown; wrapping must not change its meaning).
_BAD_LINE_START = re.compile(r"[-+*#>=|`]|\d+[.)](?: |$)")


def wrap(s: str, width: int = WRAP) -> list[str]:
    """Greedy word wrap at spaces; a break is moved earlier (or, failing that, later) when the
    next line would start with a token Markdown treats specially."""
    s = " ".join(s.split())
    lines: list[str] = []
    pos, n = 0, len(s)
    while n - pos > width:
        cut = s.rfind(" ", pos, pos + width + 1)
        while cut > pos and _BAD_LINE_START.match(s, cut + 1):
            cut = s.rfind(" ", pos, cut)
        if cut <= pos:  # no safe break within the width: take the first safe one after it
            cut = s.find(" ", pos + width + 1)
            while cut != -1 and _BAD_LINE_START.match(s, cut + 1):
                cut = s.find(" ", cut + 1)
            if cut == -1:
                break
        lines.append(s[pos:cut])
        pos = cut + 1
    lines.append(s[pos:])
    return lines


def weighted_sample(rng: random.Random, items: list[str], weights: list[float], k: int) -> list[str]:
    """``k`` distinct items, drawn with probability proportional to weight."""
    items, weights = list(items), list(weights)
    out = []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights)[0]
        out.append(items.pop(i))
        weights.pop(i)
    return out


class Deck:
    """A slot that deals its items in a shuffled order, repeating only once all are used."""

    def __init__(self, rng: random.Random, items: list[str]):
        self.rng, self.items, self.pool = rng, list(items), []

    def __call__(self) -> str:
        if not self.pool:
            self.pool = self.rng.sample(self.items, len(self.items))
        return self.pool.pop()


def in_region(region: str) -> str:
    """How a region reads in running text."""
    if region in ARTICLE_REGIONS or region.endswith(" system"):
        return "the " + region
    return region


def fmt_num(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.1f}"


def words_of(n: int) -> str:
    return ORG_WORDS.get(n, str(n))


def people(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} million"
    return f"{n:,}"


def lower_first(s: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (GP, IT)."""
    first = s.split(" ", 1)[0]
    return s if len(first) > 1 and first.isupper() else s[:1].lower() + s[1:]


def sentence_case(s: str) -> str:
    return s[:1].upper() + s[1:]


def load_vocabularies(path: Path) -> dict[str, dict[str, dict]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise SystemExit(f"make_corpus: {path}: the taxonomy must be a mapping of vocabularies")
    vocab = {}
    for name in VOCABULARIES:
        entries = data.get(name) or {}
        if not isinstance(entries, dict):
            raise SystemExit(f"make_corpus: {path}: vocabulary '{name}' must be a mapping")
        vocab[name] = {str(k): (v if isinstance(v, dict) else {}) for k, v in entries.items()}
    for name in ("benefits", "sectors"):
        if not vocab[name]:
            raise SystemExit(f"make_corpus: {path}: vocabulary '{name}' is empty; cannot generate cases")
    return vocab


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------
