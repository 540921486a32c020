"""Benefit expenditure by scheme and branch (LAK per year).

Notation for year t, scheme s, sex x, age a: ``M`` contributing members at 31 December,
``w`` their monthly insurable earnings, ``q = 1 - S`` the probability of dying within the
year, ``f`` age-specific fertility, ``I_t`` the pension indexation factor.

Long-term branches (from the service-tracking kernel, :mod:`engine.funds.pensions`):

- ``old_age``: ``12 x (Q_start + Q_end) / 2`` with ``Q_start`` the monthly pensions of the
  year's start after indexation and ``Q_end`` those at 31 December (new pensions included);
  its legacy part (service before ``funds.state_share.legacy_start_year``) the same way
  from the kernel's legacy amounts;
- ``lump_sum``: lump sums to inactive insured persons reaching the pension age without
  the minimum service;
- ``disability``: monthly amount ``D_t = D_{t-1} I_t (1 - tau_d) + b_d E_d``, ``E_d`` the
  average earnings of the newly disabled; expenditure ``12 (D_{t-1} I_t + D_t) / 2``; the
  base-year pensions' legacy share runs off the same way with no new pensions;
- ``survivors``: spouses' and orphans' pensions by age after the year's deaths of
  qualifying insured persons and pensioners (:mod:`engine.funds.survivors`), and the base
  year's survivors' pensions running off at ``tau_v``:
  ``V_t = V_{t-1} I_t (1 - tau_v)``, expenditure ``12 (V_{t-1} I_t + V_t) / 2``.

Short-term branches (contributing members):

- ``death_grant``: ``sum M w (g_i q_x + g_s m q_x')``, ``g`` months for the insured and a
  spouse, ``m`` the married share, ``q_x'`` the death probability of the other sex at the
  same age (the spouse's age is assumed equal);
- ``sickness``: ``sum M w (12 / 365) days rr``;
- ``maternity``: ``sum_a M[female, a] f_a w (12 / 365) days rr``;
- ``employment_injury``: ``sum M w i_s months``;
- ``unemployment``: ``sum M w u_s months rr`` (the voluntary scheme's ``u``, months and
  ``rr`` those of an ``unemployment_cover`` block from its start year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import BRANCH_FUND, BRANCHES, FEMALE, FUNDS, SCHEMES
from engine.funds.inputs import FundsInputs
from engine.funds.pensions import ServiceProjection, index_factor
from engine.funds.survivors import project_survivor_pools
from engine.funds.unemployment import unemployment_rates

VOLUNTARY = SCHEMES.index("voluntary")

PENSIONS: tuple[str, ...] = ("old_age", "disability", "survivors")
DAYS_PER_MONTH = 365.0 / 12.0


@dataclass(frozen=True)
class BenefitProjection:
    """Benefit expenditure and pensions in payment.

    Attributes
    ----------
    by_branch : (T, 3, len(BRANCHES)) LAK per year.
    pensions : (T, 3, 3) pensions in payment at 31 December (old age, disability,
        survivors: spouses and orphans), persons.
    new_pensions : (T, 3, 3) pensions awarded in the year, same order, persons.
    average_old_age_pension : (T, 3) LAK per month (NaN without pensioners).
    legacy : (T, 3) the legacy part of the long-term benefits, LAK per year.
    """

    by_branch: np.ndarray
    pensions: np.ndarray
    new_pensions: np.ndarray
    average_old_age_pension: np.ndarray
    legacy: np.ndarray

    def by_scheme_and_fund(self) -> np.ndarray:
        """Benefits by scheme and sub-fund: (T, 3, F) LAK per year."""
        out = np.zeros(self.by_branch.shape[:2] + (len(FUNDS),))
        for b, branch in enumerate(BRANCHES):
            out[:, :, FUNDS.index(BRANCH_FUND[branch])] += self.by_branch[:, :, b]
        return out

    def by_fund(self) -> np.ndarray:
        """Benefits by sub-fund, summed over schemes: (T, F) LAK per year."""
        return self.by_scheme_and_fund().sum(axis=1)


def pension_stock(initial_amount, initial_count, new_amount, new_count, indexation, termination):
    """A pool of pensions: ``A_t = A_{t-1} I_t (1 - tau_t) + new_t`` (monthly LAK) and the
    count ``N_t = N_{t-1} (1 - tau_t) + n_t``; expenditure ``12 (A_{t-1} I_t + A_t) / 2``.

    ``initial_*`` are (3,), the others (T, 3) or (T,) broadcastable. Returns
    (expenditure, amount, count), each (T, 3).
    """
    new_amount, new_count = np.asarray(new_amount), np.asarray(new_count)
    n_years = new_amount.shape[0]
    amount = np.empty((n_years, len(initial_amount)))
    count = np.empty_like(amount)
    spent = np.empty_like(amount)
    a_prev, n_prev = np.asarray(initial_amount, float), np.asarray(initial_count, float)
    for t in range(n_years):
        start = a_prev * indexation[t]
        amount[t] = start * (1.0 - termination[t]) + new_amount[t]
        count[t] = n_prev * (1.0 - termination[t]) + new_count[t]
        spent[t] = 12.0 * 0.5 * (start + amount[t])
        a_prev, n_prev = amount[t], count[t]
    return spent, amount, count


def _scheme_values(block, years) -> np.ndarray:
    return np.stack([getattr(block, s).values(years) for s in SCHEMES], axis=1)     # (T, 3)


SHORT_TERM_BRANCHES: tuple[str, ...] = tuple(b for b in BRANCHES if BRANCH_FUND[b] == "short_term")


def short_term_benefits(scenario, inputs: FundsInputs, wages: np.ndarray,
                        voluntary_pay: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Short-term branches, each (T, 3) LAK per year; ``wages`` (T, 3, 2, A) LAK per month.

    ``voluntary_pay`` (branch -> (T, 2, A) LAK per month) replaces the voluntary scheme's
    ``M w`` of a branch (reduced packages: the members that branch covers,
    :mod:`engine.funds.packages`). The voluntary scheme's unemployment claims, months and
    replacement are those of an ``unemployment_cover`` block where one acts
    (:mod:`engine.funds.unemployment`).
    """
    ben = scenario.benefits
    years = inputs.years
    base_pay = inputs.active * wages                                 # (T, 3, 2, A) LAK / month

    def pay_of(branch: str) -> np.ndarray:
        if voluntary_pay is None or branch not in voluntary_pay:
            return base_pay
        pay = base_pay.copy()
        pay[:, VOLUNTARY] = voluntary_pay[branch]
        return pay

    q = 1.0 - inputs.survival                                        # (T, 2, A)
    spouse_q = q[:, ::-1]
    grant = ben.death_grant
    per_member = (grant.insured_months.values(years)[:, None, None] * q
                  + (grant.spouse_months.values(years) * grant.married_share.values(years))[:, None, None]
                  * spouse_q)
    sick = ben.sickness.days_per_member.values(years) * ben.sickness.replacement_rate.values(years)
    mat = ben.maternity.days_per_birth.values(years) * ben.maternity.replacement_rate.values(years)
    births = (pay_of("maternity")[:, :, FEMALE] / DAYS_PER_MONTH * inputs.asfr[:, None, :]).sum(axis=2)  # (T, 3)
    injury = (_scheme_values(ben.employment_injury.incidence_rate, years)
              * ben.employment_injury.months_per_case.values(years)[:, None])
    return {
        "death_grant": (pay_of("death_grant") * per_member[:, None]).sum(axis=(2, 3)),
        "sickness": (pay_of("sickness") / DAYS_PER_MONTH).sum(axis=(2, 3)) * sick[:, None],
        "maternity": births * mat[:, None],
        "employment_injury": pay_of("employment_injury").sum(axis=(2, 3)) * injury,
        "unemployment": pay_of("unemployment").sum(axis=(2, 3)) * unemployment_rates(scenario, years),
    }


def project_benefits(scenario, inputs: FundsInputs, service: ServiceProjection,
                     wages: np.ndarray, voluntary_pay: dict[str, np.ndarray] | None = None) -> BenefitProjection:
    """Benefit expenditure by scheme and branch; see the module docstring for the formulas
    (``voluntary_pay`` as for :func:`short_term_benefits`)."""
    ben = scenario.benefits
    init = scenario.funds.initial
    init_legacy = scenario.funds.state_share.legacy_share_of_pensions_in_payment
    years = inputs.years
    idx = index_factor(ben.old_age.indexation, inputs, ben.old_age.indexation_lag_years)
    out = np.zeros((len(years), len(SCHEMES), len(BRANCHES)))

    def put(branch: str, values: np.ndarray) -> None:
        out[:, :, BRANCHES.index(branch)] = values

    end_amount = service.amounts.sum(axis=(2, 3))
    put("old_age", 12.0 * 0.5 * (service.total("pension_amount_start") + end_amount))
    put("lump_sum", service.total("lump_sum_amount"))

    def initial(block_count, block_average):
        counts = np.array([getattr(block_count, s) for s in SCHEMES])
        return counts * np.array([getattr(block_average, s) for s in SCHEMES]), counts

    legacy_share = np.array([getattr(init_legacy, s) for s in SCHEMES])
    no_pensions = np.zeros((len(years), len(SCHEMES)))
    legacy_start = service.total("legacy_amount_start")
    legacy = 12.0 * 0.5 * (legacy_start + service.legacy.sum(axis=(2, 3)))

    dis = ben.disability
    amount0, count0 = initial(init.disability_pensions, init.average_disability_pension)
    termination = dis.termination_rate.values(years)
    spent, _, dis_count = pension_stock(
        amount0, count0, dis.benefit_rate.values(years)[:, None] * service.total("disabled_earnings"),
        service.total("disabled"), idx, termination)
    put("disability", spent)
    legacy += pension_stock(amount0 * legacy_share, count0, no_pensions, no_pensions, idx, termination)[0]

    surv = ben.survivors
    amount0, count0 = initial(init.survivor_pensions, init.average_survivor_pension)
    termination = surv.termination_rate.values(years)
    spent, _, surv_count = pension_stock(amount0, count0, no_pensions, no_pensions, idx, termination)
    pools = project_survivor_pools(surv, years, inputs.survival, idx, service.deaths, service.deaths_earnings,
                                   service.pensioner_deaths, service.pensioner_deaths_amount)
    put("survivors", spent + pools.spent)
    surv_count = surv_count + pools.count
    new_count = pools.new_count
    legacy += pension_stock(amount0 * legacy_share, count0, no_pensions, no_pensions, idx, termination)[0]

    for branch, values in short_term_benefits(scenario, inputs, wages, voluntary_pay).items():
        put(branch, values)

    old_count = service.pensioners.sum(axis=(2, 3))
    pensions = np.stack([old_count, dis_count, surv_count], axis=2)
    new_pensions = np.stack([service.total("new_pensioners"), service.total("disabled"), new_count], axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.where(old_count > 0, end_amount / old_count, np.nan)
    return BenefitProjection(out, pensions, new_pensions, average, legacy)
