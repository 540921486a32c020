"""Deadweight of each contribution_subsidy block: who it pays for, and who it brings in.

For every contribution_subsidy block ``k`` the run projects the voluntary scheme once more
with the same scenario less that block (same population and economy, same solved
enrolment_target levers), and reports by year ``t``:

- ``subsidised_members`` :math:`S_k[t]`: voluntary members at 31 December to whose
  contribution the block adds a positive share (with several subsidies on the same
  members, the share it adds at the margin, :func:`engine.policies.subsidy.marginal_share`);
- ``additional_members`` :math:`A_k[t] = V[t] - V_{-k}[t]`: voluntary members at 31
  December with the block minus without it (persons; exactly the difference of the two
  projections);
- ``deadweight_share`` :math:`D_k[t] = \\mathrm{clip}((S_k - A_k) / S_k, 0, 1)`: the share
  of the subsidised members who would have been members without the block (NaN where it
  subsidises nobody);
- ``cost`` :math:`C_k[t] = \\mu_t \\sum M\\, s'_k\\, C` (LAK per year): what the block pays
  (``s'_k`` its marginal share, ``C`` the lowest monthly contribution, ``mu`` the months
  paid), which includes what the would-be members anyway receive;
- ``cost_per_additional_member`` :math:`C_k / A_k` (LAK per additional member per year;
  NaN where the block adds no member).
"""

from __future__ import annotations

import numpy as np

from engine.policies.counterfactual import additional_voluntary_members, cost_per_additional
from engine.results import StageResults

SUBSIDY_BLOCK = "subsidy_block"
"""Coordinate naming the contribution_subsidy blocks of a run (empty without them)."""

VARIABLE_PREFIX = "subsidy_block_"
QUANTITIES: tuple[tuple[str, str], ...] = (
    ("subsidised_members", "persons at 31 December"),
    ("additional_members", "persons at 31 December"),
    ("deadweight_share", "share of the block's subsidised members"),
    ("cost", "LAK"),
    ("cost_per_additional_member", "LAK per additional member per year"),
)
"""Quantities per block: the result variable is ``subsidy_block_<quantity>``."""


def subsidy_blocks(scenario) -> list:
    """The scenario's contribution_subsidy blocks, in order."""
    return [b for b in scenario.policies if b.type == "contribution_subsidy"]


def deadweight_share(subsidised: np.ndarray, additional: np.ndarray) -> np.ndarray:
    """``clip((S - A) / S, 0, 1)``, NaN where ``S == 0``."""
    subsidised = np.asarray(subsidised, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.clip((subsidised - additional) / subsidised, 0.0, 1.0)
    return np.where(subsidised > 0, out, np.nan)


def deadweight_arrays(scenario, population, economy, membership) -> StageResults:
    """Result variables ``subsidy_block_<quantity>`` (T, B) of every contribution_subsidy
    block (see the module docstring) and the coordinate :data:`SUBSIDY_BLOCK`."""
    blocks = subsidy_blocks(scenario)
    years = np.asarray(membership.years)
    n, b = len(years), len(blocks)
    out = {f"{VARIABLE_PREFIX}{q}": np.zeros((n, b)) for q, _ in QUANTITIES}
    if b:
        months = scenario.schemes.voluntary.months_paid.values(years)
        policy = membership.details.policy
        subsidised = np.zeros((n, b)) if policy is None else np.asarray(policy.block_subsidised_members, float)
        per_month = np.zeros((n, b)) if policy is None else np.asarray(policy.block_subsidy_per_month, float)
        for k, block in enumerate(blocks):
            added = additional_voluntary_members(scenario, population, economy, membership, block.name)
            cost = per_month[:, k] * months
            out[f"{VARIABLE_PREFIX}subsidised_members"][:, k] = subsidised[:, k]
            out[f"{VARIABLE_PREFIX}additional_members"][:, k] = added
            out[f"{VARIABLE_PREFIX}deadweight_share"][:, k] = deadweight_share(subsidised[:, k], added)
            out[f"{VARIABLE_PREFIX}cost"][:, k] = cost
            out[f"{VARIABLE_PREFIX}cost_per_additional_member"][:, k] = cost_per_additional(cost, added)
    return StageResults("subsidy deadweight", out, {SUBSIDY_BLOCK: np.array([blk.name for blk in blocks], dtype=str)})
