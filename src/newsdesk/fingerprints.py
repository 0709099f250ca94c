"""Text fingerprints for finding copies: 5-word shingles, their MinHash signature (datasketch),
LSH band keys, and how much of one text another holds.

Shared by the copy finder that runs over a stream (``connect.copies``) and the one kept in the
store (``store.copies``), so both decide alike.
"""

from __future__ import annotations

import functools
import re
from typing import Any

NUM_PERM = 128
SHINGLE_WORDS = 5
LSH_THRESHOLD = 0.1
MIN_CONTAINMENT = 0.5
WINDOW_DAYS = 14
_WORD = re.compile(r"\w+")
#: "LONDON (Reuters) -", "NAIROBI, Kenya (AP) —": the place and the agency that wrote the story.
_AGENCY_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]+(?:,\s+[A-Z][\w .'’-]+)?\s+"
    r"\((?:AP|Reuters|AFP|dpa|Bloomberg|UPI|EFE|ANSA|Xinhua)\)\s*[-—–]"
)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The text's runs of ``size`` words, lower-cased (punctuation and spacing do not count)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def has_agency_dateline(text: str) -> bool:
    return bool(_AGENCY_DATELINE.match(text.lstrip()))


def signature(own: frozenset[str]) -> Any:
    """The MinHash (datasketch) of a set of shingles."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([s.encode() for s in own])
    return minhash


@functools.cache
def band_ranges(threshold: float = LSH_THRESHOLD) -> tuple[tuple[int, int], ...]:
    """The LSH bands datasketch chooses for this threshold: slices of the signature."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)


def band_keys(hashvalues: Any, threshold: float = LSH_THRESHOLD) -> list[bytes]:
    """One key per band: two signatures that share a key are candidate copies."""
    return [bytes([band]) + hashvalues[start:end].tobytes() for band, (start, end) in enumerate(band_ranges(threshold))]


def estimated_jaccard(a: Any, b: Any) -> Any:
    """The share of equal MinHash values: an estimate of the two shingle sets' Jaccard similarity;
    with one signature per row of ``b``, an array of one estimate per row."""
    return (b == a).mean(axis=-1)
