"""The privacy guard: real notes only go to teachers on loopback or private addresses unless allowed."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from medkiln.core.errors import TeacherError


def _local_ip(addr: str) -> bool:
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    return ip.is_loopback or ip.is_private


def is_local_url(url: str) -> bool:
    """True when every address the URL's host resolves to is loopback or private (RFC 1918, ULA, ...)."""
    host = urlsplit(url).hostname
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return _local_ip(host)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # cannot tell: treat as remote
    addrs = {info[4][0] for info in infos}
    return bool(addrs) and all(_local_ip(a) for a in addrs)


def redact_url(url: str) -> str:
    """Scheme, host, port and path (no credentials or query) for messages and reports."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def check_privacy(url: str, *, real: bool, allow_remote: bool) -> None:
    """Raise E101 when real data would leave for a remote teacher without explicit permission."""
    if real and not allow_remote and not is_local_url(url):
        raise TeacherError("E101", url=redact_url(url))
