"""Results are finite wherever a value is expected: random valid scenarios give finite
numbers, and results that are not are refused before anything is written."""

from pathlib import Path

import numpy as np
import pytest
import xarray as xr

import engine
from engine.errors import ResultsError
from engine.finite import check_finite
from engine.output import write_results

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"


# levers across their whole schema ranges, bounds included


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
