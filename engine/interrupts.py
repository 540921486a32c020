"""SIGINT and SIGTERM end the program cleanly, with one line and status 130 or 143.

Python turns SIGINT into :class:`KeyboardInterrupt`; :func:`install` makes SIGTERM raise
:class:`Terminated` the same way, so that both unwind the stack: every ``finally`` runs
(temporary output folders are removed, clusters closed) before the command line reports
the interruption. :func:`deferred` holds both signals back while an output set is moved
into place, so that a set is never left half-replaced.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """SIGTERM arrived (a ``BaseException``, like ``KeyboardInterrupt``, so that no
    ``except Exception`` swallows it)."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def install() -> None:
    """SIGINT raises KeyboardInterrupt and SIGTERM raises :class:`Terminated` (main thread)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)


def exit_status(exc: BaseException) -> int:
    """128 + the signal number: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def report(exc: BaseException) -> int:
    """Print the one line of an interruption, silence what shutting down may still print
    (worker processes, a cluster's closing messages), and return the exit status."""
    name = "SIGTERM" if isinstance(exc, Terminated) else "SIGINT"
    print(f"laosim: interrupted ({name})", file=sys.stderr, flush=True)
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stderr.fileno())
        os.close(devnull)
    return exit_status(exc)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back inside the block; they act as soon as it ends."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
