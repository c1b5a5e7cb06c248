"""Web addresses a case may publish: public http(s) pages, parsed with a real URL parser.

Used for source ``url`` fields and for every link a rendered narrative produces. An address is
refused, with the reason, when its scheme is not http(s), it hides a user name (``a@b``), holds
backslashes, spaces or control characters, or names a host readers cannot reach or should not be
sent to: ``localhost``, loopback, private, link-local and other special-purpose addresses.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

_SCHEMES = ("http", "https")
# Characters that end an attribute or a Markdown link, or that browsers strip or fold.
_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}\.?$", re.I)
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".onion")


def _ip(host: str):
    """The IP address ``host`` stands for, including the forms browsers accept for IPv4
    (``2130706433``, ``0x7f.1``, ``127.1``), or ``None`` for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.ip_address(socket.inet_aton(host.rstrip(".")))
        except OSError:
            return None
    return None


def _host_problem(host: str) -> str | None:
    name = host.rstrip(".").lower()
    if not name.isascii() and not name.startswith("["):
        # Browsers map a host through IDNA before using it: full-width letters and digits,
        # circled digits and ideographic full stops become ASCII ('①②⑦。0.0.1' is 127.0.0.1,
        # 'ＬＯＣＡＬＨＯＳＴ' is localhost). Check the host they would really reach.
        try:
            name = name.encode("idna").decode("ascii").rstrip(".")
        except UnicodeError:
            return f"its host {host!r} is not a valid domain name"
    if name == "localhost" or name.endswith(_LOCAL_SUFFIXES):
        return f"its host {host!r} is this computer or a local network"
    ip = _ip(name)
    if ip is not None:
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified \
                or ip.is_multicast or ip.is_reserved or not ip.is_global:
            return f"its host {host!r} is a loopback, private, link-local or reserved address"
        return None
    if "." not in name:
        return f"its host {host!r} is not a public domain name"
    return None


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be published (``None`` when it may): a short clause for a message."""
    bad = _FORBIDDEN.search(url)
    if bad:
        what = {"\\": "a backslash", " ": "a space"}.get(bad.group(), f"the character {bad.group()!r}")
        return f"it contains {what}"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "it is not a valid address"
    if parts.scheme.lower() not in _SCHEMES:
        if url.startswith("//"):
            return "it has no scheme (a protocol-relative address); write https://"
        return "it is not an http:// or https:// address"
    if not url[len(parts.scheme):].startswith("://") or not parts.netloc:
        return "it does not name a host; write http://host/path"
    if "@" in parts.netloc:
        return "it holds a user name or password before '@', which can disguise the real host"
    if port == 0:
        return "its port is not valid"
    return _host_problem(parts.hostname or "")
