"""The differences of a comparison: relative to the size of the first value, and in units
where the first value is zero (never "+nan %")."""

import pandas as pd

from engine.report.html import differences_rows


def test_changes_read_in_percent_or_in_units():
    table = pd.DataFrame([
        {"indicator": "reserve_long_term", "units": "LAK", "year": 2050, "a": -2e12, "b": -3e12,
         "b - a": -1e12, "b vs a (%)": -50.0},
        {"indicator": "subsidy_cost", "units": "LAK", "year": 2050, "a": 0.0, "b": 4.2e10,
         "b - a": 4.2e10, "b vs a (%)": float("nan")},
    ])
    years, rows = differences_rows(table, ["a", "b"])
    assert years == [2050]
    reserve, subsidy = rows
    assert reserve["cells"][0]["changes"] == ["-50.00 %"]          # a deeper deficit reads as a fall
    assert subsidy["cells"][0]["changes"] == ["+42"]               # billion LAK, from zero
    assert "nan" not in str(rows)
