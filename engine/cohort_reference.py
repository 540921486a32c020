"""A slow, readable numpy implementation of the cohort-component step.

It states the same formulas as :mod:`engine.kernels.cohort` with whole-array operations,
one year at a time, and is what the tests and the benchmarks check the kernel against.
"""

from __future__ import annotations

import numpy as np

FEMALE = 1


def project_cohorts_reference(pop0, survival, survival_birth, asfr, migration, male_birth_share, out=None):
    """Same inputs and outputs as :func:`engine.kernels.cohort.project_cohorts`.

    Returns ``end`` (V, T, 2, A), persons at 31 December, and ``births`` (V, T, 2),
    written into ``out = (end, births)`` when given.
    """
    pop = np.array(pop0, dtype=np.float64)                        # (V, 2, A)
    n_batch, n_years = pop.shape[0], survival.shape[1]
    survival, survival_birth, asfr, migration, male_birth_share = (
        np.broadcast_to(x, (n_batch,) + x.shape[1:])
        for x in (survival, survival_birth, asfr, migration, male_birth_share))
    if out is None:
        end = np.empty((n_batch, n_years) + pop.shape[1:])
        births = np.empty((n_batch, n_years, pop.shape[1]))
    else:
        end, births = out
    for t in range(n_years):
        survivors = pop * survival[:, t]                          # by age at the start
        aged = np.zeros_like(pop)
        aged[:, :, 1:] = survivors[:, :, :-1]                     # everyone is a year older
        aged[:, :, -1] += survivors[:, :, -1]                     # the open group stays
        aged[:, :, 1:] = np.maximum(aged[:, :, 1:] + migration[:, t, :, 1:], 0.0)
        women = 0.5 * (pop[:, FEMALE] + aged[:, FEMALE])          # mean female population
        total_births = (asfr[:, t, 1:] * women[:, 1:]).sum(axis=-1)  # (V,), no mother is 0
        by_sex = np.stack([total_births * male_birth_share[:, t],
                           total_births * (1.0 - male_birth_share[:, t])], axis=-1)
        aged[:, :, 0] = np.maximum(by_sex * survival_birth[:, t] + migration[:, t, :, 0], 0.0)
        end[:, t] = aged
        births[:, t] = by_sex
        pop = aged
    return end, births
