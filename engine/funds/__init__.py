"""The NSSF schemes, their benefits, the sub-fund accounts and the NHI account.

Public API
----------
:func:`project_funds` (the stage), :func:`run_funds` (from the stages of a run),
:class:`FundsInputs`, :class:`FundsProjection`;
building blocks: :func:`insurable_earnings`, :func:`expected_clipped_lognormal`,
:func:`contributions_by_fund`, :func:`project_pensions`,
:func:`project_benefits`, :func:`project_accounts`, :func:`project_nhi`,
:func:`general_average_premium`, :func:`depletion_year`, :func:`subsidy_cost`,
:func:`provisional_membership`;
the numpy reference of the service kernel :func:`project_service_reference`.
"""

from engine.funds.accounts import AccountRules, Accounts, account_rules, investment_returns, project_accounts
from engine.funds.benefits import BRANCH_FUND, BRANCHES, PENSIONS, BenefitProjection, project_benefits
from engine.funds.contributions import (allocation_keys, contribution_rates, contributions_by_fund,
                                        insurable_wage_bill)
from engine.funds.earnings import (InsurableEarnings, age_profile, expected_clipped_lognormal,
                                   insurable_earnings)
from engine.funds.indicators import (cost_rate, depletion_year, discount_factors,
                                     general_average_premium, pct_gdp, reserve_ratio)
from engine.funds.inputs import FundsInputs, IndexSeries, constant_series
from engine.funds.membership import provisional_membership
from engine.funds.nhi import SOURCES, NHIAccount, project_nhi
from engine.funds.pensions import ServiceProjection, project_pensions
from engine.funds.reference import project_service_reference
from engine.funds.stage import FundsProjection, project_funds, subsidy_cost
from engine.funds.run import run_funds

__all__ = [
    "AccountRules", "Accounts", "account_rules", "investment_returns", "project_accounts",
    "BRANCH_FUND", "BRANCHES", "PENSIONS", "BenefitProjection", "project_benefits",
    "allocation_keys", "contribution_rates", "contributions_by_fund", "insurable_wage_bill",
    "InsurableEarnings", "age_profile", "expected_clipped_lognormal",
    "insurable_earnings", "cost_rate", "depletion_year", "discount_factors",
    "general_average_premium", "pct_gdp", "reserve_ratio", "FundsInputs", "IndexSeries",
    "constant_series", "provisional_membership", "SOURCES", "NHIAccount", "project_nhi",
    "ServiceProjection", "project_pensions", "project_service_reference", "FundsProjection",
    "project_funds", "subsidy_cost", "run_funds",
]
