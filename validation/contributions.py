"""Contributions recomputed from members, earnings and the statutory rates, against the engine.

For each scheme, sub-fund and year, the independent figure is

    active members at 31 December x average insurable earnings (LAK a month)
    x 12 months x statutory rate x the sub-fund's share of it,

with the rates and the voluntary split from the law (validation/data/contributions.csv)
and, for the compulsory schemes, the split the engine states as an assumption. Members
and average earnings are the engine's own results, so this checks the contribution rules
and their aggregation, not the earnings level; the earnings level is checked against
the anchors the rules give (the minimum wage as floor, the highest voluntary level, the
ceiling). The bands are tight for the rules and wide, one-sided, for the anchors
(validation/expected/contributions.csv).

Run: ``python validation/contributions.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validation.common import Item, main, variable, year_value  # noqa: E402

NAME = "contributions"
SCHEMES = ("civil_servant", "enterprise", "voluntary")
FUNDS = ("health", "short_term", "long_term")
INPUTS = ("rate_civil_servant", "rate_enterprise", "rate_voluntary", "voluntary_health",
          "voluntary_short_term", "voluntary_long_term", "compulsory_health", "months_paid",
          "minimum_wage_average", "voluntary_top_level", "insurable_earnings_ceiling")


def _figure(figs, name: str) -> float:
    (value,) = [f.value for (n, _), f in figs.items() if n == name]
    return value


def rate_points(figs, scheme: str, fund: str) -> float:
    """Percent of insurable earnings that goes to ``fund`` under ``scheme``'s rules."""
    if scheme == "voluntary":
        return _figure(figs, f"voluntary_{fund}")
    total, health = _figure(figs, f"rate_{scheme}"), _figure(figs, "compulsory_health")
    if fund == "health":
        return health
    short, long_ = _figure(figs, "voluntary_short_term"), _figure(figs, "voluntary_long_term")
    share = (short if fund == "short_term" else long_) / (short + long_)
    return (total - health) * share


def average_earnings(ds, year: int, scheme: str) -> float:
    da = year_value(variable(ds, "average_insurable_earnings"), year, "average_insurable_earnings")
    return float(da.sel(scheme=scheme))


def recomputed(scheme: str, fund: str):
    def independent(ds, year: int, figs) -> float:
        members = float(year_value(variable(ds, "active_members"), year, "active_members").sel(scheme=scheme))
        return (members * average_earnings(ds, year, scheme) * _figure(figs, "months_paid")
                * rate_points(figs, scheme, fund) / 100.0)
    return independent


def engine_contributions(scheme: str, fund: str):
    def engine(ds, year: int) -> float:
        da = year_value(variable(ds, "contributions"), year, "contributions")
        return float(da.sel(scheme=scheme, fund=fund))
    return engine


def anchor(name: str):
    return lambda ds, year, figs: _figure(figs, name)


def earnings_of(scheme: str):
    return lambda ds, year: average_earnings(ds, year, scheme)


ITEMS = [Item(f"contributions_{s}_{f}", engine_contributions(s, f), recomputed(s, f), "LAK")
         for s in SCHEMES for f in FUNDS] + [
    Item("voluntary_earnings_vs_minimum_wage", earnings_of("voluntary"), anchor("minimum_wage_average"), "LAK per month"),
    Item("voluntary_earnings_vs_top_level", earnings_of("voluntary"), anchor("voluntary_top_level"), "LAK per month"),
    Item("enterprise_earnings_vs_minimum_wage", earnings_of("enterprise"), anchor("minimum_wage_average"), "LAK per month"),
    Item("enterprise_earnings_vs_ceiling", earnings_of("enterprise"), anchor("insurable_earnings_ceiling"), "LAK per month"),
    Item("civil_servant_earnings_vs_ceiling", earnings_of("civil_servant"), anchor("insurable_earnings_ceiling"), "LAK per month"),
]

if __name__ == "__main__":
    sys.exit(main(NAME, ITEMS, INPUTS))
