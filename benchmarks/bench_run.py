"""Time of one warm baseline run: data loaded and kernels compiled, as in a session.

Run: ``python benchmarks/bench_run.py [--repeat N] [--profile] [SCENARIO.yaml]``. Prints
the time of the first run in this process (loading data and compiling or loading the
numba cache) and the median of the following runs. With ``--profile``, also where a warm
run spends its time: each stage of :func:`engine.model.project`, the Dataset assembly and
the summary table, and each compiled kernel, in ms per run under cProfile (which adds
about a microsecond to every Python call: the Python stages read a little slower than
they run).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import statistics
import time
from pathlib import Path

import engine
from engine.summary import summary_table

ROOT = Path(__file__).parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "baseline.yaml"))
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--profile", action="store_true", help="where a warm run spends its time")
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
    if args.profile:
        profile(scenario, args.repeat)


STAGES = ("solve_target_blocks", "project_population", "project_labour", "project_economy", "project_membership",
          "membership_results", "run_funds", "policy_arrays")
"""The stage functions :func:`engine.model.project` calls, in order."""


def _is_kernel(path: str, name: str) -> bool:
    """Whether ``name`` in the file ``path`` is a compiled kernel (a dispatcher has ``py_func``)."""
    if "/engine/kernels/" not in path:
        return False
    module = importlib.import_module("engine.kernels." + Path(path).stem)
    return hasattr(getattr(module, name, None), "py_func")


def profile(scenario, runs: int) -> None:
    """Print ms per run of each stage, the assembly, the summary and each kernel."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        summary_table(engine.run(scenario))
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = sum(tt for _, _, tt, _, _ in stats.values())

    def cumulative(function: str, caller: str) -> float:
        """Time in ``function`` (and below) when called from ``caller``, s."""
        return sum(callers[key][3] for (_, _, name), (_, _, _, _, callers) in stats.items() if name == function
                   for key in callers if key[2] == caller)

    print(f"\nwhere a warm run goes, ms per run under cProfile ({runs} runs; "
          f"{total / runs * 1e3:.1f} ms in all, summary table included)")
    for stage in STAGES:
        print(f"  {stage:<30}{cumulative(stage, 'project') / runs * 1e3:8.2f}")
    print(f"  {'build_dataset':<30}{cumulative('build_dataset', 'dataset') / runs * 1e3:8.2f}")
    print(f"  {'summary_table':<30}{cumulative('summary_columns', 'summary_table') / runs * 1e3:8.2f}")
    kernels = {f"{Path(path).stem}.{name}": tt for (path, _, name), (_, _, tt, _, _) in stats.items()
               if _is_kernel(path, name)}
    print(f"  compiled kernels, all stages  {sum(kernels.values()) / runs * 1e3:8.2f}")
    for name, seconds in sorted(kernels.items(), key=lambda kv: -kv[1]):
        print(f"    {name:<28}{seconds / runs * 1e3:8.2f}")
    calls = sum(nc for _, nc, _, _, _ in stats.values())
    print(f"  Python function calls per run {calls / runs:8.0f}")


if __name__ == "__main__":
    main()
