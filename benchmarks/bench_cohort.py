"""Speed of the numba cohort-component kernel against the numpy reference.

Run: ``python benchmarks/bench_cohort.py [--repeat N] [--scan]``. Prints, for each grid,
the median wall time of the numba kernel (compiled, warm) and of the numpy reference,
their ratio and the kernel's throughput in cell-age-sex-year updates per second: first
with each call allocating its output, then with both writing into reused buffers. Also
the time merely to touch every page of a fresh output of the grid's size, the floor under
any allocating call.

Grids:
- ``cells``: 1,000 independent populations x 101 ages x 2 sexes x 77 years, sharing one
  set of rates (regions or groups projected with the same assumptions);
- ``variants``: 100 variants, each with its own rates (stochastic or sensitivity runs).

``--scan`` then times batches of 1 to 1,000 variants as a stochastic sweep makes them:
each with its own survival and fertility, sharing migration and the sex ratio at birth
(the sweep varies mortality and fertility levels, not migration), both sides writing into
reused buffers. Beside each it prints the megabytes a call must move (rates read, output
written) and the bound they put on the ratio: the reference's time over the time a bare
parallel pass takes to read and write that many bytes on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from engine.cohort_reference import project_cohorts_reference
from engine.demography import one_year_survival
from engine.kernels.cohort import project_cohorts
from engine.kernels.jit import NO_JIT
from streaming_cohort import project_cohorts_into

AGES, SEXES, YEARS = 101, 2, 77


def grid(batch: int, shared_rates: bool, seed: int = 0, shared_migration: bool | None = None):
    """Inputs for ``batch`` populations; rates shared by the batch or each member's own
    (migration and the sex ratio at birth follow ``shared_migration`` when it is given)."""
    rng = np.random.default_rng(seed)
    r = 1 if shared_rates else batch
    r_migration = r if shared_migration is None else (1 if shared_migration else batch)
    pop0 = rng.uniform(0, 5e4, (batch, SEXES, AGES))
    survival, survival_birth = one_year_survival(rng.uniform(0.0005, 0.2, (r, YEARS, SEXES, AGES)))
    asfr = np.zeros((r, YEARS, AGES))
    asfr[:, :, 15:50] = rng.uniform(0, 0.15, (r, YEARS, 35))
    migration = rng.normal(0, 30, (r_migration, YEARS, SEXES, AGES))
    male_share = np.full((r_migration, YEARS), 1.053 / 2.053)
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


def read_and_write(sources, target, pool: ThreadPoolExecutor) -> float:
    """A bare pass at memory speed: sum the sources that have a row per variant and fill
    ``target`` ((V, n) blocks), the rows split between the pool's threads (numpy releases
    the interpreter lock in both). Returns the sum, so nothing can be skipped."""
    n = target.shape[0]
    halves = [slice(0, n // 2), slice(n // 2, n)] if n > 1 else [slice(0, n)]

    def part(rows):
        total = sum(float(x[rows].sum()) for x in sources if x.shape[0] == n)
        target[rows] = total
        return total

    return sum(pool.map(part, halves))


def scan(repeat: int) -> None:
    """Batch sizes from 1 to 1,000 as a sweep makes them; see the module docstring."""
    print("\nbatches of variants as a sweep makes them (own survival and fertility, shared migration),")
    print("both sides writing into reused buffers; MB a call must move (rates read, output written)")
    print(f"{'variants':>9}{'numba ms':>10}{'numpy ms':>10}{'ratio':>8}{'MB moved':>10}{'numba GB/s':>12}")
    for batch in (1, 4, 8, 16, 32, 64, 100, 256, 1000):
        inputs = grid(batch, False, shared_migration=True)
        buffers = project_cohorts(*inputs)
        fast = median_time(lambda *a: project_cohorts_into(a, buffers), inputs, repeat)
        slow = median_time(lambda *a: project_cohorts_reference(*a, out=buffers), inputs, max(3, repeat // 2))
        sources = tuple(np.ascontiguousarray(x).reshape(x.shape[0], -1) for x in inputs[1:])
        target = buffers[0].reshape(batch, -1)
        moved = sum(x.nbytes for x in sources if x.shape[0] == batch) + target.nbytes
        print(f"{batch:>9}{fast * 1e3:>10.3f}{slow * 1e3:>10.2f}{slow / fast:>8.1f}{moved / 1e6:>10.1f}"
              f"{moved / fast / 1e9:>12.1f}")
    with ThreadPoolExecutor(2) as pool:
        move = median_time(read_and_write, (sources, target, pool), repeat)
    print(f"a bare pass (numpy, 2 threads) moving the last batch's {moved / 1e6:.0f} MB: {move * 1e3:.1f} ms "
          f"({moved / move / 1e9:.1f} GB/s); the reference's {slow * 1e3:.0f} ms over it bounds any kernel's "
          f"ratio there at {slow / move:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scan", action="store_true", help="also time batches of 1 to 1,000 variants")
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
        fast_reused = median_time(lambda *a: project_cohorts_into(a, buffers), inputs, args.repeat)
        slow_reused = median_time(lambda *a: project_cohorts_reference(*a, out=buffers), inputs,
                                  max(3, args.repeat // 2))
        touch = statistics.median(first_touch(buffers[0].shape) for _ in range(args.repeat))
        updates = batch * AGES * SEXES * YEARS
        print(f"{label:<34}{fast:>10.4f}{slow:>10.4f}{slow / fast:>8.1f}{updates / fast:>14.3g}"
              f"{fast_reused:>10.4f}{slow_reused:>10.4f}{slow_reused / fast_reused:>8.1f}{touch:>10.4f}"
              f"   (first call {first:.2f} s)")
    if args.scan:
        scan(args.repeat)


if __name__ == "__main__":
    main()
