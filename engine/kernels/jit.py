"""Numba kernels: pure functions of arrays and scalars, and the switch that turns JIT off.

Set the environment variable ``LAOSIM_NO_JIT=1`` to run every kernel as plain Python
(for debugging, stepping through with pdb, and coverage). Nothing else changes.

Kernels are compiled on their first call and cached on disk beside their modules
(``__pycache__/*.nbi``, ``*.nbc``), so a machine compiles each once; a command compiles only
the kernels it calls. :func:`announce_compiling` makes the first compilation in a process
say so on standard error (a cached kernel loads in milliseconds and says nothing).
"""

from __future__ import annotations

import os
import sys

import numba
from numba.core import event

NO_JIT = os.environ.get("LAOSIM_NO_JIT", "").strip().lower() not in ("", "0", "false", "no")


def kernel(parallel: bool = False, fastmath: bool = False, inline: bool = False):
    """Decorator: ``numba.njit`` with caching, or the plain function when JIT is off.

    ``fastmath`` lets the compiler reorder sums (results then differ from a strict
    left-to-right sum by rounding only); use it only where inputs are finite. ``inline``
    inlines a small function into its callers before compilation, so that loops calling
    it can be vectorised.
    """

    def wrap(func):
        if NO_JIT:
            return func
        return numba.njit(cache=True, parallel=parallel, fastmath=fastmath, nogil=True,
                          inline="always" if inline else "never")(func)

    return wrap


prange = range if NO_JIT else numba.prange


COMPILING_MESSAGE = "laosim: compiling the projection kernels, once per machine (under a minute) ..."


class _Announcer(event.Listener):
    """Prints :data:`COMPILING_MESSAGE` when a kernel of this package starts compiling
    (numba raises the event only when no cached machine code could be loaded), once."""

    def __init__(self) -> None:
        self.enabled, self.said, self.pending = False, False, False

    def on_start(self, ev) -> None:
        if self.enabled and not self.said:
            dispatcher = ev.data.get("dispatcher")
            module = getattr(getattr(dispatcher, "py_func", None), "__module__", "") or ""
            if module.startswith(__package__ + "."):
                self.say()

    def say(self) -> None:
        if self.enabled and not self.said:
            self.said = True
            print(COMPILING_MESSAGE, file=sys.stderr, flush=True)

    def on_end(self, ev) -> None:
        pass


_ANNOUNCER = _Announcer()
event.register("numba:compile", _ANNOUNCER)


def announce_compiling(enabled: bool = True) -> None:
    """Say on standard error when this process first has to compile a kernel (the
    program does; a library user calling the API does not unless asked); at once if
    :func:`announce_now` was called before."""
    _ANNOUNCER.enabled = enabled
    if _ANNOUNCER.pending:
        _ANNOUNCER.say()


def announce_now() -> None:
    """Say now that kernels are being compiled (another process compiles them), if asked
    to announce and not said yet; if not asked yet, when :func:`announce_compiling` asks."""
    _ANNOUNCER.pending = True
    _ANNOUNCER.say()


def kernel_threads() -> int:
    """The number of threads the parallel kernels of this process run on."""
    return numba.get_num_threads()
