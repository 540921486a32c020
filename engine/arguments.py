"""Checks of the command line's own arguments, made before any computation starts.

A wrong ``--draws``, ``--seed``, ``--workers`` or ``--scheduler`` is the user's mistake:
each is refused here with an :class:`InputError` (exit status 2) in well under a second,
rather than after minutes of projections or as an internal error. A scheduler address is
parsed and then tried with a short connection timeout, so that a closed port is reported
in seconds.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from engine.errors import InputError, Problem

MAX_DRAWS = 100_000
"""The most variants one sweep draws (the same bound as ``uncertainty.draws``)."""

MAX_SEED = 2**63 - 1
MAX_WORKERS = 256
SCHEDULER_SCHEMES = ("tcp", "tls")
DEFAULT_SCHEDULER_PORT = 8786
CONNECT_TIMEOUT_S = 3.0


def _problem(option: str, found: str, expected: str) -> Problem:
    return Problem("command line", None, option, found, expected)


def count_problems(draws: int | None, seed: int | None, workers: int | None) -> list[Problem]:
    """Problems of ``--draws``, ``--seed`` and ``--workers`` (None: not given)."""
    problems = []
    if draws is not None and not 0 <= draws <= MAX_DRAWS:
        problems.append(_problem("--draws", str(draws), f"a count from 0 to {MAX_DRAWS:,} "
                                 "(0: the sensitivity cases only)"))
    if seed is not None and not 0 <= seed <= MAX_SEED:
        problems.append(_problem("--seed", str(seed), f"a whole number from 0 to {MAX_SEED}"))
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        problems.append(_problem("--workers", str(workers), f"a count of worker processes from 1 to {MAX_WORKERS}"))
    return problems


def scheduler_endpoint(address: str) -> tuple[str, int]:
    """Host and port of a scheduler address (``tcp://HOST:PORT``, ``tls://...`` or
    ``HOST:PORT``); raises :class:`InputError` when it is not one."""
    expected = "an address such as tcp://HOST:8786 (tcp or tls, a host, a port 1-65535)"
    text = address.strip()
    parts = urlsplit(text if "://" in text else f"tcp://{text}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname
    if (parts.scheme not in SCHEDULER_SCHEMES or not host or any(c.isspace() for c in text)
            or parts.path not in ("", "/") or parts.query or port == -1 or port == 0):
        raise InputError([_problem("--scheduler", f"'{address}'", expected)])
    return host, port or DEFAULT_SCHEDULER_PORT


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Raise :class:`InputError` unless something accepts connections at ``address``."""
    host, port = scheduler_endpoint(address)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except socket.timeout:
        reason = f"no answer within {timeout:g} s"
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
    else:
        return
    raise InputError([_problem("--scheduler", f"'{address}', where no scheduler answers ({reason})",
                               "the address of a running dask scheduler")])


def check_sweep_arguments(draws: int, seed: int | None, workers: int | None, scheduler: str | None) -> None:
    """Every check of ``laosim sweep``'s options; raises one :class:`InputError` listing all."""
    problems = count_problems(draws, seed, workers)
    if scheduler is not None and workers is not None:
        problems.append(_problem("--workers", str(workers),
                                 "no --workers with --scheduler (the scheduler's cluster has its own workers)"))
    if problems:
        raise InputError(problems)
    if scheduler is not None:
        check_scheduler(scheduler)
