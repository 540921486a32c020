"""Voluntary-scheme enrolment by covariate cell, sex and single age, years looped inside.

State per cell ``c``, sex ``s`` and age ``a`` at 31 December: active members ``M`` and
lapsed former members ``X``; the other informal workers of the cell are the non-members
``N = max(P - M - X, 0)`` with ``P = pool[t, s, a] * weight[c, s, a]``. One year ``t``
(``pool``, ``S``, ``transfers`` and the rates are those of the cell's batch member, below):

- ageing:   ``Ma[a] = M[a-1] S[t, a-1]`` (open age group: ``+ M[A-1] S[t, A-1]``), same
  for ``X``; at ages ``a >= exit_age`` members retire and the lapsed leave (both set to 0);
- awareness (if ``rates[b, RATE_STOCK]`` is 1): the stock ``K[c, p]`` (share of the cell's
  informal workers who know the scheme; ``rates[b, RATE_AWARENESS]`` at the start) becomes
  ``1 - (1 - (1 - d) K) (1 - o[t, c, p]) (1 - w m)``: decay ``d``, word of mouth ``w``,
  outreach ``o = inflow``, ``m = min(sum M / sum P, 1)`` the cell's members (start of the
  year) over its informal workers; the hazard's scale is then ``min(scale + r K, min(r,
  1))``, ``r = per_reach[t, c, p]`` (friction x affordability x interest multiplier);
- hazard:   ``h = scale[t, c, p] * Phi(eta[k, c, s, a] + beta_k * y[t, c] + shift[t, c, p])``
  for ``entry_age <= a < exit_age`` (else 0), ``y`` the cell's income at 2020 prices,
  ``k = 0`` if ``y < threshold`` else 1 (the below/above probit pair; both rows equal
  for a single specification), ``scale`` = reach x friction x affordability, ``p =
  pattern[s, a]`` the sex-age pattern of the policies (one pattern, 0, without them)
  and ``shift`` a policy's shift of the probit index (0 without one);
- lapse:    ``L = lambda[t, c, p] Ma`` (the lapse rate, by pattern under policies),
  ``X1 = Xa + L``;
- return:   ``R = q X1`` with ``q = rho[t, c, p] + (1 - rho[t, c, p]) h`` (lapsed members
  resume at the return rate ``rho`` or are reached again like non-members);
- join:     ``J = h N``, ``N = max(P - Ma - Xa, 0)``;
- transfer: ``T = min(transfers[t, s, a] * weight[c, s, a], N - J)`` (leavers of enterprise
  jobs continuing voluntarily, at eligible ages);
- update:   ``M = Ma - L + R + J + T``, ``X = X1 - R``.

In the coordinates (members, ever-members) the step is monotone: raising ``h`` (reach,
affordability) never lowers members in any later year.

Outputs are summed by income group ``g = group[c]``: members, joins, transfers, returns and
lapses by sex and age into ``out[k, t, q, g, s, a]``, the lapsed stock and retirements into
``extra[k, t, q, g]``,
in slabs ``k`` such that parallel chunks of cells never write to the same place
(:func:`engine.kernels.enrolment_chunks.chunking`); the caller sums over ``k``. Quantities:
:data:`QUANTITIES` (the first five by age).
When asked (``n_classes``), members and joins are also summed by policy class
``klass[c]`` into ``by_class[k, t, 0 or 1, klass, s, a]`` (the income-group sums are not
affected, so a policy that changes nothing leaves them bit for bit the same).

The kernel takes a batch of variants: their cells are projected together, cell ``c``
reading the people (``pool``, ``S``, ``transfers``, each with a leading batch axis) and the
``rates`` (one row each) of its variant ``member[c]``, each variant's income groups and
policy classes numbered apart from the others' (:func:`project_complete` with ``sizes``;
``benchmarks/enrolment_batch.py`` stacks variants so). The engine runs one variant a call
(:func:`project_enrolment`): a sweep runs variant by variant.
"""

from __future__ import annotations

import numpy as np

from engine.kernels.enrolment_chunks import chunking
from engine.kernels.jit import kernel, prange
from engine.kernels.normal import normal_cdf

QUANTITIES: tuple[str, ...] = ("members", "joins", "transfers", "returns", "lapses", "lapsed", "retirements")
Q_MEMBERS, Q_JOINS, Q_TRANSFERS, Q_RETURNS, Q_LAPSES, Q_LAPSED, Q_RETIREMENTS = range(7)
N_BY_AGE = 5
"""The first five quantities are kept by sex and age; the others by income group only."""
RATES: tuple[str, ...] = ("beta_below", "beta_above", "threshold", "lapse", "return", "entry_age", "exit_age",
                          "stock", "decay", "word_of_mouth", "awareness")
"""The columns of the ``rates`` array (one row per batch member), numbered below: probit
income coefficients per LAK/month below and at or above the threshold, the threshold
(LAK/month, 2020 prices), lapse and return rates (per year), entry and exit ages (years);
the awareness stock: 1 if on (else 0), decay and word of mouth (per year), initial share."""
(RATE_BETA_BELOW, RATE_BETA_ABOVE, RATE_THRESHOLD, RATE_LAPSE, RATE_RETURN, RATE_ENTRY_AGE, RATE_EXIT_AGE,
 RATE_STOCK, RATE_DECAY, RATE_WORD_OF_MOUTH, RATE_AWARENESS) = range(11)
N_RATES = len(RATES)
BY_CELL = (0, 1, 5, 6, 7, 8, 9)  # the items of ``years`` read by cell, (T, C[, P]); the others by member

PARALLEL_THRESHOLD = 200_000
"""Jobs with fewer cell-years than this run serially: one baseline (576 cells x 77 years) on
two cores gains too little from threads to compile the parallel kernel on a first run."""


def rates_row(beta_below: float, beta_above: float, threshold: float, lapse: float, return_rate: float,
              entry_age: float, exit_age: float, awareness: tuple[float, float, float] | None = None) -> np.ndarray:
    """The ``rates`` array (:data:`RATES`) of one variant, float64 (N_RATES,); ``awareness``
    (decay, word of mouth, initial share) turns the awareness stock on."""
    row = np.zeros(N_RATES)
    if awareness is not None:
        row[RATE_STOCK:RATE_AWARENESS + 1] = (1.0,) + tuple(awareness)
    row[RATE_BETA_BELOW], row[RATE_BETA_ABOVE], row[RATE_THRESHOLD] = beta_below, beta_above, threshold
    row[RATE_LAPSE], row[RATE_RETURN] = lapse, return_rate
    row[RATE_ENTRY_AGE], row[RATE_EXIT_AGE] = entry_age, exit_age
    return row


@kernel(fastmath=True)
def _chunk(k, chunks, cells, years, rates, stocks, sums):
    """Project the cells of chunk ``k`` over all years (see the module docstring): with
    ``chunks = (order, starts, slabs)``, the cells ``order[starts[k]:starts[k + 1]]`` (the
    cells ranked by income group), summed into slab ``slabs[k]`` of the outputs.
    ``stocks`` = (members, lapsed) at the start, ``sums`` = (out, extra, by_class), the outputs.

    Each year and sex runs in passes over the ages, each a loop without branches that the
    compiler can vectorise: age the stocks into scratch rows, retire the oldest, form the
    hazard and transfer cap at each age, then update the stocks and add them to the sums.
    """
    eta, weight, group, klass, pattern, member = cells
    members, lapsed = stocks
    out, extra, by_class = sums
    income, scale, pool_by_member, survival_by_member, transfers_by_member, shift, lapse_rate, return_rate, \
        inflow, per_reach = years
    n_cells, n_sex, n_age = weight.shape
    n_years = income.shape[0]
    order, starts, slabs = chunks
    first, last = starts[k], starts[k + 1]
    acc = out[slabs[k]]
    acc2 = extra[slabs[k]]
    acc3 = by_class[slabs[k]]
    detail = acc3.shape[2] > 0
    n_pat = scale.shape[2]
    one_pattern = n_pat == 1
    aged_members = np.zeros(n_age)
    aged_lapsed = np.zeros(n_age)
    hazard = np.zeros(n_age)
    transfer_cap = np.zeros(n_age)
    lapse_at = np.zeros(n_age)
    return_at = np.zeros(n_age)
    stock = np.zeros(n_pat)      # the cell's awareness by pattern
    scale_now = np.zeros(n_pat)  # the hazard's scale of the year by pattern
    joins_at = np.zeros(n_age)
    for rank in range(first, last):
        c = order[rank]
        g = group[c]
        q = klass[c]
        b = member[c]  # the batch member (variant) the cell belongs to: its rates and people
        pool, survival, transfers = pool_by_member[b], survival_by_member[b], transfers_by_member[b]
        threshold = rates[b, RATE_THRESHOLD]
        stock_on = rates[b, RATE_STOCK] != 0.0
        keep, mouth = 1.0 - rates[b, RATE_DECAY], rates[b, RATE_WORD_OF_MOUTH]
        stock[:] = rates[b, RATE_AWARENESS]
        join_from = min(max(int(np.ceil(rates[b, RATE_ENTRY_AGE])), 0), n_age)   # first age a >= entry age
        retire_from = min(max(int(np.ceil(rates[b, RATE_EXIT_AGE])), 0), n_age)  # first age a >= exit age
        # Ages below `youngest` hold nobody and receive nobody (joins start at the entry
        # age, and people only grow older), and after the first year nobody is left above
        # the exit age: skipping those ages leaves every sum unchanged.
        youngest = join_from
        for s in range(n_sex):
            for a in range(youngest):
                if members[c, s, a] != 0.0 or lapsed[c, s, a] != 0.0:
                    youngest = a
                    break
        for t in range(n_years):
            y = income[t, c]
            row = 0 if y < threshold else 1
            beta = rates[b, RATE_BETA_ABOVE] if row == 1 else rates[b, RATE_BETA_BELOW]
            oldest = n_age - 1 if t == 0 else min(retire_from, n_age - 1)
            # age windows [from, to): everyone, the active, the eligible, the retiring
            lo, hi = youngest, oldest + 1
            active = max(min(retire_from, hi), lo)
            eligible = min(max(join_from, lo), active)
            retiring = max(retire_from, lo)
            aged_from = max(lo, 1)
            if stock_on:
                spread = 1.0  # the unaware who stay so after word of mouth
                if mouth != 0.0:
                    workers = 0.0
                    known = 0.0
                    for s in range(n_sex):
                        for a in range(n_age):
                            workers += pool[t, s, a] * weight[c, s, a]
                            known += members[c, s, a]
                    spread = 1.0 - mouth * (min(known / workers, 1.0) if workers > 0.0 else 0.0)
                for p in range(n_pat):
                    stock[p] = 1.0 - (1.0 - keep * stock[p]) * (1.0 - inflow[t, c, p]) * spread
                    r = per_reach[t, c, p]
                    scale_now[p] = min(scale[t, c, p] + r * stock[p], min(r, 1.0))
            else:  # the flow model: the scale as given
                for p in range(n_pat):
                    scale_now[p] = scale[t, c, p]
            for s in range(n_sex):
                # Loops run over views of the window with an index from 0, which the
                # compiler knows to be non-negative: that is what lets it vectorise them.
                m = members[c, s]
                x = lapsed[c, s]
                alive = survival[t, s]
                # ageing: the stocks at a-1 (and in the open group) survive to age a
                m_from, x_from, s_from = m[aged_from - 1:hi - 1], x[aged_from - 1:hi - 1], alive[aged_from - 1:hi - 1]
                m_to, x_to = aged_members[aged_from:hi], aged_lapsed[aged_from:hi]
                for i in range(hi - aged_from):
                    m_to[i] = m_from[i] * s_from[i]
                    x_to[i] = x_from[i] * s_from[i]
                if lo == 0:
                    aged_members[0] = 0.0
                    aged_lapsed[0] = 0.0
                if oldest == n_age - 1 and oldest >= lo:
                    aged_members[oldest] += m[oldest] * alive[oldest]
                    aged_lapsed[oldest] += x[oldest] * alive[oldest]
                # retirement at and above the exit age
                retired = 0.0
                out_m, out_x, leaving = m[retiring:hi], x[retiring:hi], aged_members[retiring:hi]
                for i in range(hi - retiring):
                    retired += leaving[i]
                    out_m[i] = 0.0
                    out_x[i] = 0.0
                # hazard, transfer cap and lapse rate by age (no hazard below the entry age)
                hazard[lo:eligible] = 0.0
                transfer_cap[lo:eligible] = 0.0
                h_at, cap_at = hazard[eligible:active], transfer_cap[eligible:active]
                eta_at = eta[row, c, s, eligible:active]
                moving, share_at = transfers[t, s, eligible:active], weight[c, s, eligible:active]
                for i in range(active - eligible):
                    cap_at[i] = moving[i] * share_at[i]
                if one_pattern:
                    index = beta * y + shift[t, c, 0]
                    reach = scale_now[0]
                    for i in range(active - eligible):
                        h_at[i] = reach * normal_cdf(eta_at[i] + index)
                    lapse_at[lo:active] = lapse_rate[t, c, 0]
                    return_at[lo:active] = return_rate[t, c, 0]
                else:
                    p_at = pattern[s, eligible:active]
                    for i in range(active - eligible):
                        p = p_at[i]
                        h_at[i] = scale_now[p] * normal_cdf(eta_at[i] + beta * y + shift[t, c, p])
                    for a in range(lo, active):
                        lapse_at[a] = lapse_rate[t, c, pattern[s, a]]
                        return_at[a] = return_rate[t, c, pattern[s, a]]
                # the year's flows and the new stocks, over the active ages
                lapsed_stock = 0.0  # summed over ages, added to `extra` once per year and sex
                n = active - lo
                ma_at, xa_at, h_at, cap_at = aged_members[lo:active], aged_lapsed[lo:active], hazard[lo:active], transfer_cap[lo:active]
                l_at, j_at, m_at, x_at = lapse_at[lo:active], joins_at[lo:active], m[lo:active], x[lo:active]
                r_at = return_at[lo:active]
                people, share = pool[t, s, lo:active], weight[c, s, lo:active]
                sum_members = acc[t, Q_MEMBERS, g, s, lo:active]
                sum_joins = acc[t, Q_JOINS, g, s, lo:active]
                sum_transfers = acc[t, Q_TRANSFERS, g, s, lo:active]
                sum_returns = acc[t, Q_RETURNS, g, s, lo:active]
                sum_lapses = acc[t, Q_LAPSES, g, s, lo:active]
                for i in range(n):
                    ma = ma_at[i]
                    xa = xa_at[i]
                    h = h_at[i]
                    non = max(people[i] * share[i] - ma - xa, 0.0)
                    lapses = l_at[i] * ma
                    x1 = xa + lapses
                    returns = (r_at[i] + (1.0 - r_at[i]) * h) * x1
                    joins = h * non
                    moved = min(cap_at[i], non - joins)
                    new_members = ma - lapses + returns + joins + moved
                    m_at[i] = new_members
                    x_at[i] = x1 - returns
                    j_at[i] = joins
                    sum_members[i] += new_members
                    sum_joins[i] += joins
                    sum_transfers[i] += moved
                    sum_returns[i] += returns
                    sum_lapses[i] += lapses
                    lapsed_stock += x1 - returns
                if detail:
                    class_members, class_joins = acc3[t, 0, q, s, lo:active], acc3[t, 1, q, s, lo:active]
                    for i in range(n):
                        class_members[i] += m_at[i]
                        class_joins[i] += j_at[i]
                acc2[t, Q_RETIREMENTS - N_BY_AGE, g] += retired
                acc2[t, Q_LAPSED - N_BY_AGE, g] += lapsed_stock


@kernel(parallel=True)
def _run_parallel(chunks, cells, years, rates, stocks, sums):
    for k in prange(chunks[2].size):
        _chunk(np.int64(k), chunks, cells, years, rates, stocks, sums)


def _run_serial(chunks, cells, years, rates, stocks, sums):
    """The chunks one after the other, each a call of the compiled :func:`_chunk` (a
    compiled loop around it would compile it a second time on a first run)."""
    for k in range(chunks[2].size):
        _chunk(k, chunks, cells, years, rates, stocks, sums)


def complete_inputs(cells, years, rates):
    """The kernel's full inputs from the short forms: ``cells`` (eta, weight, group[, klass,
    pattern]) and ``years`` (income, scale, pool, survival, transfers[, shift, lapse, return,
    inflow, per_reach]) with ``scale`` (T, C) or (T, C, P). Missing items: one class and one
    pattern (all 0), no shift, ``rates[RATE_LAPSE]`` and ``rates[RATE_RETURN]`` everywhere, no
    inflow, a ``per_reach`` of 1. Returns contiguous float64 / int64 arrays for a batch of
    one: every cell's ``member`` is 0; ``pool``, ``survival``, ``transfers`` and ``rates``
    gain a leading batch axis of length 1."""
    eta, weight, group, *more = cells
    weight = np.ascontiguousarray(weight, dtype=np.float64)
    n_cells, n_sex, n_age = weight.shape
    klass = more[0] if len(more) > 0 else np.zeros(n_cells, dtype=np.int64)
    pattern = more[1] if len(more) > 1 else np.zeros((n_sex, n_age), dtype=np.int64)
    cells = (np.ascontiguousarray(eta, dtype=np.float64), weight, np.ascontiguousarray(group, dtype=np.int64),
             np.ascontiguousarray(klass, dtype=np.int64), np.ascontiguousarray(pattern, dtype=np.int64),
             np.zeros(n_cells, dtype=np.int64))
    income, scale, pool, survival, transfers, *rest = years
    scale = np.asarray(scale, dtype=np.float64)
    if scale.ndim == 2:
        scale = scale[:, :, None]
    shape = scale.shape
    shift = rest[0] if len(rest) > 0 else np.zeros(shape)
    lapse = rest[1] if len(rest) > 1 else np.full(shape, float(rates[RATE_LAPSE]))
    back = rest[2] if len(rest) > 2 else np.full(shape, float(rates[RATE_RETURN]))
    inflow = rest[3] if len(rest) > 3 else np.zeros(shape)
    per_reach = rest[4] if len(rest) > 4 else np.ones(shape)
    years = tuple(np.ascontiguousarray(np.broadcast_to(a, shape) if i >= 5 else a, dtype=np.float64)
                  for i, a in enumerate((income, scale, np.asarray(pool)[None], np.asarray(survival)[None],
                                         np.asarray(transfers)[None], shift, lapse, back, inflow, per_reach)))
    return cells, years, np.ascontiguousarray(np.asarray(rates, dtype=np.float64)[None])


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
    years : tuple (income, scale, pool, survival, transfers[, shift, lapse, return, inflow, per_reach])
        ``income`` (T, C) LAK/month at 2020 prices; ``scale`` (T, C) or (T, C, P) reach x
        friction x affordability (by pattern); ``pool`` (T, 2, A) informal workers at 31
        December; ``survival`` (T, 2, A) share aged a at the start of the year alive at its
        end; ``transfers`` (T, 2, A) persons continuing voluntarily from enterprise jobs;
        optional ``shift`` (T, C, P) added to the probit index (default 0), ``lapse`` and
        ``return`` (T, C, P) lapse and return rates (default ``rates[RATE_LAPSE]``,
        ``rates[RATE_RETURN]``), ``inflow`` (T, C, P) outreach feeding the awareness stock
        (default 0) and ``per_reach`` (T, C, P) the scale per unit of reach (default 1).
    rates : (N_RATES,) float, columns :data:`RATES` (:func:`rates_row`).
    members0, lapsed0 : (C, 2, A) persons at the end of the year before the first.
    n_groups : number of income groups ``G``.
    parallel : force the parallel (True) or serial (False) kernel; default by size.
    n_classes : number of policy classes ``K``; when positive, ``by_class`` is returned too.

    Returns
    -------
    out : (T, 5, G, 2, A) members at 31 December, joins, transfers, returns and lapses in
        the year, persons.
    extra : (T, 2, G) lapsed at 31 December and retirements (per year), persons:
        :data:`QUANTITIES` after the first five.
    members, lapsed : (C, 2, A) state at the end of the last year.
    by_class : (T, 2, K, 2, A) members at 31 December and joins in the year by policy
        class, persons (only when ``n_classes`` > 0).
    """
    cells, years, rates = complete_inputs(cells, years, rates)
    return project_complete(cells, years, rates, (members0, lapsed0), n_groups, parallel, n_classes)


def project_complete(cells, years, rates, state0, n_groups: int, parallel: bool | None, n_classes: int,
                     sizes=None):
    """Run the kernel on complete inputs (:func:`complete_inputs`, or a stacked batch of
    variants of ``sizes`` cells each, their groups numbered apart: see :func:`chunking`),
    from ``state0 = (members0, lapsed0)``; returns what :func:`project_enrolment` does."""
    members = np.array(state0[0], dtype=np.float64, order="C")
    lapsed = np.array(state0[1], dtype=np.float64, order="C")
    n_cells, n_sex, n_age = cells[1].shape
    n_years = years[0].shape[0]
    starts, slabs = chunking([n_cells] if sizes is None else sizes)
    n_slabs = int(slabs.max()) + 1 if slabs.size else 1
    out = np.zeros((n_slabs, n_years, N_BY_AGE, n_groups, n_sex, n_age))
    extra = np.zeros((n_slabs, n_years, len(QUANTITIES) - N_BY_AGE, n_groups))
    by_class = np.zeros((n_slabs, n_years, 2, int(n_classes), n_sex, n_age))
    if parallel is None:
        parallel = n_cells * n_years >= PARALLEL_THRESHOLD
    # each cell reads its years in turn: (T, C[, P]) inputs laid out year-fastest (a cell's
    # years adjacent), else every read of a large table missed the cache (7.0 s, not 3.3 s,
    # for 57,600 cells)
    years = tuple(np.asfortranarray(a) if i in BY_CELL else a for i, a in enumerate(years))
    # visit the cells income group by income group, so that the running sums of one group
    # stay in cache while its cells are projected (a stable order: the same on every run)
    chunks = (np.argsort(cells[2], kind="mergesort").astype(np.int64), starts, slabs)
    (_run_parallel if parallel else _run_serial)(chunks, cells, years, rates, (members, lapsed), (out, extra, by_class))
    result = (out.sum(axis=0), extra.sum(axis=0), members, lapsed)
    return result + (by_class.sum(axis=0),) if n_classes else result
