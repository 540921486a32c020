"""Survivors' pensions by type and age: spouses for life, orphans until the age limit.

A death in year t of a qualifying insured person (or an old-age pensioner) of sex x aged a
at the start of the year leaves, with probability ``pi``, survivors' pensions of monthly
amount ``pi (r_e E + r_p P)`` (``E`` the deceased's average insurable earnings, ``P`` the
pension; rates ``r_e``, ``r_p``), split:

- a spouse's pension, share ``sigma`` of it, to the other sex aged ``a + 1 - g`` at the
  year's end (a widow, ``g`` the husband's age gap) or ``a + 1 + g`` (a widower); it ends
  at the spouse's death (the survival of their sex and age);
- an orphan's pension, share ``1 - sigma``, aged ``a + 1 - b`` (``b`` the parent's age at
  birth) when that is below the age limit ``L``; it ends when the orphan reaches ``L``.

Each pool ``A[t, age]`` (monthly LAK) and its count follow ``A[t, age + 1] = A[t - 1, age]
S[t, age] I_t`` plus the year's new pensions; expenditure ``12 (A_start + A_end) / 2``
with ``A_start`` the indexed pensions of the year's start before deaths (as
:func:`engine.funds.benefits.pension_stock`). The survivors' pensions in payment at the
base year, whose beneficiaries' ages are not known, run off at a constant rate instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import N_AGES, SEXES


@dataclass(frozen=True)
class SurvivorPools:
    """New survivors' pensions and those in payment, by scheme (T, 3).

    ``spent`` LAK per year, ``count`` pensions at 31 December (spouses and orphans),
    ``new_count`` awarded in the year."""

    spent: np.ndarray
    count: np.ndarray
    new_count: np.ndarray


def _shift_matrix(by: int) -> np.ndarray:
    """(A, A) matrix moving values along the age axis by ``by`` whole years (clipped to
    0..A-1): ``values @ M``."""
    moves = np.zeros((N_AGES, N_AGES))
    moves[np.arange(N_AGES), np.clip(np.arange(N_AGES) + by, 0, N_AGES - 1)] = 1.0
    return moves


def _age_pool(pool: np.ndarray, survival: np.ndarray) -> np.ndarray:
    """Everyone one year older after survival (the open age group stays); pool (..., A)."""
    out = np.zeros_like(pool)
    out[..., 1:] = pool[..., :-1] * survival[..., :-1]
    out[..., -1] += pool[..., -1] * survival[..., -1]
    return out


def project_survivor_pools(survivors, years: np.ndarray, survival: np.ndarray, index: np.ndarray,
                           deaths: np.ndarray, earnings: np.ndarray, pensioner_deaths: np.ndarray,
                           pensions: np.ndarray) -> SurvivorPools:
    """Spouses' and orphans' pensions from the year's deaths (see the module docstring).

    ``survivors`` the scenario's ``benefits.survivors``; ``survival`` (T, 2, A); ``index``
    (T,) pension indexation factors; ``deaths``, ``earnings`` (T, 3, 2, A) qualifying
    insured deaths and the sum of their average monthly earnings by age at the year's
    start; ``pensioner_deaths``, ``pensions`` the same for old-age pensioners.
    """
    n_years, n_schemes = deaths.shape[:2]
    chance = survivors.probability.values(years)[:, None, None, None]
    amount = chance * (survivors.earnings_rate.values(years)[:, None, None, None] * earnings
                       + survivors.pension_rate.values(years)[:, None, None, None] * pensions)
    persons = chance * (deaths + pensioner_deaths)                                 # (T, 3, 2, A)
    gap = int(round(survivors.spouse_age_gap))
    # a man's widow is younger, a woman's widower older; both a year older at the year's end
    to_spouse = [_shift_matrix(1 - gap), _shift_matrix(1 + gap)]
    to_orphan = _shift_matrix(1 - int(round(survivors.parent_age_at_birth)))
    limit = survivors.orphan_age_limit
    minors = np.arange(N_AGES) < limit
    orphan_survival = survival.mean(axis=1)                                          # (T, A)
    spouse_amount = np.zeros((n_schemes, len(SEXES), N_AGES))
    spouse_count = np.zeros_like(spouse_amount)
    orphan_amount = np.zeros((n_schemes, N_AGES))
    orphan_count = np.zeros_like(orphan_amount)
    spent = np.empty((n_years, n_schemes))
    count = np.empty_like(spent)
    new_count = np.empty_like(spent)
    for t in range(n_years):
        start = (spouse_amount.sum(axis=(1, 2)) + orphan_amount.sum(axis=1)) * index[t]
        spouse_amount = _age_pool(spouse_amount * index[t], survival[t][None])
        spouse_count = _age_pool(spouse_count, survival[t][None])
        orphan_amount = _age_pool(orphan_amount * index[t], orphan_survival[t][None]) * minors
        orphan_count = _age_pool(orphan_count, orphan_survival[t][None]) * minors
        new_spouses = np.zeros(n_schemes)
        for x in range(len(SEXES)):                        # the deceased's sex; the spouse's is 1 - x
            spouse_amount[:, 1 - x] += survivors.spouse_share * amount[t, :, x] @ to_spouse[x]
            added = persons[t, :, x] @ to_spouse[x]
            spouse_count[:, 1 - x] += added
            new_spouses += added.sum(axis=1)
        orphans = persons[t].sum(axis=1) @ to_orphan * minors
        orphan_amount += (1 - survivors.spouse_share) * amount[t].sum(axis=1) @ to_orphan * minors
        orphan_count += orphans
        new_count[t] = new_spouses + orphans.sum(axis=1)
        count[t] = spouse_count.sum(axis=(1, 2)) + orphan_count.sum(axis=1)
        spent[t] = 12.0 * 0.5 * (start + spouse_amount.sum(axis=(1, 2)) + orphan_amount.sum(axis=1))
    return SurvivorPools(spent, count, new_count)
