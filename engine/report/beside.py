"""The report's figures drawn in a second process while this one writes the tables.

Drawing the figures (matplotlib, single-threaded Python) is the longest step of writing a
run's files; the NetCDF file, the CSV summary and the workbook are next. On a machine with
two or more cores, :func:`figures_beside` forks a child that draws figures from the start
of the page while this process writes the tables; when the tables are done, this process
draws figures from the end of the page, until the two meet. Which figure goes to which
process is settled under a lock shared by the two, so the split follows the actual speed of
each. The child sends its figures back through a pipe. The result is the same figures, in
page order, as :func:`engine.report.figures.render_figures` draws in one process.

Without ``os.fork`` (Windows), on one core, outside the main thread, or when
``LAOSIM_REPORT_PROCESSES=1``, everything runs in this process, one step after the other. A child that fails or is killed costs only
time: the figures it did not send are drawn here.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable
from typing import TypeVar

from engine.processes import can_fork_helper
from engine.report.style import Runs

T = TypeVar("T")

PROCESSES_VARIABLE = "LAOSIM_REPORT_PROCESSES"


def forking() -> bool:
    """Whether the figures are drawn in a second process: on Linux with two cores or more,
    called from the main thread (the program; a server's worker thread draws them itself,
    as forking beside other busy threads could copy a lock one of them holds)."""
    return os.environ.get(PROCESSES_VARIABLE, "").strip() != "1" and can_fork_helper()


def figures_beside(runs: Runs, scenarios: list, tables: Callable[[], T]) -> tuple[T, tuple]:
    """Call ``tables()`` while the figures of ``runs`` are drawn; returns its result and the
    figures as :func:`engine.report.figures.render_figures` returns them."""
    from engine.report.figures import figure_plan, render_figure

    drawable, missing = figure_plan(runs, scenarios)

    def draw(k: int):
        spec, usable = drawable[k]
        return render_figure(spec, [runs[i] for i in usable], [scenarios[i] for i in usable])

    if not drawable or not forking():
        result = tables()
        return result, ([draw(k) for k in range(len(drawable))], missing)
    import matplotlib.backends.backend_agg  # noqa: F401 - imported once, before the fork, for both processes
    import matplotlib.figure  # noqa: F401

    result, drawn = _split(len(drawable), draw, tables)
    return result, ([drawn[k] for k in range(len(drawable))], missing)


def _split(n: int, draw: Callable[[int], object], tables: Callable[[], T]) -> tuple[T, dict[int, object]]:
    """Items 0..n-1 drawn by a forked child from the front and by this process, once
    ``tables()`` has returned, from the back; returns ``tables()``'s result and every item."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    bounds = context.Array("i", [0, n])  # the next item from the front, one past the last from the back
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12's warning on forking with threads
        pid = os.fork()
    if pid == 0:  # the child: draw from the front, send what was drawn, and end at once
        status = 0
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interruption does
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            drawn = {}
            while True:
                with bounds.get_lock():
                    k = bounds[0]
                    if k >= bounds[1]:
                        break
                    bounds[0] = k + 1
                drawn[k] = draw(k)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(drawn, protocol=pickle.HIGHEST_PROTOCOL))
        except BaseException:  # noqa: BLE001 - the parent draws whatever did not arrive
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        result = tables()
        mine = {}
        while True:
            with bounds.get_lock():
                k = bounds[1] - 1
                if k < bounds[0]:
                    break
                bounds[1] = k
            mine[k] = draw(k)
        with os.fdopen(read_end, "rb") as pipe:
            read_end = None
            payload = pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGTERM)  # the set is given up: the child's figures are not needed
        raise
    finally:
        if read_end is not None:
            os.close(read_end)
        os.waitpid(pid, 0)
    try:
        theirs = pickle.loads(payload) if payload else {}
    except Exception:  # noqa: BLE001 - a broken message: draw those figures here
        theirs = {}
    drawn = {**theirs, **mine}
    for k in range(n):
        if k not in drawn:
            drawn[k] = draw(k)
    return result, drawn
