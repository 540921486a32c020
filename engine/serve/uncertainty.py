"""Uncertainty on demand: a small stochastic sweep of the page's current settings.

The page asks for a sweep of its settings (at most :data:`MAX_DRAWS` draws); it runs in
the background on a pool of two local worker processes (:class:`engine.sweep_executor.Executor`,
started on the first sweep and kept until the server stops), one sweep
at a time, while the page polls its progress. Draws follow the scenario's own
``uncertainty:`` block; a scenario that varies nothing (the baseline and the policy
scenarios) gets the stated assumptions of ``scenarios/uncertainty.yaml``, and the page
says so. The result: fan charts (5-25-50-75-95 % bands) and the probability that each
sub-fund is depleted by each year.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xarray as xr

from engine.errors import InputError, Problem
from engine.scenario.schema import Scenario
from engine.scenario.source import SET_SOURCE, read_yaml_file
from engine.sweep import Executor, depletion_probability, quantile_bands, stochastic_sweep

MAX_DRAWS = 500
DEFAULT_DRAWS = 200
ASSUMPTIONS = Path(__file__).parents[2] / "scenarios" / "uncertainty.yaml"
"""Where the shipped uncertainty assumptions live (a source checkout)."""

FANS = (
    ("voluntary_members", "Voluntary members", "persons at 31 December"),
    ("policy_cost_pct_gdp", "Government cost of the policy blocks", "% of GDP"),
    ("reserve_ratio", "Reserve ratio", "years of expenditure"),
)
"""(summary column, title, unit) of each fan chart."""


def varies_nothing(scenario: Scenario) -> bool:
    """True when the scenario's ``uncertainty:`` block draws nothing."""
    return not scenario.uncertainty.parameters and not scenario.uncertainty.probit_coefficients


def shipped_assumptions() -> dict | None:
    """The ``uncertainty:`` block of ``scenarios/uncertainty.yaml`` (None when absent)."""
    if not ASSUMPTIONS.is_file():
        return None
    raw, _ = read_yaml_file(ASSUMPTIONS)
    block = raw.get("uncertainty") if isinstance(raw, dict) else None
    return block if isinstance(block, dict) else None


def check_draws(value: object) -> int:
    """The number of draws a request asks for, within 1..:data:`MAX_DRAWS`."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DRAWS:
        raise InputError([Problem(SET_SOURCE, None, "draws", repr(value)[:40],
                                  f"a whole number of draws from 1 to {MAX_DRAWS} in the explorer "
                                  "(laosim sweep runs more)")])
    return value


def _clean(values: np.ndarray) -> list[float | None]:
    return [float(v) if np.isfinite(v) else None for v in np.asarray(values, dtype=float)]


def sweep_figures(ds: xr.Dataset, source: str) -> dict:
    """Fan charts and depletion probabilities of a sweep's results."""
    bands = quantile_bands(ds)
    years = [int(y) for y in ds["year"].to_numpy()]
    fans = []
    for column, title, unit in FANS:
        if column not in bands:
            continue
        q = bands[column]
        fans.append({"id": f"fan-{column}", "title": title, "unit": unit, "years": years,
                     "bands": [[_clean(q.sel(quantile=lo)), _clean(q.sel(quantile=hi))] for lo, hi in ((0.05, 0.95), (0.25, 0.75))],
                     "median": _clean(q.sel(quantile=0.5))})
    probability = depletion_probability(ds) if "reserve" in ds else None
    depletion = []
    if probability is not None:
        depletion = [{"fund": str(f), "values": _clean(100 * probability.sel(fund=f))} for f in probability["fund"].to_numpy()]
    at = [y for y in (2050, years[-1]) if y in years]
    summary = {f"{d['fund']}": {str(y): d["values"][years.index(y)] for y in at} for d in depletion}
    members = None
    if "voluntary_members" in bands:
        year = 2030 if 2030 in years else years[-1]
        q = bands["voluntary_members"].sel(year=year)
        members = {"year": year, **{name: float(q.sel(quantile=v)) for name, v in
                                    (("low", 0.05), ("median", 0.5), ("high", 0.95))}}
    return {"draws": int(ds.sizes["draw"]), "source": source, "years": years, "fans": fans,
            "depletion": depletion, "depletion_at": summary, "members": members}


@dataclass
class Job:
    """One sweep of the page's settings, and how far it has got."""

    id: int
    draws: int
    source: str
    total: int = 1
    done: int = 0
    status: str = "running"           # running, done, failed
    message: str = ""
    figures: dict | None = None

    def public(self) -> dict:
        return {"job": self.id, "draws": self.draws, "source": self.source, "total": self.total,
                "done": self.done, "status": self.status, "message": self.message, "figures": self.figures}


@dataclass
class Sweeps:
    """The server's sweeps: one at a time on a local cluster started when first needed."""

    workers: int = 2
    _executor: Executor | None = None
    _jobs: dict[int, Job] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def start(self, scenario: Scenario, draws: int, source: str) -> Job:
        """Start a sweep in the background; refused while another is running."""
        with self._lock:
            if any(j.status == "running" for j in self._jobs.values()):
                raise InputError([Problem(SET_SOURCE, None, "draws", "a sweep already running",
                                          "one sweep at a time: wait for it to finish")])
            job = Job(next(self._ids), draws, source, total=min(draws, 20))
            self._jobs = {job.id: job}  # only the latest sweep is kept
        threading.Thread(target=self._run, args=(job, scenario), daemon=True).start()
        return job

    def _run(self, job: Job, scenario: Scenario) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            if self._executor is None:
                self._executor = Executor(workers=self.workers).__enter__()
            ds = stochastic_sweep(scenario, job.draws, self._executor, chunks=job.total, progress=progress)
            job.figures = sweep_figures(ds, job.source)
            job.status = "done"
        except Exception as exc:  # reported to the page, which shows it; the server goes on
            job.status, job.message = "failed", f"{type(exc).__name__}: {exc}"

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def close(self) -> None:
        """Stop the local cluster, if one was started."""
        if self._executor is not None:
            self._executor.__exit__(None, None, None)
            self._executor = None
