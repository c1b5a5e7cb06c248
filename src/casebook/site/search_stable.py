"""Make Pagefind's output byte-identical from run to run (builds are reproducible).

Pagefind 1.5 writes each filter's values in hash-map order, which changes between runs, and so
the filter files' names, the index's metadata file that names them, and ``pagefind-entry.json``
that names that; it also leaves a second, unreferenced metadata file and its filter files.
:func:`stabilise` rewrites the filter files with their values sorted, names every rewritten
file by a hash of its content, and removes what nothing references. The files are
``gzip("pagefind_dcd" + CBOR)``; the small CBOR codec below covers what Pagefind writes
(integers, strings, arrays, maps, simple values).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

__all__ = ["stabilise"]

_SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if major == 7:
        if info == 20:
            return False, at
        if info == 21:
            return True, at
        if info == 22:
            return None, at
        size = {25: 2, 26: 4, 27: 8}[info]
        fmt = {2: ">e", 4: ">f", 8: ">d"}[size]
        return struct.unpack(fmt, data[at:at + size])[0], at + size
    if info < 24:
        arg = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        arg = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 2:
        return data[at:at + arg], at + arg
    if major == 3:
        return data[at:at + arg].decode("utf-8"), at + arg
    if major in (4, 5):
        items = []
        for _ in range(arg * (2 if major == 5 else 1)):
            item, at = _decode(data, at)
            items.append(item)
        if major == 5:
            return dict(zip(items[::2], items[1::2])), at
        return items, at
    raise ValueError(f"unexpected CBOR type {major}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large")


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(type(value))


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    return _decode(raw, len(_SIGNATURE))[0]


def _write(folder: Path, prefix: str, suffix: str, digits: int, value: Any) -> str:
    """Write ``value`` as ``<prefix><hash><suffix>``; return ``<prefix><hash>`` minus any
    ``pagefind.`` prefix (the name Pagefind's files use for each other)."""
    body = gzip.compress(_SIGNATURE + _encode(value), mtime=0)
    name = prefix + hashlib.sha256(body).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(body)
    return name.removeprefix("pagefind.")


def stabilise(out: Path) -> dict[str, list[str]]:
    """Rewrite ``out`` (a Pagefind bundle) so that equal input gives equal bytes; return every
    filter's values, sorted (``{"benefit": ["Workforce", …], …}``), read on the way."""
    entry_path = out / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    values: dict[str, set[str]] = {}
    for lang, info in entry["languages"].items():
        meta_path = out / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, file hash], ...]
        rewritten = []
        for name, file_hash in sorted(filters):
            path = out / "filter" / f"{file_hash}.pf_filter"
            data = _read(path)  # [filter name, [[value, [page numbers]], ...]]
            data[1] = sorted(data[1], key=lambda pair: pair[0])
            values.setdefault(name, set()).update(str(pair[0]) for pair in data[1])
            rewritten.append([name, _write(out / "filter", f"{lang}_", ".pf_filter", 7, data)])
        meta[3] = rewritten
        info["hash"] = _write(out, f"pagefind.{lang}_", ".pf_meta", 10, meta)
    keep = {f"pagefind.{info['hash']}.pf_meta" for info in entry["languages"].values()}
    for path in out.glob("*.pf_meta"):
        if path.name not in keep:
            path.unlink()
    used = {f"{h}.pf_filter" for info in entry["languages"].values()
            for _, h in _read(out / f"pagefind.{info['hash']}.pf_meta")[3]}
    for path in (out / "filter").glob("*.pf_filter"):
        if path.name not in used:
            path.unlink()
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {name: sorted(v) for name, v in sorted(values.items())}

