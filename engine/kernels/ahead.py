"""The first run on a machine: the pension kernels compiled in a second process, beside
this process's own compilation of the population and enrolment kernels.

Compiling is most of a first run (numba writes the machine code into its cache beside the
modules, so later runs load it in milliseconds). The pension kernels take about half of
it and are independent of the others, so :func:`compile_ahead` forks a child that compiles
them, with the signature a run calls them with, while this process goes on with the
projection; when this process first calls one of them, it waits for the child and loads
the child's code from the cache instead of compiling it again. On two idle cores that
saves about the pension kernels' compilation time.

:data:`AHEAD` names each kernel with its signature in numba's type names. A signature
that no longer matches what a run passes costs the child's time only: this process waits
for the child only when it asks for that very signature. Anything unexpected (numba's
cache internals changed, no ``fork``, one core) leaves things as they were: this process
compiles what it calls.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
import warnings

_ARRAY3 = "Array(float64, 3, 'C', False, aligned=True)"
_ARRAY2 = "Array(float64, 2, 'C', False, aligned=True)"
AHEAD: dict[str, str] = {
    "engine.kernels.pensions._project_serial":
        f"(Tuple(({', '.join([_ARRAY3] * 6 + [_ARRAY2] * 3)})), UniTuple({_ARRAY3}, 6), {_ARRAY3}, "
        f"UniTuple({_ARRAY3}, 9), {_ARRAY3})",
}
"""Kernels compiled ahead, by dotted name, with the signature a run calls them with."""
WAIT_S = 300.0
"""Longest wait for the child (it compiles in seconds; a child stuck is ended)."""


def _dispatcher_and_signature(name: str, text: str):
    from numba.core import types

    module, _, function = name.rpartition(".")
    dispatcher = getattr(importlib.import_module(module), function)
    return dispatcher, tuple(eval(text, {"__builtins__": {}}, dict(vars(types))))  # noqa: S307 - our own constant


def _cached(dispatcher, signature) -> bool:
    """Whether numba's cache holds code for ``signature`` (numba's cache internals)."""
    cache = dispatcher._cache
    key = cache._index_key(signature, dispatcher.targetctx.codegen())
    return key in cache._cache_file._load_index()


def compile_ahead() -> bool:
    """Fork a child compiling the kernels of :data:`AHEAD` that have no cached code; returns
    whether one was started. Call it before the projection."""
    from engine.kernels.jit import NO_JIT, announce_now
    from engine.processes import can_fork_helper

    if NO_JIT or not can_fork_helper():
        return False
    try:
        missing = []
        for name, text in AHEAD.items():
            dispatcher, signature = _dispatcher_and_signature(name, text)
            if not _cached(dispatcher, signature):
                missing.append((dispatcher, signature))
    except Exception:  # noqa: BLE001 - numba's internals moved: compile in this process as before
        return False
    if not missing:
        return False
    announce_now()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12's warning on forking with threads
        pid = os.fork()
    if pid == 0:
        _child(missing)
    waited = []

    def wait() -> None:
        """Until the child has ended, at most :data:`WAIT_S` (then it is ended, and this
        process compiles for itself)."""
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
                time.sleep(0.02)
        except (ChildProcessError, ProcessLookupError):
            pass

    for dispatcher, signature in missing:
        _wait_before_loading(dispatcher, signature, wait)
    return True


def _child(missing) -> None:
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
        for dispatcher, signature in missing:
            dispatcher.compile(signature)
        status = 0
    finally:
        os._exit(status)


def _wait_before_loading(dispatcher, signature, wait) -> None:
    """Make ``dispatcher`` wait for the child before it looks in the cache for ``signature``."""
    from numba.core import sigutils

    cache = dispatcher._cache
    load = cache.load_overload

    def load_overload(sig, target_context):
        try:
            ours = tuple(sigutils.normalize_signature(sig)[0]) == signature
        except Exception:  # noqa: BLE001 - a form of signature not foreseen: not the child's
            ours = False
        if ours:
            wait()
        return load(sig, target_context)

    cache.load_overload = load_overload
