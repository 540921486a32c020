"""Costs of the policy blocks against independent computations from the results."""

import numpy as np
import pytest

import engine
from engine import economic_inputs as econ
from engine.policies.subsidy import taper_factor
from engine.scenario.schema_policies import Taper
from tests.policies.helpers import run_projected, run, scenario, with_policies

MONTHS = 12.0
RATE = 0.09                       # lowest voluntary contribution, share of the floor (Oxfam 2021, Table 6)


def lowest_band_members(ds, **sel):
    detail = ds["voluntary_members_detail"].sel(income_group="lt_1_1m", **sel)
    return detail.sum([d for d in detail.dims if d != "year"]).to_numpy()


@pytest.mark.parametrize("name, share", [("subsidy_50", 0.5), ("subsidy_100", 1.0)])
def test_subsidy_cost_is_subsidised_members_x_contribution_x_share(name, share):
    ds = run(name)
    years = ds["year"].to_numpy()
    members = lowest_band_members(ds)
    expected = np.where(years >= 2026, members * RATE * ds["minimum_wage"].to_numpy() * share * MONTHS, 0.0)
    np.testing.assert_allclose(ds["subsidy_cost"].to_numpy(), expected, rtol=1e-10)
    np.testing.assert_allclose(ds["subsidised_members"].to_numpy(), np.where(years >= 2026, members, 0.0),
                               rtol=1e-10)
    gdp, spending = ds["gdp"].to_numpy(), ds["government_expenditure"].to_numpy()
    np.testing.assert_allclose(ds["subsidy_cost_pct_gdp"].to_numpy(), 100 * expected / gdp, rtol=1e-10)
    np.testing.assert_allclose(ds["subsidy_cost_pct_government_expenditure"].to_numpy(),
                               100 * expected / spending, rtol=1e-10)


def test_a_subsidy_by_sex_and_age_band_costs_what_its_members_pay():
    block = {"type": "contribution_subsidy", "name": "women_25_44", "start_year": 2027, "share": 0.4,
             "eligible": {"sex": "female", "age": [25, 44], "income": "bands", "income_bands": ["lt_1_1m"]}}
    ds = run_projected(with_policies([block]))
    years = ds["year"].to_numpy()
    members = lowest_band_members(ds, sex="female", age_band=["25-34", "35-44"])
    expected = np.where(years >= 2027, members * RATE * ds["minimum_wage"].to_numpy() * 0.4 * MONTHS, 0.0)
    np.testing.assert_allclose(ds["subsidy_cost"].to_numpy(), expected, rtol=1e-10)


def test_the_everyone_subsidy_adds_to_a_targeted_one_capped_at_one():
    base = scenario()
    everyone = base.model_copy(update={"enrolment": base.enrolment.model_copy(
        update={"subsidy_share": engine.scenario.params.YearPath.constant(0.3)})})
    plain = run_projected(everyone)                     # no blocks: the enrolment lever alone
    members = plain["active_members"].sel(scheme="voluntary").to_numpy()
    lowest = RATE * plain["minimum_wage"].to_numpy()
    np.testing.assert_allclose(plain["subsidy_cost"].to_numpy(), 0.3 * lowest * MONTHS * members, rtol=1e-10)

    block = {"type": "contribution_subsidy", "name": "low", "start_year": 2026, "share": 0.9,
             "eligible": {"income": "bands", "income_bands": ["lt_1_1m"]}}
    ds = run_projected(with_policies([block], base=everyone))
    years = ds["year"].to_numpy()
    all_members = ds["active_members"].sel(scheme="voluntary").to_numpy()
    low = lowest_band_members(ds)
    share_low = np.where(years >= 2026, 1.0, 0.3)    # 0.3 + 0.9, capped at 1
    expected = (share_low * low + 0.3 * (all_members - low)) * RATE * ds["minimum_wage"].to_numpy() * MONTHS
    np.testing.assert_allclose(ds["subsidy_cost"].to_numpy(), expected, rtol=1e-9)


def test_a_taper_declines_linearly_between_its_bounds():
    income = np.array([[0.5, 1.0, 1.5, 2.0, 3.0]]) * 2.0e6
    factor = taper_factor(Taper(full_below=1.0, zero_above=2.0), income, np.array([2.0e6]))
    np.testing.assert_allclose(factor, [[1.0, 1.0, 0.5, 0.0, 0.0]])
    assert np.all(taper_factor(None, income, np.array([2.0e6])) == 1.0)


def test_a_subsidy_raises_enrolment_and_a_larger_one_more():
    base, half, full = (run(n)["active_members"].sel(scheme="voluntary", year=2030).item()
                        for n in ("baseline", "subsidy_50", "subsidy_100"))
    assert base < half < full


def _price_index_2019():
    """Consumer prices of 2019 relative to 2020 from the WDI inflation of 2020 (macro.yaml)."""
    return 1.0 / (1.0 + econ.inflation([2020])[0])


def test_universal_pension_cost_is_target_x_take_up_x_benefit_x_12_x_admin():
    ds = run("universal_pension_65", 2060)
    years = ds["year"].to_numpy()
    persons_65 = ds["population"].sel(age=slice(65, None)).sum(["sex", "age"]).to_numpy()
    take_up = 0.9 * np.clip((years - 2026 + 1) / 3.0, 0.0, 1.0)     # phased in over 2026-2028
    poverty_line = 280_000 * ds["price_index"].to_numpy() / _price_index_2019()
    expected = persons_65 * take_up * poverty_line * 12 * (1 + 0.05)
    cost = ds["spf_cost"].sel(programme="universal_pension_65").to_numpy()
    np.testing.assert_allclose(cost, expected, rtol=1e-10)
    assert cost[years == 2025] == 0.0
    np.testing.assert_allclose(ds["spf_cost_pct_gdp"].to_numpy(), 100 * expected / ds["gdp"].to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(ds["spf_cost_pct_government_expenditure"].to_numpy(),
                               100 * expected / ds["government_expenditure"].to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(ds["spf_beneficiaries"].sel(programme="universal_pension_65").to_numpy(),
                               persons_65 * take_up, rtol=1e-12)


def test_child_benefit_for_the_poor_uses_the_poverty_headcount():
    ds = run("rap_combination")
    years = ds["year"].to_numpy()
    children = ds["population"].sel(age=slice(0, 4)).sum(["sex", "age"]).to_numpy()
    take_up = 0.9 * np.clip((years - 2026 + 1) / 3.0, 0.0, 1.0)
    line = 280_000 * ds["price_index"].to_numpy() / _price_index_2019()
    expected = children * 0.183 * take_up * 0.25 * line * 12 * 1.05
    np.testing.assert_allclose(ds["spf_cost"].sel(programme="child_benefit_poor_under5").to_numpy(),
                               expected, rtol=1e-10)


@pytest.mark.parametrize("basis, amount", [("lak_per_month", 500_000), ("minimum_wage", 0.2),
                                            ("gdp_per_capita", 0.1)])
def test_spf_benefit_bases(basis, amount):
    block = {"type": "spf_programme", "name": "x", "start_year": 2027, "take_up": 1.0, "admin_share": 0.0,
             "target": {"age": [70, 100], "sex": "female", "share": 0.5},
             "benefit": {"basis": basis, "amount": amount, "indexation": "prices"}}
    ds = run_projected(with_policies([block]))
    years = ds["year"].to_numpy()
    women_70 = ds["population"].sel(sex="female", age=slice(70, None)).sum("age").to_numpy()
    if basis == "lak_per_month":
        level = amount * ds["price_index"].to_numpy() / ds["price_index"].sel(year=2027).item()
    elif basis == "minimum_wage":
        level = amount * ds["minimum_wage"].to_numpy()
    else:
        level = amount * ds["gdp"].to_numpy() / ds["population"].sum(["sex", "age"]).to_numpy() / 12
    expected = np.where(years >= 2027, 0.5 * women_70 * level * 12, 0.0)
    np.testing.assert_allclose(ds["spf_cost"].sel(programme="x").to_numpy(), expected, rtol=1e-10)


def test_outreach_cost_is_registrations_x_incentive_plus_running_cost():
    ds = run("mobile_outreach")
    years = ds["year"].to_numpy()
    prices = ds["price_index"].to_numpy() / ds["price_index"].sel(year=2024).item()
    registrations = ds["outreach_registrations"].to_numpy()
    expected = np.where(years >= 2025, (registrations * 20_000 + 2.0e9) * prices, 0.0)
    np.testing.assert_allclose(ds["outreach_cost"].to_numpy(), expected, rtol=1e-10)
    new = ds["new_members"].sel(scheme="voluntary").to_numpy()
    assert np.all(registrations <= new) and np.all(registrations[years >= 2026] > 0)
    assert np.all(registrations[years < 2025] == 0)
    added = ds["active_members"].sel(scheme="voluntary") - run()["active_members"].sel(scheme="voluntary")
    assert float(added.sel(year=2030)) > 0


def test_policy_cost_adds_subsidies_outreach_and_spf():
    ds = run("rap_combination")
    total = ds["subsidy_cost"] + ds["outreach_cost"] + ds["spf_cost"].sum("programme")
    np.testing.assert_allclose(ds["policy_cost"].to_numpy(), total.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(ds["policy_cost_pct_gdp"].to_numpy(), 100 * (total / ds["gdp"]).to_numpy(),
                               rtol=1e-12)
