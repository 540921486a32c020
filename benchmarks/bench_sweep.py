"""Time and memory of a stochastic sweep on a local dask.distributed cluster.

Run: ``python benchmarks/bench_sweep.py [--draws N] [--workers W] [SCENARIO.yaml]``.
Prints the wall time of the whole sweep (cluster start included), variants per second,
and the peak resident memory of this process and of its worker processes.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import engine
from engine.sweep import Executor, depletion_probability, stochastic_sweep

ROOT = Path(__file__).parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "uncertainty.yaml"))
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    scenario = engine.load_scenario(args.scenario)
    start = time.perf_counter()
    with Executor(workers=args.workers) as executor:
        started = time.perf_counter() - start
        ds = stochastic_sweep(scenario, args.draws, executor)
        infos = executor.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    total = time.perf_counter() - start
    print(f"{args.draws} variants of {scenario.name} on {args.workers} local workers")
    print(f"cluster start         {started:8.2f} s")
    print(f"whole sweep           {total:8.2f} s  ({args.draws / (total - started):.0f} variants/s after start)")
    if "reserve" in ds:
        p = depletion_probability(ds).isel(year=-1)
        print("P(depleted by the last year): " + ", ".join(f"{f} {float(v):.2f}" for f, v in zip(p["fund"].values, p.values)))
    client_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: client {client_mb:.0f} MB; workers "
          + ", ".join(f"{v / 1024:.0f} MB" for v in infos.values()))


if __name__ == "__main__":
    main()
