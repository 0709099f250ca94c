"""Fetch one URL with a guard: http(s) only, a timeout, a size cap, no private targets.

Every address a host name resolves to is checked *before* connecting, and the connection is then
made to that checked address (not re-resolved), so DNS rebinding cannot slip past the guard.
Redirects are followed by hand, each hop checked the same way.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from ..errors import BlockedAddress, FetchError
from ..extract.decode import charset_of
from ..model import RawDocument
from ..settings import Settings

MAX_REDIRECTS = 5


def fetch(url: str, settings: Settings | None = None) -> RawDocument:
    """Download ``url`` into a RawDocument (with the HTTP charset and the fetch time)."""
    settings = settings or Settings.load()
    deadline = time.monotonic() + settings.fetch_timeout  # the whole fetch, redirects and body included
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _get(url, settings, deadline)
        if status in (301, 302, 303, 307, 308) and headers.get("location"):
            url = urljoin(url, headers["location"])
            continue
        if status >= 400:
            raise FetchError(f"{url}: HTTP {status}")
        return RawDocument(
            body, url=url, http_charset=charset_of(headers.get("content-type", "")), fetched_at=now_iso()
        )
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def now_iso() -> str:
    """The current UTC time as ISO 8601, for ``fetched_at``."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_address(host: str, port: int, allow_private: bool) -> str:
    """Resolve ``host`` and return an address that may be contacted, or raise BlockedAddress."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc}") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not _public(ip):
                raise BlockedAddress(
                    f"{host} resolves to {address}, a private, loopback or link-local address "
                    "(pass --allow-private to fetch it anyway)"
                )
    return addresses[0]


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A global unicast address, also when an IPv6 form carries an IPv4 one inside (mapped,
    6to4, NAT64, Teredo): those reach the IPv4 address they hold."""
    if not ip.is_global or ip.is_multicast:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner: list[ipaddress.IPv4Address] = []
        if ip.ipv4_mapped:
            inner.append(ip.ipv4_mapped)
        if ip.sixtofour:
            inner.append(ip.sixtofour)
        if ip.teredo:
            inner += list(ip.teredo)
        if ip in _NAT64:
            inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        return all(_public(address) for address in inner)
    return True


def _get(url: str, settings: Settings, deadline: float) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: no host name")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = check_address(parts.hostname, port, settings.allow_private_addresses)
    connection = _connection(parts.scheme, parts.hostname, address, port, _left(deadline, url, settings))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sock: socket.socket | None = None
    try:
        connection.request(
            "GET",
            path,
            headers={
                "Host": parts.netloc.rsplit("@", 1)[-1],
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        sock = connection.sock  # kept: the connection lets go of it when the response will close it
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.fetch_max_bytes:
            raise FetchError(f"{url}: {int(declared) / 1e6:.1f} MB is over the fetch size limit")
        pieces: list[bytes] = []
        size = 0
        while size <= settings.fetch_max_bytes:
            left = _left(deadline, url, settings)
            if sock is not None:
                sock.settimeout(left)
            piece = response.read1(min(1 << 16, settings.fetch_max_bytes + 1 - size))  # one read: a
            if not piece:  # slow, endless body is then stopped by the deadline, not served forever
                break
            pieces.append(piece)
            size += len(piece)
        if size > settings.fetch_max_bytes:
            raise FetchError(f"{url}: the response is over the {settings.fetch_max_bytes / 1e6:.1f} MB limit")
        return response.status, headers, b"".join(pieces)
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline:
            raise FetchError(f"{url}: took longer than {settings.fetch_timeout:g} s (setting fetch_timeout)") from exc
        raise FetchError(f"{url}: {exc}") from exc
    finally:
        connection.close()
        if sock is not None:
            sock.close()


def _left(deadline: float, url: str, settings: Settings) -> float:
    """Seconds left of the fetch's deadline, or FetchError when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: took longer than {settings.fetch_timeout:g} s (setting fetch_timeout)")
    return left


def _connection(scheme: str, host: str, address: str, port: int, timeout: float) -> http.client.HTTPConnection:
    if scheme == "http":
        return http.client.HTTPConnection(address, port, timeout=timeout)
    context = ssl.create_default_context()

    class PinnedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:  # connect to the checked address, verify the certificate for host
            sock = socket.create_connection((address, port), timeout)
            self.sock = context.wrap_socket(sock, server_hostname=host)

    return PinnedHTTPS(host, port, timeout=timeout, context=context)
