"""Cohort-component projection of populations by sex and single year of age.

One step takes the population at 31 December of year t-1, ``P[s, a]`` (persons), to
31 December of year t:

- ageing:   ``P'[s, a] = P[s, a-1] * S[t, s, a-1]``  for a = 1..99,
            ``P'[s, 100] = P[s, 99] * S[t, s, 99] + P[s, 100] * S[t, s, 100]`` (open group);
- migration: ``P'[s, a] += M[t, s, a]`` (net migrants by age at the end of the year),
  then negative counts are set to 0 (more emigrants than people);
- births:   ``B = sum_a f[t, a] * (P[F, a] + P'[F, a]) / 2`` (mean female population of the
  year times the age-specific fertility rate), males ``B * m[t]``, females ``B * (1 - m[t])``;
- infants:  ``P'[s, 0] = max(B_s * Sb[t, s] + M[t, s, 0], 0)``;

The mid-year population (persons at 1 July) is ``(P + P') / 2`` age by age; it is formed
outside the kernel by :func:`mid_year`, from the year-end populations this returns.

Arrays carry a leading batch axis ``v`` (variants or cells, each projected independently).
Each rate array may have a batch size of 1 of its own, shared by every batch member (a
sweep whose variants differ in mortality and fertility shares one migration array).
"""

from __future__ import annotations

import numpy as np

from engine.kernels.jit import kernel, prange

RATE_NAMES = ("survival", "survival_birth", "asfr", "migration", "male_birth_share")
"""The rate arrays, in the order the kernels take them after ``pop0``."""


@kernel(fastmath=True)
def _project_one(pop0, survival, survival_birth, asfr, migration, male_birth_share, end, births):
    """Project one batch member over all years, writing into ``end`` and ``births``.

    The age loops run over views shifted by one age with an index from 0, which the
    compiler knows cannot be negative: that is what lets it vectorise them.
    """
    n_years = survival.shape[0]
    last = pop0.shape[1] - 1
    for t in range(n_years):
        start = pop0 if t == 0 else end[t - 1]
        new = end[t]
        for s in range(2):
            before, alive, moved, after = start[s, :last - 1], survival[t, s, :last - 1], migration[t, s, 1:last], new[s, 1:last]
            for i in range(last - 1):
                after[i] = max(before[i] * alive[i] + moved[i], 0.0)
            x = start[s, last - 1] * survival[t, s, last - 1] + start[s, last] * survival[t, s, last]
            new[s, last] = max(x + migration[t, s, last], 0.0)
        # births: sum of f(a) (P[F, a] + P'[F, a]) / 2 over ages 1..100 (no mother is 0)
        fertility, women_before, women_after = asfr[t, 1:], start[1, 1:], new[1, 1:]
        exposure_births = 0.0
        for i in range(last):
            exposure_births += fertility[i] * (women_before[i] + women_after[i])
        male = 0.5 * exposure_births * male_birth_share[t]
        female = 0.5 * exposure_births - male
        births[t, 0] = male
        births[t, 1] = female
        new[0, 0] = max(male * survival_birth[t, 0] + migration[t, 0, 0], 0.0)
        new[1, 0] = max(female * survival_birth[t, 1] + migration[t, 1, 0], 0.0)


@kernel(inline=True)
def _row(rates, v):
    """Batch member ``v``'s slice of a rate array, or its only slice when it is shared
    (the batch size of a rate array is 1 or that of the populations)."""
    return rates[min(np.int64(v), rates.shape[0] - 1)]


@kernel(fastmath=True)
def project_member(v, pop0, rates, member_end, births):
    """Project batch member ``v`` into its own ``member_end`` (T, 2, A) and ``births[v]``;
    ``rates`` are the rate arrays in the order of :data:`RATE_NAMES`."""
    survival, survival_birth, asfr, migration, male_birth_share = rates
    _project_one(pop0[v], _row(survival, v), _row(survival_birth, v), _row(asfr, v),
                 _row(migration, v), _row(male_birth_share, v), member_end, births[v])


@kernel(parallel=True, fastmath=True)
def _project_parallel(pop0, survival, survival_birth, asfr, migration, male_birth_share, end, births):
    rates = (survival, survival_birth, asfr, migration, male_birth_share)
    for v in prange(pop0.shape[0]):
        project_member(v, pop0, rates, end[v], births)


PARALLEL_THRESHOLD = 8
"""Batches smaller than this run serially: starting threads costs more than the work."""


def cohort_inputs(pop0, survival, survival_birth, asfr, migration, male_birth_share) -> tuple[np.ndarray, ...]:
    """The inputs of :func:`project_cohorts` as contiguous float64 arrays, each rate array's
    batch checked to be 1 (shared) or that of ``pop0``."""
    arrays = tuple(np.ascontiguousarray(x, dtype=np.float64)
                   for x in (pop0, survival, survival_birth, asfr, migration, male_birth_share))
    n_batch = arrays[0].shape[0]
    for name, rates in zip(RATE_NAMES, arrays[1:]):
        if rates.shape[0] not in (1, n_batch):
            raise ValueError(f"{name} has a batch of {rates.shape[0]}; expected 1 (shared) or {n_batch}")
    return arrays


def project_cohorts(pop0, survival, survival_birth, asfr, migration, male_birth_share, out=None):
    """Project a batch of populations; see the module docstring for the formulas.

    Parameters
    ----------
    pop0 : (V, 2, A) persons at 31 December of the base year.
    survival : (V or 1, T, 2, A) probability of surviving the year, by age at its start.
    survival_birth : (V or 1, T, 2) share of the year's births alive at 31 December.
    asfr : (V or 1, T, A) births per woman per year by age.
    migration : (V or 1, T, 2, A) net migrants (persons) by age at 31 December.
    male_birth_share : (V or 1, T) share of births that are male.
    out : optional ``(end, births)`` buffers of the output shapes to write into (a batch
        runner that projects chunk after chunk reuses them instead of allocating anew).

    Returns
    -------
    end : (V, T, 2, A) persons at 31 December of each projected year.
    births : (V, T, 2) live births in each year by sex.
    """
    arrays = cohort_inputs(pop0, survival, survival_birth, asfr, migration, male_birth_share)
    n_batch, n_years = arrays[0].shape[0], arrays[1].shape[1]
    if out is None:
        end = np.empty((n_batch, n_years) + arrays[0].shape[1:])
        births = np.empty((n_batch, n_years, arrays[0].shape[1]))
    else:
        end, births = out
        if end.shape != (n_batch, n_years) + arrays[0].shape[1:] or births.shape != (n_batch, n_years, 2):
            raise ValueError("out buffers do not match the batch's shapes")
    if n_batch >= PARALLEL_THRESHOLD:
        _project_parallel(*arrays, end, births)
    else:  # member by member from here: a serial kernel around the member's would compile it again
        pop0, rates = arrays[0], arrays[1:]
        for v in range(n_batch):
            _project_one(pop0[v], *(x[min(v, x.shape[0] - 1)] for x in rates), end[v], births[v])
    return end, births


def mid_year(pop0, end):
    """Persons at 1 July: ``(P[t-1] + P[t]) / 2`` age by age, P[-1] being ``pop0``.

    ``pop0`` is (V, 2, A) and ``end`` is (V, T, 2, A); returns (V, T, 2, A).
    """
    previous = np.concatenate([np.asarray(pop0)[:, None], end[:, :-1]], axis=1)
    return 0.5 * (previous + end)
