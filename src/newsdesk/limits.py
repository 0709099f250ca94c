"""A per-document time limit, so one pathological page cannot hang a batch."""

from __future__ import annotations

import gc
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import DocumentTimeout

#: Seconds after which the alarm rings again while the block still runs. Python drops an exception
#: raised where it cannot propagate (a garbage-collector callback, a ``__del__``), and a broad
#: ``except`` in a library may swallow it: the document must still stop, a moment later.
RING_AGAIN = 0.1


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

    collecting = [False]

    def watch_collection(phase: str, info: dict[str, int]) -> None:
        collecting[0] = phase == "start"

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        # inside a collection (its weakref callbacks and finalizers) or a collector callback,
        # Python would print the exception and drop it; the alarm rings again shortly
        if collecting[0] or _in_gc_callback(frame):
            return
        said = seconds if limit is None else limit
        raise DocumentTimeout(f"processing took longer than {said:g} s (setting document_timeout)")

    gc.callbacks.insert(0, watch_collection)  # first: it knows a collection began before any other callback runs
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.callbacks.remove(watch_collection)


def _in_gc_callback(frame: FrameType | None) -> bool:
    """Whether the interrupted code runs inside a garbage-collector callback (hypothesis and
    profilers install them), where a raised exception is printed and dropped."""
    codes = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    for _ in range(8):  # the callback's own frame or a few calls below it
        if frame is None:
            return False
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False
