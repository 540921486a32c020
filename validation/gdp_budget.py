"""Official GDP and budget figures against the engine's ``gdp`` and ``government_expenditure``.

The engine grows nominal GDP from the World Bank's 2023 figure by real growth and CPI
inflation, and holds government expenditure at a share of GDP (20 %, the 2019 level).
The government's plan GDP (2023, 2024) and the budget figures found (spending 2021,
the 2019 plan, revenue 2023 and the 2024 target) are on other bases, so the differences
are large; the bands (validation/expected/gdp_budget.csv) state them as they are, and
validation/README.md says what drives each. Levels are compared in the figure's year
when the results contain it; expenditure shares of GDP, which the engine holds constant,
are read in the figure's year or else in the first projected year, and the table says so.

Run: ``python validation/gdp_budget.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validation.common import Item, in_year_or_first_projected, main, variable, year_value  # noqa: E402

NAME = "gdp_budget"


def gdp(ds, year: int) -> float:
    return float(year_value(variable(ds, "gdp"), year, "gdp"))


def expenditure(ds, year: int) -> float:
    return float(year_value(variable(ds, "government_expenditure"), year, "government_expenditure"))


def expenditure_share(ds, year: int):
    """100 x government_expenditure / gdp in ``year``, or in the first projected year
    (base year + 1) when the results lack ``year``: the engine holds the share constant."""
    return in_year_or_first_projected(ds, year, lambda d, y: 100.0 * expenditure(d, y) / gdp(d, y))


ITEMS = [
    Item("gdp", gdp),
    Item("gdp_plan", gdp),
    Item("government_expenditure", expenditure),
    Item("government_expenditure_plan", expenditure),
    Item("government_revenue", expenditure),
    Item("government_revenue_plan", expenditure),
    Item("government_expenditure_pct_gdp", expenditure_share),
    Item("government_expenditure_plan_pct_gdp", expenditure_share),
    Item("government_revenue_plan_pct_gdp", expenditure_share),
]

if __name__ == "__main__":
    sys.exit(main(NAME, ITEMS))
