"""``outreach``: added reach in targeted areas, and what it costs.

Reach. In year ``t`` the share of non-members of cell ``c`` (pattern ``p``) informed is

.. math:: \\rho[t, c, p] = \\min\\big(1,\\; \\rho_t + \\sum_o \\phi_o(t)\\, a_o(t)\\, E_o[t, c, p]\\big)

with :math:`\\rho_t` the scenario's ``enrolment.reach``, ``a_o`` the block's
``added_reach``, :math:`\\phi_o` its phase and ``E_o`` its eligibility mask.

Awareness as a stock (``enrolment.awareness``). The blocks' added reach then feeds the
stock instead, ``o[t, c, p] = min(1, sum_o phi_o(t) a_o(t) E_o[t, c, p])`` (the share of the
unaware informed in the year), and the kernel adds the stock to :math:`\\rho_t`
(:mod:`engine.kernels.enrolment`); the registrations a block brings are still counted with
its share of the flow formula's added reach (an approximation: the stock also holds the
awareness of earlier years and of word of mouth).

Cost. Joins are proportional to reach, so the registrations a programme brings are the
joins of its cells times its share of the reach,
``R_o[t] = sum J[t, c, s, a] x (rho - rho_t) / rho x a_o E_o / sum_o' a_o' E_o'``, and

.. math:: \\text{outreach\\_cost}_t = \\sum_o \\big(R_o[t]\\, u_o + (F_o + n_o(t)\\, v_o)\\, [\\text{acting}_o(t)]\\big)\\, I_o(t)

with ``u_o`` the cost per registration (20,000 LAK: 200,000 LAK per 10 registrations),
``F_o`` the fixed yearly cost, ``n_o`` the block's ``teams`` (team-years in the year) and
``v_o`` its ``cost_per_team`` (LAK per team-year), both paid in the years the block acts
on some cell, and ``I_o(t)`` consumer prices relative to the cost price year (or 1).
"""

from __future__ import annotations

import numpy as np


def added_reach(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``phi_o a_o E_o``, (T, C, P)."""
    return (phase * block.added_reach.values(years))[:, None, None] * mask


def reach_with_outreach(reach: np.ndarray, added: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Reach by cell and pattern, (T, C, P), and each block's share of the joins, (O, T, C, P).

    ``reach`` (T,) the scenario's reach; ``added`` one (T, C, P) array per block.
    """
    reach = np.asarray(reach, dtype=float)
    if not added:
        return reach[:, None, None], np.zeros((0,) + reach.shape + (1, 1))
    total_added = np.sum(added, axis=0)
    combined = np.minimum(reach[:, None, None] + total_added, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        brought = np.where(combined > 0, (combined - reach[:, None, None]) / np.where(combined > 0, combined, 1.0), 0.0)
        shares = np.stack([np.where(total_added > 0, brought * a / np.where(total_added > 0, total_added, 1.0), 0.0)
                           for a in added])
    return combined, np.maximum(shares, 0.0)


def stock_inflow(added: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """What the blocks feed the awareness stock: ``min(1, sum_o phi_o a_o E_o)``, (T, C, P)."""
    if not added:
        return np.zeros(shape)
    return np.ascontiguousarray(np.broadcast_to(np.minimum(np.sum(added, axis=0), 1.0), shape))


def cost_index(block, years: np.ndarray, prices) -> np.ndarray:
    """Consumer prices relative to the cost price year, (T,), or 1 (``prices`` an
    :class:`engine.funds.inputs.IndexSeries`)."""
    if block.cost_indexation == "none":
        return np.ones(len(years))
    return prices.at(years) / prices.at(block.cost_price_year)


def outreach_cost(blocks, years: np.ndarray, registrations: np.ndarray, acting: np.ndarray,
                  prices) -> np.ndarray:
    """Cost of the outreach blocks, LAK per year, (T,); ``registrations`` (T, O) persons,
    ``acting`` (T, O) bool (the block reaches some cell in the year)."""
    out = np.zeros(len(years))
    for o, block in enumerate(blocks):
        running = block.fixed_annual_cost + block.teams.values(years) * block.cost_per_team
        per_year = registrations[:, o] * block.cost_per_registration + running * acting[:, o]
        out += per_year * cost_index(block, years, prices)
    return out
