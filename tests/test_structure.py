"""Size limits and no import cycles, for every module in rolematch/ (STYLE.md, issue 15).

Modules over a limit that other work still has to split are listed, with why, in
:data:`NOT_YET` — ONE explicit list; remove an entry when its module is fixed (the
test is a strict xfail, so a fixed module fails here until its entry is removed).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "rolematch"
MODULE_LINES, CLASS_LINES, FUNCTION_LINES = 600, 250, 60

#: module file (or "import cycle") -> what is over the limit today
NOT_YET: dict[str, str] = {}

#: every module, subpackages (occupations/, web/) included
MODULES = sorted(p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py"))


def over_limits(path: Path) -> list[str]:
    """What in ``path`` is over a limit, as words ("" if nothing)."""
    src = path.read_text(encoding="utf-8")
    out = []
    n = len(src.splitlines())
    if n > MODULE_LINES:
        out.append(f"module has {n} lines (> {MODULE_LINES})")
    for node in ast.walk(ast.parse(src)):
        size = (node.end_lineno or node.lineno) - node.lineno + 1 \
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) else 0
        if isinstance(node, ast.ClassDef) and size > CLASS_LINES:
            out.append(f"class {node.name} has {size} lines (> {CLASS_LINES})")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and size > FUNCTION_LINES:
            out.append(f"function {node.name} has {size} lines (> {FUNCTION_LINES})")
    return out


def _mark(key: str):
    return [pytest.mark.xfail(strict=True, reason=NOT_YET[key])] if key in NOT_YET else []


@pytest.mark.parametrize("name", [pytest.param(m, marks=_mark(m)) for m in MODULES])
def test_module_within_size_limits(name):
    assert over_limits(PKG / name) == []


def imports(path: Path) -> set[str]:
    """The rolematch modules ``path`` imports, anywhere in it (a function-level import
    is still a dependency), outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rolematch."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("rolematch."))
    return {m for m in found if (PKG / f"{m}.py").exists()} - {path.stem}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

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
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_find_cycles_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("key", [pytest.param("import cycle", marks=_mark("import cycle"))])
def test_no_import_cycle(key):
    graph = {p.stem: imports(p) for p in PKG.glob("*.py") if p.stem != "__init__"}
    assert find_cycles(graph) == []


def test_the_not_yet_list_names_real_modules():
    assert all(k in MODULES or k == "import cycle" for k in NOT_YET)
