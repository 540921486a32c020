"""Valuation indicators: closed forms in a stationary population, horizons, the scaled
premium and the accrued-to-date liability."""

import numpy as np
import pytest

import engine
from engine.dims import FUNDS, SCHEMES
from engine.funds import indicators as ind, valuation
from engine.funds.stage import project_funds
from engine.kernels.pension_columns import RULES
from engine.scenario.load import scenario_from_dict
from tests.funds.helpers import BASELINE, stationary_inputs


@pytest.fixture(scope="module")
def stationary(default_scenario):
    """A stationary population, pensions indexed to earnings, no initial reserve, the
    return equal to wage growth (5 %)."""
    s = scenario_from_dict({
        "name": "stationary",
        "benefits": {"old_age": {"indexation": "earnings"}},
        "funds": {"investment_return": {"basis": "wage_spread", "rate": 0.0, "observed": None},
                  "initial": {"reserves": {"health": 0, "short_term": 0, "long_term": 0}}}})
    inputs = stationary_inputs(default_scenario, n_years=320)
    return project_funds(s, inputs), inputs


def test_payg_cost_rate_is_replacement_times_dependency(stationary):
    """Stationary population, constant rules: the old-age PAYG cost rate of each scheme is
    its replacement rate (average pension / average insurable earnings) times its
    pensioner-to-contributor ratio."""
    result, inputs = stationary
    t = -1
    old_age = result.benefits.by_branch[t, :, 0]
    wage_bill = result.wage_bill[t]
    contributors = inputs.active[t].sum(axis=(1, 2))
    pensioners = result.service.pensioners[t].sum(axis=(1, 2))
    average_pension = result.service.amounts[t].sum(axis=(1, 2)) / pensioners
    average_earnings = wage_bill / (12.0 * contributors)
    expected = (average_pension / average_earnings) * (pensioners / contributors)
    np.testing.assert_allclose(old_age / wage_bill, expected, rtol=1e-8)
    assert np.all(expected > 0.01)


def test_gap_does_not_depend_on_the_horizon_when_return_equals_wage_growth(stationary):
    """With r = g and a stationary population (the tail of the run, no reserve), the GAP
    over 25, 50 and 75 years is the constant cost rate."""
    result, _ = stationary
    tail = slice(-100, None)
    expenditure = result.accounts.expenditure[tail, FUNDS.index("long_term")]
    wages = result.wage_bill.sum(axis=1)[tail]
    returns = result.returns[tail]
    np.testing.assert_allclose(returns, returns[0], rtol=1e-12)
    gaps = [ind.general_average_premium(expenditure[:h], wages[:h], 0.0, returns[:h]) for h in (25, 50, 75)]
    np.testing.assert_allclose(gaps, expenditure[-1] / wages[-1], rtol=1e-6)


def test_open_group_indicators_hold_together(baseline_run):
    attrs = baseline_run.attrs
    for label in ("25y", "50y", "75y", "horizon"):
        for f in FUNDS + ("all",):
            gap, balance = attrs[f"general_average_premium_{label}_{f}"], attrs[f"actuarial_balance_{label}_{f}"]
            pv_c, pv_w = attrs[f"pv_contributions_{label}_{f}"], attrs[f"pv_insurable_earnings_{label}"]
            assert balance == pytest.approx(pv_c / pv_w - gap, rel=1e-9, abs=1e-12)
    assert attrs["general_average_premium_horizon_all"] == pytest.approx(attrs["general_average_premium"], rel=1e-12)
    # a longer horizon brings more of the maturing scheme's pensions
    assert attrs["general_average_premium_25y_long_term"] < attrs["general_average_premium_75y_long_term"]


def test_scaled_premium_leaves_the_stated_reserve(baseline_run):
    """Charging the scaled premium to the long-term sub-fund over its period leaves a
    reserve of the stated years of expenditure."""
    ds = baseline_run
    scenario = engine.load_scenario(BASELINE)
    period = scenario.funds.valuation.scaled_premium_period_years
    ratio = scenario.funds.valuation.scaled_premium_reserve_ratio
    premium = ds.attrs["scaled_premium_long_term"]
    from engine.funds.accounts import AccountRules, project_accounts

    lt = FUNDS.index("long_term")
    wages = ds["insurable_earnings"].sum("scheme").to_numpy()[:period]
    contributions = np.zeros((period, 1, 3))
    contributions[:, 0, lt] = premium * wages
    benefits = np.zeros((period, 1, 3))
    benefits[:, 0, lt] = ds["benefits"].sel(fund="long_term").to_numpy()[:period]
    rate = ds["investment_return"].to_numpy()[:period]
    admin = np.array([getattr(scenario.funds.admin_cost.rate, f) for f in FUNDS])
    acc = project_accounts(np.array([[0.0, 0.0, ds.attrs["initial_reserve_long_term"]]]), contributions, benefits,
                           rate, AccountRules(admin, np.zeros((period, 3))))
    assert acc.reserve[-1, 0, lt] == pytest.approx(ratio * acc.expenditure[-1, lt], rel=1e-6)


def test_closed_group_earns_the_pension_of_its_service_to_date():
    """Under the closed-group rules a person with 10 years (below every minimum service)
    gets accrual x 10 x average earnings, not a lump sum."""
    from tests.funds.test_kernel import one_cell, rules_for

    closed = valuation.closed_group_rules(rules_for(reduction_per_missing_year=0.01, minimum_pension=5e6))
    out = one_cell(persons=1.0, service=10, average=2e6, **dict(zip(RULES, closed[0, 0])))
    assert out["amounts"][0, 0, 60] == pytest.approx(0.015 * 10 * 2e6)


def test_accrued_liability_is_the_present_value_of_the_closed_group(baseline_run):
    """The attribute equals the present value of the closed group's projected pensions,
    computed here from the kernel's outputs; civil servants, the oldest scheme, owe most."""
    from engine.funds.inputs import FundsInputs
    from engine.funds.earnings import insurable_earnings
    from engine.funds.pensions import project_pensions
    from engine.demography import project_population
    from engine.enrolment.dynamics import project_membership
    from engine.labour import project_labour
    from engine.macro import project_economy

    scenario = engine.load_scenario(BASELINE)
    population = project_population(scenario)
    labour = project_labour(scenario, population.years, population.mid_year)
    base = project_labour(scenario, population.years[:1], population.base[None])
    economy = project_economy(scenario, population.years, labour.employed.sum(axis=(1, 2)), float(base.employed.sum()))
    inputs = FundsInputs.from_run(scenario, population, economy, project_membership(scenario, population, economy),
                                  population.rates)
    closed = project_pensions(scenario, inputs, insurable_earnings(scenario, inputs), closed_group=True)
    assert float(closed.insured.sum()) == 0.0                     # nobody contributes after the base year
    old_age = 12 * 0.5 * (closed.total("pension_amount_start") + closed.amounts.sum(axis=(2, 3)))
    ds = baseline_run
    returns = ds["investment_return"].to_numpy()
    v = np.cumprod(1 / (1 + returns)) * np.sqrt(1 + returns)          # mid-year discount factors
    np.testing.assert_allclose(valuation.present_value(old_age, returns), v @ old_age, rtol=1e-12)
    pv_old_age = valuation.present_value(old_age, returns)
    liabilities = np.array([ds.attrs[f"accrued_liability_{s}"] for s in SCHEMES])
    assert np.all(liabilities >= pv_old_age * (1 - 1e-6))       # plus disability and survivors in payment
    assert np.all(liabilities - pv_old_age < 0.25 * liabilities)
    assert liabilities[0] == liabilities.max()
    assert ds.attrs["accrued_liability_all_pct_gdp"] == pytest.approx(
        100 * liabilities.sum() / inputs.gdp_base, rel=1e-12)


def test_a_run_without_valuation_changes_no_result(baseline_run):
    """A sweep's variants skip the valuation: the same arrays, no valuation attributes."""
    from engine.model import project

    scenario = engine.load_scenario(BASELINE, ["horizon.end_year=2040"])
    full, bare = project(scenario), project(scenario, valuation=False)
    assert "accrued_liability_all" in full.attrs and "accrued_liability_all" not in bare.attrs
    for name, values in full.arrays.items():
        np.testing.assert_array_equal(values, bare.arrays[name], err_msg=name)
