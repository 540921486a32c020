"""Results are finite wherever a value is expected: random valid scenarios give finite
numbers, and results that are not are refused before anything is written."""

from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from hypothesis import strategies as st

import engine
from engine.errors import ResultsError
from engine.finite import check_finite
from engine.output import write_results

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"


def number(lo, hi):
    return st.floats(lo, hi, allow_nan=False).map(lambda v: np.format_float_positional(v, trim="0"))


# levers across their whole schema ranges, bounds included
LEVERS = {
    "demography.fertility_multiplier": number(0, 5),
    "demography.mortality_multiplier": number(0, 10),
    "demography.migration_multiplier": number(-20, 20),
    "demography.sex_ratio_at_birth": number(0.8, 1.3),
    "macro.real_gdp_growth": number(-0.5, 0.5),
    "macro.inflation": number(-0.5, 5),
    "macro.real_earnings_growth_gap": number(-0.2, 0.2),
    "macro.government_expenditure_share": number(0.01, 1),
    "labour.participation_multiplier": number(0.01, 2),
    "labour.unemployment_rate": number(0, 0.99),
    "labour.formalisation_rate": number(-0.05, 0.05),
    "labour.civil_servant_growth": number(-0.2, 0.2),
    "enrolment.reach": number(0, 1),
    "enrolment.registration_friction": number(0, 1),
    "enrolment.contribution_rate": number(0, 1),
    "enrolment.subsidy_share": number(0, 1),
    "funds.investment_return.rate": number(-0.5, 1),
    "nhi.coverage": number(0, 1),
}


def small_results() -> xr.Dataset:
    years = np.arange(2023, 2028)
    ds = xr.Dataset({"gdp": ("year", np.array([np.nan, 1.0, 2.0, 3.0, 4.0])),
                     "target_gap": ("year", np.array([np.nan, np.nan, 5.0, np.nan, np.nan]))},
                    coords={"year": years}, attrs={"base_year": 2023})
    return ds


def test_base_year_gaps_and_partly_defined_variables_pass():
    check_finite(small_results())


@pytest.mark.parametrize("value, words", [(np.nan, "'gdp' is NaN (not a number) from 2026"),
                                          (np.inf, "'gdp' is infinite from 2026")])
def test_not_finite_results_are_named_with_their_first_year(value, words):
    ds = small_results()
    ds["gdp"].values[3:] = value
    with pytest.raises(ResultsError, match=words.replace("(", r"\(").replace(")", r"\)")):
        check_finite(ds)


def test_infinity_is_refused_even_where_nan_is_allowed():
    ds = small_results()
    ds["target_gap"].values[2] = np.inf
    with pytest.raises(ResultsError, match="'target_gap' is infinite from 2025"):
        check_finite(ds)


def test_not_finite_results_are_not_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.csv").write_text("an earlier set\n")
    ds = small_results()
    ds["gdp"].values[2] = np.nan
    with pytest.raises(ResultsError):
        write_results(ds, out)
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv"]
    assert (out / "summary.csv").read_text() == "an earlier set\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no temporary folder left"
