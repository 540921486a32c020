"""``enforcement``: enterprise compliance with the compulsory scheme, and what raising it costs.

Compliance. With ``c_t`` the scenario's ``coverage.enterprise_compliance`` (share of the
compulsory target group, the wage employees of firms with 10 or more workers, who are
contributing members: 27 % in 2013, about 59 % from 2023 in the baseline) and blocks ``e`` bringing in a share
``g_e(t)`` (phased in by :math:`\\phi_e`) of those not yet covered each year, cumulatively:

.. math:: c'_t = 1 - (1 - c_t) \\prod_e \\prod_{\\tau = s_e}^{t} \\big(1 - \\phi_e(\\tau)\\, g_e(\\tau)\\big)

:func:`with_enforcement` returns the scenario with ``c'`` as its compliance path, so every
stage (compulsory members, transfers to the voluntary scheme, contributions, benefits)
sees it. Never below ``c_t``, never above 1; equal to it before the first start year.
Members beyond the formal enterprise employees leave the informal workers
(:func:`engine.labour.project_labour`); employees of smaller firms are never brought in.

Cost. With ``W_t`` the target group (``M_t = W_t c'_t`` the run's enterprise members), the members a block adds are its share of ``W_t (c'_t - c_t)`` (in proportion to ``-log(1 - phi g)`` summed over the years, exactly
one block's whole when alone), and

.. math:: \\text{enforcement\\_cost}_t = \\sum_e \\big(A_e[t]\\, u_e + F_e\\, [t \\ge s_e]\\big)\\, I_e(t)

(``u_e`` LAK per added member per year, ``F_e`` LAK per year, ``I_e`` consumer prices
relative to the cost price year, or 1), LAK per year.
"""

from __future__ import annotations

import numpy as np

from engine.policies.outreach import cost_index
from engine.rules import phases
from engine.scenario.params import YearPath


def blocks_of(scenario) -> list:
    return [b for b in scenario.policies if b.type == "enforcement"]


def kept_out(block, years: np.ndarray) -> np.ndarray:
    """``prod_{tau <= t} (1 - phi g)``: the share of the non-compliant left out, (T,)."""
    return np.cumprod(1.0 - phases(block, years) * block.compliance_gain.values(years))


def compliance_paths(scenario, years: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Compliance before and after enforcement, (T,) each, and each block's share of the
    gain, (T, E)."""
    years = np.asarray(years)
    before = scenario.coverage.enterprise_compliance.values(years)
    blocks = blocks_of(scenario)
    left = np.stack([kept_out(b, years) for b in blocks], axis=1) if blocks else np.ones((len(years), 0))
    kept = left.prod(axis=1)
    after = np.where(kept < 1.0, 1.0 - (1.0 - before) * kept, before)   # exact where nothing acts
    weight = -np.log(np.clip(left, 1e-300, 1.0))
    total = weight.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(total > 0, weight / np.where(total > 0, total, 1.0), 0.0)
    return before, after, shares


def with_enforcement(scenario):
    """The scenario with its compliance path raised by its enforcement blocks (unchanged
    without them)."""
    if not blocks_of(scenario):
        return scenario
    first = scenario.horizon.base_year + 1
    years = np.arange(first, scenario.horizon.end_year + 1)
    _, after, _ = compliance_paths(scenario, years)
    path = scenario.coverage.enterprise_compliance
    base_year = scenario.horizon.base_year
    # the path up to the base year as it was (the back-cast reads its history), then each year's
    history = [(base_year, float(path.values(np.array([base_year]))[0]))]
    if path.points[0][0] is not None:
        history = [(int(y), float(v)) for y, v in path.points if y < base_year] + history
    points = history + [(int(y), float(v)) for y, v in zip(years, after)]
    compact = tuple(p for i, p in enumerate(points) if i == 0 or p[1] != points[i - 1][1])
    coverage = scenario.coverage.model_copy(update={"enterprise_compliance": YearPath(compact)})
    return scenario.model_copy(update={"coverage": coverage})


def enforcement_cost(original, years: np.ndarray, enterprise_members: np.ndarray, prices) -> tuple[np.ndarray, np.ndarray]:
    """Cost (T,) LAK per year and enterprise members added (T,) persons by the enforcement
    blocks of ``original`` (the scenario before :func:`with_enforcement`);
    ``enterprise_members`` (T,) the run's active enterprise members at 31 December
    (``W_t c'_t``), so the members added are ``M_t (c'_t - c_t) / c'_t``."""
    before, after, shares = compliance_paths(original, years)
    with np.errstate(divide="ignore", invalid="ignore"):
        added = np.where(after > 0, np.asarray(enterprise_members, dtype=float) * (after - before) / after, 0.0)
    cost = np.zeros(len(years))
    for e, block in enumerate(blocks_of(original)):
        acting = phases(block, years) > 0
        per_year = added * shares[:, e] * block.cost_per_added_member + block.fixed_annual_cost * acting
        cost += per_year * cost_index(block, years, prices)
    return cost, added
