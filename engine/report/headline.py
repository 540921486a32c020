"""The headline panel: a few indicators a reader looks at first, each when available.

Coverage of informal workers, voluntary members against the 2025 target, the reserve
depletion year and the government cost as % of GDP; then context (population, informal
workers). An indicator whose inputs a run lacks says so instead of a number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from engine.report.observations import achieved, describe_target, targets_for
from engine.report.style import year_total

NOT_AVAILABLE = "not available in this run"


@dataclass
class Headline:
    label: str
    values: list[str]          # one per run
    note: str
    available: bool


def headline_year(ds: xr.Dataset) -> int:
    """2030 when projected, else the last projected year."""
    years = ds["year"].values
    return 2030 if 2030 in years else int(years[-1])


def _at(da: xr.DataArray | None, year: int) -> float | None:
    if da is None or year not in da["year"].values:
        return None
    return float(da.sel(year=year))


def _coverage(ds: xr.Dataset) -> str | None:
    members = year_total(ds, "active_members", scheme="voluntary")
    informal = year_total(ds, "informal_employed")
    if members is None or informal is None:
        return None
    parts = []
    for year in dict.fromkeys((headline_year(ds), int(ds["year"].values[-1]))):
        m, i = _at(members, year), _at(informal, year)
        if m is not None and i:
            parts.append(f"{100 * m / i:.2f} % in {year}")
    return "; ".join(parts) or None


def _voluntary(ds: xr.Dataset, scenario=None) -> str | None:
    members = year_total(ds, "active_members", scheme="voluntary")
    if members is None:
        return None
    year = headline_year(ds)
    parts = [f"{_at(members, year):,.0f} members at end-{year}"]
    for t in targets_for(scenario):
        value, years = achieved(t, ds)
        if value is None:
            parts.append(f"target {describe_target(t)}: outside the projection")
            continue
        shown = f"{100 * value:.1f} %" if t.kind == "coverage_share" else f"{value:,.0f}"
        verdict = "met" if value >= t.value else "not met"
        parts.append(f"target {describe_target(t)}: {shown} in {years} ({verdict})")
    return "; ".join(parts)


def depletion_text(ds: xr.Dataset) -> str | None:
    """``reserve_depletion_year`` from the Dataset attrs, else the first year a reserve is negative."""
    if "reserve_depletion_year" in ds.attrs:
        value = ds.attrs["reserve_depletion_year"]
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        return str(value)
    if "reserve" not in ds or "fund" not in ds["reserve"].dims:
        return None
    parts = []
    for fund in ds["fund"].values:
        r = ds["reserve"].sel(fund=fund).values
        below = np.flatnonzero(r < 0)
        parts.append(f"{fund}: {int(ds['year'].values[below[0]]) if below.size else 'none'}")
    return "; ".join(parts)


def cost_pct_gdp(ds: xr.Dataset, name: str) -> xr.DataArray | None:
    """``name_pct_gdp`` when the run provides it, else 100 x total / GDP."""
    if f"{name}_pct_gdp" in ds:
        return ds[f"{name}_pct_gdp"]
    total = year_total(ds, name)
    if total is None or "gdp" not in ds:
        return None
    return 100 * total / ds["gdp"]


def _cost(ds: xr.Dataset) -> str | None:
    parts = []
    for year in dict.fromkeys((headline_year(ds), int(ds["year"].values[-1]))):
        values = {label: _at(cost_pct_gdp(ds, n), year)
                  for label, n in (("subsidies", "subsidy_cost"), ("SPF", "spf_cost"),
                                   ("NHI government budget", "nhi_government_cost"),
                                   ("NHI spending", "nhi_expenditure"))}
        values = {k: v for k, v in values.items() if v is not None}
        if values:
            parts.append(f"{year}: " + ", ".join(f"{k} {v:.3f} %" for k, v in values.items()))
    return "; ".join(parts) or None


def _premium(ds: xr.Dataset) -> str | None:
    if "general_average_premium" not in ds.attrs:
        return None
    value = ds.attrs["general_average_premium"]
    horizon = ds.attrs.get("general_average_premium_horizon")
    if not isinstance(value, (int, float, np.floating)):
        return str(value)
    text = f"{100 * value:.2f} % of insurable earnings" + (f" ({horizon})" if horizon is not None else "")
    collected, earnings = ds.attrs.get("pv_contributions_horizon_all"), ds.attrs.get("pv_insurable_earnings_horizon")
    if collected is not None and earnings:
        text += f"; contributions collect {100 * collected / earnings:.2f} %"
    return text


def _context(name: str, unit: str):
    def compute(ds: xr.Dataset, scenario=None) -> str | None:
        year = headline_year(ds)
        value = _at(year_total(ds, name), year)
        return None if value is None else f"{value:,.0f} {unit} in {year}"
    return compute


ITEMS = [
    ("Coverage of informal workers", lambda ds, scenario=None: _coverage(ds),
     "voluntary members at 31 December / informal employed at 1 July"),
    ("Voluntary members against targets", _voluntary,
     "the scenario's targets, else 15,000 new members 2021-2025 (Oxfam in Laos 2021, s.4.1); "
     "years before the projection are not counted"),
    ("Reserve depletion year", lambda ds, scenario=None: depletion_text(ds),
     "first year a sub-fund's reserve runs out (negative, or kept at zero by the state's "
     "deficit financing)"),
    ("Cost as % of GDP", lambda ds, scenario=None: _cost(ds),
     "government cost of contribution subsidies, SPF programmes and the NHI budget; NHI spending"),
    ("General average premium", lambda ds, scenario=None: _premium(ds),
     "level contribution rate that finances the sub-funds' expenditure over the horizon, "
     "beside the rate the schemes' contributions amount to (present values)"),
    ("Population", _context("population", "persons"), "persons at 1 July"),
    ("Informal workers", _context("informal_employed", "persons"), "informally employed at 1 July"),
]


def headlines(runs: list[tuple[str, xr.Dataset]], scenarios: list | None = None) -> list[Headline]:
    """Every headline item, with one value per run (or :data:`NOT_AVAILABLE`)."""
    scenarios = list(scenarios) if scenarios is not None else [None] * len(runs)
    out = []
    for label, compute, note in ITEMS:
        values = [compute(ds, scenario=sc) for (_, ds), sc in zip(runs, scenarios)]
        out.append(Headline(label, [v if v is not None else NOT_AVAILABLE for v in values], note,
                            any(v is not None for v in values)))
    return out
