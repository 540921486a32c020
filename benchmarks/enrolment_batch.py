"""Many variants of the enrolment kernel's inputs stacked into one kernel call.

The sweep runs variant by variant, one :func:`engine.kernels.enrolment.project_enrolment`
call each; this module keeps the other way, for ``bench_kernels.py --variants V`` to time
against it: the kernel's batch axis (each cell reading its own variant's people and rates)
lets V variants run in one call. On one thread, as in a sweep's worker, 8 variants in one
call took 17 % longer than a call each (``benchmarks/README.md``), which is why the engine
does not use it.

The benchmarks import this module as ``enrolment_batch`` (run from ``benchmarks/``); the
tests as ``benchmarks.enrolment_batch``.
"""

from __future__ import annotations

import numpy as np

from engine.kernels.enrolment import BY_CELL, complete_inputs, project_complete


def project_enrolment_batch(variants, n_groups: int, parallel: bool | None = None, n_classes: int = 0):
    """Project a batch of variants in one kernel call; returns one result per variant.

    ``variants`` is a sequence of ``(cells, years, rates, members0, lapsed0)``, each as the
    arguments of :func:`project_enrolment`; each variant has its own cells (any number),
    people (``pool``, ``survival``, ``transfers``) and ``rates`` (probit income
    coefficients, threshold, lapse and return rates, entry and exit ages, awareness stock). They must share
    the years, ages, policy patterns and ``n_groups`` / ``n_classes``. The cells of all
    variants are projected together (cell ``c`` of variant ``b`` reads ``member[c] = b``'s
    people and rates), income groups and policy classes are numbered per variant
    (``g + b G``, ``k + b K``) so that no sum mixes two variants, and the results are cut
    back into the variants'. Each result is what :func:`project_enrolment` returns for the
    variant alone, up to the order of floating-point sums.
    """
    completed = [complete_inputs(cells, years, rates) + (m0, x0) for cells, years, rates, m0, x0 in variants]
    if not completed:
        return []
    first_cells, first_years = completed[0][0], completed[0][1]
    for i, (cells, years, *_rest) in enumerate(completed[1:], start=1):
        if not np.array_equal(cells[4], first_cells[4]) or years[1].shape[2] != first_years[1].shape[2]:
            raise ValueError(f"variant {i} has other policy patterns than variant 0; a batch shares them")
        if years[0].shape[0] != first_years[0].shape[0] or cells[1].shape[1:] != first_cells[1].shape[1:]:
            raise ValueError(f"variant {i} has other years or ages than variant 0; a batch shares them")
    sizes = [c[0][1].shape[0] for c in completed]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    cells = (np.concatenate([c[0][0] for c in completed], axis=1),
             np.concatenate([c[0][1] for c in completed]),
             np.concatenate([c[0][2] + b * n_groups for b, c in enumerate(completed)]),
             np.concatenate([c[0][3] + b * int(n_classes) for b, c in enumerate(completed)]),
             first_cells[4],
             np.repeat(np.arange(len(completed), dtype=np.int64), sizes))
    years = tuple(np.concatenate([c[1][i] for c in completed], axis=1 if i in BY_CELL else 0)
                  for i in range(len(first_years)))
    rates = np.concatenate([c[2] for c in completed])
    members0 = np.concatenate([c[3] for c in completed])
    lapsed0 = np.concatenate([c[4] for c in completed])
    result = project_complete(cells, years, rates, (members0, lapsed0), n_groups * len(completed), parallel,
                              int(n_classes) * len(completed), sizes)
    out, extra, members, lapsed = result[:4]
    split = []
    for b in range(len(completed)):
        groups, cell_range = slice(b * n_groups, (b + 1) * n_groups), slice(offsets[b], offsets[b + 1])
        one = (out[:, :, groups], extra[:, :, groups], members[cell_range], lapsed[cell_range])
        if n_classes:
            one += (result[4][:, :, b * n_classes:(b + 1) * n_classes],)
        split.append(one)
    return split
