"""The summary table: one row per year of key indicators, as written to ``summary.csv``.

Each column is declared once in :data:`COLUMNS` with its unit and the function that
computes it from the results Dataset; columns whose inputs a run lacks are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from engine.enrolment.targets import TARGET_VARIABLES, target_columns
from engine.results import VARIABLES, VARIANT, year_total
from engine.policies.summary import POLICY_VARIABLES, policy_columns, policy_unit


@dataclass(frozen=True)
class Column:
    """A summary column: its name, how it is computed from the results and the variables
    it needs. Its unit is that of the variable it reads (:data:`engine.results.VARIABLES`),
    with the date of a stock (``at``), unless ``stated``: a share or a ratio the column
    itself defines."""

    name: str
    compute: Callable[[xr.Dataset], xr.DataArray]
    needs: tuple[str, ...]
    stated: str | None = None
    at: str = ""       # the date of a stock ("1 July", "31 December"), added to the unit

    @property
    def units(self) -> str:
        unit = self.stated if self.stated is not None else VARIABLES[self.needs[0]].units
        return f"{unit} at {self.at}" if self.at else unit


def _total(name: str) -> Callable[[xr.Dataset], np.ndarray]:
    return lambda ds: year_total(ds, name)


def _spending(ds: xr.Dataset) -> np.ndarray:
    """Expenditure of all sub-funds: benefits + administration + transfers out, LAK."""
    return year_total(ds, "benefits") + year_total(ds, "admin_costs") + year_total(ds, "transfers_out")


def _share(part: str, whole: str) -> Callable[[xr.Dataset], xr.DataArray]:
    return lambda ds: _total(part)(ds) / _total(whole)(ds)


def _source(ds: xr.Dataset, source: str) -> np.ndarray:
    """NHI income from one source by year (NaN where the run has no such source)."""
    income = ds["nhi_income"]
    if source not in income["source"].values:
        return np.full(income.shape[:-1], np.nan)
    return income.sel(source=source).values


def _of(name: str, at: str = "") -> Column:
    """The column of a variable's total by year, named as the variable."""
    return Column(name, _total(name), (name,), at=at)


def _pick(name: str, variable: str, at: str = "", **where) -> Column:
    """The column of one label of a variable (``where``: dimension=label), summed over the
    rest but year (and :data:`engine.results.VARIANT`)."""
    def compute(ds: xr.Dataset) -> xr.DataArray:
        da = ds[variable].sel(where)
        rest = [d for d in da.dims if d not in ("year", VARIANT)]
        return da.sum(rest, skipna=False) if rest else da
    return Column(name, compute, (variable,), at=at)


JULY, DECEMBER = "1 July", "31 December"

COLUMNS: list[Column] = [
    _of("population", JULY),
    _of("births"),
    Column("population_65_plus", lambda ds: ds["population"].sel(age=slice(65, None)).sum(["sex", "age"], skipna=False),
           ("population",), at=JULY),
    *[_of(name, JULY) for name in ("labour_force", "employed", "civil_servants", "enterprise_employees",
                                   "informal_employed")],
    Column("informal_share", _share("informal_employed", "employed"), ("informal_employed", "employed"),
           stated="share of the employed"),
    _of("gdp"),
    _of("government_expenditure"),
    _of("price_index"),
    _of("minimum_wage"),
    _of("active_members", DECEMBER),
    _pick("voluntary_members", "active_members", DECEMBER, scheme="voluntary"),
    _pick("new_voluntary_members", "new_members", scheme="voluntary"),
    # insured persons and pensioners (engine.funds)
    _of("insured_persons", DECEMBER),
    _of("inactive_insured", DECEMBER),
    _pick("inactive_voluntary_insured", "inactive_insured", DECEMBER, scheme="voluntary"),
    _pick("old_age_pensioners", "pensioners", DECEMBER, benefit="old_age"),
    _pick("new_old_age_pensioners", "new_pensioners", benefit="old_age"),
    # sub-funds and NHI (engine.funds)
    _of("contributions"),
    _of("benefits"),
    *[_pick(f"reserve_{f}", "reserve", DECEMBER, fund=f) for f in ("health", "short_term", "long_term")],
    *[_pick(f"deficit_financing_{f}", "deficit_financing", fund=f) for f in ("health", "short_term", "long_term")],
    Column("reserve_ratio", lambda ds: year_total(ds, "reserve") / _spending(ds),
           ("reserve", "benefits", "admin_costs", "transfers_out"), stated="years of expenditure"),
    Column("payg_cost_rate", lambda ds: _spending(ds) / year_total(ds, "insurable_earnings"),
           ("benefits", "admin_costs", "transfers_out", "insurable_earnings"), stated="share of insurable earnings"),
    *[_of(name) for name in (
        "contributions_pct_gdp", "benefits_pct_gdp", "reserve_pct_gdp", "nhi_expenditure_pct_gdp",
        "nhi_government_cost_pct_gdp", "subsidy_cost_pct_gdp", "spf_cost_pct_gdp",
        "government_employer_contributions_pct_gdp", "legacy_pension_cost_pct_gdp",
        "retiree_allowances_pct_gdp", "deficit_financing_total_pct_gdp",
        "government_social_security_cost_pct_gdp")],
    # health financing (engine.funds.health)
    _of("nhi_covered_persons"),
    *[_pick(f"nhi_covered_{g}", "nhi_covered_by_group", health_group=g)
      for g in ("nssf", "poor", "pregnant_women", "children_under_five", "monks", "paying")],
    _of("health_coverage_share"),
    _of("nhi_expenditure"),
    *[Column(f"nhi_income_{s}", (lambda s: lambda ds: _source(ds, s))(s), ("nhi_income",))
      for s in ("government_budget", "nssf_transfer", "copayments", "cbhi_transfer")],
    *[_of(name) for name in ("nhi_gap", "nhi_gap_budget_top_up", "nhi_unmet_cost", "capital_nhi_covered")],
    _of("cbhi_members", DECEMBER),
    _of("cbhi_households", DECEMBER),
    *[_of(name) for name in ("cbhi_contributions", "cbhi_government_match", "cbhi_treatment_cost",
                             "cbhi_death_benefits")],
    _of("cbhi_reserve", DECEMBER),
    *[_of(name) for name in ("government_health_cost", "government_health_cost_pct_gdp",
                             "government_health_cost_pct_government_expenditure", "nhi_extension_cost",
                             "government_social_security_cost",
                             "government_social_security_cost_pct_government_expenditure")],
]


def summary_table(ds: xr.Dataset, baseline: xr.Dataset | None = None) -> pd.DataFrame:
    """One row per year, one column per available indicator (see :data:`COLUMNS`).

    Policy costs follow (:mod:`engine.policies.summary`); given the results of a
    ``baseline`` run, also the additional voluntary members and the cost per additional
    member against it.
    """
    data = summary_columns(ds, baseline)
    return pd.DataFrame(data, index=pd.Index(ds["year"].to_numpy(), name="year"))


def summary_columns(ds: xr.Dataset, baseline: xr.Dataset | None = None) -> dict[str, np.ndarray]:
    """The columns of :func:`summary_table` as arrays by year, or (variant, year) when ``ds``
    holds many variants (dimension :data:`engine.results.VARIANT`)."""
    data = {c.name: np.asarray(c.compute(ds)) for c in COLUMNS if all(n in ds for n in c.needs)}
    data.update(target_columns(ds))  # per enrolment target: target_, projected_, gap_<label>
    data.update(policy_columns(ds, baseline))  # policy costs; vs baseline when given
    return data


def summary_variables() -> frozenset[str]:
    """Every result variable a summary column may read."""
    return frozenset(n for c in COLUMNS for n in c.needs) | TARGET_VARIABLES | POLICY_VARIABLES


def summary_indicators() -> frozenset[str]:
    """The projection's own summary columns (:data:`COLUMNS`), as against the per-target
    and policy columns that follow them."""
    return frozenset(c.name for c in COLUMNS)


def summary_units(columns: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """Units of the columns of a summary table (the table itself, or its column names)."""
    units = {c.name: c.units for c in COLUMNS}
    names = columns.columns if isinstance(columns, pd.DataFrame) else columns
    return {name: units.get(name, "") or _target_unit(name) or policy_unit(name) for name in names}


def _target_unit(name: str) -> str:
    """Unit of a per-target column (``target_``, ``projected_``, ``gap_<label>``)."""
    if not name.startswith(("target_", "projected_", "gap_")):
        return ""
    if "growth_rate" in name:
        return "per year"
    return "share" if "coverage_share" in name else "persons"
