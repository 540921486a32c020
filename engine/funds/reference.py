"""A slow, readable numpy implementation of the service-tracking step.

It states the formulas of :mod:`engine.kernels.pensions` with whole-array operations over
all units, one year at a time; the tests and the benchmark check the kernel against it.
"""

from __future__ import annotations

import numpy as np

from engine.kernels.pensions import N_TOTALS


def _age(x: np.ndarray) -> np.ndarray:
    """Move everyone one age up along axis 1; the open (last) age group keeps its members."""
    out = np.zeros_like(x)
    out[:, 1:] = x[:, :-1]
    out[:, -1] += x[:, -1]
    return out


def project_service_reference(n0, e0, p0, q0, survival, active, earnings, disability, rules):
    """Same inputs and outputs as :func:`engine.kernels.pensions.project_service`."""
    n = np.array(n0, dtype=np.float64)                       # (U, A, K)
    e = np.array(e0, dtype=np.float64)
    p = np.array(p0, dtype=np.float64)                       # (U, A)
    q = np.array(q0, dtype=np.float64)
    n_units, n_years, n_age = survival.shape
    n_svc = n.shape[2]
    k = np.arange(n_svc, dtype=np.float64)
    safe_k = np.where(k > 0, k, 1.0)
    ages = np.arange(n_age)
    insured = np.empty((n_units, n_years, n_age))
    pensioners = np.empty_like(insured)
    amounts = np.empty_like(insured)
    totals = np.zeros((n_units, n_years, N_TOTALS))
    for t in range(n_years):
        r = rules[:, t]                                      # (U, R)
        rev, idx = r[:, 0], r[:, 1]
        x_r = r[:, 2].astype(np.int64)
        k_min, accrual, max_rep, k_full, reduction, lump, k_surv, k_dis = r[:, 3:].T
        tot = totals[:, t]
        s = survival[:, t][:, :, None]                       # (U, A, 1)
        # 1. revaluation, survival and ageing
        e = e * rev[:, None, None]
        qualifies = (k[None, :] >= k_surv[:, None]) & (k[None, :] > 0)      # (U, K)
        tot[:, 6] = (n * (1 - s) * qualifies[:, None, :]).sum(axis=(1, 2))
        tot[:, 7] = (e * (1 - s) / safe_k * qualifies[:, None, :]).sum(axis=(1, 2))
        n, e = _age(n * s), _age(e * s)
        q = q * idx[:, None]
        tot[:, 12] = q.sum(axis=1)
        tot[:, 8] = (p * (1 - s[:, :, 0])).sum(axis=1)
        tot[:, 9] = (q * (1 - s[:, :, 0])).sum(axis=1)
        p, q = _age(p * s[:, :, 0]), _age(q * s[:, :, 0])
        below = ages[None, :] < x_r[:, None]                 # (U, A)
        # 2. disability below the pension age
        eligible = below[:, :, None] & (k[None, None, :] >= k_dis[:, None, None]) & (k > 0)
        rate = np.where(eligible, disability[:, t][:, :, None], 0.0)
        leaving_n, leaving_e = n * rate, e * rate
        tot[:, 4] = leaving_n.sum(axis=(1, 2))
        tot[:, 5] = (leaving_e / safe_k).sum(axis=(1, 2))
        n, e = n - leaving_n, e - leaving_e
        # 3. contributions: new entrants where members exceed the insured
        members = active[:, t]                               # (U, A)
        insured_now = n.sum(axis=2)
        entrants = np.maximum(members - insured_now, 0.0)
        tot[:, 10] = entrants.sum(axis=1)
        n[:, :, 0] += entrants
        share = np.where(members > insured_now, 1.0,
                         np.divide(members, insured_now, out=np.zeros_like(members),
                                   where=insured_now > 0))
        # 4. retirement of the non-contributors at and above the pension age
        retiring = ~below
        tot[:, 13] = np.where(retiring, members, 0.0).sum(axis=1)
        leave = np.where(retiring, 1.0 - share, 0.0)[:, :, None]
        leaving_n, leaving_e = n * leave, e * leave
        pension_ok = ((k[None, :] >= k_min[:, None]) & (k[None, :] > 0))[:, None, :]  # (U, 1, K)
        factor = np.clip(1 - reduction[:, None] * np.maximum(k_full[:, None] - k[None, :], 0), 0, None)
        rate = (np.minimum(accrual[:, None] * k[None, :], max_rep[:, None]) * factor / safe_k)[:, None, :]
        pension_n = np.where(pension_ok, leaving_n, 0.0)
        pension_q = np.where(pension_ok, leaving_e * rate, 0.0)
        tot[:, 0], tot[:, 1] = pension_n.sum(axis=(1, 2)), pension_q.sum(axis=(1, 2))
        tot[:, 2] = np.where(pension_ok, 0.0, leaving_n).sum(axis=(1, 2))
        tot[:, 3] = lump * np.where(pension_ok, 0.0, leaving_e).sum(axis=(1, 2))
        p, q = p + pension_n.sum(axis=2), q + pension_q.sum(axis=2)
        n, e = n - leaving_n, e - leaving_e
        share = np.where(retiring, np.where(share > 0, 1.0, 0.0), share)
        # 5. service credits of the contributors
        moving_n = n * share[:, :, None]
        moving_e = e * share[:, :, None]
        landed_n = np.zeros_like(n)                          # contributors at their new service
        landed_n[:, :, 1:] = moving_n[:, :, :-1]
        landed_n[:, :, -1] += moving_n[:, :, -1]
        landed_e = np.zeros_like(e)
        landed_e[:, :, 1:] = moving_e[:, :, :-1]
        landed_e[:, :, -1] += moving_e[:, :, -1]
        w = earnings[:, t][:, :, None]
        n = n - moving_n + landed_n
        e = e - moving_e + landed_e + landed_n * w
        insured[:, t] = n.sum(axis=2)
        tot[:, 11] = (n * k).sum(axis=(1, 2))
        pensioners[:, t], amounts[:, t] = p, q
    return insured, pensioners, amounts, totals
