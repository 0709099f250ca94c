"""Sharded runs: throughput of the local and Ray engines, a two-node cluster, a 1 GB WARC.

    python benchmarks/process.py throughput [--limit N] [--shards 8]
    python benchmarks/process.py cluster [--pages 240] [--shards 6]
    python benchmarks/process.py bigwarc [--mb 1000]

``throughput`` packs the extraction dev pages into WARC shards and runs, in one go and on the
same shards: a plain trafilatura loop (the anchor), ``process`` on the local engine and on a
local Ray instance, each with every core. It prints articles/s, the ratios, and the largest
peak memory of a worker. ``cluster`` starts a two-node Ray cluster on loopback (``ray start
--head`` and a second ``ray start --address``, one CPU each), runs a job across it, kills the
driver with SIGKILL mid-run, runs it again, and prints which node ran each shard and that the
rerun did only the unfinished shards: scheduling and resume, not speed (two nodes on one
2-core machine are no faster than one). ``bigwarc`` writes a WARC of about ``--mb`` MB (news
pages, and three times as many images as a crawl stores beside them) and follows the worker's memory
while it is processed. Run by hand; compare ratios within one run, the machine is shared.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import evaluation

NEWSDESK = [sys.executable, "-m", "newsdesk"]


def dev_pages(limit: int | None) -> list[str]:
    pages: list[str] = []
    for _kind, folder, name in evaluation.SETS[:3]:
        pages += [page for page, _, _ in evaluation.load(folder, name, limit)]
    return pages


def write_shards(folder: Path, pages: list[str], shards: int) -> list[Path]:
    """The pages dealt round-robin into ``shards`` WARC files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"shard-{n:03}.warc.gz" for n in range(shards)]
    streams = [open(p, "wb") for p in paths]
    writers = [WARCWriter(s, gzip=True) for s in streams]
    for i, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer = writers[i % shards]
        writer.write_record(
            writer.create_warc_record(
                f"https://bench.example/{i}", "response", payload=io.BytesIO(page.encode()), http_headers=http
            )
        )
    for stream in streams:
        stream.close()
    return paths


def run_process(shards: list[Path], out: Path, *extra: str) -> tuple[float, list[dict]]:
    """Seconds of a ``newsdesk process`` run and its shards' markers."""
    started = time.perf_counter()
    subprocess.run([*NEWSDESK, "process", *map(str, shards), "--out", str(out), *extra], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    seconds = time.perf_counter() - started
    return seconds, [json.loads(p.read_text()) for p in sorted((out / "done").glob("*.json"))]


def cmd_throughput(args: argparse.Namespace) -> None:
    import ray
    import spacy
    import trafilatura

    pages = dev_pages(args.limit)
    work = Path(tempfile.mkdtemp(prefix="nd-process-"))
    shards = write_shards(work / "in", pages, args.shards)
    print(f"{len(pages)} dev pages in {args.shards} WARC shards; trafilatura {trafilatura.__version__}, "
          f"spaCy {spacy.__version__}, Ray {ray.__version__}, {os.cpu_count()} cores")  # fmt: skip
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    anchor = len(pages) / (time.perf_counter() - started)
    print(f"{'engine':34} {'articles/s':>10} {'vs trafilatura':>15} {'peak MiB/worker':>16}")
    print(f"{'trafilatura loop (1 process)':34} {anchor:10.1f} {1.0:15.2f} {'':>16}")
    rates = {}
    for label, engine in (("newsdesk process, local (2 procs)", "local"), ("newsdesk process, Ray (2 CPUs)", "ray")):
        seconds, markers = run_process(shards, work / engine, "--engine", engine)
        records = sum(m["records"] for m in markers)
        rates[label] = records / seconds
        peak = max(m["peak_rss_mib"] for m in markers)
        print(f"{label:34} {rates[label]:10.1f} {rates[label] / anchor:15.2f} {peak:16.0f}")
    local, on_ray = rates.values()
    print(f"Ray / local: {on_ray / local:.2f} (wall time of the whole command, start-up included)")
    shutil.rmtree(work, ignore_errors=True)


def cmd_cluster(args: argparse.Namespace) -> None:
    pages = dev_pages(None)[: args.pages]
    work = Path(tempfile.mkdtemp(prefix="nd-cluster-"))
    shards = write_shards(work / "in", pages, args.shards)
    port = 6390
    # loopback only: no token between the two nodes (a real cluster keeps Ray's token auth)
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
    common = ["--num-cpus", "1", "--node-ip-address", "127.0.0.1", "--disable-usage-stats"]
    ray = [sys.executable, "-m", "ray.scripts.scripts"]
    subprocess.run([*ray, "stop", "--force"], env=env, capture_output=True)
    subprocess.run([*ray, "start", "--head", "--port", str(port), "--include-dashboard", "false", *common],
                   env=env, check=True, capture_output=True)  # fmt: skip
    try:
        subprocess.run([*ray, "start", "--address", f"127.0.0.1:{port}", *common], env=env, check=True,
                       capture_output=True)  # fmt: skip
        command = [*NEWSDESK, "process", *map(str, shards), "--out", str(work / "out"), "--engine", "ray",
                   "--address", f"127.0.0.1:{port}"]  # fmt: skip
        first_log = open(work / "first-run.log", "w")  # closed after the kill
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=first_log)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and proc.poll() is None and len(list((work / "out" / "done").glob("*"))) < 2:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        first_log.close()
        before = {p.stem for p in (work / "out" / "done").glob("*.json")}
        print(f"driver killed with SIGKILL after {len(before)} of {len(shards)} shards")
        started = time.perf_counter()
        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        print(f"rerun: {time.perf_counter() - started:.0f} s, exit {rerun.returncode}")
        logs = (work / "first-run.log").read_text() + rerun.stderr
        nodes = dict(re.findall(r"newsdesk: \S*/(shard-\d+\.warc\.gz): .* on node (\w+): done", logs))
        print("\n".join(line for line in rerun.stderr.splitlines() if line.startswith("newsdesk")))
        print(f"{'shard':20} {'records':>7} {'run':>7} {'node':>14} {'worker (host:pid)':>24}")
        for marker in sorted((work / "out" / "done").glob("*.json")):
            data = json.loads(marker.read_text())
            name = Path(data["label"]).name
            when = "killed" if marker.stem in before else "rerun"
            print(f"{name:20} {data['records']:7} {when:>7} {nodes.get(name, '?'):>14} {data['worker']:>24}")
        nodes = subprocess.run([*ray, "status", "--address", f"127.0.0.1:{port}"], env=env, capture_output=True,
                               text=True)  # fmt: skip
        print("\n".join(line for line in nodes.stdout.splitlines() if "node_" in line or "CPU" in line))
    finally:
        subprocess.run([*ray, "stop", "--force"], env=env, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def cmd_bigwarc(args: argparse.Namespace) -> None:
    pages = dev_pages(None)
    work = Path(tempfile.mkdtemp(prefix="nd-bigwarc-"))
    warc = work / "big.warc.gz"
    html = media = count = 0
    blob = os.urandom(1 << 20)  # incompressible, as images and video are
    with open(warc, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        i = 0
        while html + media < args.mb * 1_000_000:
            if i % 4:  # three media files for every page: most of a crawl's bytes
                body, kind = blob[: (i * 7919) % len(blob) or 4096], "image/jpeg"
                media += len(body)
            else:
                page = pages[count % len(pages)].replace("</body>", f"<p>copy {i}</p></body>")
                body, kind = page.encode(), "text/html"
                html += len(body)
                count += 1
            http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://bench.example/{i}", "response",
                                                          payload=io.BytesIO(body), http_headers=http))  # fmt: skip
            i += 1
    print(f"WARC: {warc.stat().st_size / 1e6:.0f} MB on disk; {count} pages ({html / 1e6:.0f} MB of HTML), "
          f"{media / 1e6:.0f} MB of media")  # fmt: skip
    command = [*NEWSDESK, "process", str(warc), "--out", str(work / "out"), "--workers", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[tuple[float, float]] = []
    started = time.perf_counter()

    def watch() -> None:
        while proc.poll() is None:
            try:
                status = Path(f"/proc/{proc.pid}/status").read_text()
                rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
                samples.append((time.perf_counter() - started, rss / 1024))
            except (OSError, StopIteration):
                pass
            time.sleep(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    proc.wait()
    watcher.join()
    seconds = time.perf_counter() - started
    (marker,) = (work / "out" / "done").glob("*.json")
    data = json.loads(marker.read_text())
    print(f"process: {seconds:.0f} s, {data['records']} records ({data['ok']} ok), {data['records'] / seconds:.1f}/s")
    for fraction in (0.1, 0.25, 0.5, 0.75, 1.0):
        at = samples[min(len(samples) - 1, int(len(samples) * fraction) - 1)] if samples else (0, 0)
        print(f"  RSS at {at[0]:6.0f} s: {at[1]:6.0f} MiB")
    print(f"peak RSS of the worker: {data['peak_rss_mib']:.0f} MiB")
    shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--limit", type=int, default=None, help="pages per dev set")
    t.add_argument("--shards", type=int, default=8)
    t.set_defaults(fn=cmd_throughput)
    c = sub.add_parser("cluster")
    c.add_argument("--pages", type=int, default=240)
    c.add_argument("--shards", type=int, default=6)
    c.set_defaults(fn=cmd_cluster)
    b = sub.add_parser("bigwarc")
    b.add_argument("--mb", type=int, default=1000)
    b.set_defaults(fn=cmd_bigwarc)
    args = parser.parse_args()
    args.fn(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
