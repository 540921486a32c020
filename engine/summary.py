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
from engine.results import year_total
from engine.policies.summary import POLICY_VARIABLES, policy_columns, policy_unit


@dataclass(frozen=True)
class Column:
    name: str
    units: str
    compute: Callable[[xr.Dataset], xr.DataArray]
    needs: tuple[str, ...]


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


COLUMNS: list[Column] = [
    Column("population", "persons at 1 July", _total("population"), ("population",)),
    Column("births", "persons", _total("births"), ("births",)),
    Column("population_65_plus", "persons at 1 July",
           lambda ds: ds["population"].sel(age=slice(65, None)).sum(["sex", "age"], skipna=False), ("population",)),
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
    Column("active_members", "persons at 31 December", _total("active_members"), ("active_members",)),
    Column("voluntary_members", "persons at 31 December",
           lambda ds: ds["active_members"].sel(scheme="voluntary"), ("active_members",)),
    Column("new_voluntary_members", "persons", lambda ds: ds["new_members"].sel(scheme="voluntary"),
           ("new_members",)),
    # insured persons and pensioners (engine.funds)
    Column("insured_persons", "persons at 31 December", _total("insured_persons"), ("insured_persons",)),
    Column("inactive_insured", "persons at 31 December", _total("inactive_insured"), ("inactive_insured",)),
    Column("inactive_voluntary_insured", "persons at 31 December",
           lambda ds: ds["inactive_insured"].sel(scheme="voluntary"), ("inactive_insured",)),
    Column("old_age_pensioners", "persons at 31 December",
           lambda ds: ds["pensioners"].sel(benefit="old_age").sum("scheme", skipna=False), ("pensioners",)),
    Column("new_old_age_pensioners", "persons",
           lambda ds: ds["new_pensioners"].sel(benefit="old_age").sum("scheme", skipna=False), ("new_pensioners",)),
    # sub-funds and NHI (engine.funds)
    Column("contributions", "LAK", _total("contributions"), ("contributions",)),
    Column("benefits", "LAK", _total("benefits"), ("benefits",)),
    *[Column(f"reserve_{f}", "LAK at 31 December", (lambda f: lambda ds: ds["reserve"].sel(fund=f))(f),
             ("reserve",)) for f in ("health", "short_term", "long_term")],
    *[Column(f"deficit_financing_{f}", "LAK", (lambda f: lambda ds: ds["deficit_financing"].sel(fund=f))(f),
             ("deficit_financing",)) for f in ("health", "short_term", "long_term")],
    Column("reserve_ratio", "years of expenditure",
           lambda ds: year_total(ds, "reserve") / _spending(ds),
           ("reserve", "benefits", "admin_costs", "transfers_out")),
    Column("payg_cost_rate", "share of insurable earnings",
           lambda ds: _spending(ds) / year_total(ds, "insurable_earnings"),
           ("benefits", "admin_costs", "transfers_out", "insurable_earnings")),
    *[Column(name, "percent of GDP", _total(name), (name,)) for name in (
        "contributions_pct_gdp", "benefits_pct_gdp", "reserve_pct_gdp", "nhi_expenditure_pct_gdp",
        "nhi_government_cost_pct_gdp", "subsidy_cost_pct_gdp", "spf_cost_pct_gdp",
        "government_employer_contributions_pct_gdp", "legacy_pension_cost_pct_gdp",
        "retiree_allowances_pct_gdp", "deficit_financing_total_pct_gdp",
        "government_social_security_cost_pct_gdp")],
    # health financing (engine.funds.health)
    Column("nhi_covered_persons", "persons", _total("nhi_covered_persons"), ("nhi_covered_persons",)),
    *[Column(f"nhi_covered_{g}", "persons", (lambda g: lambda ds: ds["nhi_covered_by_group"].sel(
        health_group=g))(g), ("nhi_covered_by_group",))
      for g in ("nssf", "poor", "pregnant_women", "children_under_five", "monks", "paying")],
    Column("health_coverage_share", "share of the population", _total("health_coverage_share"),
           ("health_coverage_share",)),
    Column("nhi_expenditure", "LAK", _total("nhi_expenditure"), ("nhi_expenditure",)),
    *[Column(f"nhi_income_{s}", "LAK", (lambda s: lambda ds: _source(ds, s))(s), ("nhi_income",))
      for s in ("government_budget", "nssf_transfer", "copayments", "cbhi_transfer")],
    Column("nhi_gap", "LAK", _total("nhi_gap"), ("nhi_gap",)),
    Column("nhi_gap_budget_top_up", "LAK", _total("nhi_gap_budget_top_up"), ("nhi_gap_budget_top_up",)),
    Column("nhi_unmet_cost", "LAK", _total("nhi_unmet_cost"), ("nhi_unmet_cost",)),
    Column("capital_nhi_covered", "persons", _total("capital_nhi_covered"), ("capital_nhi_covered",)),
    *[Column(name, unit, _total(name), (name,)) for name, unit in (
        ("cbhi_members", "persons at 31 December"), ("cbhi_households", "households at 31 December"),
        ("cbhi_contributions", "LAK"), ("cbhi_government_match", "LAK"),
        ("cbhi_treatment_cost", "LAK"), ("cbhi_death_benefits", "LAK"), ("cbhi_reserve", "LAK at 31 December"),
        ("government_health_cost", "LAK"), ("government_health_cost_pct_gdp", "percent of GDP"),
        ("government_health_cost_pct_government_expenditure", "percent of government expenditure"),
        ("nhi_extension_cost", "LAK"))],
    Column("government_social_security_cost", "LAK", _total("government_social_security_cost"),
           ("government_social_security_cost",)),
    Column("government_social_security_cost_pct_government_expenditure", "percent of government expenditure",
           _total("government_social_security_cost_pct_government_expenditure"),
           ("government_social_security_cost_pct_government_expenditure",)),
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
