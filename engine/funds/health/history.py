"""The 2019-base-year back-cast of health coverage, against the reported figures.

Population totals at 1 July from UN WPP2024 (the mean of consecutive year-ends); NSSF
contributing members linear between the end-2018 and end-2023 counts; the NHI area and
groups as in :mod:`engine.funds.health.groups` with the group shares of the first
projected year. For year t:

- coverage ``(N_t + sum_g c_{g,t} sigma_g q_t P_t + m_t (1 - d)) / P_t`` (``sigma_g`` the
  share of group g in the population outside the NSSF, ``m`` CBHI members, ``d`` their
  dual NSSF share);
- government budget needed for the persons outside the NSSF
  ``u_t sum_g c_{g,t} sigma_g q_t P_t - c^pay_t K^pay_t`` (spending at the average cost less
  co-payments), compared with the 180 billion LAK of 2019.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.data.files import read_parameters
from engine.demographic_inputs import wpp_population_totals
from engine.funds.health.groups import split_area

FIRST_YEAR = 2019


@dataclass(frozen=True)
class History:
    """years (H,) from 2019 to the base year; population (H,) at 1 July; nssf (H,)
    covered persons; capital_outside (H,) persons; area_outside (H,) persons."""

    years: np.ndarray
    population: np.ndarray
    nssf: np.ndarray
    capital_outside: np.ndarray
    area_outside: np.ndarray


def nssf_members(years: np.ndarray) -> np.ndarray:
    """Contributing NSSF members at 1 July (H,): linear between the end-2018 and end-2023
    counts of health_financing.yaml, half a year back."""
    ref = read_parameters("health_financing")
    m18, m23 = ref["nssf_members_2018"]["value"], ref["nssf_members_2023"]["value"]
    return m18 + (m23 - m18) * (np.asarray(years) - 0.5 - 2018) / 5.0


def history(scenario) -> History:
    """The back-cast population and NSSF covered persons, 2019 to the base year."""
    nhi = scenario.nhi
    years = np.arange(FIRST_YEAR, scenario.horizon.base_year + 1)
    ends = wpp_population_totals()
    population = np.array([0.5 * (ends[y - 1] + ends[y]) for y in years])
    nssf = nhi.nssf_covered_per_member * nssf_members(years)
    v, s = nhi.capital_population_share, nhi.nssf_capital_share
    _, capital_outside, area_outside = split_area(v, s, population, nssf, np.zeros(len(years)))
    return History(years, population, nssf, capital_outside, area_outside)


def coverage_history(hist: History, coverage: np.ndarray, group_shares: np.ndarray,
                     cbhi_members: np.ndarray, dual_share: float) -> np.ndarray:
    """Share of the population covered by NHI or CBHI (H,); ``coverage`` (H, 5) by group
    outside the NSSF, ``group_shares`` (5,)."""
    outside = (coverage * group_shares[None]).sum(axis=1) * hist.area_outside
    return (hist.nssf + outside + cbhi_members * (1.0 - dual_share)) / hist.population


def budget_history(hist: History, coverage: np.ndarray, group_shares: np.ndarray,
                   spending: np.ndarray, copayment: np.ndarray) -> np.ndarray:
    """Government budget needed for the persons outside the NSSF (H,), LAK."""
    covered = coverage * group_shares[None] * hist.area_outside[:, None]
    return spending * covered.sum(axis=1) - copayment * covered[:, -1]
