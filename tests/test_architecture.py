"""The house's shape: imports run one way, and no module takes another's private names.

The graph is built from the source with ``ast``, counting every import anywhere in a module
(inside functions and ``TYPE_CHECKING`` blocks too), so an import moved into a function to dodge
a circle at load time still counts as the circle it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

MAX_LINES = 500


def _modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under ``package`` (a folder)."""
    mods = {}
    for p in sorted(package.rglob("*.py")):
        parts = p.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = p
    return mods


def imports(package: Path) -> tuple[dict[str, set[str]], list[str]]:
    """The import graph of ``package`` (module -> modules of the package it imports) and every
    cross-module use of a private name (``from .x import _y``, or ``x._y`` on an imported module)."""
    mods = _modules(package)
    graph: dict[str, set[str]] = {}
    private: list[str] = []
    for name, path in mods.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        aliases: dict[str, str] = {}  # a local name bound to a module of the package
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for a in node.names:
                    full = f"{source}.{a.name}"
                    if full in mods:
                        deps.add(full)
                        aliases[a.asname or a.name] = full
                    elif source in mods:
                        deps.add(source)
                        if a.name.startswith("_") and source != name:
                            private.append(f"{name} imports {source}.{a.name}")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in mods:
                        deps.add(a.name)
                        if a.asname:
                            aliases[a.asname] = a.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and aliases.get(node.value.id, name) != name):
                private.append(f"{name} uses {aliases[node.value.id]}.{node.attr}")
        deps.discard(name)
        graph[name] = deps
    return graph, private


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_quotes_has_no_import_circle() -> None:
    graph, _ = imports(ROOT / "quotes")
    assert len(graph) > 40  # the walk found the package
    assert circles(graph) == []


def test_no_module_takes_another_modules_private_names() -> None:
    _, private = imports(ROOT / "quotes")
    assert private == []


def test_no_module_is_over_500_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "quotes").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_training_sits_above_extraction_and_inference_below_it() -> None:
    graph, _ = imports(ROOT / "quotes")

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for w in graph.get(todo.pop(), ()):
                if w not in seen:
                    seen.add(w)
                    todo.append(w)
        return seen

    assert "quotes.learned.span" in reach("quotes.extract")
    assert not any(m.startswith("quotes.training") for m in reach("quotes.extract"))
    assert not any(m.startswith(("quotes.extract", "quotes.evaluate")) for m in reach("quotes.learned"))
    assert {"quotes.extract", "quotes.evaluate"} <= reach("quotes.training")
    assert not any(m.startswith("quotes.index") for m in reach("quotes.cluster"))


@pytest.mark.parametrize("files, want_circles, want_private", [
    # a circle through an import inside a function still counts
    ({"a.py": "from . import b\n", "b.py": "def f():\n    from .a import g\n"}, [["pkg.a", "pkg.b"]], []),
    ({"a.py": "from .b import _hidden\n", "b.py": "_hidden = 1\n"}, [], ["pkg.a imports pkg.b._hidden"]),
    ({"a.py": "from . import b\nb._hidden\n", "b.py": "_hidden = 1\n"}, [], ["pkg.a uses pkg.b._hidden"]),
    ({"sub/__init__.py": "", "sub/c.py": "from ..a import x\n", "a.py": "from .sub.c import y\n"},
     [["pkg.a", "pkg.sub.c"]], []),
    # one way, own private names, dunders: clean
    ({"a.py": "from .b import f\n_own = 1\nprint(_own)\n", "b.py": "import os\nos._exit\nf = __name__\n"}, [], []),
])
def test_the_checker_finds_circles_and_private_names(tmp_path: Path, files: dict[str, str],
                                                    want_circles: list, want_private: list) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for rel, text in files.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text)
    graph, private = imports(pkg)
    assert circles(graph) == want_circles
    assert private == want_private
