"""The layers of docs/ARCHITECTURE.md, checked on the source: nothing imports upwards, lint
is used through its face, and no import circle exists.

Imports are read with `ast` from every module of the four packages, at module level and
inside functions alike (a lazy import is still a dependency)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = {"curate": ROOT / "curate", "curate.schemas": ROOT / "schemas",
            "curate.tui": ROOT / "tui", "curate.trainer": ROOT / "trainer"}  # fmt: skip

# Layer of each module prefix, bottom first; the longest matching prefix decides.
LAYERS = {
    "curate.schemas": 0,
    "curate.io": 1,
    "curate.normalize": 2,
    "curate.dedup": 2,
    "curate.sensitive": 2,
    "curate.langid": 2,
    "curate.langid_profiles": 2,
    "curate.orthography": 2,
    "curate.tokens": 2,
    "curate.token_chunks": 2,
    "curate.models": 2,
    "curate.config": 2,
    "curate.proof": 2,
    "curate.signals": 2,
    "curate.terminal": 0,
    "curate.journal": 3,
    "curate.outputs": 3,
    "curate.lint": 4,
    "curate.split": 5,
    "curate.export": 5,
    "curate.agreement": 5,
    "curate.judging": 5,
    "curate.preferences": 5,
    "curate.stats": 5,
    "curate.pipeline": 6,
    "curate.ablation": 6,
    "curate.trainer": 6,
    "curate.commands": 7,
    "curate.cli": 7,
    "curate.__main__": 7,
    "curate.tui": 7,
    "curate": 0,  # curate/__init__.py, __main__.py
}
# Allowed exceptions, each with its reason.
ALLOWED = {
    # The trainer's cancel signal and progress type are torch-free; the pipeline raises the
    # one Cancelled the app catches.
    ("curate.pipeline", "curate.trainer.cancel"),
}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            if package == "curate" and path.relative_to(folder).parts[0] in ("tui", "trainer"):
                continue
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            base = node.module
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}"
            found.add(base)
    return {i for i in found if i == "curate" or i.startswith("curate.")}


def layer(name: str) -> int:
    prefix = max((p for p in LAYERS if name == p or name.startswith(p + ".")), key=len)
    return LAYERS[prefix]


def test_nothing_imports_upwards() -> None:
    upward = []
    for name, path in modules().items():
        for target in imports_of(name, path):
            if layer(target) > layer(name) and (name, target) not in ALLOWED:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_lint_is_used_through_its_face() -> None:
    inside = []
    for name, path in modules().items():
        if name.startswith(("curate.lint", "curate.commands")):
            continue
        inside += [f"{name} -> {t}" for t in imports_of(name, path) if t.startswith("curate.lint.")]
    assert inside == []


def test_no_import_circle() -> None:
    graph = {name: imports_of(name, path) for name, path in modules().items()}
    names = set(graph)

    def resolve(target: str) -> str | None:
        while target and target not in names:
            target = target.rpartition(".")[0]
        return target or None

    edges = {n: {r for t in ts if (r := resolve(t)) and r != n} for n, ts in graph.items()}
    # A package's __init__ importing its own modules is how a face is built, not a circle.
    edges = {n: {t for t in ts if not t.startswith(n + ".")} for n, ts in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert circles == []
