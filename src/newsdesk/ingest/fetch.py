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
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _get(url, settings)
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
            if not ip.is_global or ip.is_multicast:
                raise BlockedAddress(
                    f"{host} resolves to {address}, a private, loopback or link-local address "
                    "(pass --allow-private to fetch it anyway)"
                )
    return addresses[0]


def _get(url: str, settings: Settings) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: no host name")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = check_address(parts.hostname, port, settings.allow_private_addresses)
    connection = _connection(parts.scheme, parts.hostname, address, port, settings.fetch_timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
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
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.fetch_max_bytes:
            raise FetchError(f"{url}: {int(declared) / 1e6:.1f} MB is over the fetch size limit")
        body = response.read(settings.fetch_max_bytes + 1)
        if len(body) > settings.fetch_max_bytes:
            raise FetchError(f"{url}: the response is over the {settings.fetch_max_bytes / 1e6:.1f} MB limit")
        return response.status, headers, body
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"{url}: {exc}") from exc
    finally:
        connection.close()


def _connection(scheme: str, host: str, address: str, port: int, timeout: float) -> http.client.HTTPConnection:
    if scheme == "http":
        return http.client.HTTPConnection(address, port, timeout=timeout)
    context = ssl.create_default_context()

    class PinnedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:  # connect to the checked address, verify the certificate for host
            sock = socket.create_connection((address, port), timeout)
            self.sock = context.wrap_socket(sock, server_hostname=host)

    return PinnedHTTPS(host, port, timeout=timeout, context=context)
