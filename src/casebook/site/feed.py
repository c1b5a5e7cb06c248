"""``/feed.xml``: an Atom feed of cases, newest first by the date they joined the casebook."""

from __future__ import annotations

import datetime as _dt
from xml.sax.saxutils import escape, quoteattr

from .cite import SITE_TITLE, case_url
from .urls import DIRECTORY_URLS, Urls

FEED_SIZE = 50


def newest(cases: list[dict], n: int | None = None) -> list[dict]:
    """Cases newest first by ``added`` (then last review, then id, so ties are stable)."""
    def key(c: dict) -> tuple:
        added = c.get("added") or c["last_reviewed"]
        return (added, c["last_reviewed"], c["id"])

    ordered = sorted(cases, key=key, reverse=True)
    return ordered if n is None else ordered[:n]


def _stamp(day: _dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(cases: list[dict], urls: Urls = DIRECTORY_URLS) -> str:
    """The feed's XML. Every text is escaped; dates come from the records, never the clock."""
    items = newest(cases, FEED_SIZE)
    root = urls.root
    updated = max((c.get("added") or c["last_reviewed"] for c in cases), default=_dt.date(2000, 1, 1))
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(SITE_TITLE)}</title>",
           f"<subtitle>{escape('New case studies, newest first')}</subtitle>",
           f"<id>{escape(root)}</id>",
           f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(root)}/>",
           f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(root + 'feed.xml')}/>",
           f"<updated>{_stamp(updated)}</updated>",
           "<author><name>Casebook contributors</name></author>"]
    for c in items:
        url = case_url(c, urls)
        added = c.get("added") or c["last_reviewed"]
        out += ["<entry>", f"<title>{escape(c['name'])}</title>", f"<id>{escape(url)}</id>",
                f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(url)}/>",
                f"<published>{_stamp(added)}</published>",
                f"<updated>{_stamp(max(added, c['last_reviewed']))}</updated>",
                f"<summary>{escape(c['summary'])}</summary>", "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
