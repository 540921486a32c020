"""The differences of a comparison as the page shows them: labelled rows per scenario, a
"Δ vs first" row in the indicator's units, % only for a positive count or amount, one
format per row, and never "nan", "inf" or e-notation."""

import re

import pandas as pd

from engine.report.differences import POLICY_GROUP, PROJECTION_GROUP, difference_blocks
from engine.report.numbers import MISSING, decimals, number, percent_change


def _row(indicator, units, year, a, b):
    return {"indicator": indicator, "units": units, "year": year, "a": a, "b": b, "b - a": b - a,
            "b vs a (%)": 100 * (b - a) / abs(a) if a else float("nan")}


TABLE = pd.DataFrame([
    _row("reserve_long_term", "LAK at 31 December", 2050, -2e12, -3e12),
    _row("reserve_long_term", "LAK at 31 December", 2100, 5e11, 1e12),
    _row("subsidy_cost", "LAK", 2050, 0.0, 4.2e10),
    _row("subsidy_cost", "LAK", 2100, 0.0, 5.0e10),
    _row("subsidy_cost_pct_gdp", "percent of GDP", 2050, 0.0, 0.0001794),
    _row("subsidy_cost_pct_gdp", "percent of GDP", 2100, 0.0, 0.00052),
    _row("outreach_cost", "LAK", 2050, 0.0, 0.0),
    _row("outreach_cost", "LAK", 2100, 0.0, 0.0),
])


def test_blocks_label_each_scenario_and_the_difference():
    diffs = difference_blocks(TABLE, ["a", "b"], frozenset({"reserve_long_term"}))
    assert diffs.years == [2050, 2100]
    assert [title for title, _ in diffs.groups] == [POLICY_GROUP, PROJECTION_GROUP], "policy rows first"
    (_, policy), (_, projection) = diffs.groups
    reserve = projection[0]
    assert reserve.units == "billion LAK at 31 December"
    assert [line.label for line in reserve.lines] == ["a", "b", "Δ b vs a"]
    assert reserve.lines[0].cells == ["−2,000.0", "500.0"]
    # a deeper deficit is a negative difference, with no % of a negative base; a growing
    # positive reserve gets its % change
    assert reserve.lines[2].cells == ["−1,000.0", "+500.0 (+100.0 %)"]
    subsidy, share = policy
    assert subsidy.lines[2].cells == ["+42.0", "+50.0"], "from zero: units only, no +nan %"
    assert share.lines[1].cells == ["0.000179", "0.000520"], "one number of decimals per row, no e-notation"
    assert diffs.all_zero == ["outreach cost"]


def test_no_nan_inf_or_e_notation_in_any_cell():
    rows = TABLE.copy()
    rows.loc[0, "b"] = float("nan")
    rows.loc[1, "a"] = float("inf")
    diffs = difference_blocks(rows, ["a", "b"], frozenset())
    cells = [c for _, blocks in diffs.groups for b in blocks for line in b.lines for c in line.cells]
    assert MISSING in cells
    for cell in cells:
        assert not re.search(r"nan|inf|\de[+-]?\d", cell, re.I), cell


def test_numbers_follow_the_unit():
    assert number(1.234e12, "LAK") == "1,234.0"
    assert number(2_500_000, "LAK per month") == "2,500,000"
    assert number(64_665.4, "persons at 31 December") == "64,665"
    assert number(0.0564, "share of the employed") == "5.64"
    assert number(4.004e-05, "") == "0.000040", "at most six decimals, never e-notation"
    assert number(-0.00001, "LAK") == "0.0", "no minus on a value that rounds to zero"
    assert decimals([0.8641, 0.0001794], "percent of GDP") == 3
    assert percent_change(110, 100, "persons") == "+10.0 %"
    assert percent_change(1, 0, "persons") == "" and percent_change(2, 1, "percent of GDP") == ""
