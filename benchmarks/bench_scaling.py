"""Cost against work: a projection's time by number of cells and by horizon, a sweep's by draws.

Run: ``python benchmarks/bench_scaling.py [--axes cells,horizon,draws] [--draws 100,300,1000]
[--workers W] [--repeats R]``.

- **cells**: the scenario run with a user's own cell table (the CSV that
  :func:`engine.profile.user_cells.load_cell_table` reads) of 144, 576, 5,760 and 57,600 cells, made
  from the embedded profile's 576 cells (a quarter of them, or each cell split into 10 or
  100 with slightly different incomes and the weight shared). No scenario key names a cell
  table yet, so the benchmark hands the loaded table to the enrolment stage in place of
  the embedded profile (``engine.enrolment.cell_setup.informal_cells``).
- **horizon**: the scenario to 2035, 2050, 2100 and 2150 (work: the projected years).
- **draws**: a sweep of ``scenarios/uncertainty.yaml`` on the local workers; the draw counts
  given (default 100, 300, 1,000: what fits in a few minutes on 2 cores).

Each point of an axis runs in a fresh child process on one numba thread (so its peak
memory is its own): a first run warms the kernels, then the best of ``R`` timed runs, whose
CPU time is fitted (the run's own work, little changed by other work on a shared machine;
the wall time is printed beside it). For a sweep the wall time after its workers' start
(printed apart) is fitted. The time of each point is fitted as
``t = a + b * work**k``: ``a`` the fixed cost that does not grow with the work (printed
apart), ``k`` the exponent of the marginal cost (1.0 is linear). Peak resident
memory is printed for each point; for the draws, the client's and each worker's, beside
the size of the results the client keeps.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_sweep import machine  # noqa: E402

ROOT = Path(__file__).parents[1]
CELLS = (144, 576, 5_760, 57_600)
END_YEARS = (2035, 2050, 2100, 2150)
DRAWS = (100, 300, 1_000)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_cell_table(n_cells: int, path: Path) -> None:
    """A user's cell table of ``n_cells`` rows made from the embedded 576-cell profile."""
    import pandas as pd

    from engine.profile.profile import informal_cells
    from engine.profile.survey import CELL_COVARIATES

    base = informal_cells(married_by_age=False)
    weights = np.asarray(base.weights, float)  # (2, 576)
    income = np.asarray(base.income_2020, float)
    if n_cells <= base.n_cells:
        index = np.arange(n_cells) * (base.n_cells // n_cells)
        split = 1
    else:
        split = n_cells // base.n_cells
        index = np.repeat(np.arange(base.n_cells), split)
    spread = 1.0 + 0.2 * (np.tile(np.arange(split), len(index) // split) / max(1, split) - 0.5)
    frame = pd.DataFrame({c: np.asarray(base.covariates[c], float)[index].astype(int) for c in CELL_COVARIATES})
    frame["income"] = income[index] * spread
    frame["weight_male"] = weights[0, index] / split
    frame["weight_female"] = weights[1, index] / split
    frame.to_csv(path, index=False)


def time_runs(scenario, repeats: int) -> tuple[float, float]:
    """The best of ``repeats`` warm runs: (wall seconds, CPU seconds). On one numba thread
    the CPU time is the run's own work, whatever else the machine is doing."""
    from engine.model import project

    project(scenario)  # warm: kernels loaded, caches filled
    wall = cpu = np.inf
    for _ in range(repeats):
        started, used = time.perf_counter(), time.process_time()
        project(scenario)
        wall, cpu = min(wall, time.perf_counter() - started), min(cpu, time.process_time() - used)
    return wall, cpu


def point_cells(n_cells: int, repeats: int) -> dict:
    import engine
    import engine.enrolment.cell_setup as cell_setup
    from engine.profile.user_cells import load_cell_table

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cells.csv"
        write_cell_table(n_cells, path)
        cells = load_cell_table(path)
    cell_setup.informal_cells = lambda *args, **kwargs: cells
    cell_setup._cell_setup.cache_clear()
    scenario = engine.load_scenario(ROOT / "scenarios" / "baseline.yaml")
    wall, cpu = time_runs(scenario, repeats)
    return {"work": cells.n_cells, "seconds": cpu, "wall": wall, "peak_mb": peak_mb()}


def point_horizon(end_year: int, repeats: int) -> dict:
    import engine

    scenario = engine.load_scenario(ROOT / "scenarios" / "baseline.yaml", overrides=[f"horizon.end_year={end_year}"])
    years = len(scenario.horizon.years)
    wall, cpu = time_runs(scenario, repeats)
    return {"work": years, "label": end_year, "seconds": cpu, "wall": wall, "peak_mb": peak_mb()}


def point_draws(draws: int, workers: int | None) -> dict:
    import engine
    from engine.sweep import Executor, stochastic_sweep

    scenario = engine.load_scenario(ROOT / "scenarios" / "uncertainty.yaml")
    started = time.perf_counter()
    with Executor(workers=workers) as executor:
        executor.started()
        start = time.perf_counter() - started
        ds = stochastic_sweep(scenario, draws, executor)
        seconds = time.perf_counter() - started
        workers_mb = sorted(s.peak_mb for s in executor.worker_stats().values())
    results_mb = sum(v.nbytes for v in ds.variables.values()) / 2**20
    return {"work": draws, "seconds": seconds, "start": start, "peak_mb": peak_mb(),
            "workers_mb": workers_mb, "results_mb": results_mb}


def run_point(axis: str, value: int, args) -> dict:
    env = dict(os.environ, NUMBA_NUM_THREADS="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    command = [sys.executable, __file__, "--point", axis, str(value), "--repeats", str(args.repeats)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{axis} {value} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fit(work: np.ndarray, seconds: np.ndarray) -> tuple[float, float, float]:
    """``(a, b, k)`` of ``t = a + b * work**k`` by least squares on log t (a >= 0 and below
    the smallest time): ``a`` the fixed cost, ``k`` the exponent of the marginal cost."""
    from scipy.optimize import least_squares

    scale = work / work.min()

    def residual(p):
        a, log_b, k = p
        return np.log(a + np.exp(log_b) * scale ** k) - np.log(seconds)

    low = seconds.min()
    best = None
    for a0 in (0.0, 0.25 * low, 0.5 * low, 0.9 * low):  # a few starts: the fit is not convex
        start = [a0, np.log(max(low - a0, 1e-9)), 1.0]
        found = least_squares(residual, start, bounds=([0.0, -50.0, 0.05], [low, 50.0, 3.0]))
        if best is None or found.cost < best.cost:
            best = found
    a, log_b, k = best.x
    return float(a), float(np.exp(log_b)), float(k)


def report(axis: str, points: list[dict], unit: str) -> None:
    work = np.array([p["work"] for p in points], float)
    # a sweep's workers' start is measured, so only the time after it is fitted
    seconds = np.array([p["seconds"] - p.get("start", 0.0) for p in points], float)
    for p in points:
        label = f" (to {p['label']})" if "label" in p else ""
        extra = ""
        if "workers_mb" in p:
            extra = (f"; workers start {p['start']:.2f} s; client peak {p['peak_mb']:.0f} MB, workers "
                     + ", ".join(f"{m:.0f}" for m in p["workers_mb"]) + f" MB; results {p['results_mb']:.1f} MB")
        else:
            extra = f" of CPU ({p['wall']:.3f} s wall); peak memory {p['peak_mb']:.0f} MB"
        print(f"  {p['work']:>8,} {unit}{label}: {p['seconds']:8.3f} s{extra}")
    raw = np.polyfit(np.log(work), np.log(seconds), 1)[0]
    if len(points) >= 3:
        a, b, k = fit(work, seconds)
        after = " after the workers' start" if "start" in points[0] else ""
        print(f"  fitted t{after} = a + b (work/{work.min():,.0f})^k: fixed a = {a:.3f} s, b = {b:.3f} s, "
              f"exponent k = {k:.2f} (log-log slope of the whole time{after} {raw:.2f})")
    else:
        print(f"  log-log slope of the whole time {raw:.2f} (too few points to separate a fixed cost)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--axes", default="cells,horizon,draws")
    parser.add_argument("--draws", default=",".join(map(str, DRAWS)), help="draw counts, comma-separated")
    parser.add_argument("--cells", default=",".join(map(str, CELLS)), help="cell counts, comma-separated")
    parser.add_argument("--workers", type=int, default=None, help="sweep workers (default: the cores available)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each cells or horizon point")
    parser.add_argument("--point", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.point:
        axis, value = args.point[0], int(args.point[1])
        point = {"cells": lambda: point_cells(value, args.repeats),
                 "horizon": lambda: point_horizon(value, args.repeats),
                 "draws": lambda: point_draws(value, args.workers)}[axis]()
        print(json.dumps(point))
        return

    print(machine())
    axes = args.axes.split(",")
    single = "a warm projection of baseline.yaml on one numba thread, CPU time fitted"
    plan = {"cells": ([int(v) for v in args.cells.split(",")], "cells", single),
            "horizon": (END_YEARS, "years", single),
            "draws": ([int(v) for v in args.draws.split(",")], "draws",
                      f"a sweep of uncertainty.yaml on {args.workers or 'the available cores as'} workers, start included")}
    for axis in axes:
        values, unit, what = plan[axis]
        print(f"{axis}: {what}")
        report(axis, [run_point(axis, v, args) for v in values], unit)


if __name__ == "__main__":
    main()
