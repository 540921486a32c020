"""Sub-fund accounts (closed forms, identity) and indicators (premium, depletion, cost rate)."""

import numpy as np
import pytest

from engine.funds.accounts import AccountRules, project_accounts
from engine.funds.indicators import (
    cost_rate, depletion_year, discount_factors, general_average_premium, pct_gdp, reserve_ratio
)
from engine.funds.stage import project_funds
from tests.funds.helpers import stationary_inputs


def identity_residual(acc):
    """|R[t] - R[t-1] - (C + J - B - A - T + D)| relative to the account's scale, per scheme
    account and year."""
    previous = np.concatenate([acc.initial_reserve[None], acc.reserve[:-1]])
    flows = (acc.contributions + acc.investment_income - acc.benefits - acc.admin_costs - acc.transfers_out
             + acc.deficit_financing)
    scale = np.maximum.reduce([np.abs(previous), np.abs(acc.reserve), np.abs(acc.contributions),
                               np.abs(acc.benefits), np.ones_like(previous)])
    return np.abs(acc.reserve - previous - flows) / scale


@pytest.mark.parametrize("r", [0.0, 0.03, 0.06, -0.02])
def test_constant_flows_give_the_geometric_path(r):
    """Net flow N at mid-year, return r: R_t = (1+r)^t R_0 + N (1 + r/2) ((1+r)^t - 1) / r."""
    n_years, r0, c, b = 60, 5e12, 2e12, 1.5e12
    acc = project_accounts(np.array([[r0]]), np.full((n_years, 1, 1), c), np.full((n_years, 1, 1), b),
                           np.full(n_years, r), AccountRules(np.zeros(1), np.zeros((n_years, 1))))
    t = np.arange(1, n_years + 1)
    net = c - b
    annuity = t if r == 0 else ((1 + r) ** t - 1) / r
    expected = (1 + r) ** t * r0 + net * (1 + r / 2) * annuity
    np.testing.assert_allclose(acc.reserve[:, 0, 0], expected, rtol=1e-12)


def test_state_guarantee_finances_exactly_the_shortfall():
    """Benefits above contributions: once the reserve is spent, the state transfers each
    year exactly what keeps it at zero, and the identity holds with that transfer."""
    n_years, r0, c, b, r = 30, 2e12, 1e12, 1.5e12, 0.04
    args = (np.array([[0.0, 0.0, r0]]), np.full((n_years, 1, 3), c), np.full((n_years, 1, 3), b),
            np.full(n_years, r))
    acc = project_accounts(*args, AccountRules(np.zeros(3), np.zeros((n_years, 3)), guarantee=True))
    borrow = project_accounts(*args, AccountRules(np.zeros(3), np.zeros((n_years, 3)), guarantee=False))
    reserve = acc.reserve[:, 0, 2]
    assert reserve.min() >= 0.0 and identity_residual(acc).max() < 1e-12
    first = int(np.flatnonzero(borrow.reserve[:, 0, 2] < 0)[0])
    assert np.all(acc.deficit_financing[:first, 0, 2] == 0.0)
    np.testing.assert_allclose(acc.deficit_financing[first, 0, 2], -borrow.reserve[first, 0, 2], rtol=1e-12)
    # after depletion: a zero opening reserve, half the year's deficit borrowed at r within the year
    shortfall = -(c - b) * (1 + r / 2)
    np.testing.assert_allclose(acc.deficit_financing[first + 1:, 0, 2], shortfall, rtol=1e-12)
    np.testing.assert_array_equal(reserve[first:], 0.0)


@pytest.mark.parametrize("r_borrow", [0.0, 0.09])
def test_borrowing_rate_is_charged_exactly(r_borrow):
    """Without the guarantee a negative reserve accrues the stated borrowing rate:
    R_t = (1 + r_b) R_{t-1} + N (1 + r_b / 2) once the base is negative."""
    n_years, r0, c, b, r = 40, 1e12, 1e12, 1.4e12, 0.05
    acc = project_accounts(np.array([[r0]]), np.full((n_years, 1, 1), c), np.full((n_years, 1, 1), b),
                           np.full(n_years, r),
                           AccountRules(np.zeros(1), np.zeros((n_years, 1)), borrowing_rate=np.full(n_years, r_borrow)))
    reserve = acc.reserve[:, 0, 0]
    net = c - b
    start = int(np.flatnonzero(np.r_[r0, reserve[:-1]] + net / 2 < 0)[0])
    for t in range(start + 1, n_years):
        assert reserve[t] == pytest.approx((1 + r_borrow) * reserve[t - 1] + net * (1 + r_borrow / 2), rel=1e-12)
    assert np.all(acc.deficit_financing == 0.0) and reserve[-1] < 0


def random_scheme_flows(rng, n_years=40):
    """Contributions and benefits (T, 3 schemes, 3 funds); no health benefits."""
    contributions = rng.uniform(1e11, 5e11, (n_years, 3, 3))
    benefits = rng.uniform(0, 6e11, (n_years, 3, 3))
    benefits[:, :, 0] = 0.0
    return contributions, benefits


@pytest.mark.parametrize("pooled", [False, True])
def test_identity_and_health_transfer(pooled):
    rng = np.random.default_rng(5)
    n_years = 40
    contributions, benefits = random_scheme_flows(rng, n_years)
    share = np.zeros((n_years, 3))
    share[:, 0] = 1.0
    initial = np.outer([0.1, 0.6, 0.3], [0.0, 3e11, 2e12])
    for basis in ("contributions", "income"):
        acc = project_accounts(initial, contributions, benefits, rng.uniform(-0.02, 0.1, n_years),
                               AccountRules(np.array([0.0, 0.1, 0.05]), share, basis, pooled=pooled))
        assert identity_residual(acc).max() < 1e-12                # every scheme's account
        np.testing.assert_allclose(acc.pooled("reserve")[:, 0], 0.0, atol=1e-9 * 1e12)   # all passed on to NHI
        np.testing.assert_allclose(acc.pooled("transfers_out")[:, 0],
                                   acc.pooled("contributions")[:, 0] + acc.pooled("investment_income")[:, 0],
                                   rtol=1e-12)
        if basis == "income":
            income = acc.contributions + acc.investment_income
            np.testing.assert_allclose(acc.admin_costs[..., 1:], np.array([0.1, 0.05]) * income[..., 1:],
                                       rtol=1e-12)


def test_pooled_and_separate_accounts_add_up_to_the_same_sub_funds():
    """Every term but the transfer is linear, so the schemes' accounts add up to the pooled
    sub-fund either way; with a negative net inflow in one scheme's health account the
    transfers (and so the scheme reserves) differ."""
    rng = np.random.default_rng(8)
    n_years = 30
    contributions, benefits = random_scheme_flows(rng, n_years)
    benefits[:, 1, 0] = 6e11                      # the enterprise health account runs a deficit
    share = np.zeros((n_years, 3))
    share[:, 0] = 1.0
    args = (np.outer([0.0, 0.9, 0.1], [0.0, 3e11, 2e12]), contributions, benefits, np.full(n_years, 0.05))
    admin = np.array([0.0, 0.1, 0.05])
    pooled = project_accounts(*args, AccountRules(admin, share, pooled=True))
    separate = project_accounts(*args, AccountRules(admin, share, pooled=False))
    one = project_accounts(args[0].sum(axis=0, keepdims=True), contributions.sum(axis=1, keepdims=True),
                           benefits.sum(axis=1, keepdims=True), args[3], AccountRules(admin, share))
    for name in ("reserve", "investment_income", "admin_costs", "transfers_out"):
        np.testing.assert_allclose(pooled.pooled(name), one.pooled(name), rtol=1e-9, atol=1e-9 * 1e12)
        np.testing.assert_allclose(separate.pooled(name)[:, 1:], one.pooled(name)[:, 1:], rtol=1e-9)
    assert not np.allclose(separate.reserve[:, :, 0], pooled.reserve[:, :, 0])


def test_depletion_year_first_negative():
    years = np.arange(2024, 2030)
    assert depletion_year(years, np.array([3, 2, 1, 0, -1, 2.0])) == 2028
    assert depletion_year(years, np.array([3, 2, 1, 0, 0, 2.0])) == "none"


def test_general_average_premium_independent_present_value():
    rng = np.random.default_rng(8)
    n_years = 77
    expenditure = rng.uniform(1e12, 9e12, n_years)
    earnings = rng.uniform(5e13, 9e13, n_years) * 1.05 ** np.arange(n_years)
    returns = rng.uniform(0.0, 0.08, n_years)
    reserve0 = 4e12
    pv_x = pv_w = 0.0
    discount = 1.0
    for x, w, r in zip(expenditure, earnings, returns):
        discount /= 1.0 + r
        mid_year = discount * (1.0 + r) ** 0.5
        pv_x += mid_year * x
        pv_w += mid_year * w
    assert general_average_premium(expenditure, earnings, reserve0, returns) == pytest.approx(
        (pv_x - reserve0) / pv_w, rel=1e-13)
    assert discount_factors(np.zeros(3)) == pytest.approx(np.ones(3))


def test_baseline_premium_attribute_matches_present_value(baseline_run):
    ds = baseline_run
    expenditure = (ds["benefits"] + ds["admin_costs"] + ds["transfers_out"]).sum("fund").to_numpy()
    earnings = ds["insurable_earnings"].sum("scheme").to_numpy()
    reserve0 = sum(ds.attrs[f"initial_reserve_{f}"] for f in ("health", "short_term", "long_term"))
    returns = ((ds["investment_income"].sum("fund")
                / (ds["reserve"].sum("fund").shift(year=1, fill_value=reserve0)
                   + 0.5 * (ds["contributions"].sum(("scheme", "fund")) - ds["benefits"].sum("fund")
                            - ds["admin_costs"].sum("fund")))).to_numpy())
    pv_x = pv_w = 0.0
    discount = 1.0
    for x, w, r in zip(expenditure, earnings, returns):
        discount /= 1.0 + r
        pv_x += discount * np.sqrt(1 + r) * x
        pv_w += discount * np.sqrt(1 + r) * w
    assert ds.attrs["general_average_premium"] == pytest.approx((pv_x - reserve0) / pv_w, rel=1e-9)
    assert ds.attrs["general_average_premium_horizon"] == "2024-2100"


def test_premium_horizon_can_be_shortened(default_scenario):
    from engine.scenario.load import scenario_from_dict

    s = scenario_from_dict({"name": "h", "funds": {"premium_horizon_end_year": 2060}})
    result = project_funds(s, stationary_inputs(default_scenario, n_years=77))
    assert result.attrs["general_average_premium_horizon"] == "2024-2060"


def test_ratios_and_pct_gdp():
    assert np.isnan(reserve_ratio(np.array([1.0]), np.array([0.0])))[0]
    assert reserve_ratio(np.array([6.0]), np.array([2.0]))[0] == 3.0
    np.testing.assert_allclose(cost_rate(np.array([[1.0, 2.0]]), np.array([10.0])), [[0.1, 0.2]])
    np.testing.assert_allclose(pct_gdp(np.ones((2, 3, 4)), np.array([100.0, 1200.0])), [12.0, 1.0])
    np.testing.assert_array_equal(pct_gdp(np.zeros((2, 0)), np.array([1.0, 2.0])), [0.0, 0.0])


def test_stationary_population_gives_a_constant_cost_rate(default_scenario):
    """Constant members by age, survival and rules, earnings growing 5 % and prices 3 % a
    year: once the initial stocks have passed through, every cost rate is constant (the
    disability and survivors' pools converge geometrically, at 0.95 x 1.03 / 1.05 a year)."""
    from engine.scenario.load import scenario_from_dict

    s = scenario_from_dict({"name": "stationary",
                            "funds": {"initial": {"reserves": {"health": 0, "short_term": 0,
                                                               "long_term": 0}}}})
    result = project_funds(s, stationary_inputs(default_scenario, n_years=320))
    expenditure = result.accounts.expenditure
    rate = expenditure / result.wage_bill.sum(axis=1)[:, None]
    tail = rate[-30:]
    np.testing.assert_allclose(tail, np.broadcast_to(tail[-1], tail.shape), rtol=1e-8)
    by_branch = result.benefits.by_branch[-30:] / result.wage_bill[-30:, :, None]
    np.testing.assert_allclose(by_branch, np.broadcast_to(by_branch[-1], by_branch.shape),
                               rtol=1e-8, atol=1e-15)
    assert tail[-1, 2] > 0.01                        # pensions are being paid
