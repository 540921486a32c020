"""The voluntary contract term (a scheme rule, changed by ``contract`` blocks): lapses at
renewal and levels chosen at renewal. Read by the enrolment stage (the lapse rate) and the
funds stage (the levels), so it lives below both.

The baseline's term is a scheme rule, ``enrolment.contract_years`` (``n0``, 2 years: each VSS
contract is for a 2-year term, renewable). The calibrated lapse rate ``lambda`` was fitted
to the membership observed under that term, so it is read as the yearly-equivalent rate of
a per-renewal lapse

.. math:: \\lambda_R = 1 - (1 - \\lambda)^{n_0}

(a cohort keeps ``1 - lambda_R`` of its members over one term). A contract block changes
the term from its start year: the block in force in year ``t`` is the one started last
(none before the first start year: the baseline's term). With a term of ``n`` years and the
renewal multiplier ``m``:

Lapse. A member leaves only at a renewal, a share ``l = min(1, m lambda_R)`` of the members
renewing (``lambda`` the lapse rate of the year and cell before the contract, with the
other blocks' effects). Renewal dates are spread over the members' joining years, so a
cohort survives each ``n`` years with probability ``1 - l``, which the kernel's yearly
rate reproduces as

.. math:: \\lambda'[t, c, p] = (1 - \\phi_t)\\,\\lambda + \\phi_t \\big(1 - (1 - \\min(1, m\\lambda_R))^{1/n}\\big)

(:math:`\\phi_t` the block's phase). ASSUMPTION (flagged): the yearly rate spreads the
renewal lapse evenly, so new members may lapse before their first renewal; returns of
lapsed members are not moved. ``n = n0`` and ``m = 1`` leave the rate untouched, bit for
bit (the baseline); with ``lambda = 0.14`` and ``n0 = 2``, ``lambda_R = 0.2604`` and a
three-year term gives 0.0957 a year, a one-year term 0.2604.

Levels at renewal. Members above the floor choose level ``k`` at renewal (the baseline's
rule: they modify the insurable earnings when renewing), at ``L_k[t_r] = min(F (1 + k
step), C)`` of the renewal year ``t_r``, and hold it (in LAK) to the next renewal, never
below the current floor. With renewals spread evenly over the ``n`` years of the term in
force (the baseline's ``n0`` without a block; ``level_choice: yearly`` on a block: no lag),
the level's average in year ``t`` is

.. math:: \\bar L_k[t] = \\frac{1}{n} \\sum_{j=0}^{n-1} \\max\\big(L_k[t - \\min(j, t - t_0)], F_t\\big)

(``t_0`` the first year of the current stretch of years with levels chosen at renewal: the
base year in the baseline; before it members re-chose every year), the share of members
at each level being the scheme's (``schemes.voluntary``). Floor members (``k = 0``) always
pay the current floor, also when it falls (``\\bar L_0[t] = L_0[t]``); the higher levels lag
it by up to ``n - 1`` years.

Transferred members (``transferred_earnings: former_earnings``, opt-in on a block): a
member who comes from an enterprise job keeps the former earnings as insurable earnings
until the first renewal, and keeps them at each renewal with probability ``r =
keep_former_at_renewal``, so the weight of a member ``j`` years after transferring is
``r^{floor(j / n)}`` (:func:`renewal_weights`, ``n`` the block's term; :mod:`engine.policies.leavers`
carries the stock forward, :mod:`engine.funds.transferred` mixes the earnings). The phase
moves the lapse only: the levels and the former earnings act in full from the start year.
"""

from __future__ import annotations

import numpy as np


def contract_blocks(policies) -> list:
    """The scenario's contract blocks, in order."""
    return [b for b in policies if b.type == "contract"]


def in_force(policies, years: np.ndarray) -> list:
    """The contract block in force each year (the one started last), or None, (T,) list."""
    blocks = sorted(contract_blocks(policies), key=lambda b: b.start_year)
    out = []
    for year in np.asarray(years):
        current = [b for b in blocks if b.start_year <= year]
        out.append(current[-1] if current else None)
    return out


def per_renewal_lapse(lapse, base_years: int):
    """``lambda_R = 1 - (1 - lambda)^n0``: the share leaving at a renewal of the baseline's
    ``n0``-year term, ``lambda`` the calibrated yearly-equivalent rate."""
    return 1.0 - (1.0 - np.asarray(lapse, dtype=float)) ** base_years


def renewal_lapse(lapse, years_of_term: int, multiplier: float, base_years: int):
    """``1 - (1 - min(1, m lambda_R))^(1/n)``: the yearly rate of a term of ``n`` years whose
    renewals lose ``m`` times the baseline's per-renewal lapse ``lambda_R``."""
    per_renewal = np.minimum(1.0, multiplier * per_renewal_lapse(lapse, base_years))
    return 1.0 - (1.0 - per_renewal) ** (1.0 / years_of_term)


def yearly_lapse(policies, years: np.ndarray, lapse: np.ndarray, base_years: int) -> np.ndarray:
    """The lapse rate under the contract in force, ``lapse`` (T, ...) by year first;
    ``base_years`` the baseline's term ``n0`` (``enrolment.contract_years``)."""
    lapse = np.asarray(lapse, dtype=float)
    out = lapse.copy()
    for i, block in enumerate(in_force(policies, years)):
        if block is None or (block.contract_years == base_years and block.renewal_lapse_multiplier == 1.0):
            continue
        phi = block.phase(int(years[i]))
        changed = renewal_lapse(lapse[i], block.contract_years, block.renewal_lapse_multiplier, base_years)
        out[i] = (1.0 - phi) * lapse[i] + phi * changed
    return out


def level_terms(policies, years: np.ndarray, base_years: int) -> np.ndarray:
    """Years over which the levels in force were chosen, (T,): the term in force where
    levels are chosen at renewal (the baseline's ``n0`` without a block), 1 where yearly."""
    terms = []
    for block in in_force(policies, years):
        if block is None:
            terms.append(base_years)
        else:
            terms.append(block.contract_years if block.level_choice == "at_renewal" else 1)
    return np.asarray(terms, dtype=int)


def lagged_levels(policies, years: np.ndarray, levels: np.ndarray, floor: np.ndarray,
                  base_years: int) -> np.ndarray:
    """Average insurable earnings of each level (T, K) LAK per month, chosen at renewal
    (see the module docstring); ``levels`` (T, K) the levels of each year, ``floor`` (T,),
    ``base_years`` the baseline's term ``n0``."""
    levels = np.asarray(levels, dtype=float)
    out = levels.copy()
    terms = level_terms(policies, np.asarray(years), base_years)
    start = 0
    for i, term in enumerate(terms):
        if term == 1:
            start = i + 1
            continue
        chosen = [levels[i - min(j, i - start)] for j in range(term)]
        out[i] = np.mean([np.maximum(c, floor[i]) for c in chosen], axis=0)
        out[i, 0] = levels[i, 0]                 # the lowest level is the current floor
    return out


def renewal_weights(block, horizon: int) -> np.ndarray:
    """``r^{floor(j / n)}``, j = 0..horizon-1: the weight of a transferred member ``j`` years
    after transferring who still holds the former earnings (1 without a block)."""
    j = np.arange(horizon)
    if block is None:
        return np.ones(horizon)
    return block.keep_former_at_renewal ** (j // block.contract_years)
