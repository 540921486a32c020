"""UN WPP2024 population against the engine's projected population.

Compares the population at 31 December (total and by sex), births and the population
change of 2024, and the population at 1 July of 2050 and 2100, with the WPP2024 medium
variant (validation/data/population.csv). The engine starts from the WPP2024 totals of
31 December 2023 and projects with WPP2024 rates, so it should reproduce WPP2024 closely:
the bands (validation/expected/population.csv) allow for graduation of five-year rates to
single ages and, for 2050 and 2100, for figures published rounded to 0.1 million.

Run: ``python validation/population.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validation.common import Item, NotInResults, main, variable, year_value  # noqa: E402

NAME = "population"


def year_end(ds, year: int, sex: str | None = None) -> float:
    """Persons at 31 December of ``year``: ``population_year_end``, or the base population
    when ``year`` is the base year and the results do not list it as a year."""
    end = variable(ds, "population_year_end")
    if year in set(int(y) for y in end["year"].values):
        pop = end.sel(year=year)
    elif year == int(ds.attrs.get("base_year", -1)) and "population_base" in ds:
        pop = ds["population_base"]
    else:
        pop = year_value(end, year, "population_year_end")
    if sex is not None:
        pop = pop.sel(sex=sex)
    return float(pop.sum(skipna=False))


def population_change(ds, year: int) -> float:
    """Year-end population less that of the year before."""
    try:
        return year_end(ds, year) - year_end(ds, year - 1)
    except NotInResults as why:
        raise NotInResults(f"the population change needs both year ends: {why}") from None


def mid_year(ds, year: int) -> float:
    return float(year_value(variable(ds, "population"), year, "population").sum(skipna=False))


def births(ds, year: int) -> float:
    return float(year_value(variable(ds, "births"), year, "births").sum(skipna=False))


ITEMS = [
    Item("population_end_total", year_end),
    Item("population_end_male", lambda ds, y: year_end(ds, y, "male")),
    Item("population_end_female", lambda ds, y: year_end(ds, y, "female")),
    Item("population_change", population_change),
    Item("births", births),
    Item("population_mid_total", mid_year),
]

if __name__ == "__main__":
    sys.exit(main(NAME, ITEMS))
