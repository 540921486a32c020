"""The policy blocks' effects on the enrolment stage, from the scenario and the economy.

:func:`policy_effects` gathers the enrolment stage's yearly levers
(:class:`engine.policies.enrolment.EnrolmentLevers`: cell incomes, the minimum wage, the
floor of the lowest contribution, rate, subsidy, reach, lapse and return rates, ages, the money
indices and whether awareness is a stock)
and hands them to :func:`engine.policies.enrolment.enrolment_effects`, which turns the
blocks into arrays by year, covariate cell and sex-age pattern.
"""

from __future__ import annotations

import numpy as np

from engine.macro import earnings_series, minimum_wage_series, price_series
from engine.policies.enrolment import EnrolmentEffects, EnrolmentLevers, enrolment_effects
from engine.policies.subsidy import MoneyIndices
from engine.rules import enrolment_floor
from engine.scenario.schema import Scenario


def policy_effects(scenario: Scenario, economy, income_2020: np.ndarray,
                   nominal_income: np.ndarray) -> EnrolmentEffects | None:
    """The enrolment effects of the scenario's policy blocks (None without blocks).

    ``income_2020`` (C,) LAK per month of each cell at 2020 prices; ``nominal_income`` (T,)
    nominal income per unit of 2020-price income, so that a cell's nominal income is
    ``income_2020[c] x nominal_income[t]`` LAK per month.
    """
    if not scenario.policies:
        return None
    e = scenario.enrolment
    years = np.asarray(economy.years)
    levers = EnrolmentLevers(
        years=years, income=np.asarray(income_2020)[None, :] * np.asarray(nominal_income)[:, None],
        minimum_wage=np.asarray(economy.minimum_wage, float),
        floor=enrolment_floor(scenario, economy, economy.minimum_wage),
        rate=e.contribution_rate.values(years), subsidy=e.subsidy_share.values(years),
        reach=e.reach.values(years), lapse=e.lapse_rate.values(years), entry_age=e.entry_age, exit_age=e.exit_age,
        indices=money_indices(scenario, economy), return_rate=e.return_rate.values(years),
        stock=e.awareness is not None)
    return enrolment_effects(scenario, levers)


def money_indices(scenario: Scenario, economy) -> MoneyIndices:
    """Consumer prices, earnings and the minimum wage with their history, which move the
    LAK amounts of policy blocks (:class:`engine.policies.subsidy.MoneyIndices`)."""
    base, years = scenario.horizon.base_year, np.asarray(economy.years)
    return MoneyIndices(prices=price_series(base, years, economy.price_index),
                        earnings=earnings_series(base, years, economy.earnings_index, economy.price_index),
                        minimum_wage=minimum_wage_series(base, years, economy.minimum_wage))
