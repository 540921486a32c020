"""``contribution_subsidy``: the government pays part of members' lowest contribution.

For block ``k``, year ``t``, cell ``c`` and sex-age pattern ``p``:

.. math:: s_k[t, c, p] = \\phi_k(t)\\, \\sigma_k(t, c, p)\\, \\tau_k(x_{t,c})\\, E_k[t, c, p]

with :math:`\\phi_k` the phase (0 before the start year), :math:`\\sigma_k` the level: the
stated share; or a fixed amount ``min(1, a_t / C[t, c, p])`` with ``a_t = a x I_t / I_{t0}``
LAK per month (``I`` the index of the block's ``indexation``, ``t0`` its price year) and
``C`` the lowest contribution before any subsidy; or by income tier, the level of the
first tier ``j`` (lowest first) with ``income[t, c] < b_j(t)``, ``b_j`` the tier's bound in
LAK (``income_below`` x the poverty line, the minimum wage, or ``I_t / I_{t0}``),
:math:`\\tau_k` the optional taper by income ``x`` (the cell's income over the minimum wage)
and :math:`E_k` the eligibility mask. The government's share of a member's contribution
is ``S = min(1, s_everyone + sum_k s_k)`` (``enrolment.subsidy_share`` is the everyone
case). The member pays ``(1 - S)`` of the lowest contribution, which is what
affordability is judged against; the government pays ``S`` of it for every subsidised
member, and that is ``subsidy_cost``:

.. math:: \\text{subsidy\\_cost}_t = \\mu_t \\sum_{k, s, a} M[t, k, s, a]\\; S[t, k, p(s, a)]\\; C[t, k, p(s, a)]

(members ``M`` by policy class, ``C`` the lowest monthly contribution before the subsidy,
``mu`` the months paid).
"""

from __future__ import annotations

import numpy as np

from engine.macro import MoneyIndices  # noqa: F401  (also imported from here by the enrolment stage)


def taper_factor(taper, income: np.ndarray, minimum_wage: np.ndarray) -> np.ndarray:
    """``clip((z - x) / (z - f), 0, 1)`` with ``x = income / minimum wage``; (T, C).
    Without a taper: 1."""
    income = np.asarray(income, dtype=float)
    if taper is None:
        return np.ones_like(income)
    x = income / np.asarray(minimum_wage, dtype=float)[:, None]
    return np.clip((taper.zero_above - x) / (taper.zero_above - taper.full_below), 0.0, 1.0)


def amount_share(amount: np.ndarray, full: np.ndarray) -> np.ndarray:
    """``min(1, a / C)`` (0 where ``C`` is 0); ``amount`` (T,) or (T, C, P) LAK per month,
    ``full`` (T, C, P)."""
    amount = np.asarray(amount, dtype=float)
    amount = amount[:, None, None] if amount.ndim == 1 else amount
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(full > 0, np.minimum(1.0, amount / full), 0.0)


def tier_bounds(block, years: np.ndarray, minimum_wage: np.ndarray, indices: MoneyIndices) -> np.ndarray:
    """Upper income bounds of the block's tiers, LAK per month, (J, T)."""
    from engine.policies.spf import poverty_line

    bounds = np.array([t.income_below for t in block.tiers], dtype=float)[:, None]
    if block.tier_basis == "minimum_wage":
        return bounds * np.asarray(minimum_wage, dtype=float)[None, :]
    if block.tier_basis == "poverty_line":
        return bounds * poverty_line(years, indices.prices)[None, :]
    return bounds * indices.factor(block.indexation, years, block.price_year or block.start_year)[None, :]


def level(block, years: np.ndarray, income: np.ndarray, minimum_wage: np.ndarray, full: np.ndarray,
          indices: MoneyIndices | None) -> np.ndarray:
    """The level ``sigma_k`` before phase, taper and eligibility, (T, C, P)."""
    shape = full.shape
    if block.share is not None:
        return np.broadcast_to(block.share.values(years)[:, None, None], shape)
    factor = indices.factor(block.indexation, years, block.price_year or block.start_year)
    if block.amount_lak is not None:
        return amount_share(block.amount_lak.values(years) * factor, full)
    out = np.zeros(shape)
    placed = np.zeros(shape[:2], dtype=bool)
    for tier, bound in zip(block.tiers, tier_bounds(block, years, minimum_wage, indices)):
        inside = (np.asarray(income, dtype=float) < bound[:, None]) & ~placed       # (T, C)
        value = (np.broadcast_to(tier.share, shape) if tier.share is not None
                 else amount_share(tier.amount_lak * factor, full))
        out = np.where(inside[:, :, None], value, out)
        placed |= inside
    return out


def block_share(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray,
                income: np.ndarray, minimum_wage: np.ndarray, full: np.ndarray | None = None,
                indices: MoneyIndices | None = None) -> np.ndarray:
    """The share ``s_k`` one block adds, (T, C, P); ``mask`` (T, C, P) bool, ``full`` (T, C, P)
    the lowest contribution before any subsidy, LAK per month (needed for amounts)."""
    full = np.ones(mask.shape) if full is None else np.broadcast_to(full, mask.shape)
    sigma = level(block, years, income, minimum_wage, full, indices)
    taper = taper_factor(block.taper, income, minimum_wage)[:, :, None]
    return np.asarray(phase, dtype=float)[:, None, None] * sigma * taper * mask


def government_share(everyone: np.ndarray, added: np.ndarray) -> np.ndarray:
    """``S = min(1, s_everyone + sum_k s_k)``; ``everyone`` (T,), ``added`` (T, C, P)."""
    return np.minimum(np.asarray(everyone, dtype=float)[:, None, None] + added, 1.0)


def marginal_share(everyone: np.ndarray, added: list[np.ndarray], k: int) -> np.ndarray:
    """What block ``k`` adds to the government's share, (T, C, P):
    ``min(1, s_everyone + sum_j s_j) - min(1, s_everyone + sum_{j != k} s_j)``; the block's
    own share where nothing else subsidises the same members."""
    total = np.sum(added, axis=0)
    return government_share(everyone, total) - government_share(everyone, total - added[k])
