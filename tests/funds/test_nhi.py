"""The National Health Insurance account: sources, groups, budget rules and the gap."""

import numpy as np
import pytest

from engine.data.files import read_parameters
from engine.funds.health.cost import relative_cost, step
from engine.funds.nhi import SOURCES, project_nhi
from engine.scenario.load import scenario_from_dict
from tests.funds.helpers import stationary_inputs


def test_balance_rule_government_pays_the_gap(baseline_run):
    ds = baseline_run
    income = ds["nhi_income"]
    assert list(ds["source"].values) == list(SOURCES)
    gov = income.sel(source="government_budget")
    assert (gov >= 0).all()
    other = income.sel(source=["nssf_transfer", "copayments", "cbhi_transfer"]).sum("source")
    np.testing.assert_allclose(gov, np.maximum(ds["nhi_expenditure"] - other, 0.0), rtol=1e-12)
    np.testing.assert_allclose(ds["nhi_balance"], income.sum("source") - ds["nhi_expenditure"], rtol=1e-12)
    np.testing.assert_allclose(ds["nhi_government_cost_pct_gdp"], 100 * gov / ds["gdp"], rtol=1e-12)
    assert float(abs(ds["nhi_gap"]).max()) == 0.0 and float(ds["nhi_unmet_cost"].max()) == 0.0
    np.testing.assert_allclose(ds["nhi_expenditure_by_group"].sum("health_group"), ds["nhi_expenditure"],
                               rtol=1e-12)


def test_nhi_spending_is_a_small_part_of_health_spending(baseline_run):
    """NHI spending and the government's share stay below WHO GHED totals (2022): current
    health expenditure 2.03 % of GDP, government's own 0.63 %."""
    ref = read_parameters("nhi_parameters")
    che = 100 * ref["current_health_expenditure_share_gdp"]["value"]
    government = 100 * ref["government_health_expenditure_share_gdp"]["value"]
    ds = baseline_run
    assert float(ds["nhi_expenditure_pct_gdp"].max()) < che
    assert float(ds["government_health_cost_pct_gdp"].max()) < government


def test_cost_curve_by_age_and_sex(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=5)
    rel = relative_cost({0: 1.5, 5: 0.6, 50: 1.5, 65: 2.5}, {15: 1.0, 20: 2.0, 40: 1.0}, inputs.population_base)
    weights = inputs.population_base
    assert (rel * weights).sum() / weights.sum() == pytest.approx(1.0)
    assert rel[0, 3] / rel[0, 10] == pytest.approx(1.5 / 0.6)
    assert rel[1, 25] / rel[0, 25] == pytest.approx(2.0)
    assert rel[1, 45] == pytest.approx(rel[0, 45])
    assert np.all(step(None) == 1.0)


def _run(overrides, inputs, transfer=None):
    scenario = scenario_from_dict({"name": "t", "nhi": overrides})
    members = inputs.active.sum(axis=(1, 2, 3))
    transfer = np.full(len(inputs.years), 1e9) if transfer is None else transfer
    return project_nhi(scenario, inputs, transfer, members)


def test_the_base_population_costs_the_same_under_any_curve(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=5)
    flat = _run({"cost_curve": None, "female_cost_ratio": None}, inputs)
    curve = _run({"cost_curve": {0: 1.5, 5: 0.6, 65: 2.5}}, inputs)
    np.testing.assert_allclose(curve.expenditure, flat.expenditure, rtol=1e-12)


def test_budget_rules_and_gap_closure(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=5)
    share = _run({"government_budget": {"rule": "share_of_gdp", "share_of_gdp": 1e-9}}, inputs)
    # a tiny budget leaves a gap; the default closure has the budget pay it
    assert np.all(share.gap > 0)
    np.testing.assert_allclose(share.income[:, 0], 1e-9 * inputs.gdp + share.gap)
    np.testing.assert_allclose(share.expenditure, share.planned)
    np.testing.assert_allclose(share.balance, 0.0, atol=1e-3)
    cut = _run({"government_budget": {"rule": "share_of_gdp", "share_of_gdp": 1e-9}, "gap_closure": "cut"}, inputs)
    np.testing.assert_allclose(cut.income[:, 0], 1e-9 * inputs.gdp)
    np.testing.assert_allclose(cut.unmet_cost, share.gap)
    np.testing.assert_allclose(cut.expenditure + cut.unmet_cost, cut.planned, rtol=1e-12)
    np.testing.assert_allclose(cut.expenditure_by_group.sum(axis=1), cut.expenditure, rtol=1e-12)
    # a generous budget: no gap, a surplus
    rich = _run({"government_budget": {"rule": "path", "path": 1e15}, "gap_closure": "cut"}, inputs)
    assert np.all(rich.gap == 0) and np.all(rich.balance > 0)
    np.testing.assert_allclose(rich.income[:, 0], 1e15)


def test_budget_share_default_matches_its_derivation(default_scenario):
    """180 bn LAK / 162.66 trillion LAK GDP (2019) = 0.0011."""
    share = default_scenario.nhi.government_budget.share_of_gdp.values(np.array([2030]))[0]
    assert share == pytest.approx(180e9 / 162.66e12, rel=0.01)


def test_cost_follows_the_chosen_index(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=10, wage_growth=0.06, price_growth=0.02)
    for index, growth in (("earnings", 1.06), ("prices", 1.02)):
        unit = _run({"cost_index": index, "cost_growth_margin": 0.01, "utilisation_growth": 0.02},
                    inputs, np.zeros(10)).cost_per_person
        np.testing.assert_allclose(unit[1:] / unit[:-1], growth * 1.01 * 1.02, rtol=1e-12)


def test_payment_adequacy_scales_spending(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=5)
    base = _run({}, inputs)
    more = _run({"payment_adequacy": 0.84}, inputs)    # 0.7 -> 0.84: +20 %
    np.testing.assert_allclose(more.planned, 1.2 * base.planned, rtol=1e-12)
