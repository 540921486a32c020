"""Voluntary-scheme enrolment by covariate cell, sex and single age, years looped inside.

State per cell ``c``, sex ``s`` and age ``a`` at 31 December: active members ``M`` and
lapsed former members ``X``; the other informal workers of the cell are the non-members
``N = max(P - M - X, 0)`` with ``P = pool[t, s, a] * weight[c, s, a]``. One year ``t``:

- ageing:   ``Ma[a] = M[a-1] S[t, a-1]`` (open age group: ``+ M[A-1] S[t, A-1]``), same
  for ``X``; at ages ``a >= exit_age`` members retire and the lapsed leave (both set to 0);
- hazard:   ``h = scale[t, c] * Phi(eta[k, c, s, a] + beta_k * y[t, c])`` for
  ``entry_age <= a < exit_age`` (else 0), ``y`` the cell's income at 2020 prices,
  ``k = 0`` if ``y < threshold`` else 1 (the below/above probit pair; both rows equal
  for a single specification), ``scale`` = reach x friction x affordability;
- lapse:    ``L = lambda Ma``, ``X1 = Xa + L``;
- return:   ``R = q X1`` with ``q = rho + (1 - rho) h`` (lapsed members resume at rate
  ``rho`` or are reached again like non-members);
- join:     ``J = h N``, ``N = max(P - Ma - Xa, 0)``;
- transfer: ``T = min(transfers[t, s, a] * weight[c, s, a], N - J)`` (leavers of enterprise
  jobs continuing voluntarily, at eligible ages);
- update:   ``M = Ma - L + R + J + T``, ``X = X1 - R``.

In the coordinates (members, ever-members) the step is monotone: raising ``h`` (reach,
affordability) never lowers members in any later year.

Outputs are summed by income group ``g = group[c]``: members, joins and transfers by sex
and age into ``out[k, t, q, g, s, a]``, the other quantities into ``extra[k, t, q, g]``,
one slab ``k`` per chunk of cells so that parallel chunks never write to the same place;
the caller sums over ``k``. Quantities: :data:`QUANTITIES` (the first three by age).
"""

from __future__ import annotations

import math

import numpy as np

from engine.kernels import kernel, prange

QUANTITIES: tuple[str, ...] = ("members", "joins", "transfers", "returns", "lapses", "lapsed", "retirements")
Q_MEMBERS, Q_JOINS, Q_TRANSFERS, Q_RETURNS, Q_LAPSES, Q_LAPSED, Q_RETIREMENTS = range(7)
N_BY_AGE = 3
"""The first three quantities are kept by sex and age; the others by income group only."""
RATES: tuple[str, ...] = ("beta_below", "beta_above", "threshold", "lapse", "return", "entry_age", "exit_age")
"""Order of the entries of the ``rates`` array."""
N_CHUNKS = 4
"""Cells are split into this many chunks (fixed, so sums do not depend on the threads)."""
PARALLEL_THRESHOLD = 20_000
"""Jobs with fewer cell-years than this run serially: starting threads costs more."""

_SQRT_HALF = 0.7071067811865476


@kernel()
def _chunk(k, n_chunks, cells, years, rates, members, lapsed, out, extra):
    """Project the cells of chunk ``k`` over all years (see the module docstring)."""
    eta, weight, group = cells
    income, scale, pool, survival, transfers = years
    n_cells, n_sex, n_age = weight.shape
    n_years = income.shape[0]
    lapse, ret = rates[3], rates[4]
    entry, exit_age = rates[5], rates[6]
    first = k * n_cells // n_chunks
    last = (k + 1) * n_cells // n_chunks
    acc = out[k]
    acc2 = extra[k]
    for c in range(first, last):
        g = group[c]
        m = members[c]
        x = lapsed[c]
        for t in range(n_years):
            y = income[t, c]
            row = 0 if y < rates[2] else 1
            beta = rates[row]
            sc = scale[t, c]
            for s in range(n_sex):
                for a in range(n_age - 1, -1, -1):
                    if a == 0:
                        ma = 0.0
                        xa = 0.0
                    else:
                        ma = m[s, a - 1] * survival[t, s, a - 1]
                        xa = x[s, a - 1] * survival[t, s, a - 1]
                        if a == n_age - 1:
                            ma += m[s, a] * survival[t, s, a]
                            xa += x[s, a] * survival[t, s, a]
                    if a >= exit_age:
                        acc2[t, Q_RETIREMENTS - N_BY_AGE, g] += ma
                        m[s, a] = 0.0
                        x[s, a] = 0.0
                        continue
                    w = weight[c, s, a]
                    non = pool[t, s, a] * w - ma - xa
                    if non < 0.0:
                        non = 0.0
                    h = 0.0
                    tr = 0.0
                    if a >= entry:
                        z = eta[row, c, s, a] + beta * y
                        h = sc * 0.5 * math.erfc(-z * _SQRT_HALF)
                        tr = transfers[t, s, a] * w
                    lapses = lapse * ma
                    x1 = xa + lapses
                    returns = (ret + (1.0 - ret) * h) * x1
                    joins = h * non
                    room = non - joins
                    if tr > room:
                        tr = room
                    m[s, a] = ma - lapses + returns + joins + tr
                    x[s, a] = x1 - returns
                    acc[t, Q_MEMBERS, g, s, a] += m[s, a]
                    acc[t, Q_JOINS, g, s, a] += joins
                    acc[t, Q_TRANSFERS, g, s, a] += tr
                    acc2[t, Q_RETURNS - N_BY_AGE, g] += returns
                    acc2[t, Q_LAPSES - N_BY_AGE, g] += lapses
                    acc2[t, Q_LAPSED - N_BY_AGE, g] += x[s, a]


@kernel()
def _run_serial(cells, years, rates, members, lapsed, out, extra):
    n_chunks = out.shape[0]
    for k in range(n_chunks):
        _chunk(k, n_chunks, cells, years, rates, members, lapsed, out, extra)


@kernel(parallel=True)
def _run_parallel(cells, years, rates, members, lapsed, out, extra):
    n_chunks = out.shape[0]
    for k in prange(n_chunks):
        _chunk(k, n_chunks, cells, years, rates, members, lapsed, out, extra)


def project_enrolment(cells, years, rates, members0, lapsed0, n_groups: int, parallel: bool | None = None):
    """Project voluntary members by cell, sex and age; see the module docstring.

    Parameters
    ----------
    cells : tuple (eta, weight, group)
        ``eta`` (2, C, 2, A) probit index without the income term (row 0 below, row 1
        at or above the threshold); ``weight`` (C, 2, A) share of the informal workers of
        each sex and age in each cell; ``group`` (C,) int income group of each cell.
    years : tuple (income, scale, pool, survival, transfers)
        ``income`` (T, C) LAK/month at 2020 prices; ``scale`` (T, C) reach x friction x
        affordability; ``pool`` (T, 2, A) informal workers at 31 December; ``survival``
        (T, 2, A) share aged a at the start of the year alive at its end;
        ``transfers`` (T, 2, A) persons continuing voluntarily from enterprise jobs.
    rates : (7,) float, in the order of :data:`RATES`.
    members0, lapsed0 : (C, 2, A) persons at the end of the year before the first.
    n_groups : number of income groups ``G``.
    parallel : force the parallel (True) or serial (False) kernel; default by size.

    Returns
    -------
    out : (T, 3, G, 2, A) members at 31 December, joins and transfers in the year, persons.
    extra : (T, 4, G) returns, lapses (per year), lapsed at 31 December, retirements (per
        year), persons: :data:`QUANTITIES` after the first three.
    members, lapsed : (C, 2, A) state at the end of the last year.
    """
    eta, weight, group = cells
    cells = (np.ascontiguousarray(eta, dtype=np.float64), np.ascontiguousarray(weight, dtype=np.float64),
             np.ascontiguousarray(group, dtype=np.int64))
    years = tuple(np.ascontiguousarray(a, dtype=np.float64) for a in years)
    rates = np.ascontiguousarray(rates, dtype=np.float64)
    members = np.array(members0, dtype=np.float64, order="C")
    lapsed = np.array(lapsed0, dtype=np.float64, order="C")
    n_cells, n_sex, n_age = cells[1].shape
    n_years = years[0].shape[0]
    n_chunks = min(N_CHUNKS, max(n_cells, 1))
    out = np.zeros((n_chunks, n_years, N_BY_AGE, n_groups, n_sex, n_age))
    extra = np.zeros((n_chunks, n_years, len(QUANTITIES) - N_BY_AGE, n_groups))
    if parallel is None:
        parallel = n_cells * n_years >= PARALLEL_THRESHOLD
    (_run_parallel if parallel else _run_serial)(cells, years, rates, members, lapsed, out, extra)
    return out.sum(axis=0), extra.sum(axis=0), members, lapsed
