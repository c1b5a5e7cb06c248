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


def ip_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_loopback: bool = False) -> str | None:
    """Why a reader (or ``casebook check-sources``) must not be sent to ``ip``: loopback, private,
    link-local, unspecified, multicast, reserved or otherwise not global. ``allow_loopback`` lets
    a test reach its own server on 127.0.0.1 and nothing else."""
    if allow_loopback and ip.is_loopback:
        return None
    if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified \
            or ip.is_multicast or ip.is_reserved or not ip.is_global:
        return "is a loopback, private, link-local or reserved address"
    return None


def _host_problem(host: str, allow_loopback: bool = False) -> str | None:
    name = host.rstrip(".").lower()
    if not name.isascii() and not name.startswith("["):
        # Browsers map a host through IDNA before using it: full-width letters and digits,
        # circled digits and ideographic full stops become ASCII ('①②⑦。0.0.1' is 127.0.0.1,
        # 'ＬＯＣＡＬＨＯＳＴ' is localhost). Check the host they would really reach.
        try:
            name = name.encode("idna").decode("ascii").rstrip(".")
        except UnicodeError:
            return f"its host {host!r} is not a valid domain name"
    if allow_loopback and name == "localhost":
        return None
    if name == "localhost" or name.endswith(_LOCAL_SUFFIXES):
        return f"its host {host!r} is this computer or a local network"
    ip = _ip(name)
    if ip is not None:
        why = ip_problem(ip, allow_loopback)
        return f"its host {host!r} {why}" if why else None
    if "." not in name:
        return f"its host {host!r} is not a public domain name"
    return None


def url_problem(url: str, allow_loopback: bool = False) -> str | None:
    """Why ``url`` may not be published (``None`` when it may): a short clause for a message.
    ``allow_loopback`` (for tests of ``casebook check-sources`` only) accepts 127.0.0.1."""
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
    return _host_problem(parts.hostname or "", allow_loopback)


def resolve_public(host: str, port: int, allow_loopback: bool = False,
                   resolver=socket.getaddrinfo) -> tuple[str | None, str | None]:
    """Resolve ``host`` and return ``(address to connect to, None)``, or ``(None, why not)``.

    A name that resolves to a private, loopback or link-local address (any of its addresses) is
    refused, so a public-looking name cannot lead the checker into a private network; the caller
    connects to the returned address itself, so the name is not resolved a second time."""
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        return None, f"its host {host!r} could not be resolved ({exc.__class__.__name__})"
    addresses = sorted({info[4][0] for info in infos})
    if not addresses:
        return None, f"its host {host!r} has no address"
    for address in addresses:
        why = ip_problem(ipaddress.ip_address(address.split("%", 1)[0]), allow_loopback)
        if why:
            return None, f"its host {host!r} resolves to {address}, which {why}"
    return addresses[0], None
