"""The National Health Insurance account."""

from dataclasses import replace

import numpy as np
import pytest

from engine.data import read_parameters
from engine.funds.nhi import cost_curve, project_nhi
from engine.scenario import scenario_from_dict
from tests.funds.helpers import stationary_inputs


def test_balance_rule_government_pays_the_gap(baseline_run):
    ds = baseline_run
    income = ds["nhi_income"]
    gov = income.sel(source="government_budget")
    assert (gov >= 0).all()
    gap = ds["nhi_expenditure"] - income.sel(source=["nssf_transfer", "copayments"]).sum("source")
    np.testing.assert_allclose(gov, np.maximum(gap, 0.0), rtol=1e-12)
    np.testing.assert_allclose(ds["nhi_balance"], income.sum("source") - ds["nhi_expenditure"], rtol=1e-12)
    np.testing.assert_allclose(ds["nhi_government_cost_pct_gdp"], 100 * gov / ds["gdp"], rtol=1e-12)


def test_nhi_spending_is_a_small_part_of_health_spending(baseline_run):
    """NHI spending and the government's share stay below WHO GHED totals (2022): current
    health expenditure 2.03 % of GDP, government's own 0.63 %."""
    ref = read_parameters("nhi_parameters")
    che = 100 * ref["current_health_expenditure_share_gdp"]["value"]
    government = 100 * ref["government_health_expenditure_share_gdp"]["value"]
    ds = baseline_run
    assert float(ds["nhi_expenditure_pct_gdp"].max()) < che
    assert float(ds["nhi_government_cost_pct_gdp"].max()) < government
    covered = ds["nhi_covered_persons"].isel(year=0) / ds["population"].isel(year=0).sum()
    assert 0.8 < float(covered) < 0.95                 # 73.6 % plus NSSF members and dependants


def test_default_cost_reproduces_the_2019_budget():
    """Cost per covered person x covered persons in 2019 is about the 180 bn LAK budget
    plus co-payments (the derivation of the default)."""
    ref = read_parameters("nhi_parameters")
    population_2019 = 7.17e6
    covered = ref["coverage"]["value"] * population_2019
    spending = ref["cost_per_covered_person"]["value"] * covered
    income = ref["government_budget_2019"]["value"] + ref["copayment_per_covered_person"]["value"] * covered
    assert spending == pytest.approx(income, rel=0.05)


def test_cost_curve_and_budget_rules(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=5)
    rel = cost_curve({0: 1.5, 5: 0.6, 50: 1.5, 65: 2.5}, inputs.population_base)
    weights = inputs.population_base.sum(axis=0)
    assert (rel * weights).sum() / weights.sum() == pytest.approx(1.0)
    assert rel[3] / rel[10] == pytest.approx(1.5 / 0.6)
    transfer = np.full(5, 1e9)
    members = inputs.active.sum(axis=(1, 2, 3))
    flat = project_nhi(default_scenario, inputs, transfer, members)
    curve = scenario_from_dict({"name": "c", "nhi": {"cost_curve": {0: 1.5, 5: 0.6, 65: 2.5}}})
    # the base-year population is the reference: the same population costs the same
    np.testing.assert_allclose(project_nhi(curve, inputs, transfer, members).expenditure,
                               flat.expenditure, rtol=1e-12)
    older = replace(inputs, population=inputs.population * np.where(np.arange(101) >= 65, 2.0, 1.0))
    more = project_nhi(curve, older, transfer, members).expenditure
    assert np.all(more > project_nhi(default_scenario, older, transfer, members).expenditure)
    share = project_nhi(scenario_from_dict({"name": "s", "nhi": {"government_budget": {
        "rule": "share_of_gdp", "share_of_gdp": 0.001}}}), inputs, transfer, members)
    np.testing.assert_allclose(share.income[:, 0], 0.001 * inputs.gdp)
    np.testing.assert_allclose(share.balance, share.income.sum(axis=1) - share.expenditure)
    path = project_nhi(scenario_from_dict({"name": "p", "nhi": {"government_budget": {
        "rule": "path", "path": 2e11}}}), inputs, transfer, members)
    np.testing.assert_allclose(path.income[:, 0], 2e11)


def test_cost_follows_the_chosen_index(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=10, wage_growth=0.06, price_growth=0.02)
    members = inputs.active.sum(axis=(1, 2, 3))
    for index, growth in (("earnings", 1.06), ("prices", 1.02)):
        s = scenario_from_dict({"name": "i", "nhi": {"cost_index": index, "cost_growth_margin": 0.01}})
        unit = project_nhi(s, inputs, np.zeros(10), members).cost_per_person
        np.testing.assert_allclose(unit[1:] / unit[:-1], growth * 1.01, rtol=1e-12)
