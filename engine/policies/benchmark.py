"""A plausibility benchmark: Thailand's response to subsidised packages, against the engine's.

Thailand (ILO 2013, ABND workshop minutes; engine/data/lao_pdr/policies.yaml ``thai_*``):
membership of the self-employed scheme rose from 65 to 1.2 million in 18 months after two
subsidised packages were introduced with active promotion, among 24 million informal
workers. In comparable terms, the share of informal workers the packages brought in
within 18 months:

.. math:: r_{TH} = (M_{after} - M_{before}) / W_{TH} \\approx 5.0\\,\\%

The engine's response to a policy starting on 1 January of year ``s``: additional
voluntary members against the same scenario without the policy (the baseline) 18 months
on, read as the mean of the additional members at 31 December of ``s`` and ``s + 1`` (the
projection is annual), over the informal workers of ``s + 1``:

.. math:: r = \\tfrac12 (A_s + A_{s+1}) / W_{s+1}

and the ratio ``r / r_TH`` (how much of Thailand's response the engine implies). Also
the growth factor of voluntary members over the 18 months, ``V_{18} / V_{s-1}``, against
Thailand's ``1,200,000 / 65``.
"""

from __future__ import annotations

from dataclasses import dataclass

import xarray as xr

from engine.scenario.schema_policies import data_default


@dataclass(frozen=True)
class Benchmark:
    """Thailand's response and the engine's in comparable terms (see the module docstring)."""

    scenario: str
    start_year: int
    additional_18_months: float      # persons
    informal_workers: float          # persons
    response: float                  # share of informal workers brought in within 18 months
    thai_response: float             # share of informal workers
    ratio: float                     # response / thai_response
    growth_factor: float             # voluntary members after 18 months / before
    thai_growth_factor: float


def thai_response() -> tuple[float, float]:
    """Thailand's share of informal workers brought in within 18 months, and its growth factor."""
    before, after = float(data_default("thai_members_before")), float(data_default("thai_members_after"))
    return (after - before) / float(data_default("thai_informal_workers")), after / before


def benchmark(name: str, policy: xr.Dataset, baseline: xr.Dataset, start_year: int) -> Benchmark:
    """The engine's 18-month response to a policy starting in ``start_year`` (see the module docstring)."""
    s0, s1 = start_year, start_year + 1

    def voluntary(ds, year):
        return float(ds["active_members"].sel(scheme="voluntary", year=year))

    added = 0.5 * ((voluntary(policy, s0) - voluntary(baseline, s0)) + (voluntary(policy, s1) - voluntary(baseline, s1)))
    workers = float(policy["informal_employed"].sel(year=s1).sum())
    after = 0.5 * (voluntary(policy, s0) + voluntary(policy, s1))
    before = voluntary(policy, start_year - 1)
    r_th, g_th = thai_response()
    response = added / workers
    return Benchmark(name, start_year, added, workers, response, r_th, response / r_th, after / before, g_th)
