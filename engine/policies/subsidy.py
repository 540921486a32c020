"""``contribution_subsidy``: the government pays a share of members' lowest contribution.

For block ``k``, year ``t``, cell ``c`` and sex-age pattern ``p``:

.. math:: s_k[t, c, p] = \\phi_k(t)\\, \\sigma_k(t)\\, \\tau_k(x_{t,c})\\, E_k[t, c, p]

with :math:`\\phi_k` the phase (0 before the start year), :math:`\\sigma_k` the stated share,
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


def taper_factor(taper, income: np.ndarray, minimum_wage: np.ndarray) -> np.ndarray:
    """``clip((z - x) / (z - f), 0, 1)`` with ``x = income / minimum wage``; (T, C).
    Without a taper: 1."""
    income = np.asarray(income, dtype=float)
    if taper is None:
        return np.ones_like(income)
    x = income / np.asarray(minimum_wage, dtype=float)[:, None]
    return np.clip((taper.zero_above - x) / (taper.zero_above - taper.full_below), 0.0, 1.0)


def block_share(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray,
                income: np.ndarray, minimum_wage: np.ndarray) -> np.ndarray:
    """The share ``s_k`` one block adds, (T, C, P); ``mask`` (T, C, P) bool."""
    level = phase * block.share.values(years)                                 # (T,)
    return level[:, None, None] * taper_factor(block.taper, income, minimum_wage)[:, :, None] * mask


def government_share(everyone: np.ndarray, added: np.ndarray) -> np.ndarray:
    """``S = min(1, s_everyone + sum_k s_k)``; ``everyone`` (T,), ``added`` (T, C, P)."""
    return np.minimum(np.asarray(everyone, dtype=float)[:, None, None] + added, 1.0)


def marginal_share(everyone: np.ndarray, added: list[np.ndarray], k: int) -> np.ndarray:
    """What block ``k`` adds to the government's share, (T, C, P):
    ``min(1, s_everyone + sum_j s_j) - min(1, s_everyone + sum_{j != k} s_j)``; the block's
    own share where nothing else subsidises the same members."""
    total = np.sum(added, axis=0)
    return government_share(everyone, total) - government_share(everyone, total - added[k])
