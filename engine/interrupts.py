"""SIGINT and SIGTERM end the program cleanly, with one line and status 130 or 143.

:func:`install` sets a handler for both signals that prints the one line at once, sends
whatever shutting down may still print (a cluster's closing messages, worker processes)
to the null device, and raises :class:`KeyboardInterrupt` or :class:`Terminated`, so that
the stack unwinds: every ``finally`` runs (temporary output folders are removed, clusters
closed). The command line then ends the process with :func:`finish`, skipping the
interpreter's own shutdown, where threads of the numerical libraries may still run. A
second signal while unwinding is ignored, so the clean-up completes.

:func:`deferred` holds both signals back while files are written and an output set is
moved into place: an exception raised in the middle of a file library's call (between
taking a lock and the ``try`` that releases it) can leave the process hung, and a set
half-replaced. A signal that arrives meanwhile is recorded and acts when the block ends;
:func:`pending` lets the writer see it and give up the set instead of moving it in. (A
flag, not the thread's signal mask: a signal may be delivered to any thread, and Python
runs its handler in the main thread all the same.) ``LAOSIM_DEBUG=1`` keeps standard
error open, to see the unwinding.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_received: list[int] = []  # the signal acted upon (at most one)
_pending: list[int] = []  # signals held back by deferred()
_depth = [0]  # how many deferred() blocks are open


class Terminated(BaseException):
    """SIGTERM arrived (a ``BaseException``, like ``KeyboardInterrupt``, so that no
    ``except Exception`` swallows it)."""


def exit_status(exc: BaseException) -> int:
    """128 + the signal number: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def _silence_stderr() -> None:
    if os.environ.get("LAOSIM_DEBUG"):
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stderr.fileno())
        os.close(devnull)


def _handle(signum, frame) -> None:
    if _received:  # already unwinding: let the clean-up finish
        return
    if _depth[0]:
        _pending.append(signum)
        return
    _act(signum)


def _act(signum: int) -> None:
    _received.append(signum)
    print(f"laosim: interrupted ({signal.Signals(signum).name})", file=sys.stderr, flush=True)
    _silence_stderr()
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def install() -> None:
    """Both signals print the line and raise (in the main thread)."""
    _received.clear()
    _pending.clear()
    for signum in SIGNALS:
        signal.signal(signum, _handle)


def finish(exc: BaseException) -> int:
    """The exit status of an interruption. After a signal the process ends here; a
    ``KeyboardInterrupt`` raised otherwise is reported and its status returned."""
    status = exit_status(exc)
    if not _received:
        print("laosim: interrupted", file=sys.stderr, flush=True)
        return status
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    os._exit(status)


def received() -> BaseException | None:
    """The interruption a signal raised, when its exception was swallowed on the way (by a
    library callback whose errors are ignored) and the command ran on to its end."""
    if not _received:
        return None
    return Terminated() if _received[0] == signal.SIGTERM else KeyboardInterrupt()


def pending() -> bool:
    """Whether a signal arrived inside the open :func:`deferred` block."""
    return bool(_pending)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back inside the block; one that arrived acts as it ends."""
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if not _depth[0] and _pending and not _received:
            signum = _pending[0]
            _pending.clear()
            _act(signum)
