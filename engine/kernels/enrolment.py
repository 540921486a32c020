"""Voluntary-scheme enrolment by covariate cell, sex and single age, years looped inside.

State per cell ``c``, sex ``s`` and age ``a`` at 31 December: active members ``M`` and
lapsed former members ``X``; the other informal workers of the cell are the non-members
``N = max(P - M - X, 0)`` with ``P = pool[t, s, a] * weight[c, s, a]``. One year ``t``:

- ageing:   ``Ma[a] = M[a-1] S[t, a-1]`` (open age group: ``+ M[A-1] S[t, A-1]``), same
  for ``X``; at ages ``a >= exit_age`` members retire and the lapsed leave (both set to 0);
- hazard:   ``h = scale[t, c, p] * Phi(eta[k, c, s, a] + beta_k * y[t, c] + shift[t, c, p])``
  for ``entry_age <= a < exit_age`` (else 0), ``y`` the cell's income at 2020 prices,
  ``k = 0`` if ``y < threshold`` else 1 (the below/above probit pair; both rows equal
  for a single specification), ``scale`` = reach x friction x affordability, ``p =
  pattern[s, a]`` the sex-age pattern of the policies (one pattern, 0, without them)
  and ``shift`` a policy's shift of the probit index (0 without one);
- lapse:    ``L = lambda[t, c, p] Ma`` (the lapse rate, by pattern under policies),
  ``X1 = Xa + L``;
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
When asked (``n_classes``), members and joins are also summed by policy class
``klass[c]`` into ``by_class[k, t, 0 or 1, klass, s, a]`` (the income-group sums are not
affected, so a policy that changes nothing leaves them bit for bit the same).
"""

from __future__ import annotations


import numpy as np

from engine.kernels import kernel, prange
from engine.kernels.normal import normal_cdf

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


@kernel(fastmath=True)
def _chunk(k, n_chunks, cells, years, rates, members, lapsed, out, extra, by_class):
    """Project the cells of chunk ``k`` over all years (see the module docstring)."""
    eta, weight, group, klass, pattern = cells
    income, scale, pool, survival, transfers, shift, lapse_rate = years
    n_cells, n_sex, n_age = weight.shape
    n_years = income.shape[0]
    ret = rates[4]
    entry, exit_age = rates[5], rates[6]
    first = k * n_cells // n_chunks
    last = (k + 1) * n_cells // n_chunks
    # visit the cells income group by income group, so that the running sums of one group
    # stay in cache while its cells are projected
    order = np.argsort(group, kind="mergesort")
    acc = out[k]
    acc2 = extra[k]
    acc3 = by_class[k]
    detail = acc3.shape[2] > 0
    oldest_active = min(int(exit_age), n_age - 1)
    one_pattern = scale.shape[2] == 1
    interest = np.zeros(n_age)
    for i in range(first, last):
        c = order[i]
        g = group[c]
        q = klass[c]
        m = members[c]
        x = lapsed[c]
        # Ages below `youngest` hold nobody and receive nobody (joins start at the entry
        # age, and people only grow older), and after the first year nobody is left above
        # the exit age: skipping those ages leaves every sum unchanged.
        youngest = int(entry)
        for s in range(n_sex):
            for a in range(youngest):
                if m[s, a] != 0.0 or x[s, a] != 0.0:
                    youngest = a
                    break
        for t in range(n_years):
            y = income[t, c]
            row = 0 if y < rates[2] else 1
            beta = rates[row]
            oldest = n_age - 1 if t == 0 else oldest_active
            for s in range(n_sex):
                # interest at each joining age, in its own loop (vectorised when the probit
                # shift does not depend on the sex-age pattern)
                first_join = max(int(entry), youngest)
                last_join = min(int(exit_age), oldest + 1)
                if one_pattern:
                    index = beta * y + shift[t, c, 0]
                    for a in range(first_join, last_join):
                        interest[a] = normal_cdf(eta[row, c, s, a] + index)
                else:
                    for a in range(first_join, last_join):
                        interest[a] = normal_cdf(eta[row, c, s, a] + beta * y + shift[t, c, pattern[s, a]])
                retired = 0.0  # sums over ages, added to `extra` once per year and sex
                returned = 0.0
                lapsed_now = 0.0
                lapsed_stock = 0.0
                for a in range(oldest, youngest - 1, -1):
                    p = pattern[s, a]
                    sc = scale[t, c, p]
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
                        retired += ma
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
                        h = sc * interest[a]
                        tr = transfers[t, s, a] * w
                    lapses = lapse_rate[t, c, p] * ma
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
                    returned += returns
                    lapsed_now += lapses
                    lapsed_stock += x[s, a]
                    if detail:
                        acc3[t, 0, q, s, a] += m[s, a]
                        acc3[t, 1, q, s, a] += joins
                acc2[t, Q_RETIREMENTS - N_BY_AGE, g] += retired
                acc2[t, Q_RETURNS - N_BY_AGE, g] += returned
                acc2[t, Q_LAPSES - N_BY_AGE, g] += lapsed_now
                acc2[t, Q_LAPSED - N_BY_AGE, g] += lapsed_stock


@kernel()
def _run_serial(cells, years, rates, members, lapsed, out, extra, by_class):
    n_chunks = out.shape[0]
    for k in range(n_chunks):
        _chunk(k, n_chunks, cells, years, rates, members, lapsed, out, extra, by_class)


@kernel(parallel=True)
def _run_parallel(cells, years, rates, members, lapsed, out, extra, by_class):
    n_chunks = out.shape[0]
    for k in prange(n_chunks):
        _chunk(k, n_chunks, cells, years, rates, members, lapsed, out, extra, by_class)


def complete_inputs(cells, years, rates):
    """The kernel's full inputs from the short forms: ``cells`` (eta, weight, group[, klass,
    pattern]) and ``years`` (income, scale, pool, survival, transfers[, shift, lapse]) with
    ``scale`` (T, C) or (T, C, P). Missing items: one class and one pattern (all 0), no
    shift, the lapse rate ``rates[3]`` everywhere. Returns contiguous float64 / int64 arrays."""
    eta, weight, group, *more = cells
    weight = np.ascontiguousarray(weight, dtype=np.float64)
    n_cells, n_sex, n_age = weight.shape
    klass = more[0] if len(more) > 0 else np.zeros(n_cells, dtype=np.int64)
    pattern = more[1] if len(more) > 1 else np.zeros((n_sex, n_age), dtype=np.int64)
    cells = (np.ascontiguousarray(eta, dtype=np.float64), weight, np.ascontiguousarray(group, dtype=np.int64),
             np.ascontiguousarray(klass, dtype=np.int64), np.ascontiguousarray(pattern, dtype=np.int64))
    income, scale, pool, survival, transfers, *rest = years
    scale = np.asarray(scale, dtype=np.float64)
    if scale.ndim == 2:
        scale = scale[:, :, None]
    shape = scale.shape
    shift = rest[0] if len(rest) > 0 else np.zeros(shape)
    lapse = rest[1] if len(rest) > 1 else np.full(shape, float(rates[3]))
    years = tuple(np.ascontiguousarray(a, dtype=np.float64)
                  for a in (income, scale, pool, survival, transfers, shift, lapse))
    return cells, years, np.ascontiguousarray(rates, dtype=np.float64)


def project_enrolment(cells, years, rates, members0, lapsed0, n_groups: int, parallel: bool | None = None,
                      n_classes: int = 0):
    """Project voluntary members by cell, sex and age; see the module docstring.

    Parameters
    ----------
    cells : tuple (eta, weight, group[, klass, pattern])
        ``eta`` (2, C, 2, A) probit index without the income term (row 0 below, row 1
        at or above the threshold); ``weight`` (C, 2, A) share of the informal workers of
        each sex and age in each cell; ``group`` (C,) int income group of each cell;
        optional ``klass`` (C,) int policy class of each cell and ``pattern`` (2, A) int
        sex-age pattern of the policies (both 0 by default).
    years : tuple (income, scale, pool, survival, transfers[, shift, lapse])
        ``income`` (T, C) LAK/month at 2020 prices; ``scale`` (T, C) or (T, C, P) reach x
        friction x affordability (by pattern); ``pool`` (T, 2, A) informal workers at 31
        December; ``survival`` (T, 2, A) share aged a at the start of the year alive at its
        end; ``transfers`` (T, 2, A) persons continuing voluntarily from enterprise jobs;
        optional ``shift`` (T, C, P) added to the probit index (default 0) and ``lapse``
        (T, C, P) lapse rates (default ``rates[3]``).
    rates : (7,) float, in the order of :data:`RATES`.
    members0, lapsed0 : (C, 2, A) persons at the end of the year before the first.
    n_groups : number of income groups ``G``.
    parallel : force the parallel (True) or serial (False) kernel; default by size.
    n_classes : number of policy classes ``K``; when positive, ``by_class`` is returned too.

    Returns
    -------
    out : (T, 3, G, 2, A) members at 31 December, joins and transfers in the year, persons.
    extra : (T, 4, G) returns, lapses (per year), lapsed at 31 December, retirements (per
        year), persons: :data:`QUANTITIES` after the first three.
    members, lapsed : (C, 2, A) state at the end of the last year.
    by_class : (T, 2, K, 2, A) members at 31 December and joins in the year by policy
        class, persons (only when ``n_classes`` > 0).
    """
    cells, years, rates = complete_inputs(cells, years, rates)
    members = np.array(members0, dtype=np.float64, order="C")
    lapsed = np.array(lapsed0, dtype=np.float64, order="C")
    n_cells, n_sex, n_age = cells[1].shape
    n_years = years[0].shape[0]
    n_chunks = min(N_CHUNKS, max(n_cells, 1))
    out = np.zeros((n_chunks, n_years, N_BY_AGE, n_groups, n_sex, n_age))
    extra = np.zeros((n_chunks, n_years, len(QUANTITIES) - N_BY_AGE, n_groups))
    by_class = np.zeros((n_chunks, n_years, 2, int(n_classes), n_sex, n_age))
    if parallel is None:
        parallel = n_cells * n_years >= PARALLEL_THRESHOLD
    (_run_parallel if parallel else _run_serial)(cells, years, rates, members, lapsed, out, extra, by_class)
    result = (out.sum(axis=0), extra.sum(axis=0), members, lapsed)
    return result + (by_class.sum(axis=0),) if n_classes else result
