"""``contribution_rules`` and ``benefit_change``: rule changes from a start year.

Contribution rules. From its start year a block replaces the floor and/or ceiling of
monthly insurable earnings of the voluntary scheme (``scheme: voluntary``) or of all
schemes (``all``). For a bound ``B`` of the block, year ``t >= start``:

- ``fixed``: ``B_t = L``; ``prices`` / ``earnings``: ``B_t = L x I(t - lag) / I(start - lag)``
  with ``I`` consumer prices or average earnings; ``minimum_wage``: ``B_t = m x MW(t - lag)``;
  ``none``: no floor (0) or no ceiling (infinite);
- ``L`` is the block's ``amount``, or, when empty, the bound in force in ``start - 1``
  (a freeze of the level reached, e.g. the voluntary floor de-linked from the minimum wage);
- over ``phase_in_years`` the bound moves linearly from the old path to the new one:
  ``B_t = old_t + phi(t) (new_t - old_t)``.

Blocks apply in the order listed (a later block overrides an earlier one from its start).
A ceiling below the floor is raised to it. The voluntary floor is also the base of the
lowest contribution the enrolment stage judges affordability on.

Benefit changes. From its start year a block replaces benefit parameters of one scheme or
all (old-age accrual, maximum, pension ages, employment-injury incidence): the scenario's
year paths are rewritten as ``old_t + phi(t) (value - old_t)`` for projected years, so
the funds stage runs with them unchanged before the start year.
"""

from __future__ import annotations

import numpy as np

from engine.dims import SCHEMES
from engine.scenario.params import YearPath


def phases(block, years) -> np.ndarray:
    """The block's phase in each year, (T,)."""
    return np.array([block.phase(int(y)) for y in np.asarray(years)], dtype=float)


def _blend(old: np.ndarray, new: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """``old + phi (new - old)``, exact at phi = 0 and 1 (also with infinite bounds)."""
    with np.errstate(invalid="ignore"):
        mid = old + phase * (new - old)
    return np.where(phase <= 0.0, old, np.where(phase >= 1.0, new, mid))


def bound_values(bound, kind: str, years: np.ndarray, start: int, old: np.ndarray, *,
                 prices, earnings, minimum_wage) -> np.ndarray:
    """A policy bound's levels in ``years`` (meaningful from ``start``), LAK per month.

    ``old`` (T,) is the bound in force without the block (its value in ``start - 1`` is the
    level an empty ``amount`` freezes); the index arguments are
    :class:`engine.funds.inputs.IndexSeries`.
    """
    years = np.asarray(years)
    if bound.rule == "none":
        return np.full(years.shape, 0.0 if kind == "floor" else np.inf)
    if bound.rule == "minimum_wage":
        return bound.multiple * minimum_wage.at(years - bound.lag_years)
    if bound.amount is not None:
        level = float(bound.amount)
    else:
        before = np.flatnonzero(years <= start - 1)
        level = float(old[before[-1]] if before.size else old[0])
    if bound.rule == "fixed":
        return np.full(years.shape, level)
    index = prices if bound.rule == "prices" else earnings
    ratio = index.at(years - bound.lag_years) / index.at(start - bound.lag_years)
    return np.where(years >= start, level * ratio, level)


def rule_blocks(scenario) -> list:
    return [b for b in scenario.policies if b.type == "contribution_rules"]


def policy_bounds(scenario, years, floor: np.ndarray, ceiling: np.ndarray, *, prices, earnings,
                  minimum_wage) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Floor and ceiling after the contribution_rules blocks: ``(floor, ceiling)`` of the
    compulsory schemes and ``(floor, ceiling)`` of the voluntary scheme, each (T,) LAK per
    month; ``floor`` and ``ceiling`` are the scenario's (:func:`engine.funds.bound_path`)."""
    common = {"floor": np.asarray(floor, dtype=float), "ceiling": np.asarray(ceiling, dtype=float)}
    voluntary = dict(common)
    index = dict(prices=prices, earnings=earnings, minimum_wage=minimum_wage)
    for block in rule_blocks(scenario):
        phase = phases(block, years)
        targets = [voluntary] + ([common] if block.scheme == "all" else [])
        for kind in ("floor", "ceiling"):
            bound = getattr(block, kind)
            if bound is None:
                continue
            for target in targets:
                new = bound_values(bound, kind, years, block.start_year, target[kind], **index)
                target[kind] = _blend(target[kind], new, phase)
    for target in (common, voluntary):
        target["ceiling"] = np.maximum(target["ceiling"], target["floor"])
    return common["floor"], common["ceiling"], voluntary["floor"], voluntary["ceiling"]


def enrolment_floor(scenario, economy, minimum_wage: np.ndarray) -> np.ndarray:
    """Base of the lowest voluntary contribution for the enrolment stage, (T,) LAK per
    month: the minimum wage (``minimum_wage``, the projected years), replaced from the first
    start year of a contribution_rules block by the voluntary floor of
    :func:`policy_bounds`."""
    blocks = [b for b in rule_blocks(scenario) if b.floor is not None]
    minimum_wage = np.asarray(minimum_wage, dtype=float)
    if not blocks:
        return minimum_wage
    from engine.funds.earnings import bound_path
    base = scenario.horizon.base_year
    years = np.asarray(economy.years)
    extended = np.r_[base, years]
    indices = economy.indices
    series = dict(prices=indices.prices, earnings=indices.earnings, minimum_wage=indices.minimum_wage)
    sch = scenario.schemes.insurable_earnings
    floor = bound_path(sch.floor, extended, kind="floor", first_projected=int(years[0]), **series)
    ceiling = np.maximum(bound_path(sch.ceiling, extended, kind="ceiling", first_projected=int(years[0]),
                                    **series), floor)
    voluntary = policy_bounds(scenario, extended, floor, ceiling, **series)[2][1:]
    first = min(b.start_year for b in blocks)
    return np.where(years >= first, voluntary, minimum_wage)


# ----------------------------------------------------------------------- benefit changes
BENEFIT_FIELDS: dict[str, tuple[str, ...]] = {
    "accrual_rate": ("old_age", "accrual_rate"),
    "max_replacement": ("old_age", "max_replacement"),
    "pension_age_male": ("old_age", "pension_age_male"),
    "pension_age_female": ("old_age", "pension_age_female"),
    "employment_injury_incidence": ("employment_injury", "incidence_rate"),
}
"""Block field -> (benefits section, per-scheme block) it rewrites."""


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
