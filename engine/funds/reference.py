"""A slow, readable numpy implementation of the service-tracking step.

It states the formulas of :mod:`engine.kernels.pensions` with whole-array operations over
all units and ages, one year at a time; the tests and the benchmark check the kernel
against it.
"""

from __future__ import annotations

import numpy as np

from engine.kernels.pension_columns import N_TOTALS, OUTPUTS, PATHS, RULES, STATE, TOTALS

_T = {name: i for i, name in enumerate(TOTALS)}


def _age(x: np.ndarray) -> np.ndarray:
    """Move everyone one age up along axis 1; the open (last) age group keeps its members."""
    out = np.zeros_like(x)
    out[:, 1:] = x[:, :-1]
    out[:, -1] += x[:, -1]
    return out


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.divide(a, b, out=np.zeros_like(a), where=b > 0)


def _move(share, source, target):
    """Move ``share`` (U, A) of every service cell of each state array in ``source`` to ``target``."""
    for s, t in zip(source, target):
        moving = s * share[:, :, None]
        s -= moving
        t += moving


def project_service_reference(state: dict, paths: dict, rules) -> dict:
    """Same inputs and outputs as :func:`engine.kernels.pensions.project_service`."""
    n, e, g, m, f, h = (np.array(state[name], dtype=np.float64) for name in STATE[:6])
    p, q, l = (np.array(state[name], dtype=np.float64) for name in STATE[6:])
    survival, active, lapses, returns, earnings, disability = (np.asarray(paths[x], float) for x in PATHS)
    n_units, n_years, n_age = survival.shape
    n_svc = n.shape[2]
    k = np.arange(n_svc, dtype=np.float64)
    safe_k = np.where(k > 0, k, 1.0)
    ages = np.arange(n_age)
    out = {name: np.empty((n_units, n_years, n_age)) for name in OUTPUTS}
    totals = np.zeros((n_units, n_years, N_TOTALS))
    for t in range(n_years):
        r = {name: rules[:, t, i] for i, name in enumerate(RULES)}          # each (U,)
        tot = totals[:, t]
        s = survival[:, t][:, :, None]                                       # (U, A, 1)
        # 1. revaluation, survival and ageing
        e, f = e * r["revaluation"][:, None, None], f * r["revaluation"][:, None, None]
        qualifies = ((k[None, :] >= r["survivor_minimum_service"][:, None]) & (k[None, :] > 0))[:, None, :]
        out["deaths"][:, t] = ((n + m) * (1 - s) * qualifies).sum(axis=2)
        out["deaths_earnings"][:, t] = ((e + f) * (1 - s) / safe_k * qualifies).sum(axis=2)
        tot[:, _T["insured_deaths"]] = out["deaths"][:, t].sum(axis=1)
        tot[:, _T["insured_deaths_earnings"]] = out["deaths_earnings"][:, t].sum(axis=1)
        n, e, g, m, f, h = (_age(x * s) for x in (n, e, g, m, f, h))
        q, l = q * r["indexation"][:, None], l * r["indexation"][:, None]
        tot[:, _T["pension_amount_start"]] = q.sum(axis=1)
        tot[:, _T["legacy_amount_start"]] = l.sum(axis=1)
        out["pensioner_deaths"][:, t] = p * (1 - s[:, :, 0])
        out["pensioner_deaths_amount"][:, t] = q * (1 - s[:, :, 0])
        tot[:, _T["pensioner_deaths"]] = out["pensioner_deaths"][:, t].sum(axis=1)
        tot[:, _T["pensioner_deaths_amount"]] = out["pensioner_deaths_amount"][:, t].sum(axis=1)
        p, q, l = (_age(x * s[:, :, 0]) for x in (p, q, l))
        x_r = r["pension_age"].astype(np.int64)
        below = ages[None, :] < x_r[:, None]                                 # (U, A)
        # 2. disability of the active below the pension age
        eligible = below[:, :, None] & (k[None, None, :] >= r["disability_minimum_service"][:, None, None]) & (k > 0)
        rate = np.where(eligible, disability[:, t][:, :, None], 0.0)
        tot[:, _T["disabled"]] = (n * rate).sum(axis=(1, 2))
        tot[:, _T["disabled_earnings"]] = (e * rate / safe_k).sum(axis=(1, 2))
        n, e, g = n * (1 - rate), e * (1 - rate), g * (1 - rate)
        # 3. flows between the states
        act, ina = n.sum(axis=2), m.sum(axis=2)
        lapsing = np.minimum(lapses[:, t], act)
        _move(_ratio(lapsing, act), (n, e, g), (m, f, h))
        act, ina = act - lapsing, ina + lapsing
        back = np.minimum(returns[:, t], ina)
        _move(_ratio(back, ina), (m, f, h), (n, e, g))
        act, ina = act + back, ina - back
        gap = active[:, t] - act
        reentry = np.minimum(r["reentry_share"][:, None] * np.maximum(gap, 0.0), ina)
        _move(_ratio(reentry, ina), (m, f, h), (n, e, g))
        entrants = np.maximum(gap, 0.0) - reentry
        n[:, :, 0] += entrants
        g[:, :, 0] += entrants * r["protect_entrants"][:, None]
        leaving = np.where(gap < 0, np.minimum(_ratio(-gap, act), 1.0), 0.0)
        tot[:, _T["leavers"]] = (act * leaving).sum(axis=1)
        _move(leaving, (n, e, g), (m, f, h))
        tot[:, _T["lapses"]] = lapsing.sum(axis=1)
        tot[:, _T["returns"]] = (back + reentry).sum(axis=1)
        tot[:, _T["entrants"]] = entrants.sum(axis=1)
        # 4. retirement of the inactive at and above the pension age
        retiring = ~below
        tot[:, _T["contributors_over_pension_age"]] = np.where(retiring, active[:, t], 0.0).sum(axis=1)
        x, y = np.where(retiring[:, :, None], m, 0.0), np.where(retiring[:, :, None], f, 0.0)
        protected = np.minimum(np.where(retiring[:, :, None], h, 0.0), x)
        ok = (k[None, :] >= r["minimum_service"][:, None]) & (k > 0)
        ok_protected = (k[None, :] >= r["protected_minimum_service"][:, None]) & (k > 0)
        entitled = np.where(ok[:, None, :], x - protected, 0.0) + np.where(ok_protected[:, None, :], protected, 0.0)
        unreduced = (np.minimum(r["accrual_rate"][:, None] * k[None, :], r["max_replacement"][:, None])[:, None, :]
                     * _ratio(y, x * safe_k))

        def pension(full_service):
            short = np.maximum(full_service[:, None] - k[None, :], 0.0)
            factor = np.clip(1 - r["reduction_per_missing_year"][:, None] * short, 0, None)[:, None, :]
            return np.maximum(unreduced * factor, r["minimum_pension"][:, None, None])

        amount = (np.where(ok[:, None, :], x - protected, 0.0) * pension(r["full_service"])
                  + np.where(ok_protected[:, None, :], protected, 0.0) * pension(r["protected_full_service"]))
        old = np.clip((k[None, :] - r["legacy_years"][:, None]) / safe_k, 0, None)[:, None, :]
        p, q, l = p + entitled.sum(axis=2), q + amount.sum(axis=2), l + (old * amount).sum(axis=2)
        tot[:, _T["new_pensioners"]] = entitled.sum(axis=(1, 2))
        tot[:, _T["new_pension_amount"]] = amount.sum(axis=(1, 2))
        tot[:, _T["legacy_new_amount"]] = (old * amount).sum(axis=(1, 2))
        tot[:, _T["lump_sums"]] = (x - entitled).sum(axis=(1, 2))
        lump = r["lump_sum_months"][:, None, None] * y * _ratio(x - entitled, x)
        tot[:, _T["lump_sum_amount"]] = lump.sum(axis=(1, 2))
        m, f, h = (np.where(retiring[:, :, None], 0.0, z) for z in (m, f, h))
        # 5. service credits of the contributors
        d = r["density"][:, None, None]
        moving = [z * d for z in (n, e, g)]
        landed = []
        for z in moving:
            up = np.zeros_like(z)
            up[:, :, 1:] = z[:, :, :-1]
            up[:, :, -1] += z[:, :, -1]
            landed.append(up)
        w = earnings[:, t][:, :, None]
        n = n - moving[0] + landed[0]
        e = e - moving[1] + landed[1] + landed[0] * w
        g = g - moving[2] + landed[2]
        out["insured"][:, t] = n.sum(axis=2)
        out["inactive"][:, t] = m.sum(axis=2)
        tot[:, _T["service_years"]] = ((n + m) * k).sum(axis=(1, 2))
        out["pensioners"][:, t], out["amounts"][:, t], out["legacy"][:, t] = p, q, l
    return out | {"totals": totals}
