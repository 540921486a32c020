"""The government's cost by programme and policy block, by year, in billion LAK, in
percent of GDP and in percent of government expenditure; and who the programmes reach.

Rows are read from the results: contribution subsidies, outreach, retention and
enforcement blocks, each social protection floor programme, the state's share of social
security (employer contributions for civil servants, legacy pensions, retirees'
allowances, deficit financing) and the government's health cost.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import xarray as xr

from engine.report.year_table import Column, YearTable, ratio, variable, year_table

ITEMS = (
    ("contribution subsidies", "subsidy_cost"),
    ("outreach", "outreach_cost"),
    ("retention", "retention_cost"),
    ("enforcement", "enforcement_cost"),
    ("employer contributions for civil servants", "government_employer_contributions"),
    ("legacy pensions", "legacy_pension_cost"),
    ("retirees' allowances", "retiree_allowances"),
    ("deficit financing of the sub-funds", "deficit_financing_total"),
    ("health (NHI budget, CBHI match, extensions)", "government_health_cost"),
)


def _programmes(ds: xr.Dataset) -> list[str]:
    return [str(p) for p in ds["programme"].values] if "programme" in ds.coords else []


def _cost_items(ds: xr.Dataset) -> list[tuple[str, Callable]]:
    """(label, reader) of every cost the run has and that is not zero in every year."""
    items = [(label, variable(name)) for label, name in ITEMS if name in ds]
    items[1:1] = [(f"SPF: {p.replace('_', ' ')}", variable("spf_cost", programme=p)) for p in _programmes(ds)]
    return [(label, read) for label, read in items if np.nansum(np.abs(read(ds))) > 0]


def _total(items):
    def read(ds):
        parts = [r(ds) for _, r in items]
        parts = [p for p in parts if p is not None]
        return np.sum(parts, axis=0) if parts else None
    return read


def cost_items(ds: xr.Dataset) -> list[tuple[str, Callable]]:
    """(label, reader of the cost in LAK) of every programme with a cost, then the total;
    empty when the run has no cost result."""
    items = _cost_items(ds)
    return items + [("total", _total(list(items)))] if items else []


def cost_columns(ds: xr.Dataset) -> list[Column]:
    """The cost by programme in LAK, in percent of GDP and of government expenditure."""
    items = cost_items(ds)
    columns = [Column(f"{label}", "LAK", read) for label, read in items]
    for whole, unit in (("gdp", "percent of GDP"), ("government_expenditure", "percent of government expenditure")):
        if whole in ds:
            columns += [Column(f"{label} ({unit.removeprefix('percent of ')})", unit,
                               ratio(read, variable(whole), 100.0)) for label, read in items]
    return columns


def cost_tables(ds: xr.Dataset) -> list[YearTable]:
    """The cost by programme in three measures; empty when the run has no cost result."""
    items = cost_items(ds)
    if not items:
        return []
    tables = [year_table(ds, "cost-lak", "Government cost by programme, billion LAK",
                         [Column(label, "LAK", read) for label, read in items],
                         "Billion LAK of the year (nominal).")]
    for key, whole, unit, title in (("cost-gdp", "gdp", "percent of GDP", "percent of GDP"),
                                    ("cost-expenditure", "government_expenditure",
                                     "percent of government expenditure", "percent of government expenditure")):
        if whole in ds:
            tables.append(year_table(ds, key, f"Government cost by programme, {title}",
                                     [Column(label, unit, ratio(read, variable(whole), 100.0)) for label, read in items]))
    return [t for t in tables if t is not None]


def reach_table(ds: xr.Dataset) -> YearTable | None:
    """Beneficiaries and benefit levels of the programmes, and members the policies pay for."""
    columns = []
    for p in _programmes(ds):
        name = p.replace("_", " ")
        columns += [Column(f"SPF {name}: beneficiaries", "persons", variable("spf_beneficiaries", programme=p)),
                    Column(f"SPF {name}: benefit", "LAK per month", variable("spf_benefit_level", programme=p))]
    for label, name in (("subsidised members", "subsidised_members"), ("package members", "package_members"),
                        ("outreach registrations", "outreach_registrations")):
        if name in ds and float(np.nansum(np.abs(ds[name].values))) > 0:
            columns.append(Column(label, "persons", variable(name)))
    if not columns:
        return None
    return year_table(ds, "reach", "Who the programmes reach", columns,
                      "Persons (at 31 December for members); benefits in LAK a month of the year.")
