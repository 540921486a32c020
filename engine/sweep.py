"""Running many variants of a scenario on worker processes, and summarising them.

Variants are drawn up front (:mod:`engine.uncertainty`) and cut into chunks of at most
:data:`CHUNK_VARIANTS`; each chunk runs in a worker process (:mod:`engine.sweep_executor`)
and returns, for every variant, only the summary indicators by year and the reserves by
fund, which the client copies into the sweep's arrays as chunks complete. So a worker holds
one chunk's variants at a time, and the client little more than the results it writes,
however many draws. Because draws do not depend on the chunking, the same seed gives the
same results with any number of workers or chunks. A chunk that fails is retried; if it
still fails the sweep stops and names it (no variant is silently dropped).
"""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import xarray as xr

from engine.model import Projection, project
from engine.results import VARIANT, build_dataset
from engine.scenario.schema import Scenario
from engine.summary import summary_columns, summary_units, summary_variables
from engine.sweep_executor import Executor
from engine.uncertainty import Draws, apply_variant, draw_variants

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
SUMMARY_BATCH = 16
"""Variants whose summary columns are computed together: enough to spread the cost of
building a Dataset (about 6 ms) thin, few enough to hold little memory (under 2 MB a
variant while they wait)."""
CHUNK_VARIANTS = 16
"""The most variants in one chunk: what a worker holds at most (their summaries, about
60 KB a variant, and one summary batch's projections), and what a chunk's result weighs in
transit (about 1 MB, a millisecond to pickle). Small, so that the workers finish within a
chunk's time (under 2 s) of each other."""
CHUNKS_PER_WORKER = 4
"""A chunk takes at most this fraction of a worker's share of the variants left, so that
the chunks shrink towards the end and the workers finish together (:func:`chunk_sizes`)."""


def variant_scenario(scenario: Scenario, shocks: dict, probit: dict | None) -> Scenario:
    """The scenario with one variant's shocks applied and its probit coefficients drawn."""
    variant = apply_variant(scenario, shocks) if shocks else scenario
    if probit:
        from engine.profile.probit_draws import with_coefficients

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


def stderr_progress(done: int, total: int) -> None:
    """Chunks done so far, on one line rewritten in place at a terminal; in a log a line
    each time another tenth of the chunks is done (each chunk, for ten chunks or fewer)."""
    if sys.stderr.isatty():
        print(f"\rsweep: {done}/{total} chunks", end="\n" if done == total else "", file=sys.stderr, flush=True)
    elif done == total or done * 10 // total != (done - 1) * 10 // total:
        print(f"sweep: {done}/{total} chunks", file=sys.stderr, flush=True)


def _chunks(items: list, n_chunks: int) -> list[list]:
    size = max(1, math.ceil(len(items) / max(1, n_chunks)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def chunk_sizes(variants: int, workers: int) -> list[int]:
    """The variants of each chunk for ``variants`` on ``workers``, in the order they are
    handed out: each chunk a :data:`CHUNKS_PER_WORKER`-th of a worker's share of the
    variants left (rounded up), at most :data:`CHUNK_VARIANTS`, at least one. Chunks so
    shrink towards the end, and the workers finish within about a variant of each other (with
    chunks of 16 to the end, one worker could wait a whole chunk, about 1.3 s, for the
    other)."""
    sizes, left = [], variants
    while left > 0:
        size = max(1, min(CHUNK_VARIANTS, math.ceil(left / (CHUNKS_PER_WORKER * max(1, workers)))))
        sizes.append(size)
        left -= size
    return sizes


def _sized_chunks(items: list, sizes: list[int]) -> list[list]:
    starts = np.cumsum([0] + sizes)
    return [items[a:b] for a, b in zip(starts[:-1], starts[1:])]


def gather(executor: Executor, scenario: Scenario, chunks: list[list],
           progress: Callable[[int, int], None] | None = None) -> dict[str, np.ndarray]:
    """Run every chunk; each result copied, as it arrives, into arrays for all the variants
    (leading axis in the chunks' order), so the client never holds more than one chunk's
    result besides them."""
    starts = np.cumsum([0] + [len(c) for c in chunks])
    out: dict[str, np.ndarray] | None = None
    done = 0
    for i, part in executor.completed(run_chunk, scenario, chunks):
        if part is not None:
            if out is None:
                out = {k: np.empty((starts[-1],) + v.shape[1:], dtype=v.dtype) for k, v in part.items()}
            for key, values in part.items():
                out[key][starts[i]:starts[i + 1]] = values
        done += 1
        if progress:
            progress(done, len(chunks))
    return out


def _assemble(stacked: dict[str, np.ndarray], dim: str, coord, years) -> xr.Dataset:
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
                     progress: Callable[[int, int], None] | None = None, sample: Draws | None = None) -> xr.Dataset:
    """Run ``draws`` stochastic variants; returns indicators with a ``draw`` dimension.

    ``executor`` is an entered :class:`Executor` (its workers may still be starting: the
    variants are drawn meanwhile); ``chunks`` equal chunks, by default
    :func:`chunk_sizes` (a fixed number of variants at most in each); ``sample`` the
    variants if already drawn (``draw_variants(scenario, draws, seed)``).
    """
    if sample is None:
        sample = draw_variants(scenario, draws, seed)
    variants = variants_of(sample, draws)
    parts = _chunks(variants, chunks) if chunks else \
        _sized_chunks(variants, chunk_sizes(len(variants), executor.worker_count()))
    stacked = gather(executor, scenario, parts, progress)
    ds = _assemble(stacked, "draw", np.arange(draws), result_years(scenario))
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
    stacked = gather(executor, scenario, _chunks(variants, len(variants)), progress)
    labels = ["base"] + [f"{key} {'+' if how == 'add' and value >= 0 else ''}{value:g}"
                         + (" x" if how == "multiply" else "") for key, how, value in cases]
    ds = _assemble(stacked, "case", labels, result_years(scenario))
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
    """Run ``draws`` stochastic variants of a scenario on local worker processes (one per
    available core unless ``workers`` says), or on the dask.distributed cluster that
    ``scheduler`` names; indicators with a ``draw`` dimension. The local workers are
    spawned, and import a script's main module: a script that sweeps at its top level puts
    the call under ``if __name__ == "__main__":`` (as dask's local cluster asked before)."""
    with Executor(scheduler, workers) as executor:
        return stochastic_sweep(scenario, draws, executor, seed)
