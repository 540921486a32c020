"""Additional members and cost per additional member of the enrolment blocks other than
subsidies (reduced_package, outreach, retention, health_quality, payment_frequency,
unemployment_cover).

As for subsidies (:mod:`engine.policies.deadweight`), each block ``k`` is projected away in
the same run (:mod:`engine.policies.counterfactual`), and by year ``t``:

- ``additional_members`` :math:`A_k[t] = V[t] - V_{-k}[t]` (voluntary members at 31
  December with the block minus without it, persons);
- ``cost`` :math:`C_k[t]`, the government's cost of the block, LAK per year: for outreach
  its registrations x cost per registration + fixed cost; for retention its members in
  reach x cost per member + fixed cost (both moved with prices,
  :mod:`engine.policies.outreach`, :mod:`engine.policies.retention`); 0 for packages,
  health quality, payment frequency and unemployment cover (no government payment: a
  package's lower contribution is borne by the fund, the cover's by its members);
- ``cost_per_additional_member`` :math:`C_k / A_k` (LAK per additional member per year;
  NaN where the block adds no member).
"""

from __future__ import annotations

import numpy as np

from engine.policies.counterfactual import additional_voluntary_members, cost_per_additional
from engine.policies.outreach import outreach_cost
from engine.policies.retention import retention_cost
from engine.results import StageResults

ENROLMENT_BLOCK = "enrolment_block"
OTHER_TYPES = ("reduced_package", "outreach", "retention", "health_quality", "payment_frequency",
               "unemployment_cover", "contract")
VARIABLE_PREFIX = "enrolment_block_"
QUANTITIES: tuple[tuple[str, str], ...] = (
    ("additional_members", "persons at 31 December"),
    ("cost", "LAK"),
    ("cost_per_additional_member", "LAK per additional member per year"),
)


def other_blocks(scenario) -> list:
    return [b for b in scenario.policies if b.type in OTHER_TYPES]


def block_costs(scenario, years: np.ndarray, details, prices) -> dict[str, np.ndarray]:
    """Government cost of each outreach and retention block, LAK per year, by name
    (``details`` the run's :class:`engine.membership.PolicyDetails`, or None)."""
    n = len(years)
    out = {}
    none = np.zeros((n, 0))
    for kind, members, acting, cost in (
            ("outreach", none if details is None else details.outreach_registrations,
             none if details is None else details.outreach_acting, outreach_cost),
            ("retention", none if details is None else details.retention_members,
             none if details is None else details.retention_acting, retention_cost)):
        blocks = [b for b in scenario.policies if b.type == kind]
        members = np.asarray(members, dtype=float)
        acting = np.asarray(acting, dtype=float) > 0
        if members.shape[1] != len(blocks):
            continue
        for j, block in enumerate(blocks):
            out[block.name] = cost([block], years, members[:, [j]], acting[:, [j]], prices)
    return out


def enrolment_block_arrays(scenario, population, economy, membership) -> StageResults:
    """Result variables ``enrolment_block_<quantity>`` (T, K) and the coordinate
    :data:`ENROLMENT_BLOCK` (see the module docstring)."""
    blocks = other_blocks(scenario)
    years = np.asarray(membership.years)
    n = len(years)
    out = {f"{VARIABLE_PREFIX}{q}": np.zeros((n, len(blocks))) for q, _ in QUANTITIES}
    if blocks:
        costs = block_costs(scenario, years, membership.details.policy, economy.indices.prices)
        for k, block in enumerate(blocks):
            added = additional_voluntary_members(scenario, population, economy, membership, block.name)
            cost = costs.get(block.name, np.zeros(n))
            out[f"{VARIABLE_PREFIX}additional_members"][:, k] = added
            out[f"{VARIABLE_PREFIX}cost"][:, k] = cost
            out[f"{VARIABLE_PREFIX}cost_per_additional_member"][:, k] = cost_per_additional(cost, added)
    return StageResults("enrolment block effects", out,
                        {ENROLMENT_BLOCK: np.array([b.name for b in blocks], dtype=str)})
