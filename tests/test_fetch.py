"""The URL guard, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk import BlockedAddress, FetchError, Settings
from newsdesk.ingest.fetch import fetch

PAGE = "<html><head><title>T</title></head><body><p>Caf\u00e9 society</p></body></html>".encode("cp1252")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1252")
            self.end_headers()
            self.wfile.write(PAGE)
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(60):  # a body that trickles on for a minute
                    self.wfile.write(b"<p>more</p>")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass  # the client left
        elif self.path == "/huge":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 200_000)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_refuses_loopback_by_default(server: str) -> None:
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch(server + "/page", Settings())


def test_fetch_follows_redirects_and_reports_the_charset_when_allowed(server: str) -> None:
    raw = fetch(server + "/redirect", Settings(allow_private_addresses=True))
    assert raw.url == server + "/page"
    assert raw.http_charset == "windows-1252"
    assert raw.data == PAGE
    assert raw.fetched_at is not None


def test_fetch_enforces_the_size_cap_and_reports_http_errors(server: str) -> None:
    allowed = Settings(allow_private_addresses=True, fetch_max_bytes=100_000)
    with pytest.raises(FetchError, match="limit"):
        fetch(server + "/huge", allowed)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server + "/nothing", allowed)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "file:///etc/passwd", "http://[::1]/", "http://169.254.169.254/"]
)
def test_fetch_refuses_other_schemes_and_internal_targets(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, Settings())


def test_fetch_timeout_bounds_the_whole_fetch_not_each_read(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="setting fetch_timeout"):
        fetch(f"{server}/slow", Settings(allow_private_addresses=True, fetch_timeout=1.5))
    assert time.monotonic() - started < 5  # each read came within the limit; the whole fetch did not


@pytest.mark.parametrize(
    "address",
    ["64:ff9b::7f00:1", "64:ff9b::a00:1", "2002:7f00:1::1", "2002:c0a8:101::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"],
)
def test_fetch_guard_sees_private_ipv4_inside_ipv6_forms(address: str) -> None:
    import ipaddress

    from newsdesk.ingest.fetch import _public

    assert not _public(ipaddress.ip_address(address))  # NAT64, 6to4 and mapped forms of private IPv4
    assert _public(ipaddress.ip_address("2002:5db8:d822::1"))  # 6to4 of a public IPv4 address
    assert _public(ipaddress.ip_address("64:ff9b::5db8:d822"))
