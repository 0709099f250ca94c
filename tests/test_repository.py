"""The repository itself: licence-clean (no evaluation data, no large artifacts) and one-way layers."""

from __future__ import annotations

import ast
import hashlib
import os
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from tests.conftest import ROOT, SHARED

#: A tracked file larger than this is an artifact (a parsed corpus, a model, a database), not source.
MAX_TRACKED_BYTES = 500_000
PACKAGE = ROOT / "src" / "newsdesk"


def tracked_files() -> list[Path]:
    if not (ROOT / ".git").exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run on a git checkout: the tracked-file checks need one")
        pytest.skip("not a git checkout")
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in names.decode().split("\0") if name and (ROOT / name).is_file()]


def test_repository_tracks_no_large_file() -> None:
    large = [(str(p.relative_to(ROOT)), p.stat().st_size) for p in tracked_files()]
    assert [entry for entry in large if entry[1] > MAX_TRACKED_BYTES] == []


def test_repository_tracks_no_file_of_the_shared_evaluation_data() -> None:
    data = SHARED / "data"
    if not data.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{data} is missing: CI must have the shared evaluation data beside the checkout")
        pytest.skip("the shared evaluation data is not beside this checkout")
    # by size first, so only the few files of a matching size are read and hashed
    shared_by_size: dict[int, list[Path]] = defaultdict(list)
    for path in data.rglob("*"):
        if path.is_file():
            shared_by_size[path.stat().st_size].append(path)
    copies = []
    for path in tracked_files():
        candidates = shared_by_size.get(path.stat().st_size, [])
        if candidates and path.stat().st_size > 0:
            digest = hashlib.sha256(path.read_bytes()).digest()
            copies += [
                (str(path.relative_to(ROOT)), str(c))
                for c in candidates
                if hashlib.sha256(c.read_bytes()).digest() == digest
            ]
    assert copies == []


def layer_of(module: str) -> str:
    """The layer a module belongs to: its subpackage (``newsdesk.store``) or itself at the top level."""
    parts = module.split(".")
    if len(parts) >= 2 and (PACKAGE / parts[1]).is_dir():
        return ".".join(parts[:2])
    return module


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every newsdesk module ``path`` imports, at any depth of its code, outside TYPE_CHECKING blocks."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for guard in ast.walk(tree)
        if isinstance(guard, ast.If) and "TYPE_CHECKING" in ast.unparse(guard.test)
        for node in ast.walk(guard)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("newsdesk")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("newsdesk"):
                found.add(target)
                # `from . import data` names a module, not an attribute
                found |= {f"{target}.{a.name}" for a in node.names if is_module(f"{target}.{a.name}")}
    return found


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        source = layer_of(module_name(path))
        if source == "newsdesk":
            continue  # the package root re-exports everything, lazily
        for target in imported_modules(path):
            layer = layer_of(target)
            if layer not in (source, "newsdesk"):
                graph[source].add(layer)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one layer (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_repository_layers_import_one_way() -> None:
    graph = layer_graph()
    assert graph["newsdesk.store"] and graph["newsdesk.web"]  # the graph is really built
    assert cycles(graph) == []


def test_repository_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("newsdesk.store", "newsdesk.analyze"),  # the store keeps what the stages found; it computes nothing
        ("newsdesk.extract", "newsdesk.ingest"),
        ("newsdesk.web", "newsdesk.api"),  # serving never loads the extraction stack
        ("newsdesk.analyze", "newsdesk.extract"),
    ],
)
def test_repository_layer_does_not_reach_up(lower: str, upper: str) -> None:
    assert upper not in reachable(layer_graph(), lower)


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
