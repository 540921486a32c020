"""Running many variants of a scenario on dask.distributed, and summarising them.

Variants are drawn up front (:mod:`engine.uncertainty`) and cut into chunks; each chunk
runs in a worker process and returns, for every variant, the summary indicators by year
and the reserves by fund. Because draws do not depend on the chunking, the same seed gives
the same results with any number of workers. A chunk that fails is retried; if it still
fails the sweep stops and names it (no variant is silently dropped).
"""

from __future__ import annotations

import logging
import math
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import xarray as xr

from engine.model import Projection, project
from engine.results import VARIANT, build_dataset
from engine.scenario.schema import Scenario
from engine.summary import summary_columns, summary_units, summary_variables
from engine.uncertainty import Draws, apply_variant, draw_variants

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
RETRIES = 2
SUMMARY_BATCH = 16
"""Variants whose summary columns are computed together: enough to spread the cost of
building a Dataset (about 6 ms) thin, few enough to hold little memory (under 2 MB a
variant while they wait)."""


class SweepError(RuntimeError):
    """A chunk of variants failed after its retries."""


def variant_scenario(scenario: Scenario, shocks: dict, probit: dict | None) -> Scenario:
    """The scenario with one variant's shocks applied and its probit coefficients drawn."""
    variant = apply_variant(scenario, shocks) if shocks else scenario
    if probit:
        from engine.enrolment.probit_draws import with_coefficients

        variant = with_coefficients(variant, probit)
    return variant


def _project_variant(scenario: Scenario, shocks: dict, probit: dict | None) -> Projection:
    """One variant's projection, reduced at once to the arrays its summary reads (the
    others would hold about 2 MB a variant until the chunk is done)."""
    projection = project(variant_scenario(scenario, shocks, probit), valuation=False)  # summaries only
    keep = summary_variables()
    return replace(projection, arrays={k: v for k, v in projection.arrays.items() if k in keep})


FUND_PATHS = ("reserve", "deficit_financing")
"""Result variables by year and fund a sweep keeps besides the summary columns."""


def summary_outputs(projections: list[Projection]) -> dict[str, np.ndarray]:
    """What a sweep keeps of some variants' runs: the summary columns (variant, year) and
    the reserves (variant, year, fund).

    The variables the summary reads are stacked into one Dataset with a variant dimension,
    so its columns are computed once for all of them rather than once per variant.
    """
    first = projections[0]
    for i, other in enumerate(projections[1:], start=1):
        if other.arrays.keys() != first.arrays.keys() or other.coords.keys() != first.coords.keys() \
                or any(not np.array_equal(other.coords[k], first.coords[k]) for k in first.coords) \
                or not np.array_equal(other.years, first.years):
            raise ValueError(f"variant {i} has other result variables or coordinates than variant 0")
    keep = summary_variables() & first.arrays.keys()
    stacked = {name: np.stack([p.arrays[name] for p in projections]) for name in keep}
    ds = build_dataset(stacked, first.years, extra_coords=first.coords, variants=len(projections))
    out = {f"summary/{c}": np.asarray(v, dtype=np.float64) for c, v in summary_columns(ds).items()}
    for name in FUND_PATHS:
        if name in ds:
            out[name] = ds[name].transpose(VARIANT, "year", "fund").to_numpy()
    return out


def run_chunk(scenario: Scenario, variants: list[tuple[dict, dict | None]]) -> dict[str, np.ndarray]:
    """Run a list of variants (shocks, probit draws); arrays stacked on a leading axis.

    Summaries are made :data:`SUMMARY_BATCH` variants at a time."""
    parts = [summary_outputs([_project_variant(scenario, shocks, probit)
                              for shocks, probit in variants[start:start + SUMMARY_BATCH]])
             for start in range(0, len(variants), SUMMARY_BATCH)]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


@dataclass
class Executor:
    """Where chunks run: a dask.distributed client (local cluster or a scheduler address)."""

    scheduler: str | None = None
    workers: int | None = None

    def __enter__(self):
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self._cluster = None
            self.client = Client(self.scheduler)
        else:
            import dask

            n = self.workers or 2
            # One numba thread per worker process: the workers already fill the cores. It
            # is set before the process starts, since numba reads it once, on import (set
            # later, each worker ran its parallel kernels on every core). No statistical
            # profiler (it samples the running task every 10 ms). And glibc's own malloc
            # tuning: dask's default MALLOC_TRIM_THRESHOLD_ gives freed memory back at
            # once, so every run's arrays were faulted in anew (about 12,000 page faults
            # and 20 ms of system time a variant).
            with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                                  "distributed.nanny.pre-spawn-environ.NUMBA_NUM_THREADS": "1",
                                  "distributed.nanny.pre-spawn-environ.OMP_NUM_THREADS": "1",
                                  "distributed.worker.profile.enabled": False}):
                # Worker processes keep the terminal's standard error: after an interruption
                # their complaints about the vanished scheduler would follow the one line the
                # command prints, so only critical messages pass (a failed chunk is reported
                # by name from its future anyway); LAOSIM_DEBUG=1 shows errors again.
                quiet = logging.ERROR if os.environ.get("LAOSIM_DEBUG") else logging.CRITICAL
                self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=quiet)
            self.client = Client(self._cluster)
        return self

    def __exit__(self, *exc):
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def map_chunks(self, scenario: Scenario, chunks: list[list], progress: Callable[[int, int], None] | None):
        from dask.distributed import as_completed

        scenario_future = self.client.scatter(scenario, broadcast=True, hash=False)
        futures = {self.client.submit(run_chunk, scenario_future, chunk, retries=RETRIES, pure=False): i
                   for i, chunk in enumerate(chunks)}
        results: list = [None] * len(chunks)
        failures = []
        done = 0
        for future in as_completed(futures):
            i = futures[future]
            if future.status != "finished":
                reason = future.exception() if future.status == "error" else future.status
                failures.append(f"chunk {i} (variants {sum(map(len, chunks[:i]))}.."
                                f"{sum(map(len, chunks[:i + 1])) - 1}): {reason!r}")
            else:
                results[i] = future.result()
            done += 1
            if progress:
                progress(done, len(chunks))
        if failures:
            raise SweepError(f"{len(failures)} chunk(s) failed after {RETRIES} retries: " + "; ".join(failures))
        return results


def stderr_progress(done: int, total: int) -> None:
    """Chunks done so far, on one line rewritten in place at a terminal, a line each in a log."""
    if sys.stderr.isatty():
        print(f"\rsweep: {done}/{total} chunks", end="\n" if done == total else "", file=sys.stderr, flush=True)
    else:
        print(f"sweep: {done}/{total} chunks", file=sys.stderr, flush=True)


def _chunks(items: list, n_chunks: int) -> list[list]:
    size = max(1, math.ceil(len(items) / max(1, n_chunks)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _assemble(parts: list[dict], dim: str, coord, years) -> xr.Dataset:
    stacked = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    units = summary_units(k.removeprefix("summary/") for k in stacked if k.startswith("summary/"))
    data = {}
    for key, values in stacked.items():
        if key.startswith("summary/"):
            name = key.removeprefix("summary/")
            data[name] = xr.Variable((dim, "year"), values, attrs={"units": units.get(name, "")})
        elif key in FUND_PATHS:
            data[key] = xr.Variable((dim, "year", "fund"), values, attrs={"units": "LAK"})
    coords = {dim: coord, "year": np.asarray(years)}
    if "reserve" in data:
        from engine.dims import FUNDS

        coords["fund"] = list(FUNDS)
    return xr.Dataset(data, coords=coords)


def variants_of(sample: Draws, draws: int) -> list[tuple[dict, dict | None]]:
    """The (shocks, probit coefficients) of each of the ``draws`` variants of a sample (all
    alike when the scenario varies nothing)."""
    return [(sample.variant(i), {k: v[i] for k, v in sample.probit.items()} if sample.probit else None)
            for i in range(draws)]


def stochastic_sweep(scenario: Scenario, draws: int, executor: Executor, seed: int | None = None,
                     chunks: int | None = None,
                     progress: Callable[[int, int], None] | None = None) -> xr.Dataset:
    """Run ``draws`` stochastic variants; returns indicators with a ``draw`` dimension.

    ``executor`` is an entered :class:`Executor`; chunks default to four per worker.
    """
    sample: Draws = draw_variants(scenario, draws, seed)
    variants = variants_of(sample, draws)
    n_chunks = chunks or max(1, min(len(variants), 4 * len(executor.client.scheduler_info()["workers"])))
    parts = executor.map_chunks(scenario, _chunks(variants, n_chunks), progress)
    ds = _assemble(parts, "draw", np.arange(draws), result_years(scenario))
    for key, values in sample.shocks.items():
        ds[f"shock/{key}"] = xr.Variable(("draw",), values, attrs={"units": sample.how[key]})
    ds.attrs.update({"scenario": scenario.name, "draws": draws,
                     "seed": scenario.uncertainty.seed if seed is None else seed})
    return ds


def quantile_bands(ds: xr.Dataset, quantiles=QUANTILES) -> xr.Dataset:
    """Quantiles over draws of every indicator: dims (quantile, year[, fund])."""
    numeric = [n for n in ds.data_vars if "draw" in ds[n].dims and "year" in ds[n].dims]
    with warnings.catch_warnings():  # an indicator undefined in every draw (a ratio to zero) stays NaN
        warnings.filterwarnings("ignore", "All-NaN slice", RuntimeWarning)
        return ds[numeric].quantile(list(quantiles), dim="draw")


def result_years(scenario: Scenario) -> np.ndarray:
    """The years of a run's results: the base year, then the projected years."""
    return np.r_[scenario.horizon.base_year, np.asarray(scenario.horizon.years)]


def shortfall(ds: xr.Dataset) -> xr.DataArray:
    """Whether each year's reserve is negative or needs the state's deficit financing."""
    short = ds["reserve"] < 0
    if "deficit_financing" in ds:
        short = short | (ds["deficit_financing"] > 0)
    return short


def depletion_probability(ds: xr.Dataset) -> xr.DataArray:
    """Share of draws whose reserve has run out (turned negative, or needed deficit
    financing) in or before each year, by fund."""
    negative = shortfall(ds).astype(np.int8)
    ever = negative.cumsum("year") > 0
    out = ever.mean("draw")
    out.attrs["units"] = "probability"
    return out


def sensitivity_cases(scenario: Scenario) -> list[tuple[str, str, float]]:
    """(key, how, value) for each one-at-a-time case of the scenario's ``sensitivity:``."""
    return [(key, item.apply, v) for key, item in scenario.sensitivity.items() for v in item.values]


def sensitivity_sweep(scenario: Scenario, executor: Executor,
                      progress: Callable[[int, int], None] | None = None) -> xr.Dataset:
    """Run the base case and each one-at-a-time case; dims (case, year[, fund])."""
    cases = sensitivity_cases(scenario)
    variants = [({}, None)] + [({key: (how, value)}, None) for key, how, value in cases]
    parts = executor.map_chunks(scenario, _chunks(variants, len(variants)), progress)
    labels = ["base"] + [f"{key} {'+' if how == 'add' and value >= 0 else ''}{value:g}"
                         + (" x" if how == "multiply" else "") for key, how, value in cases]
    ds = _assemble(parts, "case", labels, result_years(scenario))
    ds["parameter"] = xr.Variable(("case",), ["base"] + [c[0] for c in cases])
    ds["shock"] = xr.Variable(("case",), [0.0] + [c[2] for c in cases])
    return ds


def depletion_years(ds: xr.Dataset, dim: str) -> xr.DataArray:
    """First year each case's or draw's reserve runs out, by fund (NaN: not within the horizon)."""
    negative = shortfall(ds)
    first = negative.argmax("year")
    years = ds["year"].to_numpy()[first.to_numpy()]
    out = xr.DataArray(np.where(negative.any("year"), years, np.nan), dims=first.dims,
                       coords={d: ds[d] for d in first.dims})
    out.attrs["units"] = "calendar year"
    return out


def sweep(scenario: Scenario, draws: int, seed: int | None = None, scheduler: str | None = None,
          workers: int | None = None) -> xr.Dataset:
    """Run ``draws`` stochastic variants of a scenario on dask.distributed (a local cluster
    unless ``scheduler`` names a running one); indicators with a ``draw`` dimension."""
    with Executor(scheduler, workers) as executor:
        return stochastic_sweep(scenario, draws, executor, seed)
