"""Load case files: YAML with a line and column for every value, and no surprises.

PyYAML's YAML 1.1 rules change what a contributor meant without a word (``no`` becomes False,
``012`` becomes 10, ``2024-01-01`` becomes a date object), and it accepts duplicate keys and
alias bombs. So we let libyaml *compose* the node graph (fast, in C) and build the Python values
ourselves with a deliberately small scalar grammar: plain ``true``/``false``, ``null``, decimal
numbers without leading zeros, and strings for everything else. The validator then interprets a
string against what each field expects and says exactly what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .document import Document
from .problems import Problem

_Loader: type[yaml.CSafeLoader | yaml.SafeLoader]
_Base: type[yaml.CBaseLoader] | None
try:
    _Loader = yaml.CSafeLoader
    _Base = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
    _Base = None

#: The tag a plain, untagged scalar gets, so explicit tags (``!!str 12``) stay distinguishable.
_IMPLICIT = "tag:casebook,2025:implicit"
_KIND_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

_ComposeLoader: type[yaml.CBaseLoader | yaml.CSafeLoader | yaml.SafeLoader]
if _Base is not None:
    class _LibyamlComposeLoader(yaml.CBaseLoader):  # yaml.CBaseLoader is _Base here
        """libyaml's composer with a no-op resolver: we read plain scalars ourselves, so PyYAML's
        per-scalar YAML 1.1 regex matching (the costliest part of a load) is skipped. Explicit
        tags are kept as written, so unknown ones are still caught."""

        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode and implicit[0]:
                return _IMPLICIT  # a plain scalar with no tag: read by _scalar's own grammar
            return _KIND_TAGS[kind]  # quoted, block, '!'-tagged or a collection

    _ComposeLoader = _LibyamlComposeLoader
else:  # pragma: no cover
    _ComposeLoader = _Loader

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32

Path_ = tuple  # a path into the document: ("outcomes", 0, "benefit")

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+|(?:0|[1-9][0-9]*))(?:[eE][-+]?[0-9]+)?$")
# Anything that could be an anchor (&a) or alias (*a) where a node starts; prose such as
# "A&E" or "* bullet" does not match, so most files skip the extra event scan.
_BARE_TAG = re.compile(r"(?:^|[\s\[{,:])!(?=[\s\]},]|$)", re.M)
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s\[\]{},]", re.M)
class _LoadError(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


_BREAK = re.compile(r"\r\n|\r|\n")
# Line breaks to YAML (and so to libyaml's line numbers) but not to editors: reject them, or
# every line number after one would be off by one.
_ODD_BREAK = re.compile("[\u0085\u2028\u2029]")
_ODD_BREAK_NAMES = {"\u0085": "U+0085 (next line)", "\u2028": "U+2028 (line separator)",
                    "\u2029": "U+2029 (paragraph separator)"}


def _at(mark: yaml.error.Mark | yaml._yaml.Mark | None) -> tuple[int, int]:
    """1-based line and column of an event's mark (the parser gives every event one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does."""
    lines = _BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


def _syntax_hint(problem: str, at: str = "") -> str:
    p = problem.lower()
    if "tab" in p or at == "\t":
        return "indent with spaces, never tabs"
    if "mapping values are not allowed" in p:
        return "a value that contains ': ' must be put in quotes"
    if "found character '@'" in p or "found character '`'" in p or at in ("@", "`"):
        return "a value that starts with @ or ` must be put in quotes"
    if "could not find expected ':'" in p:
        return "each line is 'field: value'; check the line above for a missing colon or an unclosed quote"
    if "nesting depth" in p:
        return "values are nested far too deeply; a case needs at most 3 levels"
    if "did not find expected" in p or "while parsing" in p:
        return "check the indentation and that quotes and brackets are closed"
    return "check the indentation and quoting on this line"


def _depth_bound(text: str) -> int:
    """A cheap upper bound on nesting depth, so libyaml's recursive composer (which crashes the
    interpreter on a very deep document) only sees files that are known to be shallow enough.
    Each level needs a bracket, a new line, or a '- '/'? ' indicator, so their count bounds it."""
    return (text.count("[") + text.count("{") + text.count("\n")
            + text.count("- ") + text.count("? ") + 2)


def _check_events(text: str) -> None:
    """Walk the event stream (iterative, cheap) for anchors, aliases, bare '!' tags and excessive depth."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _LoadError(*_at(event.start_mark),
                             f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full")
        if getattr(event, "tag", None) == "!":  # libyaml reads '! 12' as if untagged
            raise _LoadError(*_at(event.start_mark),
                             "the YAML tag '!' is not allowed; remove it, and put the value in quotes to keep it as text")
        anchor = getattr(event, "anchor", None)
        if anchor:
            raise _LoadError(*_at(event.start_mark),
                             f"YAML anchors (&{anchor}) are not allowed; write the value out in full")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _LoadError(*_at(event.start_mark),
                                 f"values are nested more than {MAX_DEPTH} levels deep; a case needs at most 3")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _plain(value: str, node: yaml.ScalarNode):
    """A plain scalar by the small grammar: null, true/false, decimal numbers, else text."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise _LoadError(node.start_mark.line + 1, node.start_mark.column + 1,
                             f"this number has {len(value.lstrip('+-'))} digits, far too many; "
                             "write a realistic number, or put text in quotes") from None
    if _FLOAT.match(value):
        return float(value)
    return value


#: Explicit tags that are honoured when the value fits them, and the Python type they promise.
_TYPED_TAGS: dict[str, tuple[str, type | tuple[type, ...]]] = {
    "tag:yaml.org,2002:int": ("!!int", int),
    "tag:yaml.org,2002:float": ("!!float", (int, float)),
    "tag:yaml.org,2002:bool": ("!!bool", bool),
    "tag:yaml.org,2002:null": ("!!null", type(None)),
}


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _scalar(node: yaml.ScalarNode):
    tag, value = node.tag, node.value
    if tag == _IMPLICIT:
        return _plain(value, node)
    if tag == "tag:yaml.org,2002:str":  # quoted, block, '!' or an explicit !!str: always text
        return value
    m = node.start_mark
    if tag in _TYPED_TAGS:
        name, expected = _TYPED_TAGS[tag]
        parsed = _plain(value, node) if not node.style else value
        if isinstance(parsed, expected) and not (expected is int and isinstance(parsed, bool)):
            return float(parsed) if tag.endswith("float") and isinstance(parsed, int | float) else parsed
        raise _LoadError(m.line + 1, m.column + 1,
                         f"the YAML tag {name} does not fit the value {value[:40]!r}; remove the tag")
    raise _LoadError(m.line + 1, m.column + 1,
                     f"the YAML tag {_short_tag(tag)[:60]!r} is not allowed; remove it and write a plain value "
                     "(only !!str, to keep a value as text, and !!int, !!float, !!bool, !!null are understood)")


def _build(node, depth: int = 0):
    """Python values from a node tree (positions are left in the nodes for later)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    m = node.start_mark
    if depth >= MAX_DEPTH:
        raise _LoadError(m.line + 1, m.column + 1,
                         f"values are nested more than {MAX_DEPTH} levels deep; a case needs at most 3")
    if node.tag != _KIND_TAGS[type(node)]:
        raise _LoadError(m.line + 1, m.column + 1,
                         f"the YAML tag {_short_tag(node.tag)[:60]!r} is not allowed here; remove it")
    depth += 1
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, depth) for item in node.value]
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            km = key_node.start_mark
            raise _LoadError(km.line + 1, km.column + 1, "a field name must be plain text, not a list or mapping")
        key = key_node.value
        if key_node.tag not in (_IMPLICIT, "tag:yaml.org,2002:str"):
            km = key_node.start_mark
            raise _LoadError(km.line + 1, km.column + 1,
                             f"the YAML tag {_short_tag(key_node.tag)[:60]!r} is not allowed on a field name; remove it")
        if key in result:
            km = key_node.start_mark
            first = next(k.start_mark.line + 1 for k, _ in node.value if k.value == key)
            raise _LoadError(km.line + 1, km.column + 1,
                             f"duplicate field {key!r} (first given at line {first}); keep one")
        result[key] = _build(value_node, depth)
    return result


def _compose(text: str):
    """The root node of ``text``, after the checks YAML itself does not make."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _LoadError(1, 1, "the file is empty; fill in the template from 'casebook new' or delete the file")
    odd = _ODD_BREAK.search(text)
    if odd:
        line, col = _position(text, odd.start())
        raise _LoadError(line, col, f"the character {_ODD_BREAK_NAMES[odd.group()]} is not allowed "
                                    "(it is often pasted from a PDF or word processor); "
                                    "replace it with an ordinary line break or a space")
    if ((("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text)) or ("!" in text and _BARE_TAG.search(text))
            or _depth_bound(text) > 500):
        _check_events(text)
    try:
        root = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.composer.ComposerError as exc:
        if "single document" in f"{exc.context} {exc.problem}" and exc.problem_mark is not None:
            m = exc.problem_mark
            raise _LoadError(m.line + 1, m.column + 1,
                             "a case file holds one YAML document; remove the '---' line and split other cases into their own files") from None
        raise
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.style and root.value in _NULL):
        raise _LoadError(1, 1, "the file has no content; fill in the template from 'casebook new'")
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        m = root.start_mark
        raise _LoadError(m.line + 1, m.column + 1,
                         f"a case must be a mapping of 'field: value' lines, but this file is {kind}")
    return root, text


_KEY_LINE = re.compile(r"^\s*(?:-(?:\s|$)|(?:- )?[^\s:#'\"][^:#]*:(?:\s|$))")


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError):
    """Where a quote was opened and never closed on its line, when that is what really went
    wrong: libyaml reads on to the next quote (or the end of the file) and reports the error
    lines later, far from the mistake. ``None`` when the error is something else."""
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        return exc.context_mark  # the file ended inside the quotes: the context is where they opened
    error_mark = exc.problem_mark or exc.context_mark
    error_line = error_mark.line if error_mark else 0
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') \
                    and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass
    if last is None:
        return None
    lines = _BREAK.split(text)
    first = lines[last.start_mark.line]
    indent = len(first) - len(first.lstrip())
    # A later line inside the "value" that reads as a 'field:' line of the same mapping (or an
    # outer one) means the quote swallowed it.
    for line in lines[last.start_mark.line + 1:last.end_mark.line + 1]:
        if _KEY_LINE.match(line) and len(line) - len(line.lstrip()) <= indent + 2:
            return last.start_mark
    return None


def _yaml_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    """A Problem for an error PyYAML raised, at its position, with a hint."""
    if isinstance(exc, yaml.MarkedYAMLError):
        quote = _unclosed_quote(text, exc)
        if quote is not None:
            return Problem(path, quote.line + 1, quote.column + 1,
                           "YAML syntax error: the quote that opens this value is not closed on its line, so the "
                           "lines after it are read as part of the value",
                           hint="close the quote at the end of the value; inside it write \\\" for a double quote")
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "invalid YAML").strip()
        if "maximum nesting depth" in problem:
            # libyaml 0.2.5 as bundled with PyYAML 6.0.4 has its own depth limit, which can fire
            # before ours: say the same thing whichever limit was reached first.
            return Problem(path, line, col, f"values are nested more than {MAX_DEPTH} levels deep; a case needs at most 3",
                           hint="check the brackets and indentation: a case needs at most 3 levels")
        if exc.context:
            problem = f"{problem} ({exc.context.strip()})"
        lines = _BREAK.split(text) if mark else []
        at = lines[line - 1][col - 1:col] if line <= len(lines) else ""
        return Problem(path, line, col, f"YAML syntax error: {problem}", hint=_syntax_hint(problem, at))
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml reports a byte offset into the UTF-8 text
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        line, col = _position(text, index)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Problem(path, line, col, f"character U+{char:04X} is not allowed in YAML ({exc.reason}); delete it")
    return Problem(path, 1, 1, f"YAML error: {exc}")


def load_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a :class:`Document`; problems come back instead of exceptions."""
    try:
        root, text = _compose(text)
        return Document(path, _build(root), root, text), []
    except _LoadError as exc:
        return None, [Problem(path, exc.line, exc.col, exc.message)]
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc, text, path)]
    except RecursionError:
        return None, [Problem(path, 1, 1, "values are nested too deeply; a case needs at most 3 levels")]


class DataFileError(ValueError):
    """A project data file (taxonomy, country list) could not be read; the message is one line
    per problem in the ``PATH:LINE:COL: error: MESSAGE`` form."""


def load_data(path: str | Path) -> dict:
    """A project data file read by the same rules as case files (no YAML 1.1 surprises:
    ``NO`` is text, not false), as a mapping. Raises :class:`DataFileError`."""
    doc, problems = load_file(path)
    if doc is None:
        raise DataFileError("\n".join(p.format() for p in problems))
    return doc.data


def load_file(path: str | Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one case file, checking size and encoding before YAML sees it."""
    shown = display or str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return None, [Problem(shown, 1, 1, "this is a folder, not a case file")]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, f"cannot read the file ({exc.strerror})")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown, 1, 1,
                              f"the file is larger than {MAX_BYTES // 1024} KiB; a case record should be a few KiB, so shorten the narrative")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return None, [Problem(shown, line, col,
                              f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file with UTF-8 encoding")]
    return load_text(text, shown)
