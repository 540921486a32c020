"""The summary table: one row per year of key indicators, as written to ``summary.csv``.

Each column is declared once in :data:`COLUMNS` with its unit and the function that
computes it from the results Dataset; columns whose inputs a run lacks are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import xarray as xr


@dataclass(frozen=True)
class Column:
    name: str
    units: str
    compute: Callable[[xr.Dataset], xr.DataArray]
    needs: tuple[str, ...]


def _total(name: str) -> Callable[[xr.Dataset], xr.DataArray]:
    return lambda ds: ds[name].sum([d for d in ds[name].dims if d != "year"])


def _share(part: str, whole: str) -> Callable[[xr.Dataset], xr.DataArray]:
    return lambda ds: _total(part)(ds) / _total(whole)(ds)


COLUMNS: list[Column] = [
    Column("population", "persons at 1 July", _total("population"), ("population",)),
    Column("births", "persons", _total("births"), ("births",)),
    Column("population_65_plus", "persons at 1 July",
           lambda ds: ds["population"].sel(age=slice(65, None)).sum(["sex", "age"]), ("population",)),
    Column("labour_force", "persons", _total("labour_force"), ("labour_force",)),
    Column("employed", "persons", _total("employed"), ("employed",)),
    Column("civil_servants", "persons", _total("civil_servants"), ("civil_servants",)),
    Column("enterprise_employees", "persons", _total("enterprise_employees"), ("enterprise_employees",)),
    Column("informal_employed", "persons", _total("informal_employed"), ("informal_employed",)),
    Column("informal_share", "share of the employed", _share("informal_employed", "employed"),
           ("informal_employed", "employed")),
    Column("gdp", "LAK", _total("gdp"), ("gdp",)),
    Column("government_expenditure", "LAK", _total("government_expenditure"), ("government_expenditure",)),
    Column("price_index", "2020 = 1", _total("price_index"), ("price_index",)),
    Column("minimum_wage", "LAK per month", _total("minimum_wage"), ("minimum_wage",)),
]


def summary_table(ds: xr.Dataset) -> pd.DataFrame:
    """One row per year, one column per available indicator (see :data:`COLUMNS`)."""
    data = {c.name: c.compute(ds).to_numpy() for c in COLUMNS if all(n in ds for n in c.needs)}
    return pd.DataFrame(data, index=pd.Index(ds["year"].to_numpy(), name="year"))


def summary_units(frame: pd.DataFrame) -> dict[str, str]:
    """Units of the columns of a summary table."""
    units = {c.name: c.units for c in COLUMNS}
    return {name: units.get(name, "") for name in frame.columns}
