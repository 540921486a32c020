"""Figures of the NSSF sub-funds: contributions, benefits and reserves in % of GDP, and the
reserve ratio with a close-up beside the whole horizon. A reserve line stops where the
reserve is spent (:func:`until_depleted`); an x marks the depletion year the run reports.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from engine.report.style import YEAR, Runs, finish_axis, new_figure, plot_series, year_total


def until_depleted(da: xr.DataArray | None) -> xr.DataArray | None:
    """A reserve (or reserve ratio) series cut where it is spent: the values after the
    first projected year in which a reserve that was positive is no longer so are left out
    (a reserve that never was positive, as the health sub-fund's, which passes its income
    on, is kept whole)."""
    if da is None:
        return None
    years, values = da["year"].values, da.values
    was_positive = np.maximum.accumulate(np.nan_to_num(values, nan=0.0) > 0)
    spent = np.flatnonzero((values <= 0) & (years > years[0]) & np.concatenate([[False], was_positive[:-1]]))
    return da.where(da["year"] <= years[spent[0]]) if spent.size else da


def _mark_depletion(ax, runs: Runs, funds: list[str], end: int | None = None) -> None:
    """An x at each sub-fund's depletion year as the run states it
    (``reserve_depletion_year_<fund>``: the first year a scheme's account is spent and the
    state's deficit financing is needed), up to ``end``."""
    for _, ds in runs:
        for fund in funds:
            year = ds.attrs.get(f"reserve_depletion_year_{fund}")
            if isinstance(year, (int, np.integer)) and (end is None or year <= end):
                ax.plot([int(year)], [0], marker="x", color="black", markersize=6, linestyle="none", zorder=5)


def _pct_gdp(ds: xr.Dataset, name: str, fund: str) -> xr.DataArray:
    """``name`` of one sub-fund in percent of GDP; flows from the first projected year (the
    base year's row holds stocks only)."""
    share = 100 * year_total(ds, name, fund=fund) / ds["gdp"]
    if name != "reserve" and "base_year" in ds.attrs:
        share = share.sel(year=slice(int(ds.attrs["base_year"]) + 1, None))
    return share


def accounts(runs: Runs, scenarios: list):
    fig, axes = new_figure(3, width=9.5, height=3.8)
    funds = [str(f) for f in runs[0][1]["fund"].values]
    for ax, (name, title) in zip(axes, (("contributions", "Contributions"), ("benefits", "Benefits"),
                                        ("reserve", "Reserve at 31 December"))):
        series = [(f, lambda ds, f=f, n=name: _pct_gdp(ds, n, f)) for f in funds]
        if name == "reserve":
            series = [(f, lambda ds, fn=fn: until_depleted(fn(ds))) for f, fn in series]
            _mark_depletion(ax, runs, funds)
        plot_series(ax, runs, series, "")
        finish_axis(ax, YEAR, "% of GDP", title=title)
    return fig, ("NSSF sub-fund accounts in % of GDP (contributions include any government subsidy); "
                 "the line of a sub-fund's whole reserve stops where it is spe"
                 "nt; x marks the depletion year the run reports (the first year a scheme's account is spent and the state's deficit financing is needed)")


def reserve_ratio(ds: xr.Dataset) -> xr.DataArray | None:
    """Reserve at year end / the year's expenditure (benefits + admin + transfers out), by fund."""
    if "reserve_ratio" in ds and "fund" in ds["reserve_ratio"].dims:
        return ds["reserve_ratio"].transpose("year", ...)
    if "reserve" not in ds or "benefits" not in ds:
        return None
    spend = ds["benefits"].copy()
    for n in ("admin_costs", "transfers_out"):
        if n in ds:
            spend = spend + ds[n]
    return (ds["reserve"] / spend.where(spend > 0)).transpose("year", ...)


CLOSE_UP = 2060
"""Last year of the reserve ratio's close-up panel."""


def reserve_ratios(runs: Runs, scenarios: list):
    fig, axes = new_figure(2, width=9.0)
    funds = [str(f) for f in runs[0][1]["fund"].values]
    raw = [(f, lambda ds, f=f: None if reserve_ratio(ds) is None else reserve_ratio(ds).sel(fund=f)) for f in funds]
    cut = [(f, lambda ds, fn=fn: until_depleted(fn(ds))) for f, fn in raw]
    last = int(runs[0][1]["year"].values[-1])
    for ax, end, title in ((axes[0], min(CLOSE_UP, last), f"to {min(CLOSE_UP, last)}"), (axes[1], last, "whole horizon")):
        window = [(f, lambda ds, fn=fn, end=end: None if fn(ds) is None else fn(ds).sel(year=slice(None, end)))
                  for f, fn in cut]
        plot_series(ax, runs, window, "")
        _mark_depletion(ax, runs, funds, end)
        ax.axhline(0, color="black", linewidth=0.6)
        finish_axis(ax, YEAR, "years of expenditure", title=title)
    return fig, ("reserve ratio = reserve / (benefits + administration + transfers out); "
                 "the line of a sub-fund's whole reserve stops where it is spe"
                 "nt; x marks the depletion year the run reports (the first year a scheme's account is spent and the state's deficit financing is needed)")
