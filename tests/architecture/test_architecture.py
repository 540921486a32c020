"""The architecture's contract, read from the source: modules import only downward (no
import circle, counting imports inside functions and the package ``__init__`` that
every import runs), modules stay short, and functions take few parameters."""

from __future__ import annotations

import ast

import pytest

from tests.architecture.imports import PACKAGE, cycles, import_graph, imported, modules

MAX_LINES = 400
MAX_PARAMETERS = 8

# declarative tables: long because they list, not because they mix concepts
LONG_TABLES = {
}


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = node.args
    names = args.posonlyargs + args.args + args.kwonlyargs
    count = len(names) + bool(args.vararg) + bool(args.kwarg)
    return count - bool(names and names[0].arg in ("self", "cls"))


def _compiled(node: ast.FunctionDef) -> bool:
    """A compiled function: decorated with ``kernel`` (the package's ``njit``), ``njit`` or ``jit``."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in ("kernel", "njit", "jit", "vectorize", "guvectorize"):
            return True
    return False


def test_the_package_has_no_import_circle():
    found = cycles(import_graph())
    assert not found, "modules that import each other in a loop:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_the_circle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_an_import_inside_a_function_counts(tmp_path):
    path = tmp_path / "late.py"
    path.write_text("def f():\n    from engine.errors import Problem\n    return Problem\n")
    assert imported("engine.late", path, {"engine", "engine.errors", "engine.late"}) == {"engine", "engine.errors"}


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_are_short(name):
    path = modules()[name]
    lines = len(path.read_text().splitlines())
    if name in LONG_TABLES:
        return
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (at most {MAX_LINES})"


def test_functions_take_at_most_eight_parameters():
    found = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _parameters(node) > MAX_PARAMETERS:
                if name.startswith("engine.kernels.") and _compiled(node):
                    continue
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name} ({_parameters(node)})")
    assert not found, "functions with more than eight parameters:\n" + "\n".join(found)


def test_numba_lives_only_in_the_kernels():
    found = [str(path.relative_to(PACKAGE.parent)) for name, path in modules().items()
             if not name.startswith("engine.kernels") and {"numba"} & imported_libraries(path)]
    assert not found, f"numba imported outside engine/kernels: {found}"


def imported_libraries(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names
