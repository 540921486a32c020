"""Community-based health insurance (CBHI) in Vientiane Capital: members and account.

Over calendar years from 2019 (the first of the calibration), with ``T_t = tau C_t`` the
target population (``tau`` the target share of ``C_t``, the capital's population outside
the NSSF):

- members without extension ``M_2019 = c_2019 T_2019``; for t > 2019
  ``M_t = M_{t-1} (1 - lambda_t) + j max(T_t - M_{t-1}, 0)`` with the enrolment rate
  ``j = (M_2020 - M_2019 (1 - lambda_2020)) / (T_2020 - M_2019)`` solved so that 2020
  gives the reported members (clipped to [0, 1]);
- members ``m_t = M_t (1 - b_t)`` (``b`` the share absorbed by an NHI extension);
  households ``m_t / household size``; dual NSSF members ``d m_t``;
- flows of year t on the average members ``mbar_t = (m_{t-1} + m_t) / 2``, LAK:
  contributions ``4 x c x I_t x mbar_t`` (quarterly contribution ``c`` in 2020 amounts,
  ``I_t`` its index relative to 2020: NHI spending per covered person ``u_t / u_2020``,
  consumer prices ``p_t / p_2020``, or 1); government match ``g_t x contributions``; treatment
  ``mbar_t x r x u_t`` (``u`` NHI spending per covered person); death benefits
  ``mbar_t x delta_t x D x I_t`` (``delta`` the death rate); administration
  ``a x (contributions + match)``;
- reserve ``R_t = R_{t-1} + contributions + match - treatment - death benefits - admin - X_t``
  with the transfer to NHI ``X_t = f_t (R_{t-1} + net_t)``, ``f_t = 1 - (1 - b_t) / (1 - b_{t-1})``
  (the absorbed members take their share of the reserve, or of a deficit, which NHI and so
  the budget then carries; all of it once ``b`` reaches 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIRST_YEAR = 2019
CALIBRATION_YEAR = 2020
FLOWS = ("contributions", "government_match", "treatment", "death_benefits", "admin_costs",
         "transfer_to_nhi")


@dataclass(frozen=True)
class CBHIAccount:
    """CBHI over ``years`` (from 2019): members (end of year), households, dual members,
    flows (T, 6) by :data:`FLOWS` (LAK), reserve (LAK at 31 December), the enrolment rate
    and the target population."""

    years: np.ndarray
    members: np.ndarray
    households: np.ndarray
    dual: np.ndarray
    flows: np.ndarray
    reserve: np.ndarray
    enrolment_rate: float
    target: np.ndarray

    def flow(self, name: str) -> np.ndarray:
        return self.flows[:, FLOWS.index(name)]

    def at(self, years) -> CBHIAccount:
        """The account restricted to ``years`` (a subset of its years)."""
        idx = np.asarray(years) - self.years[0]
        return CBHIAccount(self.years[idx], self.members[idx], self.households[idx], self.dual[idx],
                           self.flows[idx], self.reserve[idx], self.enrolment_rate, self.target[idx])


def enrolment_rate(cbhi, target: np.ndarray, years: np.ndarray) -> float:
    """``j`` solved from the 2019 coverage and the 2020 members (clipped to [0, 1])."""
    first = cbhi.coverage_2019 * target[0]
    lapse = float(cbhi.lapse_rate.values(np.array([CALIBRATION_YEAR]))[0])
    room = target[CALIBRATION_YEAR - years[0]] - first
    if room <= 0:
        return 0.0
    return float(np.clip((cbhi.members_2020 - first * (1.0 - lapse)) / room, 0.0, 1.0))


def indexation(rule: str, years: np.ndarray, price_ratio: np.ndarray, nhi_spending: np.ndarray) -> np.ndarray:
    """``I_t`` (T,): the index of the 2020 amounts under ``rule`` ('cost', 'prices', 'none')."""
    if rule == "prices":
        return np.asarray(price_ratio, dtype=np.float64)
    if rule == "none":
        return np.ones(len(years))
    base = nhi_spending[CALIBRATION_YEAR - years[0]]
    return np.asarray(nhi_spending, dtype=np.float64) / base if base > 0 else np.ones(len(years))


def project_cbhi(cbhi, years: np.ndarray, capital_outside: np.ndarray, death_rate: np.ndarray,
                 price_ratio: np.ndarray, nhi_spending: np.ndarray, absorbed: np.ndarray) -> CBHIAccount:
    """The CBHI account over consecutive ``years`` starting in 2019; every argument (T,):
    ``capital_outside`` persons, ``death_rate`` per year, ``price_ratio`` prices / prices of
    2020, ``nhi_spending`` LAK per covered person (the index of 2020 amounts follows
    ``cbhi.indexation``), ``absorbed`` share of members in NHI."""
    years = np.asarray(years)
    if years[0] != FIRST_YEAR or len(years) < 2:
        raise ValueError("the CBHI account starts in 2019 and spans at least 2019-2020")
    target = cbhi.target_share * np.asarray(capital_outside, dtype=np.float64)
    j = enrolment_rate(cbhi, target, years)
    lapse = cbhi.lapse_rate.values(years)
    free = np.empty(len(years))
    free[0] = cbhi.coverage_2019 * target[0]
    for t in range(1, len(years)):
        free[t] = free[t - 1] * (1.0 - lapse[t]) + j * max(target[t] - free[t - 1], 0.0)
    members = free * (1.0 - absorbed)
    mean = np.r_[members[0], 0.5 * (members[:-1] + members[1:])]
    index = indexation(cbhi.indexation, years, price_ratio, nhi_spending)
    contributions = 4.0 * cbhi.contribution * index * mean
    match = cbhi.government_match.values(years) * contributions
    treatment = mean * cbhi.treatment_cost_ratio * nhi_spending
    deaths = mean * death_rate * cbhi.death_benefit * index
    admin = cbhi.admin_share * (contributions + match)
    net = contributions + match - treatment - deaths - admin
    flows = np.zeros((len(years), len(FLOWS)))
    reserve = np.zeros(len(years))
    previous, kept_before = cbhi.initial_reserve, 1.0
    for t in range(len(years)):
        if t == 0:            # 2019: the initial reserve is at its end
            reserve[0] = previous
            continue
        kept = 1.0 - absorbed[t]
        share = 1.0 - kept / kept_before if kept_before > 0 else 1.0
        pre = previous + net[t]
        transfer = share * pre
        flows[t] = (contributions[t], match[t], treatment[t], deaths[t], admin[t], transfer)
        reserve[t] = pre - transfer
        previous, kept_before = reserve[t], kept
    return CBHIAccount(years, members, members / cbhi.household_size, cbhi.dual_share * members,
                       flows, reserve, j, target)
