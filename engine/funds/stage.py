"""The funds stage of a run: schemes, benefits, sub-fund accounts, NHI and indicators.

:func:`project_funds` turns the scenario and the :class:`~engine.funds.inputs.FundsInputs`
into the result arrays (named as in :mod:`engine.results`), the extra coordinates they use
and the Dataset attributes (depletion years, general average premium).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from engine.dims import FUNDS, SCHEMES
from engine.funds import indicators as ind, state_share as state, valuation
from engine.funds.accounts import AccountRules, Accounts, account_rules, investment_returns, project_accounts
from engine.funds.benefits import BRANCHES, BenefitProjection, PENSIONS, pension_stock, project_benefits
from engine.funds.contributions import (
    allocation_keys, contribution_rates, contributions_by_fund, insurable_wage_bill, scheme_path
)
from engine.funds.earnings import InsurableEarnings, insurable_earnings
from engine.funds.health.projection import health_arrays, project_health
from engine.funds.inputs import FundsInputs
from engine.funds.lump_sums import accumulate_lump_sums, pension_ages
from engine.funds.nhi import NHIAccount, SOURCES
from engine.funds.packages import package_split
from engine.funds.pensions import ServiceProjection, index_factor, project_pensions
from engine.funds.unemployment import cover_contributions
from engine.results import StageResults
from engine.rules import cover_block, with_benefit_changes

HEALTH = FUNDS.index("health")
LONG_TERM = FUNDS.index("long_term")
SHORT_TERM = FUNDS.index("short_term")
VOLUNTARY = SCHEMES.index("voluntary")
SCHEME_ACCOUNT_FLOWS = ("investment_income", "benefits", "admin_costs", "transfers_out", "deficit_financing",
                        "reserve")
"""Scheme accounts written as ``<name>_by_scheme`` (contributions are by scheme already)."""


@dataclass(frozen=True)
class FundsProjection:
    """Everything the funds stage computed, and its result variables (``results``)."""

    earnings: InsurableEarnings
    wage_bill: np.ndarray                 # (T, 3) LAK per year
    contributions: np.ndarray             # (T, 3, F) LAK per year
    service: ServiceProjection
    benefits: BenefitProjection
    accounts: Accounts
    nhi: NHIAccount
    returns: np.ndarray                   # (T,)
    results: StageResults

    @property
    def arrays(self) -> Mapping[str, np.ndarray]:
        """The result variables (read-only)."""
        return self.results.variables

    @property
    def attrs(self) -> Mapping[str, object]:
        return self.results.attrs


def depletion_attributes(years, accounts: Accounts) -> dict[str, object]:
    """``reserve_depletion_year`` ("health: none; short_term: none; long_term: 2071": the
    first year the reserve is negative or needs deficit financing) and one attribute per
    fund (a year, or "none"); ``first_deficit_year_<fund>``, the first year contributions
    fall short of benefits plus administration."""
    reserve, financing = accounts.pooled("reserve"), accounts.pooled("deficit_financing")
    per_fund = {f: ind.depletion_year(years, reserve[:, i], financing[:, i]) for i, f in enumerate(FUNDS)}
    attrs: dict[str, object] = {"reserve_depletion_year": "; ".join(f"{f}: {y}" for f, y in per_fund.items())}
    attrs |= {f"reserve_depletion_year_{f}": y for f, y in per_fund.items()}
    contributions, benefits, admin = (accounts.pooled(n) for n in ("contributions", "benefits", "admin_costs"))
    attrs |= {f"first_deficit_year_{f}": ind.first_deficit_year(years, contributions[:, i], benefits[:, i],
                                                                admin[:, i])
              for i, f in enumerate(FUNDS)}
    return attrs


def premium_attributes(scenario, years, accounts: Accounts, wage_bill_total, returns) -> dict[str, object]:
    """General average premium of the NSSF (all sub-funds) and of each sub-fund, with the
    horizon it covers: the level share of insurable earnings that, with the initial
    reserve, finances the sub-funds' expenditure over the horizon (legacy pensions the
    state pays are not the fund's)."""
    last = scenario.funds.premium_horizon_end_year or int(years[-1])
    keep = years <= last
    horizon = f"{int(years[0])}-{min(last, int(years[-1]))}"
    expenditure = accounts.expenditure[keep]
    initial = accounts.initial_reserve.sum(axis=0)
    attrs: dict[str, object] = {
        "general_average_premium": ind.general_average_premium(
            expenditure.sum(axis=1), wage_bill_total[keep], initial.sum(), returns[keep]),
        "general_average_premium_horizon": horizon,
        "general_average_premium_units": "share of insurable earnings",
    }
    for i, f in enumerate(FUNDS):
        attrs[f"general_average_premium_{f}"] = ind.general_average_premium(
            expenditure[:, i], wage_bill_total[keep], initial[i], returns[keep])
    return attrs


def valuation_attributes(scenario, inputs: FundsInputs, earnings, accounts: Accounts, wage_bill_total,
                         returns, rules: AccountRules) -> dict[str, object]:
    """The valuation table (:mod:`engine.funds.valuation`) as Dataset attributes."""
    years = inputs.years
    initial = accounts.initial_reserve.sum(axis=0)
    values = valuation.open_group(years, accounts.pooled("contributions"), accounts.expenditure,
                                  wage_bill_total, initial, returns)
    settings = scenario.funds.valuation
    setting = (settings.scaled_premium_reserve_ratio, settings.scaled_premium_period_years)
    scaled = {f: valuation.scaled_premium(initial, wage_bill_total, accounts.pooled("benefits"), returns,
                                          rules, i, *setting)
              for i, f in enumerate(FUNDS) if f != "health"}
    closed = project_pensions(scenario, inputs, earnings, closed_group=True)
    old_age = 12.0 * 0.5 * (closed.total("pension_amount_start") + closed.amounts.sum(axis=(2, 3)))
    init, ben = scenario.funds.initial, scenario.benefits
    idx = index_factor(ben.old_age.indexation, inputs, ben.old_age.indexation_lag_years)
    in_payment = np.zeros_like(old_age)
    for count, average, termination in (
            (init.disability_pensions, init.average_disability_pension, ben.disability.termination_rate),
            (init.survivor_pensions, init.average_survivor_pension, ben.survivors.termination_rate)):
        amount0 = np.array([getattr(count, s) * getattr(average, s) for s in SCHEMES])
        none = np.zeros_like(old_age)
        in_payment += pension_stock(amount0, np.zeros(len(SCHEMES)), none, none, idx,
                                    termination.values(years))[0]
    liability = valuation.accrued_liability(old_age, in_payment, returns)
    gdp = inputs.gdp_base if inputs.gdp_base is not None else float("nan")
    return valuation.valuation_attributes(values, liability, gdp, scaled, setting)


def subsidy_cost(scenario, inputs: FundsInputs) -> np.ndarray:
    """Government payments towards voluntary contributions, LAK per year, shape (T,).

    ``S_t = s_t x c_t x mu_t x M_t``: the share ``s`` of the lowest monthly contribution
    ``c`` that the enrolment stage's ``subsidy_share`` lever has the government pay, for
    each of the ``M`` voluntary members, over the months paid ``mu``. Zero without that
    lever (no subsidy under current policy). With policy blocks, ``S_t = mu_t x sum M S C``
    from the members by policy class (:attr:`engine.membership.PolicyDetails.subsidy_per_month`).
    The subsidy is part of the contributions.
    """
    details = inputs.details
    months = scenario.schemes.voluntary.months_paid.values(inputs.years)
    if details.policy is not None:  # policy blocks: by class, exact
        return np.asarray(details.policy.subsidy_per_month, dtype=np.float64) * months
    share, lowest = details.subsidy_share, details.minimum_contribution
    if share is None or lowest is None:
        return np.zeros(len(inputs.years))
    members = inputs.active[:, SCHEMES.index("voluntary")].sum(axis=(1, 2))
    return np.asarray(share, dtype=np.float64) * np.asarray(lowest, dtype=np.float64) * months * members


def project_funds(scenario, inputs: FundsInputs, parallel: bool | None = None,
                  valuation: bool = True) -> FundsProjection:
    """Run the schemes, benefits, accounts and NHI for one scenario; with ``valuation``,
    also the valuation attributes (a second, closed-group run of the pension kernel that a
    sweep, which keeps only the summary, does without).

    Policy blocks act here: benefit changes rewrite the benefit rules
    (:func:`engine.rules.with_benefit_changes`), contribution rules move the floor and
    ceiling (:func:`engine.rules.earnings_bounds`), reduced packages split the voluntary
    scheme by sub-fund and branch (:mod:`engine.funds.packages`, lump sums
    :mod:`engine.funds.lump_sums`), unemployment cover adds a branch and its contribution
    (:mod:`engine.funds.unemployment`).
    """
    scenario = with_benefit_changes(scenario)
    years = inputs.years
    earnings = insurable_earnings(scenario, inputs)
    wages = earnings.projected
    wage_bill = insurable_wage_bill(inputs.active, wages, scheme_path(scenario, years, "months_paid"))
    contributions = contributions_by_fund(wage_bill, contribution_rates(scenario, years),
                                          allocation_keys(scenario))
    split = package_split(scenario, inputs, earnings)
    service_inputs, service_earnings, voluntary_pay = inputs, earnings, None
    if split is not None:
        wage_bill, contributions = split.contributions(wage_bill, contributions)
        service_inputs, service_earnings = split.for_pensions(inputs, earnings)
        voluntary_pay = split.voluntary_pay()
    if cover_block(scenario) is not None:
        regular_pay = inputs.active[:, VOLUNTARY] * wages[:, VOLUNTARY] if split is None else split.split.regular_pay
        contributions[:, VOLUNTARY, SHORT_TERM] += cover_contributions(
            scenario, years, regular_pay, scenario.schemes.voluntary.months_paid.values(years))
    service = project_pensions(scenario, service_inputs, service_earnings, parallel)
    benefits = project_benefits(scenario, inputs, service, wages, voluntary_pay)
    wage_growth = inputs.earnings.growth(years)
    returns = investment_returns(scenario, years, inputs.inflation, wage_growth - 1.0)
    if split is not None and np.any(split.split.lump_sum_contributions > 0):
        paid, _ = accumulate_lump_sums(split.split.lump_sum_contributions, inputs.survival, returns,
                                       pension_ages(scenario, years))
        benefits.by_branch[:, VOLUNTARY, BRANCHES.index("lump_sum")] += paid.sum(axis=1)
    legacy_paid = state.legacy_paid_by_state(scenario, benefits.legacy)
    paid_by_fund = benefits.by_scheme_and_fund()
    paid_by_fund[:, :, LONG_TERM] -= legacy_paid

    funds = scenario.funds
    rules = account_rules(scenario, years)
    initial = np.array([getattr(funds.initial.reserves, f) for f in FUNDS])
    scheme_share = np.array([getattr(funds.initial.reserve_share_by_scheme, s) for s in SCHEMES])
    accounts = project_accounts(scheme_share[:, None] * initial[None, :], contributions, paid_by_fund,
                                returns, rules)
    members = inputs.active.sum(axis=(1, 2, 3))
    health = project_health(scenario, inputs, accounts.pooled("transfers_out")[:, HEALTH], members)
    nhi = health.nhi
    allowances = state.retiree_allowances(scenario, years, service.pensioners, service.amounts,
                                          benefits.pensions[:, :, PENSIONS.index("disability")])
    costs = state.government_costs(scenario, years, wage_bill, legacy_paid, allowances,
                                   accounts.pooled("deficit_financing").sum(axis=1))

    total_bill = wage_bill.sum(axis=1)
    expenditure = accounts.expenditure
    gdp = inputs.gdp
    average_wages = wages if split is None else split.average_wages(wages)
    with np.errstate(invalid="ignore", divide="ignore"):
        average_earnings = np.where(inputs.active.sum(axis=(2, 3)) > 0,
                                    (inputs.active * average_wages).sum(axis=(2, 3)) / inputs.active.sum(axis=(2, 3)),
                                    np.nan)
    subsidy = subsidy_cost(scenario, inputs)
    arrays = {
        "contributions": contributions,
        "insurable_earnings": wage_bill,
        "average_insurable_earnings": average_earnings,
        "insured_persons": (service.insured + service.inactive).sum(axis=(2, 3)),
        "inactive_insured": service.inactive.sum(axis=(2, 3)),
        "pensions_in_payment": benefits.pensions,
        "pensioners": benefits.pensions,
        "new_pensioners": benefits.new_pensions,
        "lump_sums": service.total("lump_sums"),
        "average_old_age_pension": benefits.average_old_age_pension,
        "average_pension": benefits.average_old_age_pension,
        "legacy_pensions": benefits.legacy,
        "benefit_expenditure": benefits.by_branch,
        "investment_income": accounts.pooled("investment_income"),
        "benefits": accounts.pooled("benefits"),
        "admin_costs": accounts.pooled("admin_costs"),
        "transfers_out": accounts.pooled("transfers_out"),
        "deficit_financing": accounts.pooled("deficit_financing"),
        "investment_return": returns,
        "real_investment_return": (1.0 + returns) / (1.0 + inputs.inflation) - 1.0,
        "real_wage_growth": wage_growth / (1.0 + inputs.inflation) - 1.0,
        "reserve": accounts.pooled("reserve"),
        "reserve_ratio": ind.reserve_ratio(accounts.pooled("reserve"), expenditure),
        "payg_cost_rate": ind.cost_rate(expenditure, total_bill),
        "nhi_income": nhi.income,
        "nhi_expenditure": nhi.expenditure,
        "nhi_covered_persons": nhi.covered,
        "nhi_balance": nhi.balance,
        "subsidy_cost": subsidy,
        "contributions_pct_gdp": ind.pct_gdp(contributions, gdp),
        "benefits_pct_gdp": ind.pct_gdp(accounts.benefits, gdp),
        "reserve_pct_gdp": ind.pct_gdp(accounts.reserve, gdp),
        **{f"{name}_by_scheme": getattr(accounts, name) for name in SCHEME_ACCOUNT_FLOWS},
        "subsidy_cost_pct_gdp": ind.pct_gdp(subsidy, gdp),
        "nhi_expenditure_pct_gdp": ind.pct_gdp(nhi.expenditure, gdp),
        "nhi_government_cost_pct_gdp": ind.pct_gdp(nhi.income[:, 0], gdp),
    }
    health_results, health_coords, health_attrs = health_arrays(health, gdp, inputs.government_expenditure)
    arrays.update(health_results)
    for name, values in costs.items():
        arrays[name] = values
        arrays[f"{name}_pct_gdp"] = ind.pct_gdp(values, gdp)
        arrays[f"{name}_pct_government_expenditure"] = ind.pct_gdp(values, inputs.government_expenditure)
    coords = {"branch": list(BRANCHES), "pension": list(PENSIONS), "benefit": list(PENSIONS),
              "source": list(SOURCES)} | health_coords
    attrs = depletion_attributes(years, accounts)
    attrs["scheme_accounts"] = funds.scheme_accounts
    attrs |= health_attrs
    attrs |= premium_attributes(scenario, years, accounts, total_bill, returns)
    if valuation:
        attrs |= valuation_attributes(scenario, service_inputs, service_earnings, accounts, total_bill, returns,
                                      rules)
    attrs |= {f"initial_reserve_{f}": float(initial[i]) for i, f in enumerate(FUNDS)}
    results = StageResults("funds", arrays, coords, attrs, base_year_stocks(scenario, inputs, service, accounts))
    return FundsProjection(earnings, wage_bill, contributions, service, benefits, accounts, nhi, returns, results)


def base_year_stocks(scenario, inputs: FundsInputs, service: ServiceProjection,
                     accounts: Accounts) -> dict[str, np.ndarray]:
    """Stocks at 31 December of the base year, keyed by result name (the first row of the
    results): reserves, insured persons, pensions in payment, the average old-age pension."""
    init = scenario.funds.initial
    counts = np.stack([service.initial_pensioners,
                       [getattr(init.disability_pensions, s) for s in SCHEMES],
                       [getattr(init.survivor_pensions, s) for s in SCHEMES]], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.where(service.initial_pensioners > 0,
                           service.initial_amounts / service.initial_pensioners, np.nan)
    reserve = accounts.initial_reserve.sum(axis=0)
    base = {"reserve": reserve, "reserve_by_scheme": accounts.initial_reserve,
            "insured_persons": service.initial_active + service.initial_inactive,
            "inactive_insured": service.initial_inactive, "pensioners": counts, "pensions_in_payment": counts,
            "average_old_age_pension": average, "average_pension": average}
    if inputs.gdp_base is not None:
        base["reserve_pct_gdp"] = np.array(100.0 * reserve.sum() / inputs.gdp_base)
    return base

