"""NHI budget and coverage figures against the engine's NHI results.

The government's budget to NHI (180 billion LAK in 2019), as LAK where the results reach
2019 and as a share of GDP otherwise; the engine's NHI budget and spending against the
WHO health-expenditure shares they are parts of; and the share of the population covered
(the health back-cast's coverage of 2019-2023, else ``nhi_covered_persons / population``)
against the coverage reported for 2019 and 2021.
The engine's NHI is calibrated on the 2019 budget and the 2021 coverage, so the budget
share is close; the coverage figures count other schemes, hence wide bands
(validation/expected/nhi.csv).

Run: ``python validation/nhi.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validation.common import Item, in_year_or_first_projected, main, variable, year_value  # noqa: E402

NAME = "nhi"


def _history(ds, name: str, year: int):
    """The health back-cast's value of ``year`` (2019-2023), or None outside it."""
    if name in ds and "health_history_year" in ds[name].dims and year in ds["health_history_year"].values:
        return float(ds[name].sel(health_history_year=year))
    return None


def government_budget(ds, year: int) -> float:
    back_cast = _history(ds, "nhi_budget_history", year)
    if back_cast is not None:
        return back_cast
    da = year_value(variable(ds, "nhi_income"), year, "nhi_income")
    return float(da.sel(source="government_budget"))


def _gdp(ds, year: int) -> float:
    return float(year_value(variable(ds, "gdp"), year, "gdp"))


def budget_share(ds, year: int):
    return in_year_or_first_projected(ds, year, lambda d, y: 100.0 * government_budget(d, y) / _gdp(d, y))


def spending_share(ds, year: int):
    return in_year_or_first_projected(
        ds, year, lambda d, y: float(year_value(variable(d, "nhi_expenditure_pct_gdp"), y, "nhi_expenditure_pct_gdp")))


def coverage(ds, year: int):
    back_cast = _history(ds, "health_coverage_history", year)
    if back_cast is not None:
        return 100.0 * back_cast

    def share(d, y):
        covered = float(year_value(variable(d, "nhi_covered_persons"), y, "nhi_covered_persons"))
        return 100.0 * covered / float(year_value(variable(d, "population"), y, "population").sum(skipna=False))
    return in_year_or_first_projected(ds, year, share)


ITEMS = [
    Item("nhi_government_budget", government_budget),
    Item("nhi_government_budget_pct_gdp", budget_share),
    Item("government_health_expenditure_pct_gdp", budget_share),
    Item("current_health_expenditure_pct_gdp", spending_share),
    Item("health_insurance_coverage_all_schemes", coverage),
    Item("public_health_insurance_coverage", coverage),
]

if __name__ == "__main__":
    sys.exit(main(NAME, ITEMS))
