"""Bad input gets a clear error or a graceful result, in bounded time."""

from __future__ import annotations

import time

import pytest

import newsdesk
from newsdesk import DocumentTimeout, InputTooLarge, Settings, Skip
from newsdesk.limits import time_limit

STORY = "<p>" + "The regional government approved a new water plan on Thursday, its spokesman said. " * 5 + "</p>"


def test_bad_input_50_megabyte_page_is_refused_quickly() -> None:
    page = b"<html><body>" + STORY.encode() * (50_000_000 // len(STORY)) + b"</body></html>"
    started = time.perf_counter()
    with pytest.raises(InputTooLarge, match="limit"):
        newsdesk.extract(page)
    assert time.perf_counter() - started < 5


def test_bad_input_100000_nested_tags_finish_gracefully() -> None:
    html = "<html><body>" + "<div>" * 100_000 + STORY + "</div>" * 100_000 + "</body></html>"
    with time_limit(60):
        try:
            article = newsdesk.extract(html)
        except Skip as skip:  # lxml stops nesting at its depth limit; no text is a graceful result
            assert "no article text" in skip.reason
        else:
            assert "water plan" in article.text


def test_bad_input_truncated_html_keeps_what_arrived() -> None:
    html = "<html><body><article>" + STORY * 3 + "<p>The last paragraph was cut off in the mid"
    article = newsdesk.extract(html)
    assert "new water plan" in article.text


def test_bad_input_mixed_encodings_are_decoded_without_crashing() -> None:
    data = ("<html><body>" + STORY + "<p>Caf\u00e9 ").encode("utf-8") + "na\u00efve \u2019x\u2019</p>".encode("cp1252")
    article = newsdesk.extract(data + b"</body></html>")
    assert "water plan" in article.text


def test_bad_input_time_limit_stops_a_runaway_document() -> None:
    with pytest.raises(DocumentTimeout):
        with time_limit(0.2):
            while True:
                pass


def test_a_time_out_swallowed_once_still_stops_the_document() -> None:
    # the first alarm can land where Python drops the exception (a gc callback) or where a
    # library catches everything; the block must stop anyway, not run to its end
    started = time.perf_counter()
    swallowed = 0
    with pytest.raises(DocumentTimeout):
        with time_limit(0.2):
            while time.perf_counter() - started < 10:
                try:
                    while time.perf_counter() - started < 10:
                        pass
                except DocumentTimeout:
                    swallowed += 1
                    if swallowed > 1:
                        raise
    assert swallowed == 2
    assert time.perf_counter() - started < 2


def test_a_time_out_never_lands_inside_a_garbage_collector_callback() -> None:
    # raised there, Python would print the exception and drop it (pytest fails the test for it)
    import gc

    calls: list[str] = []

    def slow_callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and not calls:
            calls.append(phase)
            end = time.perf_counter() + 0.5
            while time.perf_counter() < end:
                pass

    gc.callbacks.append(slow_callback)
    started = time.perf_counter()
    try:
        with pytest.raises(DocumentTimeout):
            with time_limit(0.1):
                gc.collect()
                while time.perf_counter() - started < 10:
                    pass
    finally:
        gc.callbacks.remove(slow_callback)
    assert calls and time.perf_counter() - started < 2


def test_bad_input_setting_changes_the_size_limit() -> None:
    with pytest.raises(InputTooLarge):
        newsdesk.extract(b"<html>" + b"a" * 2000, settings=Settings(max_document_bytes=1000))


def test_bad_input_thousands_of_hard_wrapped_lines_are_joined_in_bounded_time() -> None:
    # a transcript typed without punctuation: every line continues the one before it
    lines = [
        f"and then the mayor spoke about item {i} of the water plan and what it costs the town" for i in range(4000)
    ]
    text = "Water plan hearing\n\nThe mayor spoke for an hour and these are her words as the clerk typed them\n"
    with time_limit(30):  # rejoining used to rescan the growing paragraph for every line: minutes here
        article = newsdesk.extract(text + "\n".join(lines))
    assert "item 0 of the water plan" in article.text
    assert "item 3999 of the water plan" in article.text


def test_a_time_out_never_lands_inside_a_weakref_callback_run_by_the_collector() -> None:
    # a weakly keyed cache whose keys the collector frees: their callbacks run inside the collection
    import gc
    import weakref

    class Key:
        def __init__(self) -> None:
            self.cycle = self

    cache: weakref.WeakKeyDictionary[Key, int] = weakref.WeakKeyDictionary()

    def slow(_: object) -> None:
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end:
            pass

    keys = [Key() for _ in range(3)]
    refs = [weakref.ref(k, slow) for k in keys]
    for k in keys:
        cache[k] = 1
    del k, keys
    started = time.perf_counter()
    with pytest.raises(DocumentTimeout):
        with time_limit(0.1):
            gc.collect()  # 0.9 s of callbacks: the alarm rings inside them and waits for the collection's end
            while time.perf_counter() - started < 10:
                pass
    assert all(r() is None for r in refs) and not cache and time.perf_counter() - started < 2
