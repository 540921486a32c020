"""Leavers of enterprise jobs who continue voluntarily: their stock, carried outside the
enrolment kernel.

The kernel does not track transferred members apart from the others; their stock is
carried forward outside it from the kernel's transfers by sex and age
(:data:`engine.kernels.enrolment.Q_TRANSFERS`), in the kernel's order (age, then lapse,
then transfers in): with ``T[t, s, a]`` the transfers of year ``t``, ``S`` the survival,
``lambda_t`` the lapse rate of the year and ``w_j`` the weight of a member ``j`` years after
transferring,

.. math:: K_0[t] = T[t], \\quad K_j[t, s, a] = K_{j-1}[t-1, s, a-1]\\, S[t, s, a-1]\\, (1 - \\lambda_t),
          \\quad K[t] = \\sum_j w_j K_j[t]

with nobody at ages from the exit age (members retire there). Closed form for constant
``S`` and ``lambda``: ``K[t] = sum_j w_j T[t-j] (S (1 - lambda))^j`` along the cohort.
ASSUMPTION (flagged): a transferred member lapses at the scenario's rate of the year (with
the contract's effect, :mod:`engine.contract`), not the rate of the cell the
kernel gives it; lapsed transferred members who return are not counted again; the
transfers before the projection (the back-cast's) are not carried.
"""

from __future__ import annotations

import numpy as np

import engine.contract as contract


def leaver_stock(transfers: np.ndarray, survival: np.ndarray, lapse: np.ndarray, weights: np.ndarray,
                 exit_age: float = np.inf, first: int = 0) -> np.ndarray:
    """``K[t] = sum_j w_j K_j[t]`` (module docstring), (T, 2, A) persons; ``transfers`` and
    ``survival`` (T, 2, A), ``lapse`` (T,), ``weights`` (J,); only the transfers of years
    ``t >= first`` (an index) are counted."""
    transfers = np.asarray(transfers, dtype=float)
    n_years, _, n_age = transfers.shape
    alive = (np.arange(n_age) < exit_age).astype(float)
    cohort = transfers * alive
    cohort[:first] = 0.0
    out = np.zeros_like(transfers)
    keep = (np.asarray(survival, dtype=float) * (1.0 - np.asarray(lapse, dtype=float))[:, None, None])
    for j, w in enumerate(np.asarray(weights, dtype=float)):
        if j:
            aged = np.zeros_like(cohort)
            aged[1:, :, 1:] = cohort[:-1, :, :-1] * keep[1:, :, :-1]
            cohort = aged * alive
        if w:
            out += w * cohort
        if not cohort.any():
            break
    return out


def transfer_lapse(scenario, years: np.ndarray) -> np.ndarray:
    """The lapse rate a transferred member faces, (T,): the scenario's, under the contract."""
    return contract.yearly_lapse(scenario.policies, years, scenario.enrolment.lapse_rate.values(years),
                                scenario.enrolment.contract_years)
