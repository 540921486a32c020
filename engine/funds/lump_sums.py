"""Old age paid as a lump sum to members of ``reduced_package`` blocks with
``old_age: lump_sum`` (:mod:`engine.funds.packages`).

These members accrue no pension service. Their old-age contributions ``C_t(x, a)`` (LAK
per year, by sex ``x`` and age ``a`` at 31 December) are credited to accounts at the end
of the year; the accounts of a cohort earn the long-term fund's nominal return ``i_t`` and
lose the balances of members who die (the death grant, where covered, is the benefit on
death: the balance stays with the fund, an assumption):

.. math:: B_t(x, a) = B_{t-1}(x, a-1)\\, S_t(x, a-1)\\, (1 + i_t) + C_t(x, a)

(the open age group keeps its own balance too), and in year ``t`` the balances at and
above the pension age ``P_x(t)`` are paid out:

.. math:: L_t(x) = \\sum_{a \\ge P_x(t)} B_t(x, a), \\qquad B_t(x, a) = 0 \\text{ for } a \\ge P_x(t).

Members who stop contributing keep their balance (a cohort's accounts, not its active
members, are tracked), so the lump sum is paid to every member at the pension age: their
old-age contributions accumulated at the fund's return. Shown in the ``lump_sum`` branch
of the voluntary scheme. The NSSF's own lump-sum rule (85 % of final salary x 1.5 x years,
before June 2025, Laotian Times 23 June 2025) needs each member's years of contribution,
which the aggregate projection does not track; it is not used.
"""

from __future__ import annotations

import numpy as np


def accumulate_lump_sums(contributions: np.ndarray, survival: np.ndarray, returns: np.ndarray,
                         pension_age: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lump sums paid ``L`` (T, 2) LAK per year and balances ``B`` (T, 2, A) LAK at 31
    December after payment; ``contributions`` (T, 2, A) LAK per year, ``survival`` (T, 2, A)
    the probability of surviving the year at age ``a``, ``returns`` (T,) nominal,
    ``pension_age`` (T, 2) whole years (see the module docstring)."""
    n_years, n_sexes, n_ages = contributions.shape
    ages = np.arange(n_ages)
    paid = np.zeros((n_years, n_sexes))
    balance = np.zeros_like(contributions, dtype=float)
    previous = np.zeros((n_sexes, n_ages))
    for t in range(n_years):
        carried = np.zeros((n_sexes, n_ages))
        carried[:, 1:] = previous[:, :-1] * survival[t][:, :-1]
        carried[:, -1] += previous[:, -1] * survival[t][:, -1]
        now = carried * (1.0 + returns[t]) + contributions[t]
        due = ages[None, :] >= np.asarray(pension_age[t])[:, None]
        paid[t] = np.where(due, now, 0.0).sum(axis=1)
        balance[t] = np.where(due, 0.0, now)
        previous = balance[t]
    return paid, balance


def pension_ages(scenario, years: np.ndarray) -> np.ndarray:
    """Voluntary members' pension age by year and sex (T, 2), whole years."""
    old_age = scenario.benefits.old_age
    return np.stack([old_age.pension_age_male.voluntary.values(years),
                     old_age.pension_age_female.voluntary.values(years)], axis=1).round()
