"""Numba kernels: pure functions of arrays and scalars, and the switch that turns JIT off.

Set the environment variable ``LAOSIM_NO_JIT=1`` to run every kernel as plain Python
(for debugging, stepping through with pdb, and coverage). Nothing else changes.
"""

from __future__ import annotations

import os

import numba

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
