"""The key assumptions on one page: those an actuarial valuation states first, because the
long-term results turn on them.

The list is a judgement, stated here: the economy (return on reserves, growth, inflation,
the gap between earnings and GDP growth), the population (fertility, mortality,
migration), the labour market and compliance (who contributes), the schemes' rules
(contribution rates, pension age, accrual, minimum pension) and enrolment (lapses and
returns of voluntary members). Every other parameter stays in the full table.
"""

from __future__ import annotations

KEY_ASSUMPTIONS: tuple[tuple[str, str], ...] = (
    ("funds.investment_return.rate", "return on reserves: drives the reserve and the premium"),
    ("macro.real_gdp_growth", "real GDP growth: scales earnings and the budget"),
    ("macro.inflation", "inflation: the nominal level of everything"),
    ("macro.real_earnings_growth_gap", "earnings growth beyond GDP: contributions and pensions"),
    ("macro.government_expenditure_share", "government expenditure: the measure of fiscal cost"),
    ("demography.fertility_multiplier", "fertility: future contributors"),
    ("demography.mortality_multiplier", "mortality: years pensions are paid"),
    ("demography.migration_multiplier", "migration: working-age population"),
    ("labour.unemployment_rate", "unemployment: who is employed"),
    ("labour.formalisation_rate", "formalisation: who enters the compulsory schemes"),
    ("coverage.target_group_share", "compulsory target group: employees of firms of 10 or more"),
    ("coverage.enterprise_compliance", "compliance: contributing share of the target group"),
    ("schemes.enterprise.employer_rate", "enterprise employer contribution"),
    ("schemes.enterprise.employee_rate", "enterprise employee contribution"),
    ("schemes.voluntary.employee_rate", "voluntary contribution"),
    ("benefits.old_age.pension_age_male.enterprise", "pension age, men"),
    ("benefits.old_age.pension_age_female.enterprise", "pension age, women"),
    ("benefits.old_age.accrual_rate.enterprise", "accrual: pension per year of service"),
    ("benefits.old_age.minimum_pension.enterprise", "minimum pension"),
    ("enrolment.lapse_rate", "voluntary members who stop paying each year"),
    ("enrolment.return_rate", "lapsed members who return each year"),
    ("enrolment.contract_years", "contract term: when members may lapse and change level"),
)


def key_assumption_rows(rows: list[dict]) -> list[dict]:
    """The rows of the full assumptions table (:func:`engine.report.html.assumption_rows`)
    for the key assumptions, in the list's order, each with why it matters; keys the
    scenario does not have are left out."""
    by_key = {r["key"]: r for r in rows}
    return [{**by_key[key], "why": why} for key, why in KEY_ASSUMPTIONS if key in by_key]
