"""Enrolment targets: projected against target, and the lever value that would meet one.

A target (:class:`engine.scenario.schema_enrolment.Target`) is a minimum to reach:

- ``new_members``: persons joining ``scheme`` over ``start``..``end`` (inclusive). For
  the voluntary scheme the years may reach back to 2018: the 2018-2023 back-cast supplies
  the years before the projection (a 2021-2025 target counts the back-cast's 2021-2023
  and the projection's 2024-2025);
- ``net_additions``: members at 31 December of each year of ``start``..``end`` minus
  members at 31 December of ``start - 1`` (persons);
- ``growth_rate``: average yearly growth of members from 31 December of ``start - 1``,
  ``g_t = (M_t / M_{start-1})^(1 / (t - start + 1)) - 1`` (per year);
- ``active_members``: contributing members at 31 December of ``year``;
- ``coverage_share``: active members over the scheme's workers at 31 December (voluntary:
  informal workers; civil_servant: civil servants; enterprise: enterprise employees;
  all: every employed person).

:func:`evaluate_targets` gives, for each projected year, the value to date (cumulative
new members from ``start``; the level for the others, up to the target year) and the gap
``projected - target`` (negative: short of the target), and :func:`year_met` the first
year the target is met: the value to date reaches the target (for ``growth_rate``: members
reach the level the target growth implies at the end, ``M_{start-1} (1 + g)^n``), which
may lie in the back-cast, before the projection starts. The lever value that would meet a
target is found by :mod:`engine.enrolment.solver`.
"""

from __future__ import annotations

import numpy as np

from engine.membership import Membership
from engine.scenario.schema import Scenario
from engine.scenario.schema_enrolment import Target

_SCHEME_INDEX = {"civil_servant": 0, "enterprise": 1, "voluntary": 2}
_WORKER_INDEX = {"civil_servant": 0, "enterprise": 1, "voluntary": 2, "all": 3}


def _yearly(target: Target, membership: Membership) -> dict[int, float]:
    """The target's quantity by calendar year (flows per year, levels at 31 Dec)."""
    years = [int(y) for y in membership.years]
    out: dict[int, float] = {}
    hist = membership.history
    if target.scheme == "voluntary" and hist is not None:
        if target.kind == "new_members":
            values = hist.new_total
        elif target.kind == "active_members":
            values = hist.total
        else:
            values = hist.total / hist.eligible
        out |= {int(y): float(v) for y, v in zip(hist.years, values)}
    if target.kind == "new_members":
        flows = membership.new_members
        values = flows.sum(axis=1) if target.scheme == "all" else flows[:, _SCHEME_INDEX[target.scheme]]
    else:
        active = membership.active.sum(axis=(2, 3))
        values = active.sum(axis=1) if target.scheme == "all" else active[:, _SCHEME_INDEX[target.scheme]]
        if target.kind == "coverage_share":
            values = values / membership.details.workers[:, _WORKER_INDEX[target.scheme]]
    out |= {y: float(v) for y, v in zip(years, values)}
    return out


def _levels(target: Target, membership: Membership) -> dict[int, float]:
    """Members of the target's scheme at 31 December by year: back-cast (voluntary), base
    year and projection."""
    level = target.model_copy(update={"kind": "active_members", "start": None, "end": None,
                                      "year": target.last})
    out = _yearly(level, membership)
    base = getattr(membership, "active_base", None)
    if base is not None and len(membership.years):
        first = int(membership.years[0]) - 1
        by_scheme = np.asarray(base).sum(axis=(-2, -1))
        value = by_scheme.sum() if target.scheme == "all" else by_scheme[_SCHEME_INDEX[target.scheme]]
        out.setdefault(first, float(value))
    return out


def _relative_series(target: Target, membership: Membership) -> dict[int, float]:
    """Net additions or average growth per year since 31 December of ``start - 1``."""
    levels = _levels(target, membership)
    before = levels.get(target.first - 1)
    if before is None:
        return {}
    out = {}
    for year in range(target.first, target.last + 1):
        if year not in levels:
            break
        if target.kind == "net_additions":
            out[year] = levels[year] - before
        else:
            n = year - target.first + 1
            out[year] = (levels[year] / before) ** (1.0 / n) - 1.0 if before > 0 else float("nan")
    return out


def target_series(target: Target, membership: Membership) -> dict[int, float]:
    """Projected value to date by year: cumulative new members from ``start`` to each year
    of the span, net additions or average growth since ``start - 1``, or the level in each
    year up to the target year."""
    if target.kind in ("net_additions", "growth_rate"):
        return _relative_series(target, membership)
    yearly = _yearly(target, membership)
    if target.kind != "new_members":
        return {y: v for y, v in yearly.items() if y <= target.last}
    out, running = {}, 0.0
    for year in range(target.first, target.last + 1):
        if year not in yearly:
            break
        running += yearly[year]
        out[year] = running
    return out


def projected(target: Target, membership: Membership) -> float:
    """The projection's value for the target (at its last year); NaN if not covered."""
    return target_series(target, membership).get(target.last, float("nan"))


def year_met(target: Target, membership: Membership) -> int | None:
    """The first year the target is met (see the module docstring), or None."""
    series = target_series(target, membership)
    if target.kind == "growth_rate":
        levels = _levels(target, membership)
        before = levels.get(target.first - 1)
        if before is None:
            return None
        needed = before * (1.0 + target.value) ** (target.last - target.first + 1)
        met = [y for y in series if levels[y] >= needed]
    else:
        met = [y for y, v in series.items() if v >= target.value]
    return min(met) if met else None


def met_statement(target: Target, membership: Membership, first_projected: int) -> str:
    """A plain sentence: when the target is met, whether before the projection starts, or
    by how much it falls short."""
    year = year_met(target, membership)
    got = projected(target, membership)
    unit = "per year" if target.kind == "growth_rate" else ("share" if target.kind == "coverage_share" else "")

    def show(v: float) -> str:
        return f"{100 * v:.2f} %" if unit else f"{v:,.0f}"

    if year is None:
        return (f"not met by {target.last}: {show(got)} against {show(target.value)} "
                f"(gap {show(got - target.value) if np.isfinite(got) else 'unknown'})")
    if year < first_projected:
        return (f"met in {year}, before the projection starts ({first_projected}): the back-cast "
                f"already reaches it; {show(got)} against {show(target.value)} by {target.last}")
    return f"met in {year}: {show(got)} against {show(target.value)} by {target.last}"


def evaluate_targets(scenario: Scenario, membership: Membership) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Labels, target values (K,) and projected values to date (K, T) over the projected
    years (NaN outside each target's years)."""
    years = [int(y) for y in membership.years]
    labels, values = [], []
    series = np.full((len(scenario.targets), len(years)), np.nan)
    for k, target in enumerate(scenario.targets):
        labels.append(target.label)
        values.append(target.value)
        s = target_series(target, membership)
        for i, year in enumerate(years):
            if year in s:
                series[k, i] = s[year]
    return labels, np.asarray(values, dtype=float), series


def target_arrays(scenario: Scenario, membership: Membership) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """Result variables ``target_value``, ``target_projected``, ``target_gap`` and the
    ``target`` coordinate; empty when the scenario states no target."""
    if not scenario.targets:
        return {}, {}
    labels, values, series = evaluate_targets(scenario, membership)
    met = np.array([np.nan if (y := year_met(t, membership)) is None else float(y) for t in scenario.targets])
    return ({"target_value": values, "target_projected": series, "target_gap": series - values[:, None],
             "target_year_met": met}, {"target": labels})


def target_statements(scenario: Scenario, membership: Membership) -> dict[str, str]:
    """Dataset attributes ``target_met_<label>``: :func:`met_statement` of each target."""
    first = scenario.horizon.base_year + 1
    return {f"target_met_{t.label}": met_statement(t, membership, first) for t in scenario.targets}


TARGET_VARIABLES = frozenset({"target_value", "target_projected", "target_gap", "target_year_met"})


def target_columns(ds) -> dict[str, np.ndarray]:
    """Summary columns per target: ``target_<label>``, ``projected_<label>``, ``gap_<label>``
    (values in the years the target covers, empty elsewhere); by year, or (variant, year)."""
    if "target_projected" not in ds:
        return {}
    out = {}
    for label in ds["target"].to_numpy():
        projected_ = ds["target_projected"].sel(target=label).to_numpy()
        value = ds["target_value"].sel(target=label).to_numpy()
        out[f"target_{label}"] = np.where(np.isnan(projected_), np.nan, value[..., None])
        out[f"projected_{label}"] = projected_
        out[f"gap_{label}"] = ds["target_gap"].sel(target=label).to_numpy()
    return out


__all__ = ["evaluate_targets", "met_statement", "projected", "target_arrays", "target_columns", "target_series",
           "target_statements", "year_met"]
