"""``retention``: measures that keep members paying, and what they cost.

Lapse. For eligible members of block ``r`` the lapse rate becomes

.. math:: \\lambda[t, c, p] = \\lambda_0[t, c, p] \\prod_r \\big(1 - \\phi_r(t)\\, d_r(t)\\, E_r[t, c, p]\\big)

with :math:`\\lambda_0` the lapse rate before (the scenario's, or a package's), ``d_r`` the
block's ``lapse_reduction`` (a share), :math:`\\phi_r` its phase and ``E_r`` its
eligibility mask. A lower lapse rate never lowers membership.

Return. The return rate of lapsed members in the block's reach rises by ``g_r`` (the
block's ``return_gain``, a share of the rate, phased in), capped at 1:

.. math:: \\rho[t, c, p] = \\min\\big(1,\\; \\rho_0[t, c, p]\\, (1 + \\phi_r(t)\\, g_r(t)\\, E_r[t, c, p])\\big)

with :math:`\\rho_0` the return rate before (``enrolment.return_rate``, a year path). A
higher return rate never lowers membership.

Cost. With ``N_r[t]`` the members at 31 December in the block's reach (eligible cells, from
its start year),

.. math:: \\text{retention\\_cost}_t = \\sum_r \\big(N_r[t]\\, u_r + F_r\\, [\\text{acting}_r(t)]\\big)\\, I_r(t)

(``u_r`` LAK per member per year, ``F_r`` LAK per year, ``I_r`` consumer prices relative
to the cost price year, or 1), LAK per year.
"""

from __future__ import annotations

import numpy as np

from engine.policies.outreach import cost_index


def reach(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """1.0 where the block acts (from its start year, on eligible cells), (T, C, P)."""
    return (np.asarray(phase) > 0)[:, None, None] * mask


def lapse_factor(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``1 - phi_r d_r E_r``, (T, C, P)."""
    return 1.0 - (phase * block.lapse_reduction.values(years))[:, None, None] * mask


def raised_return(back: np.ndarray, block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The return rate ``back`` (T, C, P) raised by the block: ``min(1, back (1 + phi_r g_r E_r))``."""
    return np.minimum(back * (1.0 + (phase * block.return_gain.values(years))[:, None, None] * mask), 1.0)


def retention_cost(blocks, years: np.ndarray, members: np.ndarray, acting: np.ndarray, prices) -> np.ndarray:
    """Cost of the retention blocks, LAK per year, (T,); ``members`` (T, R) persons in each
    block's reach, ``acting`` (T, R) bool."""
    out = np.zeros(len(years))
    for r, block in enumerate(blocks):
        per_year = members[:, r] * block.cost_per_member + block.fixed_annual_cost * acting[:, r]
        out += per_year * cost_index(block, years, prices)
    return out
