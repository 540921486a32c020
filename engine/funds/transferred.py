"""Insurable earnings of voluntary members who come from enterprise jobs.

With a contract block whose ``transferred_earnings`` is ``former_earnings``
(:mod:`engine.contract`), a member who leaves an enterprise job and continues
voluntarily keeps the former earnings as insurable earnings until the first renewal, and
at each renewal with probability ``r``. By year ``t``, sex ``s`` and age ``a``, the
voluntary insurable earnings are the mix

.. math:: E_V[t, s, a] = (1 - \\tau[t, s, a])\\, \\bar V_t + \\tau[t, s, a]\\, \\min(\\max(E_E[t, s, a], F_t), C_t),
          \\quad \\tau = \\min(1, K / M)

with :math:`\\bar V_t` the average of the voluntary levels, ``E_E`` the enterprise scheme's
insurable earnings of the same sex and age (its base-year average moved with the earnings
index and the age profile: the former earnings move with enterprise earnings, an
ASSUMPTION), ``F`` and ``C`` the voluntary floor and ceiling, ``M`` the voluntary members
and ``K`` the transferred members still on their former earnings
(:func:`engine.leaver_stock.leaver_stock` with the weights ``r^{floor(j / n)}``), all
LAK per month or persons. The base year keeps the levels (``tau = 0``). Without such a
block the earnings are the levels' average at every age, unchanged.
"""

from __future__ import annotations

import numpy as np

from engine.dims import SCHEMES
import engine.contract as contract
from engine.leaver_stock import leaver_stock, transfer_lapse


def former_block(policies):
    """The last contract block keeping former earnings, or None."""
    blocks = [b for b in contract.contract_blocks(policies) if b.transferred_earnings == "former_earnings"]
    return blocks[-1] if blocks else None


def transferred_share(scenario, inputs) -> np.ndarray | None:
    """``tau`` (T, 2, A) over the projected years, 0 where no such block is in force;
    None without a block (or without the transfers)."""
    block = former_block(scenario.policies)
    transfers = getattr(inputs.details, "transfers", None) if inputs.details is not None else None
    if block is None or transfers is None:
        return None
    years = np.asarray(inputs.years)
    stock = leaver_stock(transfers, inputs.survival, transfer_lapse(scenario, years),
                         contract.renewal_weights(block, len(years)), scenario.enrolment.exit_age)
    members = np.asarray(inputs.active, dtype=float)[:, SCHEMES.index("voluntary")]
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = np.where(members > 0, np.minimum(1.0, stock / members), 0.0)
    acting = np.array([b is not None and b.transferred_earnings == "former_earnings"
                       for b in contract.in_force(scenario.policies, years)])
    return tau * acting[:, None, None]


def voluntary_earnings(scenario, inputs, levels_average: np.ndarray, enterprise: np.ndarray,
                       floor: np.ndarray, ceiling: np.ndarray) -> np.ndarray:
    """``E_V`` (T + 1, 2, A) LAK per month (module docstring); ``levels_average`` (T + 1,),
    ``enterprise`` (T + 1, 2, A), ``floor`` and ``ceiling`` (T + 1,), index 0 the base year."""
    out = np.broadcast_to(np.asarray(levels_average, dtype=float)[:, None, None], enterprise.shape)
    tau = transferred_share(scenario, inputs)
    if tau is None:
        return out
    former = np.minimum(np.maximum(enterprise, floor[:, None, None]), ceiling[:, None, None])
    tau = np.concatenate([np.zeros((1,) + tau.shape[1:]), tau])
    return (1.0 - tau) * out + tau * former
