"""A policy block's effect in the same run: the voluntary scheme projected once more without it.

Used by :mod:`engine.policies.deadweight` (contribution_subsidy blocks) and
:mod:`engine.policies.block_effects` (the other enrolment blocks):

- ``A_k[t] = V[t] - V_{-k}[t]``: voluntary members at 31 December with block ``k`` minus
  without it (persons), :func:`additional_voluntary_members`;
- ``C_k / A_k``: a cost per additional member (LAK per additional member per year, NaN
  where the block adds no member), :func:`cost_per_additional`.
"""

from __future__ import annotations

import numpy as np

from engine.dims import SCHEMES
from engine.enrolment.dynamics import project_membership


def without_block(scenario, name: str):
    """The scenario less the policy block named ``name``."""
    return scenario.model_copy(update={"policies": tuple(b for b in scenario.policies if b.name != name)})


def voluntary_members(membership) -> np.ndarray:
    """Voluntary members at 31 December, (T,) persons."""
    return np.asarray(membership.active, dtype=float)[:, SCHEMES.index("voluntary")].sum(axis=(1, 2))


def additional_voluntary_members(scenario, population, economy, membership, name: str) -> np.ndarray:
    """``V[t] - V_{-k}[t]``: voluntary members with the block named ``name`` minus without it,
    (T,) persons (one more membership projection)."""
    without = project_membership(without_block(scenario, name), population, economy)
    return voluntary_members(membership) - voluntary_members(without)


def cost_per_additional(cost: np.ndarray, additional: np.ndarray) -> np.ndarray:
    """``C / A`` where ``A > 0``, NaN elsewhere."""
    additional = np.asarray(additional, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(additional > 0, np.asarray(cost, dtype=float) / additional, np.nan)
