"""The single table of result variables (name, dims, unit, description) and Dataset assembly.

Every variable a run returns is declared here once; :func:`build_dataset` refuses an
undeclared name or a shape that does not match the declared dimensions, so the NetCDF
file, the summary table and the report all speak of the same things in the same units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from engine.dims import AGES, FUNDS, SCHEMES, SEXES


@dataclass(frozen=True)
class Variable:
    name: str
    dims: tuple[str, ...]
    units: str
    description: str


def _v(name, dims, units, description):
    return Variable(name, tuple(dims.split()) if dims else (), units, description)


VARIABLES: dict[str, Variable] = {v.name: v for v in [
    _v("population", "year sex age", "persons", "Population at 1 July"),
    _v("population_year_end", "year sex age", "persons", "Population at 31 December"),
    _v("births", "year sex", "persons per year", "Live births in the year"),
    _v("labour_force", "year sex age", "persons", "Labour force (employed and unemployed) at 1 July"),
    _v("employed", "year sex age", "persons", "Employed persons at 1 July"),
    _v("civil_servants", "year sex age", "persons", "Civil servants (employed by the state)"),
    _v("enterprise_employees", "year sex age", "persons",
       "Formal private-sector employees (compulsory enterprise scheme)"),
    _v("informal_employed", "year sex age", "persons", "Informally employed persons"),
    _v("price_index", "year", "index, 2020 = 1", "Consumer price index"),
    _v("gdp", "year", "LAK", "Nominal gross domestic product"),
    _v("real_gdp_growth", "year", "per year", "Real GDP growth rate"),
    _v("inflation", "year", "per year", "Consumer price inflation"),
    _v("government_expenditure", "year", "LAK", "Nominal general government expenditure"),
    _v("earnings_index", "year", "index, base year = 1",
       "Nominal average earnings: nominal GDP per employed person, times the scenario's gap"),
    _v("minimum_wage", "year", "LAK per month", "Statutory minimum wage, average over the year"),
]}


def coords(years) -> dict[str, object]:
    """The CONTRACT coordinates for a run over ``years``."""
    return {"year": np.asarray(years, dtype=np.int64), "sex": list(SEXES), "age": AGES,
            "scheme": list(SCHEMES), "fund": list(FUNDS)}


def build_dataset(arrays: dict[str, np.ndarray], years, extra_coords: dict | None = None,
                  attrs: dict | None = None) -> xr.Dataset:
    """Assemble declared variables into an :class:`xarray.Dataset` with units."""
    all_coords = coords(years) | (extra_coords or {})
    data_vars = {}
    for name, values in arrays.items():
        if name not in VARIABLES:
            raise KeyError(f"result variable '{name}' is not declared in engine.results.VARIABLES")
        var = VARIABLES[name]
        values = np.asarray(values)
        expected = tuple(len(all_coords[d]) for d in var.dims)
        if values.shape != expected:
            raise ValueError(f"result '{name}' has shape {values.shape}; dims {var.dims} need {expected}")
        data_vars[name] = xr.Variable(var.dims, values,
                                      attrs={"units": var.units, "long_name": var.description})
    used = {d for v in data_vars.values() for d in v.dims}
    ds = xr.Dataset(data_vars, coords={k: v for k, v in all_coords.items() if k in used or k in
                                       ("year", "sex", "age", "scheme", "fund")})
    ds.attrs.update(attrs or {})
    return ds
