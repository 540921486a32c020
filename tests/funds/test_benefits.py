"""Benefit branches: the short-term formulas and the pension pools."""

import numpy as np
import pytest

from engine.dims import FEMALE
from engine.funds.benefits import BRANCH_FUND, BRANCHES, pension_stock, short_term_benefits
from engine.funds.earnings import insurable_earnings
from engine.funds.stage import project_funds
from tests.funds.helpers import stationary_inputs


@pytest.fixture(scope="module")
def setting(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=4)
    wages = insurable_earnings(default_scenario, inputs).projected
    return default_scenario, inputs, wages, short_term_benefits(default_scenario, inputs, wages)


def test_death_grant_is_15_and_6_months(setting):
    scenario, inputs, wages, st = setting
    q = 1.0 - inputs.survival
    vol = 2
    pay = inputs.active[:, vol] * wages[:, vol]
    expected = (pay * (15 * q + 6 * 0.85 * q[:, ::-1])).sum(axis=(1, 2))
    np.testing.assert_allclose(st["death_grant"][:, vol], expected, rtol=1e-12)


def test_maternity_and_sickness(setting):
    scenario, inputs, wages, st = setting
    daily = inputs.active * wages * 12 / 365
    births = (daily[:, :, FEMALE] * inputs.asfr[:, None]).sum(axis=2)
    np.testing.assert_allclose(st["maternity"], births * 105 * 0.8, rtol=1e-12)
    np.testing.assert_allclose(st["sickness"], daily.sum(axis=(2, 3)) * 2 * 0.6, rtol=1e-12)


def test_voluntary_members_have_no_injury_or_unemployment_benefit(setting):
    _, _, _, st = setting
    assert np.all(st["employment_injury"][:, 2] == 0) and np.all(st["unemployment"][:, 2] == 0)
    assert np.all(st["unemployment"][:, 1] > 0)


def test_pension_pool_recursion():
    spent, amount, count = pension_stock(np.array([100.0]), np.array([10.0]),
                                         np.array([[5.0], [0.0]]), np.array([[1.0], [0.0]]),
                                         np.array([1.1, 1.0]), np.array([0.1, 0.5]))
    assert amount[0, 0] == pytest.approx(100 * 1.1 * 0.9 + 5)
    assert count[0, 0] == pytest.approx(10 * 0.9 + 1)
    assert spent[0, 0] == pytest.approx(12 * (110 + amount[0, 0]) / 2)
    assert amount[1, 0] == pytest.approx(amount[0, 0] * 0.5)


def test_branches_add_up_to_fund_benefits(default_scenario):
    result = project_funds(default_scenario, stationary_inputs(default_scenario, n_years=30))
    by_branch = result.benefits.by_branch.sum(axis=1)
    for fund in ("short_term", "long_term"):
        cols = [i for i, b in enumerate(BRANCHES) if BRANCH_FUND[b] == fund]
        paid_by_state = result.benefits.legacy.sum(axis=1) if fund == "long_term" else 0.0   # legacy
        np.testing.assert_allclose(result.accounts.pooled("benefits")[:, ("health", "short_term", "long_term").index(fund)],
                                   by_branch[:, cols].sum(axis=1) - paid_by_state, rtol=1e-12)
    assert np.all(result.accounts.benefits[..., 0] == 0)
