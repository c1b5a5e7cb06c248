"""Characters in case text: what is never allowed, what is invisible, what looks deceptive.

Every string a case holds passes :func:`bad_character` (whatever YAML escape wrote it). Required
text that is blank once invisible characters are removed counts as missing. Names that mix
look-alike scripts, and names that differ from another case's only in such tricks, are warned
about.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and newline, DEL, the line and paragraph separators (the loader
# rejects them written raw; written as YAML escapes "\L" and "\P" they must fail the same way),
# and the bidirectional embedding, override and isolate controls of the "Trojan Source" attack
# (U+202A–U+202E, U+2066–U+2069).
_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing although they are not format characters (Unicode category Cf).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Scripts whose letters are easily mistaken for each other; a word mixing two is suspicious.
_CONFUSABLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC",
                                 "FULLWIDTH", "MATHEMATICAL"})
_WORD = re.compile(r"\w+")
# Cyrillic and Greek letters that look like Latin ones, for comparing names.
_LOOKALIKES = str.maketrans("аеорсухіјѕԁԛԝмнткв" "αεοτικνρχγ", "aeopcyxijsdqwmhtkb" "aeotiknpxy")


def bad_character(text: str) -> str | None:
    """A description of the first forbidden character in ``text`` (``None`` if there is none)."""
    m = _BAD.search(text)
    if m is None:
        return None
    ch = m.group()
    name = unicodedata.name(ch, "")
    if ch in "\u2028\u2029":
        kind = "a Unicode line break that YAML and browsers read differently"
    elif name:
        kind = "a bidirectional control character"
    else:
        kind = "a control character"
    return f"U+{ord(ch):04X}{f' ({name.lower()})' if name else ''}, {kind}"


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only spaces, zero-width and other format characters."""
    if text.isascii():
        return not text.strip()
    return all(ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) == "Cf" for ch in text)


def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def mixed_script_word(text: str) -> tuple[str, list[str]] | None:
    """The first word that mixes look-alike scripts (a Cyrillic 'А' in a Latin word), with them."""
    if text.isascii():
        return None
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        suspicious = sorted(scripts & _CONFUSABLE_SCRIPTS)
        if len(suspicious) > 1:
            return word, [s.title() for s in suspicious]
    return None


def name_key(name: str) -> str:
    """What a name reads as: compatibility forms folded, case ignored, look-alike letters mapped to
    Latin, invisible characters, spaces and punctuation dropped. Two names with the same key
    look the same (or nearly) to a reader."""
    text = unicodedata.normalize("NFKC", name).casefold().translate(_LOOKALIKES)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())
