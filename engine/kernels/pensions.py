"""Insured persons in two states by age and completed years of service, and old-age pensioners.

One *unit* is a population followed on its own (a scheme and sex, of one variant). Its
state at 31 December is

- active insured (contributors) ``n[a, k]`` aged ``a`` with ``k`` completed years of
  contribution (``k = K - 1`` is the open group "K - 1 years or more"), the sum ``e[a, k]``
  of their past monthly insurable earnings, one value per year of contribution, revalued to
  the current year (LAK per month x years; a person's average is ``e / (n k)``), and
  ``g[a, k]`` of them *protected* (insured before the rule change: they keep the protected
  minimum service);
- inactive insured ``m[a, k]``, ``f[a, k]``, ``h[a, k]``: the same for insured persons who
  stopped paying; they keep their service and revalued earnings and may return;
- old-age pensioners ``p[a]``, the sum of their monthly pensions ``q[a]`` (LAK) and the part
  of it earned before a legacy date ``l[a]`` (:data:`RULES` ``legacy_years``).

One year t takes the state from 31 December t-1 to 31 December t, in this order:

1. revaluation and ageing: ``e, f *= rev[t]``, pensions ``q, l *= idx[t]``; everyone aged
   ``a`` survives to ``a + 1`` with probability ``S[t, a]`` (the open age group stays).
   Deaths of insured persons (active or inactive) with ``k >= survivor_min`` are counted
   with their average earnings ``(1 - S) e / k``; deaths of pensioners with their pensions;
2. disability, below the pension age ``x_r``: a share ``d[t, a]`` of active insured with
   ``k >= disability_min`` leave with their average earnings ``e / k``;
3. flows between the states, at each age, with ``A`` active and ``I`` inactive insured:
   lapses ``L = min(lapses[t, a], A)`` move a share ``L / A`` of every active cell to the
   inactive; returns ``R = min(returns[t, a], I)`` move a share ``R / I`` back. The rest
   of the gap to the contributing members ``M[t, a]``, ``D = M - A``, is closed by net
   flows: if ``D > 0``, a share ``reentry`` of it from the inactive (at most ``I``) and
   the rest as new entrants at ``k = 0`` (protected if ``protect_entrants``); if
   ``D < 0``, a share ``-D / A`` of every active cell becomes inactive (leavers);
4. retirement, at ages ``a >= x_r``: every inactive insured person retires (contributors
   defer). A person with ``k >= k_min`` (``k_min_protected`` if protected) gets a
   monthly pension ``max(min(c k, m) x max(0, 1 - rho max(0, k_full - k)) x e / k,
   P_min)`` (accrual ``c``, maximum ``m``, reduction ``rho`` per year short of
   ``k_full`` - the protected's own full service for them -, minimum pension ``P_min``);
   the part ``clip((k - legacy_years) / k, 0, 1)`` of it is counted as legacy. Others
   receive a lump sum of ``L x e`` (``L`` months per year of contribution);
5. service credits: a share ``density`` of each active cell moves from ``k`` to ``k + 1``
   (the open group stays) and adds this year's monthly insurable earnings ``w[t, a]``.

Yearly rules (array ``rules[t, :]``, columns :data:`RULES`) let every rule change over time.
Outputs per year (:data:`OUTPUTS`): active and inactive insured persons, pensioners, monthly
pension amounts and their legacy part by age, the year's deaths by age (for survivors'
pensions), and the totals :data:`TOTALS`.
:func:`engine.funds.reference.project_service_reference` states the same step with
whole-array numpy operations.
"""

from __future__ import annotations

import numpy as np

from engine.kernels.jit import kernel, prange
from engine.kernels.pension_columns import (
    N_TOTALS, OUTPUTS, PATHS, R_ACCRUAL, R_DENSITY, R_DISABILITY_MIN, R_FULL_SERVICE, R_INDEXATION,
    R_LEGACY, R_LUMP_SUM, R_MAX_REPLACEMENT, R_MIN_PENSION, R_MIN_SERVICE, R_PENSION_AGE, R_PROTECT,
    R_PROTECTED_FULL, R_PROTECTED_MIN, R_REDUCTION, R_REENTRY, R_REVALUATION, R_SURVIVOR_MIN, STATE,
    T_AMOUNT_START, T_DEATHS, T_DEATHS_EARNINGS, T_DEFERRING, T_DISABLED, T_DISABLED_EARNINGS, T_ENTRANTS,
    T_LAPSES, T_LEAVERS, T_LEGACY_NEW, T_LEGACY_START, T_LUMP, T_LUMP_AMOUNT, T_NEW, T_NEW_AMOUNT,
    T_PENSIONER_DEATHS, T_PENSIONER_DEATHS_AMOUNT, T_RETURNS, T_SERVICE)

@kernel()
def _highest_service(n, e, m, f, occ):
    """``occ[a]``: the highest service index with persons or earnings at age a (-1: none)."""
    for a in range(n.shape[0]):
        occ[a] = -1
        for k in range(n.shape[1] - 1, -1, -1):
            if n[a, k] != 0.0 or e[a, k] != 0.0 or m[a, k] != 0.0 or f[a, k] != 0.0:
                occ[a] = k
                break


@kernel()
def _pension(full_rate, k, k_full, reduction, minimum):
    """Monthly pension of one person: ``max(full_rate x max(0, 1 - reduction x max(0,
    k_full - k)), minimum)``, ``full_rate`` the unreduced pension (LAK per month)."""
    short = k_full - k
    factor = 1.0 - reduction * short if short > 0.0 else 1.0
    if factor < 0.0:
        factor = 0.0
    each = full_rate * factor
    return each if each > minimum else minimum


@kernel()
def _move(share, source, target, a, hi):
    """Move a share of every service cell of age ``a`` (up to ``hi``) from one state to
    another; a state is a (3, A, K) array of persons, earnings and protected persons."""
    for i in range(3):
        for k in range(hi + 1):
            x = source[i, a, k] * share
            source[i, a, k] -= x
            target[i, a, k] += x


@kernel()
def _age_state(state, aged, survival_t, r, occ, tot, deaths_t, earnings_t):
    """Revalue (by the year's rules ``r``) and age one (3, A, K) state of persons, earnings
    and protected persons into ``aged`` (zeroed), counting qualifying deaths in the totals
    and by age at the year's start (``deaths_t``, ``earnings_t``)."""
    rev = r[R_REVALUATION]
    k_surv = r[R_SURVIVOR_MIN]
    last = state.shape[1] - 1
    for a in range(state.shape[1]):
        s = survival_t[a]
        dest = a + 1 if a < last else last
        for k in range(occ[a] + 1):
            x = state[0, a, k]
            y = state[1, a, k] * rev
            aged[0, dest, k] += x * s
            aged[1, dest, k] += y * s
            aged[2, dest, k] += state[2, a, k] * s
            if k >= k_surv and k > 0:
                tot[T_DEATHS] += x * (1.0 - s)
                tot[T_DEATHS_EARNINGS] += y * (1.0 - s) / k
                deaths_t[a] += x * (1.0 - s)
                earnings_t[a] += y * (1.0 - s) / k


@kernel()
def _project_unit(u, insured0, pensioners0, paths, unit_rules, outs, unit_totals):
    """Project unit ``u`` of a batch over all years, writing into its outputs.

    ``insured0[u]`` (2, 3, A, K) = ((n, e, g), (m, f, h)) and ``pensioners0[u]`` (3, A) =
    (p, q, l) at 31 December of the base year; ``paths[u]`` (6, T, A) = (survival, active,
    lapses, returns, earnings, disability); ``unit_rules[u]`` (T, len(RULES)); ``outs[:, u]``
    the (T, A) outputs in the order of :data:`OUTPUTS` and ``unit_totals[u]`` (T, len(TOTALS)).
    Plain arrays rather than tuples of them, and element loops rather than slices assigned
    from arrays (such an assignment compiles numba's shape-error message: some 2 s on a
    first run)."""
    insured, inactive, pensioners, amounts = outs[0, u], outs[1, u], outs[2, u], outs[3, u]
    legacy, deaths, deaths_earnings = outs[4, u], outs[5, u], outs[6, u]
    pensioner_deaths, pensioner_deaths_amount = outs[7, u], outs[8, u]
    survival, active, lapses, returns = paths[u, 0], paths[u, 1], paths[u, 2], paths[u, 3]
    earnings, disability = paths[u, 4], paths[u, 5]
    rules, totals = unit_rules[u], unit_totals[u]
    n_age, n_svc = insured0.shape[3], insured0.shape[4]
    last = n_age - 1
    top = n_svc - 1
    # the active and inactive insured, each (3, A, K): persons, earnings, protected persons
    insured_now, inactive_now = np.empty((3, n_age, n_svc)), np.empty((3, n_age, n_svc))
    p, q, l = np.empty(n_age), np.empty(n_age), np.empty(n_age)
    for i in range(3):
        for a in range(n_age):
            for k in range(n_svc):
                insured_now[i, a, k] = insured0[u, 0, i, a, k]
                inactive_now[i, a, k] = insured0[u, 1, i, a, k]
    for a in range(n_age):
        p[a], q[a], l[a] = pensioners0[u, 0, a], pensioners0[u, 1, a], pensioners0[u, 2, a]
    insured_next, inactive_next = np.empty_like(insured_now), np.empty_like(inactive_now)
    p2, q2, l2 = np.empty_like(p), np.empty_like(q), np.empty_like(l)
    occ = np.empty(n_age, dtype=np.int64)         # highest service index that may be occupied
    occ2 = np.empty(n_age, dtype=np.int64)
    _highest_service(insured_now[0], insured_now[1], inactive_now[0], inactive_now[1], occ)
    for t in range(survival.shape[0]):
        n2, e2, g2 = insured_next[0], insured_next[1], insured_next[2]
        m2, f2, h2 = inactive_next[0], inactive_next[1], inactive_next[2]
        r = rules[t]
        idx = r[R_INDEXATION]
        x_r = int(r[R_PENSION_AGE])
        tot = totals[t]
        tot[:] = 0.0
        insured_next[:, :, :] = 0.0
        inactive_next[:, :, :] = 0.0
        p2[:] = 0.0
        q2[:] = 0.0
        l2[:] = 0.0
        # 1. revaluation, survival and ageing
        deaths[t, :] = 0.0
        deaths_earnings[t, :] = 0.0
        _age_state(insured_now, insured_next, survival[t], r, occ, tot, deaths[t], deaths_earnings[t])
        _age_state(inactive_now, inactive_next, survival[t], r, occ, tot, deaths[t], deaths_earnings[t])
        occ2[0] = -1                                  # nobody is aged 0 after ageing
        for a in range(1, n_age):
            occ2[a] = occ[a - 1]
        occ2[last] = max(occ[last - 1], occ[last])
        for a in range(n_age):
            s = survival[t, a]
            dest = a + 1 if a < last else last
            y = q[a] * idx
            z = l[a] * idx
            tot[T_AMOUNT_START] += y
            tot[T_LEGACY_START] += z
            p2[dest] += p[a] * s
            q2[dest] += y * s
            l2[dest] += z * s
            tot[T_PENSIONER_DEATHS] += p[a] * (1.0 - s)
            tot[T_PENSIONER_DEATHS_AMOUNT] += y * (1.0 - s)
            pensioner_deaths[t, a] = p[a] * (1.0 - s)
            pensioner_deaths_amount[t, a] = y * (1.0 - s)
        below = x_r if x_r < n_age else n_age
        # 2. disability of active insured below the pension age
        k_dis = r[R_DISABILITY_MIN]
        for a in range(below):
            rate = disability[t, a]
            for k in range(occ2[a] + 1):
                if k >= k_dis and k > 0:
                    x = n2[a, k] * rate
                    y = e2[a, k] * rate
                    tot[T_DISABLED] += x
                    tot[T_DISABLED_EARNINGS] += y / k
                    n2[a, k] -= x
                    e2[a, k] -= y
                    g2[a, k] -= g2[a, k] * rate
        for a in range(n_age):
            hi = occ2[a]
            # 3. flows between active and inactive insured, and entrants
            act = 0.0
            ina = 0.0
            for k in range(hi + 1):
                act += n2[a, k]
                ina += m2[a, k]
            lapsing = min(lapses[t, a], act)
            if lapsing > 0.0:
                _move(lapsing / act, insured_next, inactive_next, a, hi)
                act -= lapsing
                ina += lapsing
                tot[T_LAPSES] += lapsing
            back = min(returns[t, a], ina)
            if back > 0.0:
                _move(back / ina, inactive_next, insured_next, a, hi)
                act += back
                ina -= back
                tot[T_RETURNS] += back
            gap = active[t, a] - act
            if gap > 0.0:
                back = min(r[R_REENTRY] * gap, ina)
                if back > 0.0:
                    _move(back / ina, inactive_next, insured_next, a, hi)
                    ina -= back
                    gap -= back
                    tot[T_RETURNS] += back
                n2[a, 0] += gap
                g2[a, 0] += gap * r[R_PROTECT]
                tot[T_ENTRANTS] += gap
                if hi < 0:
                    hi = 0
            elif gap < 0.0 and act > 0.0:
                share = min(-gap / act, 1.0)
                _move(share, insured_next, inactive_next, a, hi)
                tot[T_LEAVERS] += act * share
            # 4. retirement of the inactive at and above the pension age
            if a >= x_r:
                tot[T_DEFERRING] += active[t, a]
                for k in range(hi + 1):
                    x = m2[a, k]
                    y = f2[a, k]
                    m2[a, k] = 0.0
                    f2[a, k] = 0.0
                    if x <= 0.0:
                        h2[a, k] = 0.0
                        continue
                    protected = min(h2[a, k], x)
                    entitled = 0.0
                    amount = 0.0
                    if k > 0:
                        rate = r[R_ACCRUAL] * k
                        if rate > r[R_MAX_REPLACEMENT]:
                            rate = r[R_MAX_REPLACEMENT]
                        rate *= y / (x * k)
                        if k >= r[R_MIN_SERVICE]:
                            entitled += x - protected
                            amount += (x - protected) * _pension(rate, k, r[R_FULL_SERVICE],
                                                                 r[R_REDUCTION], r[R_MIN_PENSION])
                        if k >= r[R_PROTECTED_MIN]:
                            entitled += protected
                            amount += protected * _pension(rate, k, r[R_PROTECTED_FULL],
                                                           r[R_REDUCTION], r[R_MIN_PENSION])
                    if entitled > 0.0:
                        old = (k - r[R_LEGACY]) / k
                        old = 0.0 if old < 0.0 else old
                        p2[a] += entitled
                        q2[a] += amount
                        l2[a] += old * amount
                        tot[T_NEW] += entitled
                        tot[T_NEW_AMOUNT] += amount
                        tot[T_LEGACY_NEW] += old * amount
                    tot[T_LUMP] += x - entitled
                    tot[T_LUMP_AMOUNT] += r[R_LUMP_SUM] * y * (x - entitled) / x
                    h2[a, k] = 0.0
            # 5. service credits of the contributors
            d = r[R_DENSITY]
            w = earnings[t, a]
            first = hi
            if hi == top:
                e2[a, top] += n2[a, top] * d * w
                first = top - 1
            for k in range(first, -1, -1):
                x = n2[a, k] * d
                y = e2[a, k] * d
                z = g2[a, k] * d
                n2[a, k] -= x
                e2[a, k] -= y
                g2[a, k] -= z
                n2[a, k + 1] += x
                e2[a, k + 1] += y + x * w
                g2[a, k + 1] += z
            if d > 0.0 and 0 <= hi < top:
                hi += 1
            while hi >= 0 and n2[a, hi] == 0.0 and e2[a, hi] == 0.0 and m2[a, hi] == 0.0 \
                    and f2[a, hi] == 0.0:
                hi -= 1
            occ2[a] = hi
        # outputs; the new state becomes the current one
        for a in range(n_age):
            act = 0.0
            ina = 0.0
            for k in range(occ2[a] + 1):
                act += n2[a, k]
                ina += m2[a, k]
                tot[T_SERVICE] += (n2[a, k] + m2[a, k]) * k
            insured[t, a] = act
            inactive[t, a] = ina
            pensioners[t, a] = p2[a]
            amounts[t, a] = q2[a]
            legacy[t, a] = l2[a]
        insured_now, insured_next = insured_next, insured_now
        inactive_now, inactive_next = inactive_next, inactive_now
        p, p2 = p2, p
        q, q2 = q2, q
        l, l2 = l2, l
        occ, occ2 = occ2, occ


@kernel(parallel=True)
def _project_parallel(insured0, pensioners0, paths, rules, outs, totals):
    for u in prange(rules.shape[0]):
        _project_unit(u, insured0, pensioners0, paths, rules, outs, totals)


PARALLEL_THRESHOLD = 16
"""Batches with fewer units than this run serially: starting threads costs more than the work."""

def project_service(state: dict, paths: dict, rules, parallel: bool | None = None) -> dict:
    """Project a batch of independent units; see the module docstring for the formulas.

    Parameters
    ----------
    state : mapping of :data:`STATE` to arrays at 31 December of the base year: insured
        persons (U, A, K), their summed revalued monthly insurable earnings (LAK per month x
        years) and the protected among them, for the active and inactive; old-age
        pensioners, their monthly pensions and its legacy part (LAK), (U, A).
    paths : mapping of :data:`PATHS` to (U, T, A) arrays: the probability that a person
        aged a at the start of year t is alive at its end (aged a + 1; the open age group
        stays); contributing members at 31 December; lapses and returns in the year
        (persons; zero where only net flows are known); monthly insurable earnings of a
        contributor (LAK); new disability pensions per active insured person.
    rules : (U, T, len(RULES)) yearly rules, columns :data:`RULES`.
    parallel : force the parallel (True) or serial (False) kernel; by default parallel
        from :data:`PARALLEL_THRESHOLD` units.

    Returns
    -------
    A dict of :data:`OUTPUTS`, each (U, T, A), and ``totals`` (U, T, len(TOTALS)).
    """
    rules = np.ascontiguousarray(rules, dtype=np.float64)
    n_units, n_years, n_age = np.shape(paths[PATHS[0]])
    n_svc = np.shape(state[STATE[0]])[-1]
    insured0 = np.empty((n_units, 2, 3, n_age, n_svc))
    pensioners0 = np.empty((n_units, 3, n_age))
    for j, name in enumerate(STATE[:6]):
        insured0[:, j // 3, j % 3] = state[name]
    for j, name in enumerate(STATE[6:]):
        pensioners0[:, j] = state[name]
    path_arrays = np.empty((n_units, len(PATHS), n_years, n_age))
    for j, name in enumerate(PATHS):
        path_arrays[:, j] = paths[name]
    outs = np.empty((len(OUTPUTS), n_units, n_years, n_age))
    totals = np.empty((n_units, n_years, N_TOTALS))
    if parallel is None:
        parallel = n_units >= PARALLEL_THRESHOLD
    if parallel:
        _project_parallel(insured0, pensioners0, path_arrays, rules, outs, totals)
    else:  # unit by unit from here: a serial kernel around the unit's would compile it again
        for u in range(n_units):
            _project_unit(u, insured0, pensioners0, path_arrays, rules, outs, totals)
    return dict(zip(OUTPUTS, outs)) | {"totals": totals}
