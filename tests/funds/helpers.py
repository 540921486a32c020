"""Input builders of the funds tests: a stationary population, random kernel inputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import engine

from engine.demography import demographic_rates
from engine.dims import N_AGES, SCHEMES
from engine.funds.inputs import FundsInputs, constant_series

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
STRESS = ROOT / "scenarios" / "stress_depletion.yaml"


def projected(ds):
    """The projected years of a run, without the base-year row."""
    return ds.sel(year=ds["year"] > ds.attrs["base_year"])


def run_projected(scenario):
    """``engine.run`` over the projected years only."""
    return projected(engine.run(scenario))


def stationary_inputs(scenario, n_years: int = 300, wage_growth: float = 0.05,
                      price_growth: float = 0.03, members: float = 1000.0) -> FundsInputs:
    """A stationary population: constant survival (WPP2024 rates of 2024), constant members
    by age, earnings, prices and the minimum wage growing at constant rates."""
    base = scenario.horizon.base_year
    years = np.arange(base + 1, base + 1 + n_years)
    rates = demographic_rates(scenario, years[:1])
    survival = np.repeat(rates.survival, n_years, axis=0)                    # (T, 2, A)
    asfr = np.repeat(rates.asfr, n_years, axis=0)
    alive = np.concatenate([np.ones((2, 1)), np.cumprod(rates.survival[0][:, :-1], axis=1)], axis=1)
    ages = np.arange(N_AGES)
    working = ((ages >= 20) & (ages < 60)).astype(float)
    active = np.zeros((n_years, len(SCHEMES), 2, N_AGES))
    for s, share in enumerate((0.5, 0.4, 0.1)):
        active[:, s] = members * share * alive[None] * working[None, None]
    population = np.repeat((1e4 * alive)[None], n_years, axis=0)
    earnings = constant_series(years, base, 1.0, wage_growth)
    return FundsInputs(
        years=years, base_year=base, population=population, population_base=population[0],
        survival=survival, asfr=asfr, active=active, new_members=np.zeros((n_years, 3)),
        prices=constant_series(years, base, 1.5, price_growth), earnings=earnings,
        minimum_wage=constant_series(years, base, 1.6e6, wage_growth),
        gdp=1e15 * earnings.at(years), inflation=np.full(n_years, price_growth))


def random_unit_inputs(rng, n_units=6, n_years=30, n_age=N_AGES, n_svc=51):
    """Random but sensible inputs of the service kernel: (state, paths, rules)."""
    from engine.kernels.pension_columns import N_RULES, RULES

    def insured(scale):
        n = rng.random((n_units, n_age, n_svc)) * scale
        n[:, :15] = 0.0
        n[:, :, 0] = 0.0
        return n, n * np.arange(n_svc) * rng.uniform(1e6, 3e6, (n_units, n_age, n_svc))

    n0, e0 = insured(100)
    m0, f0 = insured(30)
    p0 = rng.random((n_units, n_age)) * 50
    q0 = p0 * rng.uniform(5e5, 2e6, (n_units, n_age))
    state = {"active": n0, "active_earnings": e0, "active_protected": n0 * rng.random(n0.shape),
             "inactive": m0, "inactive_earnings": f0, "inactive_protected": m0 * rng.random(m0.shape),
             "pensioners": p0, "amounts": q0, "legacy_amounts": q0 * rng.random(q0.shape)}
    members = rng.random((n_units, n_years, n_age)) * 300
    members[:, :, :15] = 0.0
    paths = {"survival": rng.uniform(0.85, 1.0, (n_units, n_years, n_age)),
             "active": members,
             "lapses": rng.random((n_units, n_years, n_age)) * 20,
             "returns": rng.random((n_units, n_years, n_age)) * 10,
             "earnings": rng.uniform(1e6, 4e6, (n_units, n_years, n_age)),
             "disability": rng.uniform(0, 0.01, (n_units, n_years, n_age))}
    shape = (n_units, n_years)
    values = {
        "revaluation": rng.uniform(1.0, 1.1, shape), "indexation": rng.uniform(1.0, 1.08, shape),
        "pension_age": rng.integers(50, 66, shape), "minimum_service": rng.integers(1, 30, shape),
        "protected_minimum_service": rng.integers(1, 30, shape),
        "accrual_rate": rng.uniform(0.005, 0.04, shape), "max_replacement": rng.uniform(0.5, 1.0, shape),
        "full_service": rng.integers(10, 35, shape), "protected_full_service": rng.integers(10, 35, shape),
        "reduction_per_missing_year": rng.uniform(0.0, 0.05, shape),
        "lump_sum_months": rng.uniform(0.0, 2.0, shape), "survivor_minimum_service": rng.integers(1, 10, shape),
        "disability_minimum_service": rng.integers(0, 5, shape), "density": rng.uniform(0.5, 1.0, shape),
        "minimum_pension": rng.uniform(0.0, 1e6, shape), "reentry_share": rng.uniform(0.0, 1.0, shape),
        "protect_entrants": rng.integers(0, 2, shape), "legacy_years": rng.integers(0, 40, shape),
    }
    rules = np.empty((n_units, n_years, N_RULES))
    for i, name in enumerate(RULES):
        rules[..., i] = values[name]
    return state, paths, rules
