"""What the server may reuse while the store stays as it is: validators and computed counts.

The server only reads the store; what it answers changes when an ingest writes to it, which
moves the store file's (or its write-ahead log's) size and time. The ETag is that state and the
URL, so a client that asks again with ``If-None-Match`` gets a 304 without the route running,
and ``Cache-Control: no-cache`` makes every client ask before reusing an answer. ``StoreMemo``
keeps what a search costs most to count (its total, facets, chart and answers) under the same
state, so paging through a search, or coming back to it, does not count it all again.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")


def store_files(db_path: str | Path) -> list[Path]:
    """The files whose size and time change when the store is written: the database and its log."""
    return [Path(db_path), Path(f"{db_path}-wal")]


def store_state(files: list[Path]) -> str:
    """The size and modification time of each file: any write to the store changes it."""
    parts = []
    for file in files:
        try:
            info = os.stat(file)
            parts.append(f"{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "|".join(parts)


class StoreMemo:
    """Values computed from the store, kept (the ``size`` last used) until the store changes."""

    def __init__(self, db_path: str | Path, size: int = 256) -> None:
        self.files = store_files(db_path)
        self.size = size
        self._state = ""
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple[str, Hashable], _Flight] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept under ``key`` for the store as it is now, else ``compute()`` kept.
        Requests asking for a key being computed wait for that value instead of computing it
        again (eight clients opening one new search cost one search, not eight at once), and
        share its error if it fails (a count over the time limit is not tried again in a queue)."""
        state = store_state(self.files)
        with self._lock:
            if state != self._state:
                self._values.clear()
                self._state = state
            elif key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
            flight = self._computing.setdefault((state, key), _Flight())
        try:
            with flight.lock:  # other keys go on meanwhile: only this one waits
                if flight.error is not None:
                    raise flight.error
                with self._lock:
                    if self._state == state and key in self._values:  # computed while this one waited
                        return self._values[key]  # type: ignore[return-value]
                try:
                    value = compute()
                except Exception as exc:
                    flight.error = exc
                    raise
                with self._lock:
                    # a value counted while an ingest wrote may mix both states: keep it only if none did
                    if self._state == state == store_state(self.files):
                        self._values[key] = value
                        if len(self._values) > self.size:
                            self._values.popitem(last=False)
                return value
        finally:
            with self._lock:
                # the last one through (and not a newer flight of the key): the next request starts afresh
                if self._computing.get((state, key)) is flight and not flight.lock.locked():
                    del self._computing[(state, key)]


@dataclass
class _Flight:
    """One computation of a kept value: the lock its waiters queue on, and its error if it failed."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    error: Exception | None = None


class CacheValidation:
    """ASGI middleware: ETag and Cache-Control on GET answers, 304 for a matching If-None-Match."""

    def __init__(self, app: ASGIApp, db_path: str | Path) -> None:
        self.app = app
        self.files = store_files(db_path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        seed = f"{store_state(self.files)}\n{scope.get('path', '')}?{query}".encode()
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
