"""Shared helpers of the policy tests: short runs, cached, and exact comparisons."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import xarray as xr
from pydantic import TypeAdapter

import engine
from engine.scenario.schema_policies import PolicyList

ROOT = Path(__file__).parents[2]
SCENARIOS = ROOT / "scenarios"
END = 2034
SHORT = [f"horizon.end_year={END}"]


@lru_cache(maxsize=None)
def scenario(name: str = "baseline", end: int = END):
    return engine.load_scenario(SCENARIOS / f"{name}.yaml", [f"horizon.end_year={end}"])


def projected(ds: xr.Dataset) -> xr.Dataset:
    """The projected years of a run, without the base-year row (stocks only, flows NaN)."""
    return ds.sel(year=ds["year"] > ds.attrs["base_year"])


def run_projected(s) -> xr.Dataset:
    """``engine.run`` of a validated scenario, its projected years only."""
    return projected(engine.run(s))


@lru_cache(maxsize=None)
def run(name: str = "baseline", end: int = END) -> xr.Dataset:
    """A shipped scenario over its projected years (to ``end``)."""
    return run_projected(scenario(name, end))


def with_policies(blocks: list[dict], base=None):
    """The (short) baseline with these policy blocks, validated like a scenario file."""
    base = scenario() if base is None else base
    return base.model_copy(update={"policies": TypeAdapter(PolicyList).validate_python(blocks)})


SPF_SUMMED = ("spf_cost", "spf_beneficiaries", "spf_programme_cost_pct_gdp",
              "spf_programme_cost_pct_government_expenditure")


def assert_identical(ds: xr.Dataset, base: xr.Dataset, before: int | None = None) -> None:
    """Every variable of ``base`` equal bit for bit in ``ds`` (years before ``before`` only,
    when given); per-programme SPF variables are compared summed over programmes, and the
    per-subsidy-block variables (whose blocks differ between the runs) are left out."""
    for name, expected in base.data_vars.items():
        assert name in ds, name
        actual = ds[name]
        if "subsidy_block" in expected.dims or "enrolment_block" in expected.dims:  # one entry per block
            continue
        if "programme" in expected.dims:
            if name not in SPF_SUMMED:
                continue
            actual, expected = actual.sum("programme"), expected.sum("programme")
        if before is not None and "year" in expected.dims:
            actual = actual.sel(year=actual["year"] < before)
            expected = expected.sel(year=expected["year"] < before)
        np.testing.assert_array_equal(actual.to_numpy(), expected.to_numpy(), err_msg=name)


def flat_levers(years: np.ndarray, reach: float, lapse: float):
    """Enrolment levers of every cell at twice its 2020 income, with a minimum wage and floor
    of 2.5 million LAK, the 9 % rate, no subsidy and the given reach and lapse rate."""
    from engine.policies.eligibility import cell_attributes
    from engine.policies.enrolment import EnrolmentLevers

    cells = cell_attributes()
    n = len(years)
    return EnrolmentLevers(years=years, income=np.tile(cells.income_2020, (n, 1)) * 2.0,
                           minimum_wage=np.full(n, 2.5e6), floor=np.full(n, 2.5e6), rate=np.full(n, 0.09),
                           subsidy=np.zeros(n), reach=np.full(n, reach), lapse=np.full(n, lapse))

