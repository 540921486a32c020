"""A sweep's speed per worker against a warm single run in a plain process, side by side.

Run: ``python benchmarks/bench_sweep.py [--draws N] [--workers W] [--runs R] [--dask] [SCENARIO.yaml]``.

1. In a plain child process on one numba thread: the scenario run ``R`` times after a
   first, warm-up run (what ``laosim run`` computes, valuation included): the reference.
   The same process then times a worker's own work without any transfer (a chunk of ``R``
   variants: each variant's scenario, its projection, its summary), and each stage of it.
2. The sweep of ``N`` draws on ``W`` local workers (default: the cores available): the
   workers' start apart (the client draws the variants meanwhile, as ``laosim sweep``
   does), then the variants per second per worker after the start, and
   their ratio to the plain process's runs per second (1.0: a worker is as fast as a plain
   loop of single runs). ``--dask`` also runs it on a dask.distributed local cluster.
   The workers' CPU time a variant beside the plain process's CPU time a run: the same
   comparison, less sensitive to other work on a shared machine.
3. Peak resident memory of this process (the client) and of each worker, and the size of
   the results the client keeps.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from machine import cpu_model, usable_cores

ROOT = Path(__file__).parents[1]


def machine() -> str:
    """The CPU model and the cores this process may use."""
    model, cores = cpu_model(), usable_cores()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{model}, {cores} cores available, load average {load:.2f} at start"


def plain(scenario_path: str, runs: int) -> dict:
    """Timings in this (plain) process, in ms: a warm single run, and a worker's work."""
    import engine
    from engine.model import project
    from engine.sweep import _project_variant, run_chunk, summary_outputs, variant_scenario, variants_of
    from engine.uncertainty import draw_variants

    scenario = engine.load_scenario(scenario_path)
    started = time.perf_counter()
    project(scenario)
    first = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(runs):
        project(scenario)
    single, single_cpu = (time.perf_counter() - started) / runs, (time.process_time() - cpu) / runs
    variants = variants_of(draw_variants(scenario, runs, 1), runs)
    run_chunk(scenario, variants[:2])  # warm the variant path
    started = time.perf_counter()
    run_chunk(scenario, variants)
    chunk = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    scenarios = [variant_scenario(scenario, *v) for v in variants]
    stage_variant = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    projections = [_project_variant(scenario, *v) for v in variants]
    stage_project = (time.perf_counter() - started) / runs - stage_variant
    started = time.perf_counter()
    summary_outputs(projections[:16])
    stage_summary = (time.perf_counter() - started) / min(16, runs)
    del scenarios
    return {"first_run": first * 1e3, "single_run": single * 1e3, "single_run_cpu": single_cpu * 1e3,
            "worker_work": chunk * 1e3,
            "variant_scenario": stage_variant * 1e3, "projection_no_valuation": stage_project * 1e3,
            "summary": stage_summary * 1e3}


def run_plain_child(scenario_path: str, runs: int) -> dict:
    env = dict(os.environ, NUMBA_NUM_THREADS="1", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, __file__, "--plain", "--runs", str(runs), scenario_path],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_sweep(scenario, draws: int, workers: int, local: str) -> dict:
    from engine.sweep import Executor, stochastic_sweep
    from engine.uncertainty import draw_variants

    started = time.perf_counter()
    with Executor(workers=workers, local=local) as executor:
        # the client draws the variants while the workers start, as `laosim sweep` does
        # (which does not wait for the workers before drawing)
        sample = draw_variants(scenario, draws)
        drawn = time.perf_counter() - started
        executor.started()
        start = time.perf_counter() - started
        at_start = {pid: s.cpu_s for pid, s in executor.worker_stats().items()}
        ds = stochastic_sweep(scenario, draws, executor, sample=sample)
        total = time.perf_counter() - started
        stats = executor.worker_stats()
    cpu = sum(s.cpu_s - at_start.get(pid, 0.0) for pid, s in stats.items())
    return {"start": start, "drawn": drawn, "total": total, "after_start": total - start, "ds": ds, "cpu_per_variant": cpu / draws,
            "workers_mb": sorted(s.peak_mb for s in stats.values()),
            "threads": sorted({s.numba_threads for s in stats.values()})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "uncertainty.yaml"))
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="local workers (default: the cores available)")
    parser.add_argument("--runs", type=int, default=20, help="single runs timed in the plain process")
    parser.add_argument("--dask", action="store_true", help="also sweep on a dask.distributed local cluster")
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # the workers share this output
    if args.plain:
        print(json.dumps(plain(args.scenario, args.runs)))
        return

    import engine
    from engine.sweep import depletion_probability
    from engine.processes import available_cores

    workers = args.workers or available_cores()
    print(machine())
    reference = run_plain_child(args.scenario, args.runs)
    single = reference["single_run"]
    print(f"plain process, one numba thread ({args.runs} runs): first run {reference['first_run']:.0f} ms, "
          f"warm single run {single:.1f} ms ({1e3 / single:.2f} runs/s), {reference['single_run_cpu']:.1f} ms of CPU")
    print(f"  a worker's work in that process, per variant: {reference['worker_work']:.1f} ms = variant scenario "
          f"{reference['variant_scenario']:.1f} + projection without valuation {reference['projection_no_valuation']:.1f}"
          f" + summary {reference['summary']:.1f} (+ the rest)")
    scenario = engine.load_scenario(args.scenario)
    for local in ("pool", "dask") if args.dask else ("pool",):
        result = timed_sweep(scenario, args.draws, workers, local)
        rate = args.draws / result["after_start"] / workers
        name = "local worker pool" if local == "pool" else "dask local cluster"
        print(f"{args.draws} variants of {scenario.name} on {workers} workers ({name}, numba threads "
              f"{result['threads']}):")
        print(f"  start {result['start']:.2f} s (the variants drawn meanwhile, in {result['drawn']:.2f} s); whole sweep {result['total']:.2f} s; after start "
              f"{args.draws / result['after_start']:.1f} variants/s, {rate:.2f} per worker = "
              f"{rate * single / 1e3:.2f} of the plain process's single runs per second")
        print(f"  CPU time of the workers after start: {result['cpu_per_variant'] * 1e3:.1f} ms a variant = "
              f"{reference['single_run_cpu'] / (result['cpu_per_variant'] * 1e3):.2f} of the plain process's speed "
              "in CPU time (less sensitive to other work on the machine)")
        print("  peak memory of the workers: " + ", ".join(f"{m:.0f} MB" for m in result["workers_mb"]))
        ds = result["ds"]
        results_mb = sum(v.nbytes for v in ds.variables.values()) / 2**20
        if "reserve" in ds:
            p = depletion_probability(ds).isel(year=-1)
            print("  P(depleted by the last year): "
                  + ", ".join(f"{f} {float(v):.2f}" for f, v in zip(p["fund"].values, p.values)))
        del ds, result
    client_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the client {client_mb:.0f} MB; the results it keeps {results_mb:.1f} MB")


if __name__ == "__main__":
    main()
