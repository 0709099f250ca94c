"""Hostile inputs made from real pages (our own fixtures and the bundled sample) by mutation.

``hostile_input(seed)`` returns ``(name, bytes)``: the same seed always gives the same input, so
a failure found by ``benchmarks/hostile.py`` (10,000 seeds) is reproduced by its seed alone. The
tests run a small sample of seeds; the mutations are the ones the reliability issue names:
byte flips, truncation, deep nesting, unclosed tags, giant attributes, long lines, mixed
encodings, NULs and huge numbers, alone and combined.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "tests" / "fixtures" / "news-page.html",
    ROOT / "tests" / "fixtures" / "hostile-article.html",
    ROOT / "src" / "newsdesk" / "samples" / "trump-hosts-bukele.txt",
]


#: Inputs stop here: twice newsdesk's default size cap, so the refusal is exercised too.
MAX_INPUT = 40_000_000


def _pages() -> list[bytes]:
    return [path.read_bytes() for path in SEEDS]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 200)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def nest_deep(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([300, 1_000, 3_000, 20_000])
    tag = rng.choice([b"div", b"span", b"b", b"table", b"ul"])
    return b"<" + tag + b">" * 1 + (b"<" + tag + b">") * (depth - 1) + data + (b"</" + tag + b">") * depth


def unclose(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"</p>", b"").replace(b"</div>", b"") + b"<div><p>" * rng.randint(10, 3_000)


def giant_attribute(data: bytes, rng: random.Random) -> bytes:
    value = b"x" * rng.choice([10_000, 200_000, 2_000_000])
    return (
        data.replace(b"<p", b'<p data-x="' + value + b'"', 1) if b"<p" in data else b'<p title="' + value + b'">' + data
    )


def long_line(data: bytes, rng: random.Random) -> bytes:
    joined = data.replace(b"\n", b" ")
    return joined + b" " + b"word" * rng.choice([1_000, 100_000, 1_000_000])


def mixed_encodings(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    middle = len(text) // 2
    encoding = rng.choice(["cp1252", "latin-1", "utf-16", "shift_jis", "koi8-r"])
    chunk = text[middle : middle + 400].encode(encoding, "replace")
    return (
        text[:middle].encode("utf-8") + chunk + text[middle + 400 :].encode(rng.choice(["utf-8", "cp1252"]), "replace")
    )


def nuls(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 50)):
        out.insert(rng.randrange(len(out)), 0)
    return bytes(out)


def huge_numbers(data: bytes, rng: random.Random) -> bytes:
    number = rng.choice(
        [
            b"9" * 400,
            b"1e308",
            b"$" + b"9" * 30 + b" billion",
            b"-" + b"9" * 50 + b"%",
            b"0." + b"0" * 300 + b"1",
            b"1,000," * 500,
        ]
    )
    sentence = b" The budget rose to " + number + b" on Monday, officials said " + number + b" times. "
    return data.replace(b"</p>", sentence + b"</p>", 3) if b"</p>" in data else data + sentence * 3


def repeat_blocks(data: bytes, rng: random.Random) -> bytes:
    return data * min(rng.choice([20, 200, 2_000]), max(1, MAX_INPUT // max(1, len(data))))


def markup_junk(data: bytes, rng: random.Random) -> bytes:
    junk = rng.choice(
        [
            b"<script>" + b"var a = '<p>';" * 5_000 + b"</script>",
            b"<!--" * 3_000,
            b"<![CDATA[" + b"]" * 10_000,
            b"&#x" + b"1F600;" * 20_000,
            b"<a " * 50_000,
            b"<table>" + b"<tr><td>1</td><td>2</td></tr>" * 20_000 + b"</table>",
        ]
    )
    position = rng.randrange(len(data))
    return data[:position] + junk + data[position:]


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bytes,
    truncate,
    nest_deep,
    unclose,
    giant_attribute,
    long_line,
    mixed_encodings,
    nuls,
    huge_numbers,
    repeat_blocks,
    markup_junk,
]


def hostile_input(seed: int) -> tuple[str, bytes]:
    """One hostile input: a page mutated once to three times, named by what was done to it."""
    rng = random.Random(seed)
    data = rng.choice(_pages())
    names = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        mutation = rng.choice(MUTATIONS)
        if not data:
            break
        data = mutation(data, rng)[:MAX_INPUT]  # repeated mutations must not grow past any cap
        names.append(mutation.__name__)
    return "+".join(names) or "empty", data
