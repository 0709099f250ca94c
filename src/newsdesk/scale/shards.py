"""What a distributed run is made of: shards, and the files that say which are finished.

A shard is one unit of work and of output: one WARC or JSON Lines file (a path or a URL, as a
CC-NEWS ``warc.paths`` list names them), or a batch of loose pages. Its name is derived from
what it reads, so the same sources give the same names on every run and every machine, and a
rerun knows a shard is finished by its done marker alone.

Layout of an output folder::

    DIR/parts/<shard>.parquet    the shard's records, renamed into place once complete
    DIR/done/<shard>.json        written after the rename: what the shard did
    DIR/tmp/                     parts being written and downloads, cleared on every run
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ScaleError
from ..ingest.readers import JSONL_SUFFIXES, WARC_SUFFIXES, expand
from ..ingest.sources import is_url

#: Loose pages (.html, .txt) are grouped this many to a shard: one part per page would be a
#: file system full of tiny files.
PAGES_PER_SHARD = 256
#: Seconds a run waits for the folder's lock before saying another run holds it.
LOCK_WAIT = 10.0
#: Files that list shards, one path or URL per line (CC-NEWS publishes ``warc.paths.gz``).
LIST_SUFFIXES = (".paths", ".paths.gz")


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: the inputs it reads (one archive, or a batch of pages) and its name."""

    name: str
    inputs: tuple[str, ...]

    @property
    def label(self) -> str:
        """How a report names it: its input, or its first page and how many follow."""
        first = self.inputs[0]
        return first if len(self.inputs) == 1 else f"{first} (+{len(self.inputs) - 1} pages)"


def shards_of(sources: Iterable[str]) -> tuple[list[Shard], list[str]]:
    """The shards of what a user named (files, folders, globs, URLs, ``*.paths`` lists), in a
    stable order, and the names that gave none (said, not dropped)."""
    shards: list[Shard] = []
    missing: list[str] = []
    pages: list[str] = []
    seen: set[str] = set()  # a file named twice (by a glob and by name) is read once
    for source in sources:
        found = False
        for item in _inputs(source):
            found = True
            if item in seen:
                continue
            seen.add(item)
            if is_url(item) or item.lower().endswith(WARC_SUFFIXES + JSONL_SUFFIXES):
                shards.append(_shard((item,)))
            else:
                pages.append(item)
        if not found:
            missing.append(source)
    for start in range(0, len(pages), PAGES_PER_SHARD):
        shards.append(_shard(tuple(pages[start : start + PAGES_PER_SHARD])))
    return shards, missing


def _inputs(source: str) -> Iterator[str]:
    if is_url(source):
        yield source
        return
    path = Path(source)
    if path.name.lower().endswith(LIST_SUFFIXES) and path.is_file():
        yield from _listed(path)
        return
    for found in expand([source]):
        if found.exists():
            yield str(found.resolve())


def _listed(path: Path) -> Iterator[str]:
    """The paths or URLs a list file names; relative paths are read from the list's folder."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            item = line.strip()
            if not item or item.startswith("#"):
                continue
            yield item if is_url(item) else str((path.parent / item).resolve())


def _shard(inputs: tuple[str, ...]) -> Shard:
    digest = hashlib.sha1("\n".join(inputs).encode("utf-8")).hexdigest()[:12]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", inputs[0].rstrip("/").rsplit("/", 1)[-1])[:60]
    return Shard(f"{stem}-{digest}", inputs)


@dataclass(frozen=True, slots=True)
class OutputFolder:
    """Where a run's parts, markers and temporary files live."""

    root: Path

    @property
    def parts(self) -> Path:
        return self.root / "parts"

    @property
    def done(self) -> Path:
        return self.root / "done"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    @contextlib.contextmanager
    def claimed(self) -> Iterator[None]:
        """Hold the folder for one run: a second run on it would clear the first one's files."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as lock:
            # a killed run's workers may take a moment to follow it (they hold the lock too)
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        message = f"another run is writing to {self.root}: wait for it, or use another --out"
                        raise ScaleError(message) from None
                    time.sleep(0.1)
            yield  # the lock goes with the file, also when the process is killed

    def prepare(self) -> None:
        """Create the folders and clear what an interrupted run left half written."""
        for folder in (self.parts, self.done, self.tmp):
            folder.mkdir(parents=True, exist_ok=True)
        for leftover in self.tmp.iterdir():
            if leftover.is_file():
                leftover.unlink()

    def part(self, shard: Shard) -> Path:
        return self.parts / f"{shard.name}.parquet"

    def marker(self, shard: Shard) -> Path:
        return self.done / f"{shard.name}.json"

    def is_done(self, shard: Shard) -> bool:
        return self.marker(shard).is_file() and self.part(shard).is_file()

    def mark_done(self, shard: Shard, report: dict[str, Any]) -> None:
        """Write the marker through a temporary name, so a marker is never half written."""
        temporary = self.tmp / f"{shard.name}.json.{os.getpid()}"
        temporary.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.marker(shard))

    def finished_parts(self) -> list[Path]:
        """The parts whose shard finished (a marker beside it), in name order."""
        if not self.done.is_dir():
            return []
        names = sorted(marker.stem for marker in self.done.glob("*.json"))
        return [self.parts / f"{name}.parquet" for name in names if (self.parts / f"{name}.parquet").is_file()]
