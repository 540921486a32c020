"""Scheme rules over time: the floor and ceiling of insurable earnings, and benefit changes.

One home for both, read by the enrolment stage (the voluntary floor, base of the lowest
contribution) and the funds stage (insurable earnings, benefit rules).

Floor and ceiling. For each calendar year ``t`` the scenario's rule for a bound ``B``
(:mod:`engine.scenario.schema_funds`, :func:`bound_path`) gives:

- ``fixed``: the amount path; ``minimum_wage``: ``B_t = m_t x MW(t - lag)``;
- ``prices`` / ``earnings``: ``B_t = L_t`` up to ``start - 1`` (``start`` the indexation
  start year, default the first projected year), then ``L_{start-1} x I(t - lag) /
  I(start - 1 - lag)`` with ``I`` consumer prices or average earnings;
- ``none``: no floor (0) or no ceiling (infinite).

``contribution_rules`` policy blocks then replace, from their start year, the floor and/or
ceiling of the voluntary scheme (``scheme: voluntary``) or of all schemes (``all``). For a
bound ``B`` of the block, year ``t >= start``:

- ``fixed``: ``B_t = L``; ``prices`` / ``earnings``: ``B_t = L x I(t - lag) / I(start - lag)``;
  ``minimum_wage``: ``B_t = m x MW(t - lag)``; ``none``: 0 or infinite;
- ``L`` is the block's ``amount``, or, when empty, the bound in force in ``start - 1``
  (a freeze of the level reached, e.g. the voluntary floor de-linked from the minimum wage);
- over ``phase_in_years`` the bound moves linearly from the old path to the new one:
  ``B_t = old_t + phi(t) (new_t - old_t)``.

Blocks apply in the order listed (a later block overrides an earlier one from its start).
A ceiling below the floor is raised to it. All bounds in LAK per month.

Reduced packages. A member of package ``j`` pays ``r_j(t) x floor_t`` a month, with the
package rate moving linearly from the standard rate to the stated one (``rate_j``, or a
fixed amount ``a_t`` LAK a month over the floor) over the phase-in years:
``r_j(t) = rate_t + phi_j(t) (rate_j(t) - rate_t)`` (:func:`package_rate`).

Benefit changes. From its start year a ``benefit_change`` block replaces benefit
parameters of one scheme or all (old-age accrual, maximum, pension ages,
employment-injury incidence): the scenario's year paths are rewritten as
``old_t + phi(t) (value - old_t)`` for projected years, so the funds stage runs with them
unchanged before the start year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import SCHEMES
from engine.macro import MoneyIndices
from engine.scenario.params import YearPath


def phases(block, years) -> np.ndarray:
    """The block's phase in each year, (T,)."""
    return np.array([block.phase(int(y)) for y in np.asarray(years)], dtype=float)


def _blend(old: np.ndarray, new: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """``old + phi (new - old)``, exact at phi = 0 and 1 (also with infinite bounds)."""
    with np.errstate(invalid="ignore"):
        mid = old + phase * (new - old)
    return np.where(phase <= 0.0, old, np.where(phase >= 1.0, new, mid))


# ------------------------------------------------------------------- floor and ceiling
def bound_path(bound, years: np.ndarray, *, kind: str, indices: MoneyIndices, first_projected: int) -> np.ndarray:
    """Levels of the scenario's floor or ceiling (LAK per month) in ``years``.

    ``kind`` is "floor" or "ceiling" (rule 'none' gives 0 or infinity); ``indices`` the
    price, earnings and minimum-wage indices with their history.
    """
    years = np.asarray(years)
    lag = bound.lag_years
    if bound.rule == "none":
        return np.full(years.shape, 0.0 if kind == "floor" else np.inf)
    if bound.rule == "fixed":
        return bound.amount.values(years)
    if bound.rule == "minimum_wage":
        return bound.multiple.values(years) * indices.minimum_wage.at(years - lag)
    index = indices.prices if bound.rule == "prices" else indices.earnings
    start = bound.indexation_start_year or first_projected
    anchor = start - 1
    level = bound.amount.values(np.minimum(years, anchor))
    ratio = index.at(years - lag) / index.at(anchor - lag)
    return np.where(years >= start, level * ratio, level)


def block_bound(bound, kind: str, years: np.ndarray, start: int, old: np.ndarray,
                indices: MoneyIndices) -> np.ndarray:
    """A contribution_rules block's bound in ``years`` (meaningful from ``start``), LAK per
    month; ``old`` (T,) is the bound in force without the block (its value in
    ``start - 1`` is the level an empty ``amount`` freezes)."""
    years = np.asarray(years)
    if bound.rule == "none":
        return np.full(years.shape, 0.0 if kind == "floor" else np.inf)
    if bound.rule == "minimum_wage":
        return bound.multiple * indices.minimum_wage.at(years - bound.lag_years)
    if bound.amount is not None:
        level = float(bound.amount)
    else:
        before = np.flatnonzero(years <= start - 1)
        level = float(old[before[-1]] if before.size else old[0])
    if bound.rule == "fixed":
        return np.full(years.shape, level)
    index = indices.prices if bound.rule == "prices" else indices.earnings
    ratio = index.at(years - bound.lag_years) / index.at(start - bound.lag_years)
    return np.where(years >= start, level * ratio, level)


def rule_blocks(scenario) -> list:
    """The scenario's contribution_rules blocks, in order."""
    return [b for b in scenario.policies if b.type == "contribution_rules"]


@dataclass(frozen=True)
class EarningsBounds:
    """Floor and ceiling of monthly insurable earnings (LAK per month), each (Y,) over
    ``years``: ``floor``/``ceiling`` of every scheme but the voluntary one after
    contribution_rules blocks of ``scheme: all``, ``voluntary_floor``/``voluntary_ceiling``
    of the voluntary scheme after every block (equal to the former without blocks). Each
    ceiling is at least its floor."""

    years: np.ndarray
    floor: np.ndarray
    ceiling: np.ndarray
    voluntary_floor: np.ndarray
    voluntary_ceiling: np.ndarray


def earnings_bounds(scenario, years: np.ndarray, indices: MoneyIndices, first_projected: int) -> EarningsBounds:
    """The scenario's floor and ceiling in ``years`` (:func:`bound_path`), moved by its
    contribution_rules blocks (see the module docstring)."""
    years = np.asarray(years)
    rules = scenario.schemes.insurable_earnings
    floor = bound_path(rules.floor, years, kind="floor", indices=indices, first_projected=first_projected)
    ceiling = np.maximum(bound_path(rules.ceiling, years, kind="ceiling", indices=indices,
                                    first_projected=first_projected), floor)
    common = {"floor": np.asarray(floor, dtype=float), "ceiling": np.asarray(ceiling, dtype=float)}
    voluntary = dict(common)
    for block in rule_blocks(scenario):
        phase = phases(block, years)
        targets = [voluntary] + ([common] if block.scheme == "all" else [])
        for kind in ("floor", "ceiling"):
            bound = getattr(block, kind)
            if bound is None:
                continue
            for target in targets:
                new = block_bound(bound, kind, years, block.start_year, target[kind], indices)
                target[kind] = _blend(target[kind], new, phase)
    for target in (common, voluntary):
        target["ceiling"] = np.maximum(target["ceiling"], target["floor"])
    return EarningsBounds(years, common["floor"], common["ceiling"], voluntary["floor"], voluntary["ceiling"])


def enrolment_floor(scenario, economy, minimum_wage: np.ndarray) -> np.ndarray:
    """Base of the lowest voluntary contribution for the enrolment stage, (T,) LAK per
    month: the minimum wage (``minimum_wage``, the projected years), replaced from the first
    start year of a contribution_rules block that sets a floor by the voluntary floor of
    :func:`earnings_bounds` (``economy`` an :class:`engine.macro.Economy`)."""
    blocks = [b for b in rule_blocks(scenario) if b.floor is not None]
    minimum_wage = np.asarray(minimum_wage, dtype=float)
    if not blocks:
        return minimum_wage
    years = np.asarray(economy.years)
    extended = np.r_[scenario.horizon.base_year, years]
    voluntary = earnings_bounds(scenario, extended, economy.indices, int(years[0])).voluntary_floor[1:]
    first = min(b.start_year for b in blocks)
    return np.where(years >= first, voluntary, minimum_wage)


# ----------------------------------------------------------------- reduced package rates
def stated_rate(block, years: np.ndarray, floor: np.ndarray | None = None, indices=None) -> np.ndarray:
    """The package's rate ``rate_j(t)``, (T,): the stated rate, or for a fixed amount
    ``a_t / floor_t`` with ``a_t = a x I_t / I_{t0}`` (``indices`` a
    :class:`engine.macro.MoneyIndices`, ``t0`` the price year)."""
    if block.rate is not None:
        return block.rate.values(years)
    factor = indices.factor(block.indexation, years, block.price_year or block.start_year)
    floor = np.asarray(floor, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(floor > 0, block.amount_lak.values(years) * factor / floor, 0.0)


def package_rate(block, years: np.ndarray, standard_rate: np.ndarray, phase: np.ndarray,
                 floor: np.ndarray | None = None, indices=None) -> np.ndarray:
    """``r_j(t) = rate_t + phi_j(t) (rate_j(t) - rate_t)``, (T,); ``floor`` (T,) LAK per month
    and ``indices`` are needed for a fixed amount (:func:`stated_rate`)."""
    standard_rate = np.asarray(standard_rate, dtype=float)
    return standard_rate + phase * (stated_rate(block, years, floor, indices) - standard_rate)


# ----------------------------------------------------------------------- benefit changes
BENEFIT_FIELDS: dict[str, tuple[str, ...]] = {
    "accrual_rate": ("old_age", "accrual_rate"),
    "max_replacement": ("old_age", "max_replacement"),
    "pension_age_male": ("old_age", "pension_age_male"),
    "pension_age_female": ("old_age", "pension_age_female"),
    "employment_injury_incidence": ("employment_injury", "incidence_rate"),
}
"""Block field -> (benefits section, per-scheme block) it rewrites."""


def cover_block(scenario):
    """The scenario's unemployment_cover block, or None (the schema allows one): its added
    rate is a price of joining the enrolment stage reads and a contribution of the funds
    stage (:mod:`engine.funds.unemployment`)."""
    return next((b for b in scenario.policies if b.type == "unemployment_cover"), None)


def added_rate(scenario, years: np.ndarray) -> np.ndarray:
    """``phi(t) c_b(t)`` (T,): the contribution rate the block adds for regular voluntary
    members (0 without a block)."""
    block = cover_block(scenario)
    if block is None:
        return np.zeros(len(years))
    return phases(block, years) * block.contribution_rate.values(years)


def spliced_path(old: YearPath, years: np.ndarray, value: float, phase: np.ndarray) -> YearPath:
    """``old_t + phi(t) (value - old_t)`` over ``years`` as a step path (one step per change)."""
    before = old.values(years)
    values = _blend(before, np.full(before.shape, float(value)), phase)
    keep = np.r_[True, values[1:] != values[:-1]]
    return YearPath(tuple((int(y), float(v)) for y, v in zip(np.asarray(years)[keep], values[keep])))


def with_benefit_changes(scenario):
    """The scenario with its benefit_change blocks written into ``benefits`` (itself when
    it has none)."""
    blocks = [b for b in scenario.policies if b.type == "benefit_change"]
    if not blocks:
        return scenario
    years = np.asarray(scenario.horizon.years)
    benefits = scenario.benefits
    for block in blocks:
        phase = phases(block, years)
        schemes = SCHEMES if block.scheme == "all" else (block.scheme,)
        for name, (section, field) in BENEFIT_FIELDS.items():
            value = getattr(block, name)
            if value is None:
                continue
            sec = getattr(benefits, section)
            per_scheme = getattr(sec, field)
            update = {s: spliced_path(getattr(per_scheme, s), years, value, phase) for s in schemes}
            sec = sec.model_copy(update={field: per_scheme.model_copy(update=update)})
            benefits = benefits.model_copy(update={section: sec})
    return scenario.model_copy(update={"benefits": benefits})
