"""The first run on a machine: the enrolment and pension kernels compiled in two forked
children, beside this process's own work (imports, data, the population projection).

Compiling is most of a first run (numba writes the machine code into its cache beside the
modules, so later runs load it in milliseconds). The enrolment and pension kernels take
most of it and are independent of each other and of the population kernel, so
:func:`compile_ahead` forks one child for each that has no cached code; a child calls the
kernel's public entry on a tiny batch, which compiles it with the types a run passes (the
same dtypes, dimensions and layouts: a change of the entry's inputs flows through). When
this process first looks for one of those kernels' code, it waits for its child and loads
the child's code from the cache instead of compiling it again. On two idle cores that
takes most of the compilation off the wall time.

A warm-up whose types no longer match what a run passes costs its child's time only: this
process then compiles what it calls, as it would without the child
(``tests/end_to_end/test_compiling_message.py`` checks that they match). Anything
unexpected (numba's cache internals changed, no ``fork``, one core, a warm-up failing)
leaves things as they were.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
import warnings

import numpy as np


def warm_enrolment() -> None:
    """The enrolment kernel's serial run on 3 cells x 2 sexes x 4 ages x 2 years, with the
    optional inputs a run passes (policy shift and lapse rates by pattern)."""
    from engine.kernels.enrolment import project_enrolment, rates_row

    n_cells, n_years, n_age = 3, 2, 4
    cells = (np.zeros((2, n_cells, 2, n_age)), np.full((n_cells, 2, n_age), 1.0 / n_cells),
             np.arange(n_cells) % 2)
    people = np.ones((n_years, 2, n_age))
    by_cell = np.ones((n_years, n_cells, 1))
    years = (np.ones((n_years, n_cells)), np.ones((n_years, n_cells)), people, people, people,
             0.0 * by_cell, 0.1 * by_cell)
    state = np.zeros((n_cells, 2, n_age))
    project_enrolment(cells, years, rates_row(0.0, 0.0, 1.0, 0.1, 0.1, 1.0, 3.0), state, state, 2,
                      parallel=False)


def warm_pensions() -> None:
    """The pension kernel, unit by unit, on 2 units x 2 years x 4 ages x 3 service years."""
    from engine.kernels.pension_columns import N_RULES, PATHS, STATE
    from engine.kernels.pensions import project_service

    n_units, n_years, n_age, n_svc = 2, 2, 4, 3
    state = {name: np.ones((n_units, n_age, n_svc) if i < 6 else (n_units, n_age)) for i, name in enumerate(STATE)}
    paths = {name: np.full((n_units, n_years, n_age), 0.5) for name in PATHS}
    project_service(state, paths, np.ones((n_units, n_years, N_RULES)), parallel=False)


AHEAD = {
    "engine.kernels.enrolment._chunk": warm_enrolment,
    "engine.kernels.pensions._project_unit": warm_pensions,
}
"""Kernels compiled ahead, by dotted name of the dispatcher a run calls, with the warm-up
that compiles it in a child."""
WAIT_S = 300.0
"""Longest wait for a child (it compiles in seconds; a child stuck is ended)."""


def _prime_numba() -> None:
    """Compile, uncached, a one-line function, so that numba's first-compilation set-up
    (its typing and target registries, the code generator: about 0.4 s of CPU) is done
    once, here, and inherited by the children rather than done again in each."""
    import numba

    numba.njit(cache=False)(lambda x: x[0] + 1.0)(np.zeros(1))


def dispatcher(name: str):
    """The numba dispatcher of a kernel named by its dotted name."""
    module, _, function = name.rpartition(".")
    return getattr(importlib.import_module(module), function)


def _cached(kernel) -> bool:
    """Whether numba's cache holds code of this kernel's current source, for any
    signature (numba's cache internals)."""
    return bool(kernel._cache._cache_file._load_index())


def compile_ahead() -> bool:
    """Fork a child for each kernel of :data:`AHEAD` that has no cached code; returns
    whether one was started. Call it before the projection."""
    from engine.kernels.jit import NO_JIT, announce_now
    from engine.processes import can_fork_helper

    if NO_JIT or not can_fork_helper():
        return False
    try:
        missing = [(dispatcher(name), warm) for name, warm in AHEAD.items()]
        missing = [(kernel, warm) for kernel, warm in missing if not _cached(kernel)]
    except Exception:  # noqa: BLE001 - numba's internals moved: compile in this process as before
        return False
    if not missing:
        return False
    try:
        _prime_numba()
    except Exception:  # noqa: BLE001 - a set-up for speed only; the children do it otherwise
        pass
    announce_now()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    for kernel, warm in missing:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12's warning on forking with threads
            pid = os.fork()
        if pid == 0:
            _child(warm)
        _wait_before_loading(kernel, _waiter(pid))
    return True


def _waiter(pid: int):
    """A function that waits, the first time it is called, until child ``pid`` has ended,
    at most :data:`WAIT_S` (then it is ended, and this process compiles for itself)."""
    waited = []

    def wait() -> None:
        if waited:
            return
        waited.append(True)
        deadline = time.monotonic() + WAIT_S
        try:
            while os.waitpid(pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    break
                time.sleep(0.01)
        except (ChildProcessError, ProcessLookupError):
            pass

    return wait


def _child(warm) -> None:
    """Compile (numba saves the code into its cache), then end at once, quietly."""
    status = 1
    try:
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: end with the parent
        except (OSError, AttributeError):
            pass
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        from engine.kernels.jit import announce_compiling

        announce_compiling(False)
        warm()
        status = 0
    finally:
        os._exit(status)


def _wait_before_loading(kernel, wait) -> None:
    """Make ``kernel`` wait for its child the first time it looks in the cache."""
    cache = kernel._cache
    load = cache.load_overload

    def load_overload(sig, target_context):
        wait()
        return load(sig, target_context)

    cache.load_overload = load_overload
