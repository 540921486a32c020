"""Where a sweep's chunks of variants run: local worker processes, or a dask.distributed cluster.

Without a scheduler address a sweep runs on a plain pool of local worker processes
(:class:`LocalPool`), one per available core: started when the executor is entered, so
that their imports and a warm-up run of the default scenario (loading the compiled kernels
and the data) overlap the drawing of the variants; one numba thread each (the workers
already fill the cores); each chunk pickled to a worker and its reduced result pickled
back, nothing else in between.
With ``--scheduler ADDRESS`` the chunks go to that running dask.distributed cluster
(:class:`DaskCluster`), as the CONTRACT states. Both give the same results for the same
chunks: a chunk is a pure function of the scenario and its variants.

A chunk that raises is run again up to :data:`RETRIES` times; if it still fails the
sweep stops after the others and names every failed chunk (no variant is silently dropped).
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from engine.processes import available_cores

RETRIES = 2

WORKER_ENVIRONMENT = {"NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                      "MKL_NUM_THREADS": "1"}
"""Set in each worker before it starts: numba reads its thread count once, on import (set
later, each worker ran its parallel kernels on every core while the others did the same)."""


class SweepError(RuntimeError):
    """A chunk of variants failed after its retries."""


@dataclass(frozen=True)
class WorkerStats:
    """What a worker process reports with each chunk: its id, its peak resident memory
    (MB) so far, the number of threads its numba kernels run on, and the CPU time it has
    used so far (s, user and system)."""

    pid: int
    peak_mb: float
    numba_threads: int
    cpu_s: float = 0.0


def _own_stats() -> WorkerStats:
    from engine.kernels.jit import kernel_threads

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return WorkerStats(os.getpid(), usage.ru_maxrss / 1024, kernel_threads(),  # ru_maxrss: KB on Linux
                       usage.ru_utime + usage.ru_stime)


# -- in a local worker process ------------------------------------------------------------

_scenario_cache: dict[str, object] = {}
_all_started = None
START_WAIT = 120.0
"""Seconds a started worker waits for the others before it reports anyway."""


def _worker_start(all_started) -> None:
    """A local worker ignores the terminal's interrupt (the parent stops the pool), imports
    the engine and runs the default scenario once with its summary, while the parent
    prepares the variants:
    that loads the compiled kernels and the data, which a first run pays for (about a
    second), as a warm single run in a plain process has paid for them too."""
    import signal

    global _all_started
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _all_started = all_started
    import gc

    from engine.model import project
    from engine.results import build_dataset
    from engine.scenario.load import scenario_from_dict
    from engine.summary import summary_columns, summary_variables

    try:
        warm = project(scenario_from_dict({"name": "worker_start"}), valuation=False)
        # and its summary, as a chunk makes it: xarray imports dask on its first Dataset
        # (about 0.15 s), which the first chunk paid, after the start
        keep = summary_variables() & warm.arrays.keys()
        summary_columns(build_dataset({k: warm.arrays[k][None] for k in keep}, warm.years,
                                      extra_coords=warm.coords, variants=1))
    except Exception:  # noqa: BLE001  (a warm-up only: a real failure shows in the first chunk)
        pass
    gc.collect()
    gc.freeze()  # what the start made and kept: never collected, so never scanned again


def _run_local_chunk(task: Callable, key: str, blob: bytes, chunk: list):
    """Run ``task(scenario, chunk)`` in a local worker; the scenario arrives pickled and is
    unpickled once per worker and scenario (``key`` names it)."""
    scenario = _scenario_cache.get(key)
    if scenario is None:
        _scenario_cache.clear()
        scenario = _scenario_cache[key] = pickle.loads(blob)
    return task(scenario, chunk), _own_stats()


def _ready() -> WorkerStats:
    """A worker's first report; each waits for the others, so that every worker takes one."""
    import threading

    try:
        _all_started.wait(START_WAIT)
    except threading.BrokenBarrierError:  # a worker did not start in time: the sweep will say
        pass
    return _own_stats()


# -- executors -------------------------------------------------------------------------------

@dataclass
class LocalPool:
    """Local worker processes (spawned, so that each starts with one numba thread)."""

    workers: int
    stats: dict[int, WorkerStats] = field(default_factory=dict)

    def __enter__(self):
        import multiprocessing
        import signal
        from concurrent.futures import ProcessPoolExecutor

        from engine import interrupts

        saved = {k: os.environ.get(k) for k in WORKER_ENVIRONMENT}
        # While the workers are spawned, a signal is held back (one that cut the parent's
        # message to a starting worker would make that worker print a traceback), and
        # SIGINT is blocked: the workers inherit the block, so a Ctrl-C at the terminal,
        # which reaches every process of the group, stops the parent alone.
        try:
            with interrupts.deferred():
                blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                os.environ.update(WORKER_ENVIRONMENT)
                try:
                    context = multiprocessing.get_context("spawn")
                    self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                                    initializer=_worker_start,
                                                    initargs=(context.Barrier(self.workers),))
                    # one task per worker spawns every worker now (a pool spawns them as tasks come)
                    self._starting = [self.pool.submit(_ready) for _ in range(self.workers)]
                finally:
                    for k, v in saved.items():
                        if v is None:
                            os.environ.pop(k, None)
                        else:
                            os.environ[k] = v
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        except BaseException as exc:  # a signal held back acts here: stop what was started
            if getattr(self, "pool", None) is not None:
                self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def __exit__(self, exc_type, *exc):
        import gc

        if exc_type is not None:  # interrupted or failed: running chunks are not awaited
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        # the pool's queues and the start barrier hold semaphores, which the interpreter
        # would free only at its exit (the command line ends without it, and the resource
        # tracker would then warn of them): freed now
        self.pool = self._starting = None
        gc.collect()

    def worker_count(self) -> int:
        return self.workers

    def started(self) -> None:
        """Wait until every worker has started."""
        for future in self._starting:
            self._note(future.result())

    def _note(self, stats: WorkerStats) -> None:
        self.stats[stats.pid] = stats

    def completed(self, task: Callable, scenario, chunks: list[list]) -> Iterator[tuple[int, object]]:
        from concurrent.futures import FIRST_COMPLETED, wait

        blob = pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL)
        key = f"{id(scenario)}:{hash(blob)}"
        tries = [0] * len(chunks)
        pending = {self.pool.submit(_run_local_chunk, task, key, blob, chunk): i for i, chunk in enumerate(chunks)}
        failures: dict[int, BaseException] = {}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                i = pending.pop(future)
                error = future.exception()
                if error is None:
                    result, stats = future.result()
                    self._note(stats)
                    yield i, result
                elif tries[i] < RETRIES and not _pool_broken(error):
                    tries[i] += 1
                    pending[self.pool.submit(_run_local_chunk, task, key, blob, chunks[i])] = i
                else:
                    failures[i] = error
                    yield i, None
        _raise_failures(failures, chunks)


def _pool_broken(error: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(error, BrokenProcessPool)


@dataclass
class DaskCluster:
    """A dask.distributed client: of the cluster at ``scheduler``, or of a local cluster."""

    scheduler: str | None = None
    workers: int | None = None

    def __enter__(self):
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self._cluster = None
            self.client = Client(self.scheduler)
        else:
            import dask

            # One numba thread per worker process, set before it starts (see
            # WORKER_ENVIRONMENT). No statistical profiler (it samples the running task
            # every 10 ms). And glibc's own malloc tuning: dask's default
            # MALLOC_TRIM_THRESHOLD_ gives freed memory back at once, so every run's arrays
            # were faulted in anew (about 12,000 page faults and 20 ms of system time a variant).
            environ = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_ENVIRONMENT.items()}
            with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                                  **environ, "distributed.worker.profile.enabled": False}):
                # Worker processes keep the terminal's standard error: after an interruption
                # their complaints about the vanished scheduler would follow the one line the
                # command prints, so only critical messages pass (a failed chunk is reported
                # by name anyway); LAOSIM_DEBUG=1 shows errors again.
                quiet = logging.ERROR if os.environ.get("LAOSIM_DEBUG") else logging.CRITICAL
                self._cluster = LocalCluster(n_workers=self.workers or available_cores(), threads_per_worker=1,
                                             processes=True, dashboard_address=":0", silence_logs=quiet)
            self.client = Client(self._cluster)
        self.stats: dict[int, WorkerStats] = {}
        return self

    def __exit__(self, *exc):
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def worker_count(self) -> int:
        return max(1, len(self.client.scheduler_info()["workers"]))

    def started(self) -> None:
        self.client.wait_for_workers(self.workers or 1)
        for stats in self.client.run(_own_stats).values():
            self.stats[stats.pid] = stats

    def completed(self, task: Callable, scenario, chunks: list[list]) -> Iterator[tuple[int, object]]:
        from dask.distributed import as_completed

        scenario_future = self.client.scatter(scenario, broadcast=True, hash=False)
        futures = {self.client.submit(_run_dask_chunk, task, scenario_future, chunk, retries=RETRIES, pure=False): i
                   for i, chunk in enumerate(chunks)}
        failures: dict[int, BaseException | str] = {}
        for future in as_completed(list(futures)):
            i = futures.pop(future)  # dropping the future frees its result on the worker
            if future.status != "finished":
                failures[i] = future.exception() if future.status == "error" else future.status
                yield i, None
            else:
                result, stats = future.result()
                self.stats[stats.pid] = stats
                yield i, result
            future.release()
        _raise_failures(failures, chunks)


def _run_dask_chunk(task: Callable, scenario, chunk: list):
    return task(scenario, chunk), _own_stats()


def _raise_failures(failures: dict, chunks: list[list]) -> None:
    if not failures:
        return
    starts = [0]
    for chunk in chunks:
        starts.append(starts[-1] + len(chunk))
    named = [f"chunk {i} (variants {starts[i]}..{starts[i + 1] - 1}): {failures[i]!r}" for i in sorted(failures)]
    raise SweepError(f"{len(failures)} chunk(s) failed after {RETRIES} retries: " + "; ".join(named))


@dataclass
class Executor:
    """Where chunks run: local worker processes (``workers``, default one per available
    core), or the dask.distributed cluster at ``scheduler``. ``local="dask"`` runs the local
    workers as a dask.distributed local cluster instead (the same results; for comparison)."""

    scheduler: str | None = None
    workers: int | None = None
    local: str = "pool"

    def __enter__(self):
        if self.scheduler or self.local == "dask":
            self.backend = DaskCluster(self.scheduler, self.workers)
        else:
            self.backend = LocalPool(self.workers or available_cores())
        self.backend.__enter__()
        return self

    def __exit__(self, *exc):
        self.backend.__exit__(*exc)

    def worker_count(self) -> int:
        """The workers chunks are spread over."""
        return self.backend.worker_count()

    def started(self) -> None:
        """Wait until the workers have started (a benchmark times the start apart)."""
        self.backend.started()

    def worker_stats(self) -> dict[int, WorkerStats]:
        """The latest report of each worker process that ran a chunk, by process id."""
        return dict(self.backend.stats)

    def completed(self, task: Callable, scenario, chunks: list[list]) -> Iterator[tuple[int, object]]:
        """``(i, task(scenario, chunks[i]))`` for each chunk as it completes (in any order);
        a chunk failed after its retries gives ``(i, None)``, and once every chunk is done
        :class:`SweepError` names the failed ones."""
        return self.backend.completed(task, scenario, chunks)
