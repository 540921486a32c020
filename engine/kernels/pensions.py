"""Insured persons by age and completed years of service, and old-age pensioners by age.

One *unit* is a population followed on its own (a scheme and sex, of one variant). Its
state at 31 December is

- ``n[a, k]`` insured persons aged ``a`` with ``k`` completed years of contribution
  (``k = K - 1`` is the open group "K - 1 years or more");
- ``e[a, k]`` the sum over those persons of their past monthly insurable earnings, one
  value per year of contribution, revalued to the current year (LAK per month x years),
  so that a person's average revalued insurable earnings are ``e / (n k)``;
- ``p[a]`` old-age pensioners and ``q[a]`` the sum of their monthly pensions (LAK).

One year t takes the state from 31 December t-1 to 31 December t, in this order:

1. revaluation and ageing: ``e *= rev[t]``, pensions ``q *= idx[t]``; everyone aged ``a``
   survives to ``a + 1`` with probability ``S[t, a]`` (the open age group stays). Deaths of
   insured persons with ``k >= survivor_min`` are counted with their average earnings
   ``(1 - S) e / k``; deaths of pensioners with their pensions;
2. disability, below the pension age ``x_r``: a share ``d[t, a]`` of insured persons with
   ``k >= disability_min`` leave with their average earnings ``e / k``;
3. contributions: with ``M[t, a]`` contributing members and ``I = sum_k n[a, k]`` insured
   persons, if ``M > I`` then ``M - I`` new entrants join at ``k = 0`` and every insured
   person contributes; otherwise a share ``M / I`` of each service cell contributes;
4. retirement, at ages ``a >= x_r``: the insured persons who do not contribute (the share
   ``1 - M / I`` of each cell) retire; those who still contribute defer their retirement.
   A retiring cell with ``k >= k_min`` adds its persons to the pensioners and a monthly
   amount ``min(c k, m) x max(0, 1 - rho max(0, k_full - k)) x e / k`` (accrual ``c``,
   maximum ``m``, reduction ``rho`` per year short of ``k_full``); otherwise it receives a
   lump sum of ``L x e`` (``L`` months per year of contribution x years x average earnings);
5. service credits: contributors move from ``k`` to ``k + 1`` (the open group stays) and
   add this year's monthly insurable earnings ``w[t, a]`` to ``e``.

Yearly rules (array ``rules[t, :]``, columns :data:`RULES`) let every rule change over time.
Outputs per year: insured persons, pensioners and monthly pension amounts by age, and the
totals :data:`TOTALS`. :func:`engine.funds.reference.project_service_reference` states the
same step with whole-array numpy operations.
"""

from __future__ import annotations

import numpy as np

from engine.kernels import kernel, prange

RULES: tuple[str, ...] = (
    "revaluation", "indexation", "pension_age", "minimum_service", "accrual_rate",
    "max_replacement", "full_service", "reduction_per_missing_year", "lump_sum_months",
    "survivor_minimum_service", "disability_minimum_service",
)
"""Columns of the yearly rules array: revaluation and indexation factors (ratio to the year
before), pension age (years, whole), minimum service for a pension (years, whole), accrual
rate, maximum replacement, full service (years), reduction per missing year, lump-sum
months per year of service, minimum service for survivors' and disability benefits."""

TOTALS: tuple[str, ...] = (
    "new_pensioners", "new_pension_amount", "lump_sums", "lump_sum_amount",
    "disabled", "disabled_earnings", "insured_deaths", "insured_deaths_earnings",
    "pensioner_deaths", "pensioner_deaths_amount", "entrants", "service_years",
    "pension_amount_start", "contributors_over_pension_age",
)
"""Columns of the yearly totals: new old-age pensioners (persons) and their monthly pensions
(LAK); lump sums (persons, LAK); new disabled persons and the sum of their average monthly
earnings (LAK); deaths of insured persons qualifying for survivors' benefits and the sum of
their average monthly earnings; deaths of pensioners and their monthly pensions; new
entrants (persons); completed years of service of the insured at 31 December; monthly
pensions at the start of the year after indexation (LAK, before deaths); contributing
members at or above the pension age, who defer their retirement (persons)."""

N_RULES, N_TOTALS = len(RULES), len(TOTALS)


@kernel()
def _highest_service(n, e, occ):
    """``occ[a]``: the highest service index with persons or earnings at age a (-1: none)."""
    for a in range(n.shape[0]):
        occ[a] = -1
        for k in range(n.shape[1] - 1, -1, -1):
            if n[a, k] != 0.0 or e[a, k] != 0.0:
                occ[a] = k
                break


@kernel()
def _project_unit(n0, e0, p0, q0, survival, active, earnings, disability, rules,
                  insured, pensioners, amounts, totals):
    """Project one unit over all years, writing into the four output arrays.

    Loops over service stop at the highest occupied service of each age (``occ``): the
    cells above it are zero, so skipping them changes no result."""
    n_age, n_svc = n0.shape
    last = n_age - 1
    top = n_svc - 1
    n = n0.copy()
    e = e0.copy()
    p = p0.copy()
    q = q0.copy()
    n2 = np.empty_like(n)
    e2 = np.empty_like(e)
    p2 = np.empty_like(p)
    q2 = np.empty_like(q)
    occ = np.empty(n_age, dtype=np.int64)
    occ2 = np.empty(n_age, dtype=np.int64)
    _highest_service(n, e, occ)
    for t in range(survival.shape[0]):
        rev = rules[t, 0]
        idx = rules[t, 1]
        x_r = int(rules[t, 2])
        k_min = rules[t, 3]
        accrual = rules[t, 4]
        max_rep = rules[t, 5]
        k_full = rules[t, 6]
        reduction = rules[t, 7]
        lump = rules[t, 8]
        k_surv = rules[t, 9]
        k_dis = rules[t, 10]
        tot = totals[t]
        tot[:] = 0.0
        n2[:, :] = 0.0
        e2[:, :] = 0.0
        p2[:] = 0.0
        q2[:] = 0.0
        occ2[:] = -1
        # 1. revaluation, survival and ageing
        for a in range(n_age):
            s = survival[t, a]
            dest = a + 1 if a < last else last
            for k in range(occ[a] + 1):
                x = n[a, k]
                y = e[a, k] * rev
                n2[dest, k] += x * s
                e2[dest, k] += y * s
                if k >= k_surv and k > 0:
                    tot[6] += x * (1.0 - s)
                    tot[7] += y * (1.0 - s) / k
            if occ[a] > occ2[dest]:
                occ2[dest] = occ[a]
            x = p[a]
            y = q[a] * idx
            tot[12] += y
            p2[dest] += x * s
            q2[dest] += y * s
            tot[8] += x * (1.0 - s)
            tot[9] += y * (1.0 - s)
        below = x_r if x_r < n_age else n_age
        # 2. disability below the pension age
        for a in range(below):
            r = disability[t, a]
            for k in range(occ2[a] + 1):
                if k >= k_dis and k > 0:
                    x = n2[a, k] * r
                    y = e2[a, k] * r
                    tot[4] += x
                    tot[5] += y / k
                    n2[a, k] -= x
                    e2[a, k] -= y
        # 3.-5. contributions, retirement of non-contributors at the pension age, credits
        for a in range(n_age):
            m = active[t, a]
            hi = occ2[a]
            if hi < 0 and m <= 0.0:
                continue
            total = 0.0
            for k in range(hi + 1):
                total += n2[a, k]
            if m > total:
                n2[a, 0] += m - total
                tot[10] += m - total
                share = 1.0
                if hi < 0:
                    hi = 0
            elif total > 0.0:
                share = m / total
            else:
                share = 0.0
            if a >= x_r:
                tot[13] += m
                leave = 1.0 - share
                for k in range(hi + 1):
                    x = n2[a, k] * leave
                    y = e2[a, k] * leave
                    if k >= k_min and k > 0:
                        rate = accrual * k
                        if rate > max_rep:
                            rate = max_rep
                        short = k_full - k
                        factor = 1.0 - reduction * short if short > 0.0 else 1.0
                        if factor < 0.0:
                            factor = 0.0
                        amount = rate * factor * y / k
                        p2[a] += x
                        q2[a] += amount
                        tot[0] += x
                        tot[1] += amount
                    else:
                        tot[2] += x
                        tot[3] += lump * y
                    n2[a, k] -= x
                    e2[a, k] -= y
                share = 1.0 if share > 0.0 else 0.0     # every remaining person contributes
            w = earnings[t, a]
            first = hi
            if hi == top:
                x = n2[a, top] * share
                e2[a, top] += x * w
                first = top - 1
            for k in range(first, -1, -1):
                x = n2[a, k] * share
                y = e2[a, k] * share
                n2[a, k] -= x
                e2[a, k] -= y
                n2[a, k + 1] += x
                e2[a, k + 1] += y + x * w
            if share > 0.0 and hi < top:
                hi += 1
            while hi >= 0 and n2[a, hi] == 0.0 and e2[a, hi] == 0.0:
                hi -= 1
            occ2[a] = hi
        # outputs; the new state becomes the current one
        for a in range(n_age):
            total = 0.0
            for k in range(occ2[a] + 1):
                total += n2[a, k]
                tot[11] += n2[a, k] * k
            insured[t, a] = total
            pensioners[t, a] = p2[a]
            amounts[t, a] = q2[a]
        n, n2 = n2, n
        e, e2 = e2, e
        p, p2 = p2, p
        q, q2 = q2, q
        occ, occ2 = occ2, occ


@kernel()
def _project_serial(n0, e0, p0, q0, survival, active, earnings, disability, rules,
                    insured, pensioners, amounts, totals):
    for u in range(n0.shape[0]):
        _project_unit(n0[u], e0[u], p0[u], q0[u], survival[u], active[u], earnings[u],
                      disability[u], rules[u], insured[u], pensioners[u], amounts[u], totals[u])


@kernel(parallel=True)
def _project_parallel(n0, e0, p0, q0, survival, active, earnings, disability, rules,
                      insured, pensioners, amounts, totals):
    for u in prange(n0.shape[0]):
        _project_unit(n0[u], e0[u], p0[u], q0[u], survival[u], active[u], earnings[u],
                      disability[u], rules[u], insured[u], pensioners[u], amounts[u], totals[u])


PARALLEL_THRESHOLD = 16
"""Batches with fewer units than this run serially: starting threads costs more than the work."""


def project_service(n0, e0, p0, q0, survival, active, earnings, disability, rules,
                    parallel: bool | None = None):
    """Project a batch of independent units; see the module docstring for the formulas.

    Parameters
    ----------
    n0, e0 : (U, A, K) insured persons and their summed revalued monthly insurable earnings
        (LAK per month x years) at 31 December of the base year.
    p0, q0 : (U, A) old-age pensioners and the sum of their monthly pensions (LAK).
    survival : (U, T, A) probability that a person aged a at the start of year t is alive
        at its end (aged a + 1; the open age group stays).
    active : (U, T, A) contributing members at 31 December by age (persons).
    earnings : (U, T, A) monthly insurable earnings of a contributing member (LAK).
    disability : (U, T, A) new disability pensions per insured person per year.
    rules : (U, T, len(RULES)) yearly rules, columns :data:`RULES`.
    parallel : force the parallel (True) or serial (False) kernel; by default parallel
        from :data:`PARALLEL_THRESHOLD` units.

    Returns
    -------
    insured, pensioners, amounts : (U, T, A) persons, persons, LAK per month at 31 December.
    totals : (U, T, len(TOTALS)) yearly totals, columns :data:`TOTALS`.
    """
    arrays = [np.ascontiguousarray(x, dtype=np.float64)
              for x in (n0, e0, p0, q0, survival, active, earnings, disability, rules)]
    n_units, n_years, n_age = arrays[4].shape
    insured = np.empty((n_units, n_years, n_age))
    pensioners = np.empty_like(insured)
    amounts = np.empty_like(insured)
    totals = np.empty((n_units, n_years, N_TOTALS))
    if parallel is None:
        parallel = n_units >= PARALLEL_THRESHOLD
    run = _project_parallel if parallel else _project_serial
    run(*arrays, insured, pensioners, amounts, totals)
    return insured, pensioners, amounts, totals
