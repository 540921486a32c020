"""The architecture's contract, read from the source: modules import only downward (no
import circle, counting imports inside functions and the package ``__init__`` that
every import runs), modules stay short, and functions take few parameters."""

from __future__ import annotations

import ast

import pytest

from tests.architecture.imports import PACKAGE, cycles, import_graph, imported, modules

MAX_LINES = 400
MAX_PARAMETERS = 8


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
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (at most {MAX_LINES})"


def _called_by_kernels(tree: ast.Module) -> set[str]:
    """Names that the module's compiled functions call: compiled helpers, not entry points."""
    called = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and _compiled(node):
            called |= {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
    return called


def test_functions_take_at_most_eight_parameters():
    """Only the kernels' compiled entry points (compiled functions that Python code calls,
    not other compiled functions) may take more."""
    found = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text())
        helpers = _called_by_kernels(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _parameters(node) > MAX_PARAMETERS:
                if name.startswith("engine.kernels.") and _compiled(node) and node.name not in helpers:
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


# The floors, top first: a module imports only from its own floor or the ones below.
# Within a floor, modules may import one another as long as no circle forms.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry points", ("engine.__main__", "engine.cli", "engine.serve")),
    ("commands", ("engine.compare", "engine.sweep", "engine.sweep_output", "engine.sweep_executor",
                  "engine.uncertainty")),
    ("output", ("engine.output", "engine.report", "engine.summary")),
    ("one run", ("engine.model",)),
    ("stages", ("engine.enrolment", "engine.policies", "engine.funds")),
    ("economy and population", ("engine.macro", "engine.labour", "engine.demography", "engine.rules",
                                "engine.contract", "engine.leaver_stock")),
    ("inputs", ("engine.scenario", "engine.assumptions", "engine.demographic_inputs", "engine.economic_inputs",
                "engine.base_year")),
    ("informal-worker profile", ("engine.profile",)),
    ("data files", ("engine.data",)),
    ("leaves", ("engine.results", "engine.membership", "engine.kernels", "engine.dims", "engine.errors",
                "engine.citations", "engine.finite", "engine.bounded_yaml", "engine.graduation",
                "engine.interrupts", "engine.arguments", "engine.output_set", "engine.cohort_reference",
                "engine.processes")),
)


def layer_of(name: str) -> int:
    if name == "engine":
        return len(LAYERS)  # the public face: lazy, below everything it names
    for index, (_, prefixes) in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS")


def test_every_module_has_a_layer():
    for name in modules():
        layer_of(name)


def test_modules_import_only_their_own_layer_or_below():
    upward = [f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
              for a, targets in import_graph().items() for b in targets if layer_of(b) < layer_of(a)]
    assert not upward, "imports that run up a floor:\n" + "\n".join(sorted(upward))
