"""Run a function over shards on a Ray cluster: one long-lived actor per core, each holding the
spaCy pipeline once, fed one shard at a time.

Ray is an optional extra (``pip install 'newsdesk[ray]'``). With no address, a local Ray
instance is started for the run (``workers`` cores) and stopped after it; ``auto`` or
``HOST:PORT`` joins a running cluster, whose nodes need newsdesk installed and the output folder
on a file system they all see. An actor that dies (its node lost, out of memory) fails only the
shard it held: ``on_crash`` makes that shard's result, and a new actor takes its place.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..errors import ScaleError
from .local import default_workers

T = TypeVar("T")
R = TypeVar("R")


class _ShardWorker:
    """A Ray actor: keeps its process (and so the loaded pipelines) between shards."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self._fn = fn

    def run(self, item: Any) -> Any:
        import ray

        result = self._fn(item)
        if hasattr(result, "node"):  # which node ran it: scheduling across a cluster is visible
            result.node = ray.get_runtime_context().get_node_id()[:12]
        return result


def run_ray(
    fn: Callable[[T], R],
    items: list[T],
    *,
    workers: int = 0,
    address: str | None = None,
    on_crash: Callable[[T, BaseException], R],
) -> Iterator[R]:
    """Yield ``fn(item)`` for every item as actors finish them (unordered)."""
    try:
        import ray
        from ray.exceptions import RayActorError, RayTaskError, WorkerCrashedError
    except ImportError as exc:
        raise ScaleError("the Ray engine needs Ray: pip install 'newsdesk[ray]'") from exc
    started_here = not ray.is_initialized()
    if started_here:
        _start(ray, address, workers)
    try:
        cores = int(ray.cluster_resources().get("CPU", 1))
        size = max(1, min(workers or cores, cores, len(items)))
        # the same single-thread BLAS as the local pool: one process per core already
        env = {"env_vars": {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}}
        actor_class: Any = ray.remote(num_cpus=1, runtime_env=env)(_ShardWorker)
        idle = [actor_class.remote(fn) for _ in range(size)]
        queue: deque[T] = deque(items)
        running: dict[Any, tuple[Any, T]] = {}
        while queue or running:
            while idle and queue:
                actor, item = idle.pop(), queue.popleft()
                running[actor.run.remote(item)] = (actor, item)
            (ref,), _ = ray.wait(list(running), num_returns=1)
            actor, item = running.pop(ref)
            try:
                result = ray.get(ref)
            except (RayActorError, WorkerCrashedError) as exc:  # the process is gone: a new one
                ray.kill(actor, no_restart=True)
                idle.append(actor_class.remote(fn))
                yield on_crash(item, exc)
                continue
            except RayTaskError as exc:
                idle.append(actor)
                yield on_crash(item, exc)
                continue
            idle.append(actor)
            yield result
    finally:
        if started_here:
            ray.shutdown()


def _start(ray: Any, address: str | None, workers: int) -> None:
    try:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers or default_workers(), include_dashboard=False, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ScaleError(f"no Ray cluster at {address}: {exc}") from exc
