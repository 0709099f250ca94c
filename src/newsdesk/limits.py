"""A per-document time limit, so one pathological page cannot hang a batch."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import DocumentTimeout


@contextmanager
def time_limit(seconds: float, limit: float | None = None) -> Iterator[None]:
    """Raise DocumentTimeout when the block runs longer than ``seconds`` (main thread, Unix).

    ``limit`` is the setting the message names, when ``seconds`` is only what is left of it.
    Elsewhere (worker threads, Windows) it is a no-op; process pools enforce limits there.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        said = seconds if limit is None else limit
        raise DocumentTimeout(f"processing took longer than {said:g} s (setting document_timeout)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
