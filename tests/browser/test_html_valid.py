"""Every HTML page of the built site is valid HTML by the Nu HTML Checker (vnu.jar), apart
from the few findings in Material's own templates listed, with reasons, in vnu_allowlist.py."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest

from vnu_allowlist import ALLOWED, allowed

pytestmark = pytest.mark.browser


def test_every_page_is_valid_html(site_dir, vnu_command):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40, f"only {len(pages)} pages built"
    proc = subprocess.run([*vnu_command, "--format", "json", "--skip-non-html", str(site_dir)],
                          capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr and exits 1 when it finds errors.
    report = json.loads(proc.stderr or proc.stdout)
    messages = report["messages"]
    fatal = [m for m in messages if m["type"] == "non-document-error"]
    assert not fatal, f"vnu could not check some files: {fatal}"
    errors = [m for m in messages if m["type"] == "error"]
    real = [m for m in errors if not allowed(m)]
    used = Counter(allowed(m) for m in errors if allowed(m))

    def show(m):
        where = m.get("url", "").replace(site_dir.as_uri(), "")
        return f"{where}:{m.get('lastLine')}: {m['message']}\n    {m.get('extract', '').strip()[:200]}"

    assert not real, f"{len(real)} HTML error(s):\n" + "\n".join(show(m) for m in real[:40])
    # An allow-list entry that no longer matches anything is stale: remove it.
    stale = [why for _, _, why in ALLOWED if why not in used]
    assert not stale, f"allow-list entries that match nothing any more: {stale}"
