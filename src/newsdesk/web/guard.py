"""What every response gets, before any route runs: a bound on requests in flight, answered at
once with 503 and ``Retry-After`` when it is reached (instead of queueing for a minute behind
heavy queries), the security headers a read-only site wants, and HEAD answered as GET without
its body."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Requests served at once; sync routes run in a pool of 40 threads, so a few are always free.
MAX_IN_FLIGHT = 16
RETRY_AFTER_SECONDS = 1

SECURITY_HEADERS = [
    # everything the pages use comes from this site; nothing may frame them
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """ASGI middleware: bounded concurrency and security headers."""

    def __init__(self, app: ASGIApp, max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # HEAD is GET without the body: every page and API route answers it
        head = scope.get("method") == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if self.in_flight >= self.max_in_flight:
            await _busy(scope, with_headers)
            return
        self.in_flight += 1  # one event loop: no lock needed between the check and the count
        try:
            await self.app(scope, receive, with_headers)
        finally:
            self.in_flight -= 1


async def _busy(scope: Scope, send: Send) -> None:
    message = f"busy: more than {MAX_IN_FLIGHT} requests at once; try again in a second"
    if scope["path"].startswith("/api/") or scope["path"] == "/openapi.json":
        body, kind = json.dumps({"error": {"status": 503, "message": message}}).encode(), b"application/json"
    else:
        body, kind = f"<!doctype html><title>busy</title><p>{message}</p>".encode(), b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"retry-after", str(RETRY_AFTER_SECONDS).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
