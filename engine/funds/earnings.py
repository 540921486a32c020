"""Monthly insurable earnings by scheme, sex and age, within the floor and ceiling rules.

For year t (the base year and the projected years):

- floor ``F_t`` and ceiling ``C_t`` follow their rules and the contribution_rules policy
  blocks (:func:`engine.rules.earnings_bounds`); a ceiling below the floor is raised to it;
- compulsory schemes: a member's earnings are lognormal with mean
  ``mu = L_s x W_t x f(a) g(x) / h_s`` (``L_s`` the scheme's base-year average, ``W_t`` the
  earnings index, ``f`` the age profile, ``g`` the female ratio, ``h_s`` the average of
  ``f g`` over the scheme's members of the first projected year, so that ``L_s`` is the
  members' average) and log standard deviation ``sigma``; the insurable earnings are the
  expected clipped value ``E[min(max(X, F), C)]`` (:func:`expected_clipped_lognormal`);
- voluntary scheme: members choose level ``k = 0..K-1`` with insurable earnings
  ``min(F_t (1 + k step), C_t)``, a share ``floor_share`` at the lowest level and the rest
  spread evenly over the others (or explicit shares); the same mean at every age and sex.
  Members choose their level at renewal (:mod:`engine.contract`: the baseline's
  term ``enrolment.contract_years``, or a contract block's), so the higher levels lag the
  floor by up to the term less one year; under a contract block with
  ``transferred_earnings: former_earnings`` members who come from enterprise jobs keep
  their former earnings
  (:mod:`engine.funds.transferred`), which makes the mean differ by sex and age.

All amounts in LAK per month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from engine.dims import AGES, N_AGES, SCHEMES
from engine.funds.inputs import FundsInputs
from engine.funds.transferred import voluntary_earnings
from engine.contract import lagged_levels
from engine.rules import earnings_bounds

PROFILE_AGES = (20, 59)
"""Ages over which the age profile averages 1 (unweighted)."""


def age_profile(growth_at_20: float, peak_age: float) -> np.ndarray:
    """Relative earnings by age: ``exp(b1 x + b2 x^2)``, ``x = max(age - 20, 0)``,
    ``b1 = growth_at_20``, ``b2 = -b1 / (2 (peak_age - 20))`` (a quadratic Mincer profile
    peaking at ``peak_age``), divided by its mean over ages 20..59. Shape (A,)."""
    x = np.maximum(AGES - 20.0, 0.0)
    b2 = -growth_at_20 / (2.0 * (peak_age - 20.0))
    profile = np.exp(growth_at_20 * x + b2 * x * x)
    lo, hi = PROFILE_AGES
    return profile / profile[lo:hi + 1].mean()


def expected_clipped_lognormal(mean, sigma: float, floor, ceiling) -> np.ndarray:
    """``E[min(max(X, F), C)]`` for X lognormal with the given mean and log sd ``sigma``.

    With ``m = ln(mean) - sigma^2 / 2``::

        F P(X < F) + mean [Phi(d_C - sigma) - Phi(d_F - sigma)] + C P(X > C),
        d_B = (ln B - m) / sigma,

    and ``min(max(mean, F), C)`` when ``sigma = 0``. ``floor`` may be 0 and ``ceiling``
    infinite; arrays broadcast.
    """
    mean, floor, ceiling = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64)
                                                 for v in (mean, floor, ceiling)))
    if sigma == 0.0:
        return np.minimum(np.maximum(mean, floor), ceiling)
    positive = mean > 0
    safe_mean = np.where(positive, mean, 1.0)
    m = np.log(safe_mean) - 0.5 * sigma * sigma
    with np.errstate(divide="ignore"):
        d_f = (np.log(floor) - m) / sigma
        d_c = (np.log(ceiling) - m) / sigma
    below = ndtr(d_f)
    above = 1.0 - ndtr(d_c)
    inside = safe_mean * (ndtr(d_c - sigma) - ndtr(d_f - sigma))
    with np.errstate(invalid="ignore"):
        top = np.where(above > 0, ceiling * above, 0.0)
    value = floor * below + inside + top
    return np.where(positive, value, floor)


def voluntary_level_shares(levels) -> np.ndarray:
    """Shares of voluntary members at each level: explicit, or ``floor_share`` at the lowest
    and the rest spread evenly over the others."""
    if levels.level_shares is not None:
        return np.asarray(levels.level_shares, dtype=np.float64)
    shares = np.full(levels.levels, (1.0 - levels.floor_share) / max(levels.levels - 1, 1))
    shares[0] = levels.floor_share if levels.levels > 1 else 1.0
    return shares


@dataclass(frozen=True)
class InsurableEarnings:
    """Insurable earnings over the base year and the projected years (index 0 = base year).

    Attributes
    ----------
    years : (T + 1,) calendar years.
    by_age : (T + 1, 3, 2, A) monthly insurable earnings of a contributing member, LAK.
    floor, ceiling : (T + 1,) LAK per month (ceiling at least the floor).
    voluntary_floor : (T + 1,) LAK per month, the voluntary scheme's floor when a policy
        block (contribution_rules) sets it apart; None: ``floor``.
    """

    years: np.ndarray
    by_age: np.ndarray
    floor: np.ndarray
    ceiling: np.ndarray
    voluntary_floor: np.ndarray | None = None

    @property
    def projected(self) -> np.ndarray:
        """(T, 3, 2, A) for the projected years."""
        return self.by_age[1:]

    @property
    def base(self) -> np.ndarray:
        """(3, 2, A) in the base year."""
        return self.by_age[0]


def insurable_earnings(scenario, inputs: FundsInputs) -> InsurableEarnings:
    """Monthly insurable earnings of contributing members by scheme, sex and age."""
    sch = scenario.schemes
    years = inputs.extended_years
    bounds = earnings_bounds(scenario, years, inputs.indices, int(inputs.years[0]))
    floor, ceiling = bounds.floor, bounds.ceiling
    prof = sch.earnings_profile
    shape = age_profile(prof.growth_at_age_20, prof.peak_age)
    sex = np.array([1.0, prof.female_ratio])
    index = inputs.earnings.at(years)
    out = np.empty((len(years), len(SCHEMES), 2, N_AGES))
    for s, scheme in enumerate(SCHEMES[:2]):
        relative = sex[:, None] * shape[None, :]                        # (2, A)
        weights = inputs.active[0, s]
        if weights.sum() > 0:                 # members' average of the relative level is 1
            relative = relative / ((weights * relative).sum() / weights.sum())
        level = getattr(sch, scheme).average_earnings
        mean = level * index[:, None, None] * relative[None]
        out[:, s] = expected_clipped_lognormal(mean, prof.dispersion, floor[:, None, None],
                                               ceiling[:, None, None])
    vol = sch.voluntary
    shares = voluntary_level_shares(vol)
    steps = 1.0 + vol.level_step * np.arange(vol.levels)
    levels = np.minimum(bounds.voluntary_floor[:, None] * steps[None, :], bounds.voluntary_ceiling[:, None])
    levels = lagged_levels(scenario.policies, years, levels, bounds.voluntary_floor,
                           scenario.enrolment.contract_years)
    out[:, 2] = voluntary_earnings(scenario, inputs, levels @ shares, out[:, 1], bounds.voluntary_floor,
                                   bounds.voluntary_ceiling)
    return InsurableEarnings(years, out, floor, ceiling, bounds.voluntary_floor)
