"""The headline panel: the few indicators a reader looks at first, one number per card.

Each :class:`Card` gives one number with its unit and year (or period), a line of
context (the target and whether it is met, the other sub-funds, the amount in LAK) and
its definition. For the ministry: voluntary members, new members against the target,
coverage of informal workers and the cost of the policies; for the fiscal reader: the
government's social security and health cost; for the actuary: the long-term sub-fund's
depletion year and the general average premium; then context (population, informal
workers). A card whose inputs a run lacks says so instead of a number. A comparison
shows the cards side by side with each later scenario's difference from the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import xarray as xr

from engine.report.numbers import number
from engine.report.observations import achieved, describe_target, targets_for
from engine.report.style import year_total

NOT_AVAILABLE = "not available in this run"
SHARE_KINDS = ("coverage_share", "growth_rate")
"""Target kinds stated as shares (shown in percent); the others count persons."""


@dataclass(frozen=True)
class Reading:
    """A card's value under one run: the number (None: not available), the year or period
    it refers to, and a line of context."""

    value: float | None
    when: str = ""
    context: str = ""


@dataclass(frozen=True)
class Card:
    label: str
    unit: str          # the unit as :mod:`engine.report.numbers` reads it
    shown_unit: str    # the unit printed beside the number
    note: str          # the definition
    read: Callable[..., Reading]


@dataclass
class Headline:
    """A card as the page shows it: one formatted number per run, with its year or
    period and context; ``differences`` from the first run (comparisons only)."""

    label: str
    values: list[str]
    note: str
    available: bool
    unit: str = ""
    when: list[str] | None = None
    context: list[str] | None = None
    differences: list[str] | None = None


def headline_year(ds: xr.Dataset) -> int:
    """2030 when projected, else the last projected year."""
    years = ds["year"].values
    return 2030 if 2030 in years else int(years[-1])


def _at(da: xr.DataArray | None, year: int) -> float | None:
    if da is None or year not in da["year"].values:
        return None
    return float(da.sel(year=year))


def _voluntary_members(ds: xr.Dataset, scenario=None) -> Reading:
    year = headline_year(ds)
    return Reading(_at(year_total(ds, "active_members", scheme="voluntary"), year), f"31 December {year}")


def _coverage(ds: xr.Dataset, scenario=None) -> Reading:
    members = year_total(ds, "active_members", scheme="voluntary")
    informal = year_total(ds, "informal_employed")
    year = headline_year(ds)
    m, i = _at(members, year), _at(informal, year)
    if m is None or not i:
        return Reading(None)
    last = int(ds["year"].values[-1])
    later = _at(members, last), _at(informal, last)
    context = f"{100 * later[0] / later[1]:.2f} % in {last}" if last != year and later[0] is not None and later[1] else ""
    return Reading(100 * m / i, str(year), context)


def _policy_start(scenario) -> int | None:
    starts = [getattr(b, "start_year", None) for b in getattr(scenario, "policies", None) or ()]
    starts = [s for s in starts if s is not None]
    return min(starts) if starts else None


def _target(ds: xr.Dataset, scenario=None) -> Reading:
    """The scenario's first target (else the seed's 15,000 new voluntary members
    2021-2025): what the run delivers, and whether that meets it."""
    target = targets_for(scenario)[0]
    value, years = achieved(target, ds)
    if value is None:
        return Reading(None)
    context = f"target {describe_target(target)}: {'met' if value >= target.value else 'not met'}"
    base = int(ds["year"].values[0])
    if target.first <= base:
        context += f"; {target.first}-{base} from the back-cast of the membership history"
    start = _policy_start(scenario)
    if start is not None and start > target.last:
        context += f"; the policies start in {start}, after the target's period"
    return Reading(100 * value if target.kind in SHARE_KINDS else value, years, context)


def _target_unit(scenario=None) -> str:
    return "percent" if targets_for(scenario)[0].kind in SHARE_KINDS else "persons"


def _pct_gdp(name: str, what: str) -> Callable[..., Reading]:
    def read(ds: xr.Dataset, scenario=None) -> Reading:
        year = headline_year(ds)
        value = _at(cost_pct_gdp(ds, name), year)
        amount = _at(year_total(ds, name), year) if name in ds else None
        context = f"{number(amount, 'LAK')} billion LAK {what}" if amount is not None else ""
        return Reading(value, str(year), context)
    return read


def _depletion(ds: xr.Dataset, scenario=None) -> Reading:
    """The long-term sub-fund's depletion year; the others and the first deficit as context."""
    year = ds.attrs.get("reserve_depletion_year_long_term")
    if year is None:
        return Reading(None)
    others = "; ".join(f"{f.replace('_', '-')}: {ds.attrs[f'reserve_depletion_year_{f}']}"
                       for f in ("short_term", "health") if f"reserve_depletion_year_{f}" in ds.attrs)
    deficit = ds.attrs.get("first_deficit_year_long_term")
    context = "; ".join(c for c in (f"first deficit {deficit}" if deficit not in (None, "none") else "",
                                    f"other sub-funds {others}" if others else "") if c)
    last = int(ds["year"].values[-1])
    if str(year) == "none":
        return Reading(float("nan"), f"none by {last}", context)
    return Reading(float(year), "", context)


def _premium(ds: xr.Dataset, scenario=None) -> Reading:
    value = ds.attrs.get("general_average_premium")
    if not isinstance(value, (int, float, np.floating)):
        return Reading(None)
    horizon = ds.attrs.get("general_average_premium_horizon", "")
    collected, earnings = ds.attrs.get("pv_contributions_horizon_all"), ds.attrs.get("pv_insurable_earnings_horizon")
    context = f"contributions collect {100 * collected / earnings:.2f} %" if collected is not None and earnings else ""
    return Reading(100 * float(value), str(horizon), context)


def _persons(name: str) -> Callable[..., Reading]:
    def read(ds: xr.Dataset, scenario=None) -> Reading:
        year = headline_year(ds)
        return Reading(_at(year_total(ds, name), year), str(year))
    return read


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


CARDS = [
    Card("Voluntary members", "persons", "persons", "active voluntary members at 31 December", _voluntary_members),
    Card("Against the enrolment target", "persons", "", "the scenario's first target, else 15,000 new "
         "voluntary members 2021-2025 (Oxfam in Laos 2021, s.4.1); years before the projection come from "
         "the back-cast of the membership history", _target),
    Card("Coverage of informal workers", "percent", "%", "voluntary members at 31 December / informal "
         "employed at 1 July", _coverage),
    Card("Cost of the policies", "percent of GDP", "% of GDP", "contribution subsidies, outreach, SPF, "
         "retention and enforcement blocks", _pct_gdp("policy_cost", "a year")),
    Card("Government social security cost", "percent of GDP", "% of GDP", "employer contributions for civil "
         "servants, legacy pensions, retirees' allowances and deficit financing of the sub-funds",
         _pct_gdp("government_social_security_cost", "a year")),
    Card("Government health cost", "percent of GDP", "% of GDP", "NHI budget, CBHI match and NHI "
         "extensions", _pct_gdp("government_health_cost", "a year")),
    Card("Long-term sub-fund runs out", "year", "", "first year the pension sub-fund's reserve is spent "
         "(negative, or kept at zero by the state's deficit financing)", _depletion),
    Card("General average premium", "percent", "% of insurable earnings", "level contribution rate that "
         "finances the sub-funds' expenditure over the period, beside the rate the schemes' contributions "
         "amount to (present values)", _premium),
    Card("Population", "persons", "persons", "at 1 July", _persons("population")),
    Card("Informal workers", "persons", "persons", "informally employed at 1 July", _persons("informal_employed")),
]


def _shown(card: Card, reading: Reading) -> str:
    if reading.value is None:
        return NOT_AVAILABLE
    if card.unit == "year":
        return "none" if reading.value != reading.value else f"{reading.value:.0f}"
    return number(reading.value, card.unit, places=2 if card.unit == "percent" else None)


def _difference(card: Card, first: Reading, other: Reading) -> str:
    if first.value is None or other.value is None or first.value != first.value or other.value != other.value:
        return ""
    places = 0 if card.unit == "year" else 2 if card.unit == "percent" else None
    return number(other.value - first.value, card.unit, signed=True, places=places)


def headlines(runs: list[tuple[str, xr.Dataset]], scenarios: list | None = None) -> list[Headline]:
    """Every card, with one reading per run (or :data:`NOT_AVAILABLE`)."""
    scenarios = list(scenarios) if scenarios is not None else [None] * len(runs)
    out = []
    for card in CARDS:
        readings = [card.read(ds, scenario=sc) for (_, ds), sc in zip(runs, scenarios)]
        unit = card.shown_unit or (("%" if _target_unit(scenarios[0]) == "percent" else "persons")
                                   if card.read is _target else "")
        out.append(Headline(card.label, [_shown(card, r) for r in readings], card.note,
                            any(r.value is not None for r in readings), unit,
                            [r.when for r in readings], [r.context for r in readings],
                            [_difference(card, readings[0], r) for r in readings[1:]]))
    return out
