"""The program says once when it has to compile the kernels, and nothing when they load
from the cache (numba raises its compile event only for a real compilation)."""

from pathlib import Path
from types import SimpleNamespace

from engine.kernels import cohort, jit as kernels


def _event(func):
    return SimpleNamespace(data={"dispatcher": SimpleNamespace(py_func=func)})


def _kernel_function():
    dispatcher = cohort._project_one
    return getattr(dispatcher, "py_func", dispatcher)


def test_the_first_compilation_of_a_kernel_is_announced_once(capsys):
    announcer = kernels._Announcer()
    announcer.enabled = True
    announcer.on_start(_event(len))  # numba compiling one of its own helpers: not ours
    assert capsys.readouterr().err == ""
    announcer.on_start(_event(_kernel_function()))
    announcer.on_start(_event(_kernel_function()))
    assert capsys.readouterr().err == kernels.COMPILING_MESSAGE + "\n"
    assert "compiling the projection kernels, once per machine" in kernels.COMPILING_MESSAGE


def test_nothing_is_said_unless_the_program_asks(capsys):
    announcer = kernels._Announcer()
    announcer.on_start(_event(_kernel_function()))
    assert capsys.readouterr().err == ""


def test_the_kernels_compiled_ahead_are_called_with_their_signature():
    """The children of a first run compile what the projection will ask for (a warm-up of
    other types would cost a core's time and save nothing): after the warm-ups, a run
    compiles no new signature of those kernels."""
    import pytest

    import engine
    from engine.kernels.jit import NO_JIT
    from engine.kernels import ahead

    if NO_JIT:
        pytest.skip("kernels run as plain Python")
    for warm in ahead.AHEAD.values():
        warm()
    warmed = {name: set(ahead.dispatcher(name).signatures) for name in ahead.AHEAD}
    assert all(warmed.values())
    baseline = Path(__file__).parents[2] / "scenarios" / "baseline.yaml"
    engine.run(engine.load_scenario(baseline, ["horizon.end_year=2030"]))
    for name in ahead.AHEAD:
        assert set(ahead.dispatcher(name).signatures) == warmed[name], name
        assert ahead._cached(ahead.dispatcher(name)), name
