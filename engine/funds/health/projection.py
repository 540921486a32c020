"""Health financing: NHI by population group, CBHI in Vientiane Capital, and the
government's health cost.

:func:`project_health` runs, for one scenario and the funds inputs:
:mod:`~engine.funds.health.levers` (policy blocks) -> :mod:`~engine.funds.health.groups`
(persons by group) -> :mod:`~engine.funds.health.cost` (spending per person, co-payments)
-> :mod:`~engine.funds.health.cbhi` (from 2019) -> :mod:`~engine.funds.health.account`
(the NHI account) -> :mod:`~engine.funds.health.history` (2019-2023 checks).

CBHI follows NHI spending per covered person without ``health_quality`` blocks (they act
on the NHI account). Government health cost (LAK per year) = the government budget to NHI (top-up included) +
the government match of CBHI contributions. The cost of an ``nhi_extension`` block is the
difference of that cost with and without the block, so the totals of two runs differ by it
exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.data.files import read_parameters
from engine.funds.health.account import NHIAccount, OtherIncome, SOURCES, close_account, planned_spending
from engine.funds.health.cbhi import CBHIAccount, project_cbhi
from engine.funds.health.cost import (
    care_cost_per_person, copayment_per_paying_person, relative_cost, spending_per_person
)
from engine.funds.health.groups import Groups, group_coverage, project_groups
from engine.funds.health.history import budget_history, coverage_history, history
from engine.funds.health.levers import HealthLevers, health_levers
from engine.scenario.schema_health import HEALTH_GROUPS

REFERENCE_YEAR = 2020  # prices of the CBHI amounts


@dataclass(frozen=True)
class HealthProjection:
    """Everything :func:`project_health` computed (arrays (T,) unless stated)."""

    levers: HealthLevers
    groups: Groups
    nhi: NHIAccount
    cbhi: CBHIAccount               # projected years
    cbhi_history: CBHIAccount       # 2019 to the base year
    government_cost: np.ndarray
    extension_cost: np.ndarray
    quality_cost: np.ndarray
    unpaid_care: np.ndarray
    copayment_per_paying: np.ndarray
    coverage_share: np.ndarray
    capital_population: np.ndarray
    capital_covered: np.ndarray
    history_years: np.ndarray
    coverage_history: np.ndarray
    budget_history: np.ndarray


def death_rate(inputs) -> np.ndarray:
    """Crude death rate (T,): ``sum P (1 - S) / sum P`` (``S`` survival of the year)."""
    population = inputs.population
    return (population * (1.0 - inputs.survival)).sum(axis=(1, 2)) / population.sum(axis=(1, 2))


def _project(scenario, inputs, nssf_transfer, members, levers: HealthLevers) -> HealthProjection:
    nhi = scenario.nhi
    years = np.asarray(inputs.years)
    groups = project_groups(scenario, inputs.population, inputs.asfr, members, levers.extension, years)
    relative = relative_cost(nhi.cost_curve, nhi.female_cost_ratio, inputs.population_base)
    spending = spending_per_person(scenario, years, inputs.prices, inputs.earnings, levers.quality)
    plain = spending_per_person(scenario, years, inputs.prices, inputs.earnings)
    copay = copayment_per_paying_person(scenario, years)

    hist = history(scenario)
    h = len(hist.years)
    hist_spending = spending_per_person(scenario, hist.years, inputs.prices, inputs.earnings)
    all_years = np.r_[hist.years, years]
    rate = death_rate(inputs)
    cbhi_all = project_cbhi(
        scenario.cbhi, all_years, np.r_[hist.capital_outside, groups.capital_outside],
        np.r_[np.full(h, rate[0]), rate],
        inputs.prices.at(all_years) / inputs.prices.at(REFERENCE_YEAR),
        np.r_[hist_spending, plain],
        np.r_[np.zeros(h), levers.absorbed])
    cbhi = cbhi_all.at(years)

    by_group = planned_spending(groups, relative, spending)
    copayments = copay * groups.covered[:, -1].sum(axis=(1, 2))
    covered = groups.covered_by_group().sum(axis=1)
    sources = OtherIncome(np.asarray(nssf_transfer, dtype=float), copayments, cbhi.flow("transfer_to_nhi"))
    account = close_account(nhi, years, inputs.gdp, by_group, sources, covered, spending)
    government = account.government + cbhi.flow("government_match")
    quality = by_group.sum(axis=1) - planned_spending(groups, relative, plain).sum(axis=1)
    care = care_cost_per_person(scenario, years, spending)
    unpaid = np.divide(account.planned, spending, out=np.zeros_like(spending), where=spending > 0) * (care - spending)
    total = inputs.population.sum(axis=(1, 2))
    in_cbhi = cbhi.members * (1.0 - scenario.cbhi.dual_share) * (1.0 - levers.extension)
    shares = groups.eligible[0].sum(axis=(1, 2))
    shares = shares / shares.sum() if shares.sum() > 0 else shares
    hist_cov = group_coverage(nhi, hist.years)
    return HealthProjection(
        levers, groups, account, cbhi, cbhi_all.at(hist.years), government,
        np.zeros(len(years)), quality, unpaid, copay, (covered + in_cbhi) / total,
        nhi.capital_population_share * total, groups.capital_covered(levers.extension), hist.years,
        coverage_history(hist, hist_cov, shares, cbhi_all.members[:h], scenario.cbhi.dual_share),
        budget_history(hist, hist_cov, shares, hist_spending,
                       copayment_per_paying_person(scenario, hist.years)))


def project_health(scenario, inputs, nssf_transfer, members) -> HealthProjection:
    """NHI, CBHI and the government health cost; ``nssf_transfer`` (T,) LAK per year (the
    health sub-fund's transfer), ``members`` (T,) contributing NSSF members."""
    years = np.asarray(inputs.years)
    levers = health_levers(scenario, years)
    result = _project(scenario, inputs, nssf_transfer, members, levers)
    if levers.extension.any():
        without = _project(scenario, inputs, nssf_transfer, members,
                           health_levers(scenario, years, with_extension=False))
        result = replace(result, extension_cost=result.government_cost - without.government_cost)
    return result


def health_arrays(hp: HealthProjection, gdp: np.ndarray, government_expenditure: np.ndarray):
    """Result arrays (named as in :mod:`engine.results`), coordinates and attributes."""
    cbhi = hp.cbhi
    pct = lambda x, d: 100.0 * x / d  # noqa: E731
    arrays = {
        "nhi_covered_by_group": hp.groups.covered_by_group(),
        "nhi_eligible_by_group": hp.groups.eligible_by_group(),
        "nhi_expenditure_by_group": hp.nhi.expenditure_by_group,
        "nhi_spending_per_person": hp.nhi.cost_per_person,
        "nhi_copayment_per_paying_person": hp.copayment_per_paying,
        "nhi_planned_expenditure": hp.nhi.planned,
        "nhi_gap": hp.nhi.gap,
        "nhi_gap_budget_top_up": hp.nhi.budget_top_up,
        "nhi_unmet_cost": hp.nhi.unmet_cost,
        "nhi_unpaid_care_cost": hp.unpaid_care,
        "nhi_health_quality_cost": hp.quality_cost,
        "health_coverage_share": hp.coverage_share,
        "capital_population": hp.capital_population,
        "capital_nhi_covered": hp.capital_covered,
        "cbhi_members": cbhi.members,
        "cbhi_households": cbhi.households,
        "cbhi_dual_members": cbhi.dual,
        "cbhi_contributions": cbhi.flow("contributions"),
        "cbhi_government_match": cbhi.flow("government_match"),
        "cbhi_treatment_cost": cbhi.flow("treatment"),
        "cbhi_death_benefits": cbhi.flow("death_benefits"),
        "cbhi_admin_costs": cbhi.flow("admin_costs"),
        "cbhi_transfer_to_nhi": cbhi.flow("transfer_to_nhi"),
        "cbhi_reserve": cbhi.reserve,
        "government_health_cost": hp.government_cost,
        "government_health_cost_pct_gdp": pct(hp.government_cost, gdp),
        "government_health_cost_pct_government_expenditure": pct(hp.government_cost, government_expenditure),
        "nhi_extension_cost": hp.extension_cost,
        "health_coverage_history": hp.coverage_history,
        "nhi_budget_history": hp.budget_history,
        "cbhi_members_history": hp.cbhi_history.members,
    }
    reference = read_parameters("health_financing")["government_health_share_reference"]["value"]
    coords = {"health_group": list(HEALTH_GROUPS), "source": list(SOURCES),
              "health_history_year": hp.history_years.astype(np.int64)}
    attrs = {"cbhi_enrolment_rate": hp.cbhi.enrolment_rate,
             "government_health_share_reference_pct": 100.0 * float(reference)}
    return arrays, coords, attrs


__all__ = ["HealthProjection", "SOURCES", "health_arrays", "project_health"]
