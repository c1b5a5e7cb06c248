"""Paths, tools, targets; running a command under /usr/bin/time with memory sampling."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
PY = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
BIN = VENV_BIN if (VENV_BIN / "mkdocs").exists() else Path(sys.executable).parent
MKDOCS = str(BIN / "mkdocs")
CASEBOOK = str(BIN / "casebook")
ZENSICAL = str(BIN / "zensical")
TIME = "/usr/bin/time"
BENCH_DIR = REPO / "bench"
CHROMIUM = "/usr/bin/chromium"

DRAWN_RE = re.compile(r"casebook: (\d+) cases, (\d+) generated pages, (\d+) chart\(s\) drawn(?:, (\d+))?")
# Hand-written pages in content/ link to the repository's real cases, which a synthetic corpus
# does not have; those warnings say nothing about the plugin, so they are counted apart.
CORPUS_LINK_RE = re.compile(r"contains a link '[^']*cases/[^'/]+\.md', but the target .*not found")
MAXRSS_RE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
CPU_RE = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")

# Targets from the issue. Each maps to (N it applies to or None for every N, description).
TARGETS = {
    "validate_s": (10000, "< 5 s"),
    "validate_ratio": (10000, "≤ 2× CSafeLoader"),
    "build_cold_ratio": (1000, "≤ 1.5× plain"),
    "build_warm_ratio": (1000, "≤ 3.5× plain (one simple page per case)"),
    "build_cold_gen_ratio": (1000, "≤ 1.5× plain"),
    "build_warm_gen_ratio": (1000, "≤ 1.15× plain"),
    "build_peak_mb": (10000, "< 2 GB"),
    "case_html_kb": (10000, "within 10 % of N=100"),
    "warm_drawn": (None, "0 charts"),
    "edit_drawn": (None, "only own + affected site charts"),
    # Round 3: issue 19 (validate, cold/warm) and issue 18 (search).
    "validate_ratio_1000": (1000, "≤ 2.0× CSafeLoader"),
    "build_cold_warm_ratio": (1000, "≤ 1.5× warm"),
    "index_share": (1000, "≤ 10 % of the build"),
    "search_typed_s": (10000, "≤ 0.3 s"),
    "search_first_kb": (10000, "≤ 300 KB"),
}


# ------------------------------------------------------------------------------------------
# small helpers
# ------------------------------------------------------------------------------------------

T0 = time.perf_counter()


def say(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def env() -> dict:
    e = dict(os.environ)
    e["PATH"] = f"{BIN}{os.pathsep}{e.get('PATH', '')}"
    e.setdefault("PYTHONHASHSEED", "0")
    # Material 9.7+ prints an advisory about MkDocs 2.0 on every build; keep logs clean.
    e["NO_MKDOCS_2_WARNING"] = "1"
    e["DISABLE_MKDOCS_2_WARNING"] = "true"
    return e


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # ppid is the 2nd field after the ")" that closes the command name
        rest = stat[stat.rfind(b")") + 2:].split()
        kids.setdefault(int(rest[1]), []).append(int(name))
    return kids


_PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_mem(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over ``root`` and all its descendants. RSS counts pages
    shared copy-on-write by forked chart workers once per process; PSS splits them, so the
    PSS sum is the memory the whole build really occupies."""
    kids = _children_map()
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for ln in fh:
                    if ln.startswith("Rss:"):
                        rss += int(ln.split()[1]) * 1024
                    elif ln.startswith("Pss:"):
                        pss += int(ln.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            try:
                with open(f"/proc/{pid}/statm") as fh:
                    v = int(fh.read().split()[1]) * _PAGE
                    rss += v
                    pss += v
            except (OSError, IndexError, ValueError):
                pass
        stack.extend(kids.get(pid, ()))
    return rss, pss


def run(cmd: list[str], *, cwd=None, sample: bool = False, check: bool = True, timeit: bool = True) -> dict:
    """Run ``cmd`` under ``/usr/bin/time -v`` (when present); return wall time, output, max RSS
    (largest single process) and, with ``sample``, the peak RSS summed over the process tree."""
    fd, tfile = tempfile.mkstemp(prefix="bench-time-")
    os.close(fd)
    full = ([TIME, "-v", "-o", tfile] if Path(TIME).exists() else []) + cmd
    t = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    peak = peak_pss = 0
    if sample:
        import threading

        out_holder: list[str] = []
        reader = threading.Thread(target=lambda: out_holder.append(proc.stdout.read()), daemon=True)
        reader.start()
        while proc.poll() is None:
            rss, pss = tree_mem(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.1)
        reader.join()
        out = out_holder[0] if out_holder else ""
    else:
        out, _ = proc.communicate()
    wall = time.perf_counter() - t
    rc = proc.wait()
    maxrss = cpu = None
    try:
        tv = Path(tfile).read_text()
        m = MAXRSS_RE.search(tv)
        maxrss = int(m.group(1)) * 1024 if m else None
        cpu = sum(float(x) for x in CPU_RE.findall(tv)) or None  # user + sys, waited-for children included
    except OSError:
        pass
    finally:
        Path(tfile).unlink(missing_ok=True)
    if check and rc != 0:
        tail = "\n".join(out.splitlines()[-40:])
        raise SystemExit(f"benchmark: command failed ({rc}): {' '.join(cmd)}\n{tail}")
    return {"wall": wall, "cpu": cpu, "rc": rc, "out": out, "maxrss": maxrss, "tree_peak": peak or None,
            "tree_pss_peak": peak_pss or None}


def dir_size(path: Path) -> tuple[int, int]:
    total = n = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.stat(os.path.join(root, f)).st_size
            n += 1
    return total, n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------------------
# setup: corpus and the two MkDocs projects
# ------------------------------------------------------------------------------------------
