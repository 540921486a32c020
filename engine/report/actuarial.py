"""Demographic and financial projections by year, as an ILO actuarial valuation reports
them: insured persons and pensioners by scheme, then each sub-fund's income, expenditure,
reserve, reserve ratio and pay-as-you-go cost rate.

Money is in billion LAK of the year (nominal); the reserve is also shown as a percentage
of GDP, so that the long horizon reads without the price level's growth.
"""

from __future__ import annotations

import xarray as xr

from engine.dims import FUNDS, SCHEMES
from engine.report.year_table import Column, YearTable, ratio, variable, year_table

FUND_TITLES = {"health": "Health care sub-fund", "short_term": "Short-term benefits sub-fund",
               "long_term": "Long-term benefits sub-fund (pensions)"}
SCHEME_NAMES = {"civil_servant": "civil servants", "enterprise": "enterprise employees", "voluntary": "voluntary"}


def demographic_columns() -> list[Column]:
    """Insured persons (with a pension record, contributing or not) and the inactive among
    them, pensioners and the demographic ratio."""
    columns = []
    for s in SCHEMES:
        columns.append(Column(f"insured persons, {SCHEME_NAMES[s]}", "persons at 31 December",
                              variable("insured_persons", scheme=s)))
    columns += [
        Column("of whom inactive, all schemes", "persons at 31 December", variable("inactive_insured")),
        Column("old-age pensioners", "persons at 31 December", variable("pensioners", benefit="old_age")),
        Column("disability pensioners", "persons at 31 December", variable("pensioners", benefit="disability")),
        Column("survivors' pensions", "persons at 31 December", variable("pensioners", benefit="survivors")),
        Column("new old-age pensioners", "persons", variable("new_pensioners", benefit="old_age")),
        Column("pensioners per 100 insured", "per 100 insured persons",
               ratio(variable("pensioners"), variable("insured_persons"), 100.0)),
    ]
    return columns


def demographic_table(ds: xr.Dataset) -> YearTable | None:
    return year_table(ds, "actuarial-demography", "Insured persons and pensioners", demographic_columns(),
                      "All schemes unless named; at 31 December of each year. Insured persons have a pension "
                      "record, contributing or not (members of packages without a pension, such as short-term "
                      "or lump-sum packages, are not among them).")


def benefit_table(ds: xr.Dataset) -> YearTable | None:
    """Average insurable earnings and pensions, and their ratio."""
    columns = []
    for s in SCHEMES:
        columns.append(Column(f"average insurable earnings, {SCHEME_NAMES[s]}", "LAK per month",
                              variable("average_insurable_earnings", scheme=s)))
    for s in SCHEMES:
        columns.append(Column(f"average old-age pension, {SCHEME_NAMES[s]}", "LAK per month",
                              variable("average_old_age_pension", scheme=s)))
    return year_table(ds, "actuarial-benefits", "Average earnings and pensions", columns,
                      "LAK a month of the year (nominal).")


def fund_columns(fund: str) -> list[Column]:
    """One sub-fund's financial projection."""
    def pct_gdp(name):
        return ratio(variable(name, fund=fund), variable("gdp"), 100.0)
    return [
        Column("contributions", "LAK", variable("contributions", fund=fund)),
        Column("investment income", "LAK", variable("investment_income", fund=fund)),
        Column("benefits", "LAK", variable("benefits", fund=fund)),
        Column("administration", "LAK", variable("admin_costs", fund=fund)),
        Column("transfers out", "LAK", variable("transfers_out", fund=fund)),
        Column("deficit financing", "LAK", variable("deficit_financing", fund=fund)),
        Column("reserve at 31 December", "LAK at 31 December", variable("reserve", fund=fund)),
        Column("reserve", "percent of GDP", pct_gdp("reserve")),
        Column("reserve ratio", "years of expenditure", variable("reserve_ratio", fund=fund)),
        Column("PAYG cost rate", "percent of insurable earnings",
               lambda d: None if "payg_cost_rate" not in d else 100.0 * variable("payg_cost_rate", fund=fund)(d)),
    ]


def fund_table(ds: xr.Dataset, fund: str) -> YearTable | None:
    return year_table(ds, f"actuarial-{fund}", f"{FUND_TITLES[fund]}: financial projection", fund_columns(fund),
                      "Billion LAK of the year; the reserve ratio is the reserve over the year's "
                      "expenditure; the PAYG cost rate is expenditure over insurable earnings.")


def actuarial_tables(ds: xr.Dataset) -> list[YearTable]:
    """Every actuarial table the run has the results for, pensions first."""
    tables = [demographic_table(ds), benefit_table(ds)]
    tables += [fund_table(ds, f) for f in reversed(FUNDS)]
    return [t for t in tables if t is not None]
