"""The sweep report's own computations: median depletion years with their 90 % interval,
the tornado's order and ends, and the sensitivity table in words and numbers."""

import numpy as np
import pandas as pd
import xarray as xr

from engine.report.sweep import depletion_cards, sensitivity_rows, tornado_rows


def test_depletion_cards_give_the_median_year_and_its_interval():
    years = np.array([[2050.0, np.nan], [2052.0, np.nan], [2054.0, np.nan], [2056.0, np.nan], [np.nan, np.nan]] * 20)
    years[0, 1] = 2090.0  # one draw in a hundred depletes the short-term fund
    depletion = xr.DataArray(years, dims=("draw", "fund"), coords={"fund": ["long_term", "short_term"]})
    long_term, short_term = depletion_cards(depletion, 2100)
    assert (long_term["value"], long_term["unit"]) == ("2054", "median year")
    assert long_term["when"] == "90 % of draws: 2050 to none by 2100", "a draw that lasts counts as latest"
    assert long_term["context"] == "80 % of draws depleted by 2100"
    assert short_term["value"] == "none" and "lasts to 2100" in short_term["when"]
    assert short_term["context"] == "1 % of draws depleted by 2100"


def test_tornado_orders_by_effect_and_keeps_low_and_high_ends():
    table = pd.DataFrame({"parameter": ["", "a", "a", "b", "b"], "shock": [0.0, -0.01, 0.01, 0.8, 1.2],
                          "depletion_year_long_term": [2053, 2052, 2054, 2050, np.nan]},
                         index=["base", "a -0.01", "a +0.01", "b x0.8", "b x1.2"])
    base, rows = tornado_rows(table, "depletion_year_long_term", 2100)
    assert base == 2053
    assert [r[0] for r in rows] == ["a", "b"], "largest effect last (drawn on top)"
    name, low_shock, low, high_shock, high, effect = rows[1]
    assert (low_shock, low, high_shock, high, effect) == (0.8, 2050, 1.2, 2101, 48), "no depletion: after the horizon"


def test_sensitivity_rows_read_as_words_and_years():
    table = pd.DataFrame({"parameter": ["", "macro.inflation"], "shock": [0.0, 0.02],
                          "depletion_year_long_term": [2053.0, np.nan], "nhi_expenditure_pct_gdp_2050": [0.1874, 4e-05],
                          "gdp_2050": [4.583143e15, 4.6e15]}, index=["base", "macro.inflation +0.02"])
    headers, rows = sensitivity_rows(table)
    assert headers == ["case", "parameter", "shift or factor", "depletion year, long term",
                       "nhi expenditure (% of GDP), 2050", "gdp 2050"]
    assert rows[0][:4] == ["base", "–", "+0", "2053"]
    assert rows[1][3] == "none" and rows[1][4] == "0.0000400" or rows[1][4] == "0.000040"
    assert rows[0][5] == "4,583,143.0", "LAK in billions, thousands separated"
