"""Members of the compulsory schemes (civil servants, enterprise employees) and their new
members.

Active members = civil servants x coverage and the enterprise scheme's target group (wage
employees in firms of 10 or more workers, :func:`engine.labour.compulsory_target`) x
compliance, from the labour split at 31 December. Employees of smaller firms are never
compulsory members. New members are the positive net inflows by cohort,
``max(A[t, s, a] - A[t-1, s, a-1] S, 0)`` summed over ages (moves between jobs within a
scheme are not counted).
"""

from __future__ import annotations

import numpy as np

from engine.labour import LabourMarket
from engine.scenario.schema import Scenario


def enterprise_members(scenario: Scenario, labour: LabourMarket, years: np.ndarray) -> np.ndarray:
    """Enterprise-scheme members ``M = c(t) T`` (len(years), 2, A), persons; ``labour``'s
    arrays have one row per year of ``years``."""
    return labour.compulsory_target * scenario.coverage.enterprise_compliance.values(years)[:, None, None]


def compulsory_active(scenario: Scenario, labour: LabourMarket) -> np.ndarray:
    """Active members (T, 2, 2, A) of the civil-servant and enterprise schemes."""
    years = np.arange(scenario.horizon.base_year + 1, scenario.horizon.base_year + 1 + labour.informal.shape[0])
    c = scenario.coverage
    return np.stack([labour.civil_servants * c.civil_servant_coverage.values(years)[:, None, None],
                     enterprise_members(scenario, labour, years)], axis=1)


def cohort_inflows(active: np.ndarray, before: np.ndarray, survival: np.ndarray) -> np.ndarray:
    """Positive net inflows by cohort: ``max(A[t, s, a] - A[t-1, s, a-1] S[t, s, a-1], 0)``.

    ``active`` (T, ..., 2, A), ``before`` (..., 2, A) the state before the first year,
    ``survival`` (T, 2, A). Returns (T, ..., 2, A) persons.
    """
    previous = np.concatenate([before[None], active[:-1]], axis=0)
    extra = active.ndim - survival.ndim
    surv = survival.reshape(survival.shape[:1] + (1,) * extra + survival.shape[1:])
    aged = np.zeros_like(previous)
    aged[..., 1:] = previous[..., :-1] * surv[..., :-1]
    aged[..., -1] += previous[..., -1] * surv[..., -1]
    return np.maximum(active - aged, 0.0)


def compulsory_before(scenario: Scenario, base: LabourMarket) -> np.ndarray:
    """Active members (2, 2, A) of the two schemes at 31 December of the base year, from
    ``base`` (:func:`engine.labour.default_base_labour`) and the base year's coverage."""
    year = np.array([scenario.horizon.base_year])
    c = scenario.coverage
    return np.stack([base.civil_servants[0] * c.civil_servant_coverage.values(year)[0],
                     enterprise_members(scenario, base, year)[0]])


__all__ = ["cohort_inflows", "compulsory_active", "compulsory_before", "enterprise_members"]
