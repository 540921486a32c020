"""Speed of the numba cohort-component kernel against the numpy reference.

Run: ``python benchmarks/bench_cohort.py [--repeat N]``. Prints, for each grid, the
median wall time of the numba kernel (compiled, warm) and of the numpy reference, their
ratio and the kernel's throughput in cell-age-sex-year updates per second: first with
each call allocating its output, then with both writing into reused buffers. Also the
time merely to touch every page of a fresh output of the grid's size, the floor under
any allocating call.

Grids:
- ``cells``: 1,000 independent populations x 101 ages x 2 sexes x 77 years, sharing one
  set of rates (regions or groups projected with the same assumptions);
- ``variants``: 100 variants, each with its own rates (stochastic or sensitivity runs).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from engine.cohort_reference import project_cohorts_reference
from engine.demography import one_year_survival
from engine.kernels import NO_JIT
from engine.kernels.cohort import project_cohorts

AGES, SEXES, YEARS = 101, 2, 77


def grid(batch: int, shared_rates: bool, seed: int = 0):
    rng = np.random.default_rng(seed)
    r = 1 if shared_rates else batch
    pop0 = rng.uniform(0, 5e4, (batch, SEXES, AGES))
    survival, survival_birth = one_year_survival(rng.uniform(0.0005, 0.2, (r, YEARS, SEXES, AGES)))
    asfr = np.zeros((r, YEARS, AGES))
    asfr[:, :, 15:50] = rng.uniform(0, 0.15, (r, YEARS, 35))
    migration = rng.normal(0, 30, (r, YEARS, SEXES, AGES))
    male_share = np.full((r, YEARS), 1.053 / 2.053)
    return pop0, survival, survival_birth, asfr, migration, male_share


def median_time(func, args, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def first_touch(shape) -> float:
    """Seconds to allocate an array of ``shape`` and write one value into each 4 KiB page."""
    start = time.perf_counter()
    fresh = np.empty(shape)
    fresh.reshape(-1)[::512] = 1.0
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if NO_JIT:
        print("note: LAOSIM_NO_JIT is set; the kernel runs as plain Python")
    print("each call allocating its output; in brackets, both writing into reused buffers")
    print(f"{'grid':<34}{'numba s':>10}{'numpy s':>10}{'ratio':>8}{'numba upd/s':>14}"
          f"{'[numba s':>10}{'numpy s':>10}{'ratio]':>8}{'touch s':>10}")
    for label, batch, shared in (("1,000 cells x 101 x 2 x 77 years", 1000, True),
                                 ("100 variants x 101 x 2 x 77 years", 100, False),
                                 ("1 population x 101 x 2 x 77 years", 1, True)):
        inputs = grid(batch, shared)
        start = time.perf_counter()
        buffers = project_cohorts(*inputs)            # compile (or load from cache) and warm up
        first = time.perf_counter() - start
        fast = median_time(project_cohorts, inputs, args.repeat)
        slow = median_time(project_cohorts_reference, inputs, max(3, args.repeat // 2))
        fast_reused = median_time(lambda *a: project_cohorts(*a, out=buffers), inputs, args.repeat)
        slow_reused = median_time(lambda *a: project_cohorts_reference(*a, out=buffers), inputs,
                                  max(3, args.repeat // 2))
        touch = statistics.median(first_touch(buffers[0].shape) for _ in range(args.repeat))
        updates = batch * AGES * SEXES * YEARS
        print(f"{label:<34}{fast:>10.4f}{slow:>10.4f}{slow / fast:>8.1f}{updates / fast:>14.3g}"
              f"{fast_reused:>10.4f}{slow_reused:>10.4f}{slow_reused / fast_reused:>8.1f}{touch:>10.4f}"
              f"   (first call {first:.2f} s)")


if __name__ == "__main__":
    main()
