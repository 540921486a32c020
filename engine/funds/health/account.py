"""The NHI account by source and population group, and how its gap closes.

For year t (LAK per year):

- planned spending by group ``X_g = u_t sum_{x,a} K_{g,x,a} rho_{x,a}`` for the groups
  outside the NSSF (``K`` covered persons, ``rho`` relative cost) and ``X_nssf = u_t N_t``
  (NSSF members and dependants at the average cost);
- income other than the budget: the NSSF transfer ``F``, co-payments ``c_t K_paying``
  (``c`` co-payments per paying covered person), the CBHI transfer ``B``;
- government budget ``G``: rule 'balance' ``max(0, X - F - C - B)``; rule 'share_of_gdp'
  ``s_t GDP_t``; rule 'path' the amounts given;
- gap ``D = max(0, X - G - F - C - B)`` (0 under 'balance'); closed by the budget
  (``G += D``, reported as ``budget_top_up``) or by a cut of spending to income (spending
  ``X - D`` in proportion across groups, ``D`` reported as unmet cost);
- balance = income - spending; the identity ``sum income - spending - balance = 0`` holds
  exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SOURCES: tuple[str, ...] = ("government_budget", "nssf_transfer", "copayments", "cbhi_transfer")


@dataclass(frozen=True)
class NHIAccount:
    """income (T, 4) by :data:`SOURCES`; expenditure (T,); expenditure_by_group (T, 6);
    covered (T,) persons; balance (T,); cost_per_person (T,) LAK (``u_t``); gap,
    budget_top_up and unmet_cost (T,) LAK; planned (T,) spending before any cut."""

    income: np.ndarray
    expenditure: np.ndarray
    expenditure_by_group: np.ndarray
    covered: np.ndarray
    balance: np.ndarray
    cost_per_person: np.ndarray
    gap: np.ndarray
    budget_top_up: np.ndarray
    unmet_cost: np.ndarray
    planned: np.ndarray

    @property
    def government(self) -> np.ndarray:
        """The government budget to NHI, top-up included (T,), LAK."""
        return self.income[:, 0]


def planned_spending(groups, relative: np.ndarray, spending: np.ndarray) -> np.ndarray:
    """``X_g`` (T, 6): NSSF first, then the groups outside the NSSF."""
    outside = (groups.covered * relative[None, None]).sum(axis=(2, 3))
    return spending[:, None] * np.concatenate([groups.nssf[:, None], outside], axis=1)


def budget(rule, years: np.ndarray, gdp: np.ndarray, need: np.ndarray) -> np.ndarray:
    """The government budget before any top-up (T,), LAK."""
    if rule.rule == "balance":
        return np.maximum(need, 0.0)
    if rule.rule == "share_of_gdp":
        return rule.share_of_gdp.values(years) * gdp
    return rule.path.values(years)


@dataclass(frozen=True)
class OtherIncome:
    """NHI income other than the government budget, each (T,) LAK per year: the NSSF
    transfer ``F``, co-payments ``C`` and the CBHI transfer ``B``."""

    nssf_transfer: np.ndarray
    copayments: np.ndarray
    cbhi_transfer: np.ndarray


def close_account(nhi, years, gdp, planned_by_group, sources: OtherIncome, covered, spending) -> NHIAccount:
    """The account of :mod:`this module <engine.funds.health.account>` from its parts:
    ``planned_by_group`` (T, 6) ``X_g``, ``sources`` the income other than the budget,
    ``covered`` (T,) persons and ``spending`` (T,) ``u_t`` LAK per person."""
    planned = planned_by_group.sum(axis=1)
    nssf_transfer, copayments, cbhi_transfer = sources.nssf_transfer, sources.copayments, sources.cbhi_transfer
    other = nssf_transfer + copayments + cbhi_transfer
    government = budget(nhi.government_budget, years, gdp, planned - other)
    gap = np.maximum(planned - government - other, 0.0)
    if nhi.government_budget.rule == "balance":
        gap = np.zeros_like(gap)       # the budget is the balance: no gap but rounding
    if nhi.gap_closure == "budget":
        top_up, unmet = gap, np.zeros_like(gap)
    else:
        top_up, unmet = np.zeros_like(gap), gap
    government = government + top_up
    kept = np.divide(planned - unmet, planned, out=np.ones_like(planned), where=planned > 0)
    by_group = planned_by_group * kept[:, None]
    expenditure = by_group.sum(axis=1)
    income = np.stack([government, nssf_transfer, copayments, cbhi_transfer], axis=1)
    return NHIAccount(income, expenditure, by_group, covered, income.sum(axis=1) - expenditure,
                      spending, gap, top_up, unmet, planned)
