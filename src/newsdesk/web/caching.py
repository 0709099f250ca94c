"""Validators from the store's state: an ETag on every GET answer and a 304 when it still holds.

The server only reads the store; what it answers changes when an ingest writes to it, which
moves the store file's (or its write-ahead log's) size and time. The ETag is that state and the
URL, so a client that asks again with ``If-None-Match`` gets a 304 without the route running,
and ``Cache-Control: no-cache`` makes every client ask before reusing an answer.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class CacheValidation:
    """ASGI middleware: ETag and Cache-Control on GET answers, 304 for a matching If-None-Match."""

    def __init__(self, app: ASGIApp, db_path: str | Path) -> None:
        self.app = app
        self.files = [Path(db_path), Path(f"{db_path}-wal")]

    def _state(self) -> str:
        parts = []
        for file in self.files:
            try:
                info = os.stat(file)
                parts.append(f"{info.st_size}:{info.st_mtime_ns}")
            except OSError:
                parts.append("-")
        return "|".join(parts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        seed = f"{self._state()}\n{scope.get('path', '')}?{query}".encode()
        etag = f'W/"{hashlib.sha1(seed).hexdigest()[:20]}"'.encode()
        headers = dict(scope.get("headers") or [])
        if etag in [tag.strip() for tag in headers.get(b"if-none-match", b"").split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def validated(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message.get("headers", []), (b"etag", etag), (b"cache-control", b"no-cache")]
            await send(message)

        await self.app(scope, receive, validated)
