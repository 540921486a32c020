"""The fiscal and actuarial tables by year: the years an actuarial report shows, cells that
are the run's own values in the row's format, totals that add up, and no programme that
costs nothing."""

import numpy as np

from engine.report.actuarial import actuarial_tables, fund_table
from engine.report.fiscal import cost_tables
from engine.report.numbers import number
from engine.report.year_table import shown_years


def _column(table, label):
    labels = [h[0] for h in table.headers]
    i = labels.index(label) + 1
    return {int(row[0]): row[i] for row in table.rows}


def _value(cell: str) -> float:
    return float(cell.replace(",", "").replace("−", "-"))


def test_years_are_the_base_every_fifth_and_the_last():
    assert shown_years(range(2023, 2101)) == [2023, 2025] + list(range(2030, 2101, 5))
    assert shown_years(range(2023, 2042)) == [2023, 2025, 2030, 2035, 2040, 2041]


def test_fund_table_cells_are_the_runs_values(baseline_results):
    ds = baseline_results
    table = fund_table(ds, "long_term")
    contributions = _column(table, "contributions")
    expected = float(ds["contributions"].sel(fund="long_term", year=2030).sum())
    assert contributions[2030] == number(expected, "LAK", places=1)
    ratio = _column(table, "reserve ratio")
    assert ratio[2030] == number(float(ds["reserve_ratio"].sel(fund="long_term", year=2030)),
                                 "years of expenditure")
    assert contributions[2023] == "–", "no flows in the base year"
    assert [t.key for t in actuarial_tables(ds)][:2] == ["actuarial-demography", "actuarial-benefits"]


def test_cost_total_adds_up_and_zero_programmes_are_left_out(baseline_results):
    lak = cost_tables(baseline_results)[0]
    labels = [h[0] for h in lak.headers]
    assert labels[-1] == "total"
    assert "contribution subsidies" not in labels, "the baseline pays no subsidy"
    for row in lak.rows[1:]:
        parts = [_value(c) for c in row[1:-1]]
        assert abs(sum(parts) - _value(row[-1])) <= 0.05 * len(parts) + 1e-9
    gdp = cost_tables(baseline_results)[1]
    year = 2030
    total_lak = _value(_column(lak, "total")[year]) * 1e9
    share = 100 * total_lak / float(baseline_results["gdp"].sel(year=year))
    assert np.isclose(_value(_column(gdp, "total")[year]), share, rtol=0.02)
