"""A loaded case file: its values, and where each value and key stands in the file."""

from __future__ import annotations

from typing import Any

import yaml


class Document:
    """A loaded case file: its data and where every value and key stands in the file.

    Positions are looked up in the composed YAML node tree only when asked for (a problem
    is being reported), so valid files pay nothing for them."""

    def __init__(self, path: str, data: dict, root=None, text: str = ""):
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
            stack: list[tuple[Any, tuple]] = [(self.root, ())] if self.root is not None else []
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
