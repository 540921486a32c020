"""Time of one warm baseline run: data loaded and kernels compiled, as in a session.

Run: ``python benchmarks/bench_run.py [--repeat N] [SCENARIO.yaml]``. Prints the time of
the first run in this process (loading data and compiling or loading the numba cache)
and the median of the following runs, stage by stage.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import engine

ROOT = Path(__file__).parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "baseline.yaml"))
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    start = time.perf_counter()
    scenario = engine.load_scenario(args.scenario)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    engine.run(scenario)
    first = time.perf_counter() - start
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        engine.run(scenario)
        times.append(time.perf_counter() - start)
    years = scenario.horizon.end_year - scenario.horizon.base_year
    print(f"scenario {scenario.name}: {years} years")
    print(f"load and validate     {loaded:8.3f} s")
    print(f"first run (cold)      {first:8.3f} s")
    print(f"warm run, median      {statistics.median(times):8.3f} s  "
          f"(min {min(times):.3f}, max {max(times):.3f}, {args.repeat} runs)")


if __name__ == "__main__":
    main()
