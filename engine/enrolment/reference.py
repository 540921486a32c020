"""A slow, readable numpy version of the enrolment kernel, to check it against.

:func:`project_enrolment_reference` takes the same arguments as
:func:`engine.kernels.enrolment.project_enrolment` and returns the same arrays. Each year
is written as whole-array formulas over (cell, sex, age):

.. math::

    M^a_{a} &= M_{a-1} S_{a-1} \\;(+\\, M_{A-1} S_{A-1} \\text{ in the open group}),
        \\quad X^a \\text{ alike}, \\quad M^a = X^a = 0 \\text{ at ages} \\ge \\text{exit} \\\\
    K &\\leftarrow 1 - (1 - (1 - d) K)(1 - o_{t,c,p})(1 - w \\min(\\textstyle\\sum M / \\sum P, 1)),
        \\quad \\text{scale} \\leftarrow \\min(\\text{scale} + r_{t,c,p} K, \\min(r_{t,c,p}, 1))
        \\text{ (awareness stock on)} \\\\
    h &= \\text{scale}_{t,c,p}\\, \\Phi(\\eta_{k,c,s,a} + \\beta_k\\, y_{t,c} + \\delta_{t,c,p})
        \\,[\\text{entry} \\le a < \\text{exit}], \\quad p = \\text{pattern}_{s,a} \\\\
    N &= \\max(P - M^a - X^a, 0), \\quad P = \\text{pool}_{t,s,a}\\, w_{c,s,a} \\\\
    L &= \\lambda_{t,c,p} M^a, \\quad X^1 = X^a + L, \\quad R = (\\rho_{t,c,p} + (1-\\rho_{t,c,p}) h) X^1,
        \\quad J = h N \\\\
    T &= \\min(\\text{transfers}_{t,s,a}\\, w_{c,s,a} [\\text{eligible}], N - J) \\\\
    M &= M^a - L + R + J + T, \\quad X = X^1 - R
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from engine.kernels.enrolment import (
    N_BY_AGE, QUANTITIES, RATE_AWARENESS, RATE_BETA_ABOVE, RATE_BETA_BELOW, RATE_DECAY, RATE_ENTRY_AGE,
    RATE_EXIT_AGE, RATE_STOCK, RATE_THRESHOLD, RATE_WORD_OF_MOUTH, complete_inputs,
)


def _age(state: np.ndarray, survival: np.ndarray) -> np.ndarray:
    """Move (C, 2, A) persons one year of age on, with survival (2, A) by age at the start."""
    aged = np.zeros_like(state)
    aged[:, :, 1:] = state[:, :, :-1] * survival[None, :, :-1]
    aged[:, :, -1] += state[:, :, -1] * survival[None, :, -1]
    return aged


def awareness_step(stock, decay, inflow, word_of_mouth, member_share):
    """The awareness stock one year on, a share: ``1 - (1 - (1 - decay) stock) (1 - inflow)
    (1 - word_of_mouth x member_share)``, all shares in [0, 1] (any broadcastable shapes)."""
    return 1.0 - (1.0 - (1.0 - decay) * stock) * (1.0 - inflow) * (1.0 - word_of_mouth * member_share)


def project_enrolment_reference(cells, years, rates, members0, lapsed0, n_groups: int, parallel=None,
                                n_classes: int = 0):
    """Numpy reference of :func:`engine.kernels.enrolment.project_enrolment` (same
    arguments and results; ``parallel`` is ignored)."""
    cells, years, rates = complete_inputs(cells, years, rates)
    eta, weight, group, klass, pattern, _ = cells                      # one variant: member 0
    income, scale, pool, survival, transfers, shift, lapse_rate, return_rate, inflow, per_reach = years
    pool, survival, transfers = pool[0], survival[0], transfers[0]
    row = rates[0]
    beta_below, beta_above, threshold = row[RATE_BETA_BELOW], row[RATE_BETA_ABOVE], row[RATE_THRESHOLD]
    entry, exit_age = row[RATE_ENTRY_AGE], row[RATE_EXIT_AGE]
    stock = np.full(scale.shape[1:], row[RATE_AWARENESS])                # (C, P)
    n_cells, n_sex, n_age = weight.shape
    n_years = income.shape[0]
    ages = np.arange(n_age)
    retired = ages >= exit_age
    eligible = (ages >= entry) & ~retired
    one_hot = np.zeros((n_groups, n_cells))
    one_hot[np.asarray(group), np.arange(n_cells)] = 1.0

    class_hot = np.zeros((int(n_classes), n_cells))
    if n_classes:
        class_hot[klass, np.arange(n_cells)] = 1.0

    def by_group(x: np.ndarray) -> np.ndarray:
        return (one_hot @ x.reshape(n_cells, -1)).reshape(n_groups, n_sex, n_age)

    def by_class_of(x: np.ndarray) -> np.ndarray:
        return (class_hot @ x.reshape(n_cells, -1)).reshape(int(n_classes), n_sex, n_age)

    members = np.array(members0, dtype=float)
    lapsed = np.array(lapsed0, dtype=float)
    out = np.zeros((n_years, N_BY_AGE, n_groups, n_sex, n_age))
    extra = np.zeros((n_years, len(QUANTITIES) - N_BY_AGE, n_groups))
    classes = np.zeros((n_years, 2, int(n_classes), n_sex, n_age))
    for t in range(n_years):
        ma = _age(members, survival[t])
        xa = _age(lapsed, survival[t])
        retirements = np.where(retired, ma, 0.0)
        ma[:, :, retired] = 0.0
        xa[:, :, retired] = 0.0

        below = income[t] < threshold                                   # (C,)
        index = np.where(below[:, None, None], eta[0], eta[1]) \
            + np.where(below, beta_below, beta_above)[:, None, None] * income[t][:, None, None] \
            + shift[t][:, pattern]
        reach = scale[t]
        if row[RATE_STOCK]:
            workers = (pool[t][None] * weight).sum(axis=(1, 2))
            known = np.minimum(members.sum(axis=(1, 2)) / np.where(workers > 0, workers, 1.0), 1.0)
            known = np.where(workers > 0, known, 0.0)[:, None]                # (C, 1)
            stock = awareness_step(stock, row[RATE_DECAY], inflow[t], row[RATE_WORD_OF_MOUTH], known)
            reach = np.minimum(scale[t] + per_reach[t] * stock, np.minimum(per_reach[t], 1.0))
        hazard = reach[:, pattern] * ndtr(index) * eligible
        non_members = np.maximum(pool[t][None] * weight - ma - xa, 0.0)

        lapses = lapse_rate[t][:, pattern] * ma
        lapsed_now = xa + lapses
        back = return_rate[t][:, pattern]
        returns = (back + (1.0 - back) * hazard) * lapsed_now
        joins = hazard * non_members
        moved = np.minimum(transfers[t][None] * weight * eligible, non_members - joins)

        members = ma - lapses + returns + joins + moved
        lapsed = lapsed_now - returns
        for q, values in enumerate((members, joins, moved, returns, lapses)):
            out[t, q] = by_group(values)
        for q, values in enumerate((lapsed, retirements)):
            extra[t, q] = by_group(values).sum(axis=(1, 2))
        if n_classes:
            classes[t, 0], classes[t, 1] = by_class_of(members), by_class_of(joins)
    result = (out, extra, members, lapsed)
    return result + (classes,) if n_classes else result
