"""The National Health Insurance (NHI) account.

For year t (LAK per year):

- covered persons ``K_t = c_t P_t + k M_t``: ``c`` the NHI coverage of the population
  ``P`` (1 July), ``k`` persons covered per contributing NSSF member, ``M`` members;
- spending per covered person ``u_t = u_0 (J_t / J_{y0}) prod_{y0 < s <= t} (1 + g_s)``,
  ``u_0`` in prices of year ``y0``, ``J`` the cost index (average earnings by default, as
  medical prices follow wages, or consumer prices), ``g`` the growth above it;
- expenditure ``X_t = u_t (c_t sum_a P_{t,a} rho_a + k M_t)``, ``rho`` the relative cost
  by age (a step function, rescaled so that the base-year population average is 1; 1 by
  default); NSSF members and dependants are costed at the average;
- income: the NSSF transfer (the health sub-fund's transfers out), co-payments
  ``p_t c_t P_t`` from persons covered outside the NSSF, and the government budget:
  ``max(0, X - transfer - co-payments)`` (rule 'balance'), ``s_t GDP_t`` or a path;
- balance = income - expenditure (0 under the rule 'balance' unless the other income
  exceeds spending).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import N_AGES
from engine.funds.inputs import FundsInputs

SOURCES: tuple[str, ...] = ("government_budget", "nssf_transfer", "copayments")


@dataclass(frozen=True)
class NHIAccount:
    """Income (T, 3) by :data:`SOURCES`, expenditure, covered persons and balance (T,)."""

    income: np.ndarray
    expenditure: np.ndarray
    covered: np.ndarray
    balance: np.ndarray
    cost_per_person: np.ndarray


def cost_curve(curve: dict[int, float] | None, population_base: np.ndarray) -> np.ndarray:
    """Relative cost by age (A,): a step function from the listed ages (the first value
    before the first listed age), rescaled to a base-year population average of 1."""
    if not curve:
        return np.ones(N_AGES)
    starts = np.array(sorted(curve))
    values = np.array([curve[a] for a in starts], dtype=np.float64)
    idx = np.clip(np.searchsorted(starts, np.arange(N_AGES), side="right") - 1, 0, None)
    rel = values[idx]
    weights = population_base.sum(axis=0)
    mean = (rel * weights).sum() / weights.sum()
    return rel / mean if mean > 0 else rel


def cost_per_person(scenario, inputs: FundsInputs) -> np.ndarray:
    """Spending per covered person by year (T,), LAK per year."""
    nhi = scenario.nhi
    y0 = nhi.cost_price_base
    years = inputs.years
    index = inputs.earnings if nhi.cost_index == "earnings" else inputs.prices
    level = index.at(years) / index.at(y0)
    span = np.arange(y0 + 1, years[-1] + 1)
    growth = np.cumprod(1.0 + nhi.cost_growth_margin.values(span)) if len(span) else np.ones(0)
    factor = np.ones(len(years))
    later = years > y0
    factor[later] = growth[years[later] - y0 - 1]
    return nhi.cost_per_covered_person * level * factor


def project_nhi(scenario, inputs: FundsInputs, nssf_transfer: np.ndarray,
                members: np.ndarray) -> NHIAccount:
    """The NHI account; ``nssf_transfer`` (T,) LAK per year, ``members`` (T,) persons."""
    nhi = scenario.nhi
    years = inputs.years
    coverage = nhi.coverage.values(years)
    population = inputs.population.sum(axis=1)                         # (T, A)
    nssf_covered = nhi.nssf_covered_per_member * members
    covered = coverage * population.sum(axis=1) + nssf_covered
    rel = cost_curve(nhi.cost_curve, inputs.population_base)
    unit = cost_per_person(scenario, inputs)
    expenditure = unit * (coverage * (population * rel).sum(axis=1) + nssf_covered)
    copayments = nhi.copayment_per_covered_person.values(years) * coverage * population.sum(axis=1)
    budget_rule = nhi.government_budget
    if budget_rule.rule == "balance":
        budget = np.maximum(expenditure - nssf_transfer - copayments, 0.0)
    elif budget_rule.rule == "share_of_gdp":
        budget = budget_rule.share_of_gdp.values(years) * inputs.gdp
    else:
        budget = budget_rule.path.values(years)
    income = np.stack([budget, nssf_transfer, copayments], axis=1)
    return NHIAccount(income, expenditure, covered, income.sum(axis=1) - expenditure, unit)
