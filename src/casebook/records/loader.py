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

from .problems import Problem

try:
    _Loader = yaml.CSafeLoader
    _Base = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
    _Base = None

_KIND_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

if _Base is not None:
    class _ComposeLoader(_Base):
        """libyaml's composer with a no-op resolver: we read plain scalars ourselves, so PyYAML's
        per-scalar YAML 1.1 regex matching (the costliest part of a load) is skipped. Explicit
        tags are kept as written, so unknown ones are still caught."""

        def resolve(self, kind, value, implicit):
            return _KIND_TAGS[kind]
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
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s\[\]{},]", re.M)
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class Document:
    """A loaded case file: its data and where every value and key stands in the file.

    Positions are looked up in the composed YAML node tree only when asked for (a problem
    is being reported), so valid files pay nothing for them."""

    def __init__(self, path: str, data: dict | None, root=None, text: str = ""):
        self.path = path
        self.data = data
        self.root = root
        self.text = text
        self._index: tuple | None = None

    def _indexed(self) -> tuple:
        if self._index is None:
            marks: dict = {}
            key_marks: dict = {}
            quoted: set = set()
            ends: dict = {}
            stack = [(self.root, ())] if self.root is not None else []
            while stack:
                node, path = stack.pop()
                m, e = node.start_mark, node.end_mark
                marks[path] = (m.line + 1, m.column + 1)
                ends[path] = (e.line + 1, e.column + 1)
                if isinstance(node, yaml.ScalarNode):
                    if node.style in ("'", '"'):
                        quoted.add(path)
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
                else:
                    for key_node, value_node in node.value:
                        kpath = path + (key_node.value,)
                        if kpath not in key_marks:  # the first of duplicates, as the builder keeps
                            km = key_node.start_mark
                            key_marks[kpath] = (km.line + 1, km.column + 1)
                            stack.append((value_node, kpath))
            self._index = (marks, key_marks, quoted, ends)
        return self._index

    @property
    def marks(self) -> dict:
        """Path into the data → (line, column), both 1-based, of the value."""
        return self._indexed()[0]

    @property
    def key_marks(self) -> dict:
        """Path into the data → (line, column) of the mapping key that introduces it."""
        return self._indexed()[1]

    @property
    def quoted(self) -> set:
        """Paths whose value was written as a quoted string (so "12" is text, 12 a number)."""
        return self._indexed()[2]

    @property
    def ends(self) -> dict:
        """Path into the data → (line, column) just after the value ends."""
        return self._indexed()[3]

    def _walk(self, path: tuple) -> list:
        """``[(value_node, key_node), ...]`` from the root down ``path`` as far as it exists."""
        found = []
        node, key_node = self.root, None
        for part in path:
            if node is None:
                break
            found.append((node, key_node))
            nxt = None
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                nxt, key_node = node.value[part], None
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == part:
                        nxt, key_node = v, k
                        break
            node = nxt
        if node is not None:
            found.append((node, key_node))
        return found

    def release(self, keep: list[tuple]) -> None:
        """Drop the node tree (most of a document's memory), remembering the positions of
        ``keep`` for problems still to be reported (the checks across files)."""
        self._kept = {tuple(p): self.mark(p) for p in keep}
        self.root = None
        self._index = None

    def mark(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """The best position for a problem at ``path``: the value (or, with ``key``, its key),
        else the nearest enclosing value that exists."""
        if self.root is None and getattr(self, "_kept", None) is not None:
            return self._kept.get(tuple(path), (1, 1))
        chain = self._walk(tuple(path))
        if not chain:
            return (1, 1)
        if len(chain) == len(path) + 1:
            value_node, key_node = chain[-1]
            m = (key_node if key and key_node is not None else value_node).start_mark
            return (m.line + 1, m.column + 1)
        m = chain[-1][0].start_mark
        return (m.line + 1, m.column + 1)


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
    """Walk the event stream (iterative, cheap) for anchors, aliases and excessive depth."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            m = event.start_mark
            raise _LoadError(m.line + 1, m.column + 1,
                             f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full")
        anchor = getattr(event, "anchor", None)
        if anchor:
            m = event.start_mark
            raise _LoadError(m.line + 1, m.column + 1,
                             f"YAML anchors (&{anchor}) are not allowed; write the value out in full")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                m = event.start_mark
                raise _LoadError(m.line + 1, m.column + 1,
                                 f"values are nested more than {MAX_DEPTH} levels deep; a case needs at most 3")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _scalar(node: yaml.ScalarNode):
    if node.tag not in _STANDARD_TAGS:
        raise _LoadError(node.start_mark.line + 1, node.start_mark.column + 1,
                         f"YAML tag {node.tag!r} is not allowed; remove it and write a plain value")
    value = node.value
    if node.style:  # quoted or block scalar: always text
        return value
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


def _build(node, depth: int = 0):
    """Python values from a node tree (positions are left in the nodes for later)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    m = node.start_mark
    if depth >= MAX_DEPTH:
        raise _LoadError(m.line + 1, m.column + 1,
                         f"values are nested more than {MAX_DEPTH} levels deep; a case needs at most 3")
    if node.tag not in _STANDARD_TAGS:
        raise _LoadError(m.line + 1, m.column + 1, f"YAML tag {node.tag!r} is not allowed; remove it")
    depth += 1
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, depth) for item in node.value]
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            km = key_node.start_mark
            raise _LoadError(km.line + 1, km.column + 1, "a field name must be plain text, not a list or mapping")
        key = key_node.value
        if key in result:
            km = key_node.start_mark
            first = next(k.start_mark.line + 1 for k, _ in node.value if k.value == key)
            raise _LoadError(km.line + 1, km.column + 1,
                             f"duplicate field {key!r} (first given at line {first}); keep one")
        result[key] = _build(value_node, depth)
    return result


def load_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a :class:`Document`; problems come back instead of exceptions."""
    try:
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text.strip() or all(
            not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
        ):
            raise _LoadError(1, 1, "the file is empty; fill in the template from 'casebook new' or delete the file")
        odd = _ODD_BREAK.search(text)
        if odd:
            line, col = _position(text, odd.start())
            raise _LoadError(line, col, f"the character {_ODD_BREAK_NAMES[odd.group()]} is not allowed "
                                        "(it is often pasted from a PDF or word processor); "
                                        "replace it with an ordinary line break or a space")
        if (("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text)) or _depth_bound(text) > 500:
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
        return Document(path, _build(root), root, text), []
    except _LoadError as exc:
        return None, [Problem(path, exc.line, exc.col, exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "invalid YAML").strip()
        if exc.context:
            problem = f"{problem} ({exc.context.strip()})"
        lines = _BREAK.split(text) if mark else []
        at = lines[line - 1][col - 1:col] if line <= len(lines) else ""
        return None, [Problem(path, line, col, f"YAML syntax error: {problem}", hint=_syntax_hint(problem, at))]
    except yaml.reader.ReaderError as exc:
        index = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml reports a byte offset into the UTF-8 text
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        line, col = _position(text, index)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return None, [Problem(path, line, col,
                              f"character U+{char:04X} is not allowed in YAML ({exc.reason}); delete it")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "values are nested too deeply; a case needs at most 3 levels")]


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
