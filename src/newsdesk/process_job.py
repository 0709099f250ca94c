"""Process: sources → shards → one Parquet part each, on local processes or a Ray cluster.

The composition root of a sharded run, as ``ingest_job`` is of a run into the store. Each shard
is read, extracted and analysed by one worker, which writes its part under a temporary name,
renames it into place and then writes the shard's done marker. A rerun skips every shard with a
marker and redoes the rest, so a run killed at any moment (the driver or a worker) ends, once
started again, with the same parts as a run never interrupted. A shard whose worker dies or
that fails is tried again a bounded number of times, then reported by name; a bad record never
fails its shard (it is a row with its reason). ``newsdesk load`` puts finished parts into a store.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import socket
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from .errors import ScaleError
from .ingest.readers import JSONL_SUFFIXES, WARC_SUFFIXES, Task, printable, tasks_from_paths
from .ingest.sources import is_url
from .ingest.warc_records import warc_tasks
from .ingest_job import CHUNK, in_chunks, process_chunk
from .scale.local import default_workers, run_local
from .scale.parts import PartWriter, row
from .scale.shards import OutputFolder, Shard, shards_of
from .settings import Settings

ENGINES = ("local", "ray")
#: Times a shard is tried in all before it is reported as failed.
DEFAULT_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """What a run asks of every shard, beyond the settings."""

    languages: frozenset[str] = frozenset()  # keep pages declaring one of these (or none); empty: all


@dataclass
class ShardResult:
    """What one shard did (also the content of its done marker)."""

    shard: str
    label: str
    status: str  # "done" | "failed"
    records: int = 0
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    dropped: dict[str, int] = field(default_factory=dict)  # WARC records that are no page, by reason
    seconds: float = 0.0
    peak_rss_mib: float = 0.0  # of the worker process that ran it, over its life so far
    reason: str | None = None
    worker: str = ""  # host:pid of the process that ran it
    node: str = ""  # the Ray node it ran on (Ray engine only; not in the marker)


@dataclass
class ProcessReport:
    """What a run did: shards finished now and before, and each failed shard by name."""

    finished: list[ShardResult] = field(default_factory=list)
    already: int = 0
    failed: list[ShardResult] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # sources that named no file

    def summary(self) -> str:
        """A few lines for the end of a run."""
        records = sum(r.records for r in self.finished)
        peak = max((r.peak_rss_mib for r in self.finished), default=0.0)
        lines = [
            f"{len(self.finished)} shards done ({records} records, peak worker memory {peak:.0f} MiB), "
            f"{self.already} done before, {len(self.failed)} failed"
        ]
        lines += [f"  failed: {r.label}: {r.reason}" for r in self.failed]
        lines += [f"  no input: {name}" for name in self.missing]
        return "\n".join(lines)


def process(
    sources: Iterable[str] | str,
    out: str | Path,
    *,
    engine: str = "local",
    address: str | None = None,
    workers: int = 0,
    attempts: int = DEFAULT_ATTEMPTS,
    settings: Settings | None = None,
    options: ProcessOptions | None = None,
    on_shard: Callable[[ShardResult], None] | None = None,
) -> ProcessReport:
    """Process every shard of ``sources`` that ``out`` has no finished part for, with ``engine``
    ("local": a process pool; "ray": a Ray cluster at ``address``, or a local Ray instance)."""
    if engine not in ENGINES:
        raise ScaleError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    from .scale.parts import schema

    schema()  # fail now, not in every worker, when pyarrow is missing
    settings = settings or Settings.load()
    options = options or ProcessOptions()
    folder = OutputFolder(Path(out))
    with folder.claimed():
        folder.prepare()
        shards, missing = shards_of([sources] if isinstance(sources, str) else sources)
        report = ProcessReport(missing=missing)
        todo = [s for s in shards if not folder.is_done(s)]
        report.already = len(shards) - len(todo)
        work = partial(process_shard, out=str(folder.root), settings=settings, options=options)
        tries: Counter[str] = Counter()
        while todo:
            retry: list[Shard] = []
            by_name = {s.name: s for s in todo}
            for result in _run(engine, work, todo, workers, address):
                tries[result.shard] += 1
                if result.status == "done":
                    report.finished.append(result)
                elif tries[result.shard] < attempts:
                    retry.append(by_name[result.shard])
                    continue
                else:
                    report.failed.append(result)
                if on_shard:
                    on_shard(result)
            todo = retry
    return report


def _run(
    engine: str, work: Callable[[Shard], ShardResult], shards: list[Shard], workers: int, address: str | None
) -> Iterator[ShardResult]:
    if engine == "ray":
        from .scale.ray_engine import run_ray

        return run_ray(work, shards, workers=workers, address=address, on_crash=_crashed)
    return run_local(work, shards, workers or default_workers(), _crashed)


def _crashed(shard: Shard, exc: BaseException) -> ShardResult:
    return ShardResult(shard.name, shard.label, "failed", reason=printable(f"worker died: {exc}"))


def process_shard(shard: Shard, out: str, settings: Settings, options: ProcessOptions) -> ShardResult:
    """Worker side: read, extract and analyse one shard, write its part and its done marker."""
    started = time.monotonic()
    folder = OutputFolder(Path(out))
    temporary = folder.tmp / f"{shard.name}.parquet.{os.getpid()}"
    result = ShardResult(shard.name, shard.label, "done")
    downloads: list[Path] = []
    writer: PartWriter | None = None
    try:
        writer = PartWriter(temporary, folder.part(shard))
        dropped: Counter[str] = Counter()
        tasks = _shard_tasks(shard, folder, settings, options, dropped, downloads)
        for chunk in in_chunks(tasks, CHUNK):
            for outcome in process_chunk(chunk, settings):
                writer.add(
                    row(
                        outcome.key,
                        outcome.raw_sha256,
                        outcome.status,
                        outcome.reason,
                        outcome.analyzer,
                        outcome.size,
                        outcome.article,
                    )
                )
                result.ok += outcome.status == "ok"
                result.skipped += outcome.status == "skipped"
                result.failed += outcome.status == "failed"
        writer.commit()
        result.dropped = dict(dropped)
        folder.mark_done(shard, asdict(_finish(result, started)))
    except Exception as exc:  # the shard as a whole (its download, its output): tried again
        if writer is not None:
            writer.abandon()
        result.status, result.reason = "failed", printable(f"{type(exc).__name__}: {exc}")
    finally:
        for download in downloads:
            download.unlink(missing_ok=True)
    return _finish(result, started)


def _finish(result: ShardResult, started: float) -> ShardResult:
    result.records = result.ok + result.skipped + result.failed
    result.seconds = round(time.monotonic() - started, 3)
    result.peak_rss_mib = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    return result


def _shard_tasks(
    shard: Shard,
    folder: OutputFolder,
    settings: Settings,
    options: ProcessOptions,
    dropped: Counter[str],
    downloads: list[Path],
) -> Iterator[Task]:
    if len(shard.inputs) > 1:  # a batch of loose pages
        return tasks_from_paths(list(shard.inputs), settings.max_document_bytes)
    source = shard.inputs[0]
    if not is_url(source) and not Path(source).is_file():  # a list may name a file that is gone
        raise FileNotFoundError(f"no file {source}")
    local = _download(source, folder, shard, downloads) if is_url(source) else Path(source)
    if source.lower().endswith(WARC_SUFFIXES):
        return warc_tasks(str(local), source, settings.max_document_bytes, options.languages, dropped)
    tasks = tasks_from_paths([str(local)], settings.max_document_bytes)
    return _renamed(tasks, str(local), source) if is_url(source) else tasks


def _renamed(tasks: Iterator[Task], local: str, source: str) -> Iterator[Task]:
    """Tasks keyed by the URL they were downloaded from, not by the temporary file."""
    for task in tasks:
        raw = dataclasses.replace(task.raw, path=None) if task.raw is not None else None  # the file is gone
        yield dataclasses.replace(task, key=source + task.key[len(local) :], raw=raw)


#: Seconds without a byte before a shard's download is given up (and the shard tried again).
DOWNLOAD_TIMEOUT = 60.0


def _download(url: str, folder: OutputFolder, shard: Shard, downloads: list[Path]) -> Path:
    """The shard's file, streamed to the output folder's tmp/ (a WARC is often over 1 GB)."""
    suffix = next((s for s in WARC_SUFFIXES + JSONL_SUFFIXES if url.lower().endswith(s)), "")
    target = folder.tmp / f"{shard.name}.download.{os.getpid()}{suffix}"
    downloads.append(target)
    request = urllib.request.Request(url, headers={"User-Agent": "newsdesk"})
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response, open(target, "wb") as out:
        shutil.copyfileobj(response, out, length=1 << 20)
    return target
