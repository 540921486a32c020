"""Subsidies as a fixed LAK amount (indexed by a stated rule) and by income tiers."""

import numpy as np
import pytest

import engine
from tests.policies.helpers import run, with_policies
from tests.policies.test_schema import _problems

BASE = {"type": "contribution_subsidy", "name": "s", "start_year": 2026}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def test_an_amount_moving_with_the_minimum_wage_is_a_constant_share():
    """The floor is the minimum wage and the rate 9 %: an amount of half of 9 % of the 2026
    minimum wage, indexed to the minimum wage, is half the contribution every year."""
    wage_2026 = float(run()["minimum_wage"].sel(year=2026))
    by_share = engine.run(with_policies([{**BASE, "share": 0.5}]))
    by_amount = engine.run(with_policies([{**BASE, "amount_lak": 0.5 * 0.09 * wage_2026,
                                           "indexation": "minimum_wage"}]))
    np.testing.assert_allclose(by_amount["subsidy_cost"], by_share["subsidy_cost"], rtol=1e-9)
    np.testing.assert_allclose(voluntary(by_amount), voluntary(by_share), rtol=1e-9)


def test_a_fixed_amount_loses_value_without_indexation():
    fixed = engine.run(with_policies([{**BASE, "amount_lak": 50000, "indexation": "none"}]))
    real = engine.run(with_policies([{**BASE, "amount_lak": 50000, "indexation": "prices"}]))
    sel = dict(subsidy_block="s")
    per_member = lambda ds: (ds["subsidy_block_cost"].sel(sel) / ds["subsidy_block_subsidised_members"].sel(sel))
    np.testing.assert_allclose(per_member(fixed).sel(year=[2026, 2030]), 12 * 50000, rtol=1e-9)
    assert float(per_member(real).sel(year=2030)) > 12 * 50000 * 1.05
    assert np.all(voluntary(real) >= voluntary(fixed))


def test_a_larger_amount_never_lowers_enrolment():
    small, large = (engine.run(with_policies([{**BASE, "amount_lak": a}])) for a in (20000, 80000))
    assert np.all(voluntary(large) >= voluntary(small))
    assert voluntary(large)[-1] > voluntary(small)[-1]


def test_one_tier_below_the_minimum_wage_is_the_means_test():
    tier = engine.run(with_policies([{**BASE, "tier_basis": "minimum_wage",
                                      "tiers": [{"name": "poor", "income_below": 1.0, "share": 0.5}]}]))
    means = engine.run(with_policies([{**BASE, "share": 0.5, "eligible": {"income": "below_minimum_wage"}}]))
    for name in ("active_members", "subsidy_cost", "subsidised_members"):
        np.testing.assert_array_equal(tier[name].to_numpy(), means[name].to_numpy(), err_msg=name)


def test_a_near_poor_tier_adds_members_above_the_poor_tier():
    """Viet Nam's rule: 100 % for the poor, 50 % for the near poor (here incomes below 1 and
    1.5 minimum wages). In 2026 some cells lie between the two bounds."""
    tiers = [{"name": "poor", "income_below": 1.0, "share": 1.0},
             {"name": "near_poor", "income_below": 1.5, "share": 0.5}]
    both = engine.run(with_policies([{**BASE, "tiers": tiers}]))
    poor = engine.run(with_policies([{**BASE, "tiers": tiers[:1]}]))
    assert np.all(voluntary(both) >= voluntary(poor))
    assert float(both["subsidised_members"].sel(year=2026)) > float(poor["subsidised_members"].sel(year=2026))


@pytest.mark.parametrize("block, words", [
    ({**BASE, "amount_lakk": 1}, ["'amount_lakk'", "did you mean 'amount_lak'"]),
    ({**BASE, "share": 0.5, "amount_lak": 1000}, ["one of share, amount_lak or tiers"]),
    ({**BASE}, ["policies.0.share", "required"]),
    ({**BASE, "amount_lak": -1}, ["policies.0.amount_lak", ">= 0"]),
    ({**BASE, "amount_lak": 1000, "price_year": 2200}, ["policies.0.price_year"]),
    ({**BASE, "amount_lak": 1000, "price_year": 2020}, ["policies.0.price_year", "2020"]),
    ({**BASE, "amount_lak": 1000, "indexation": "wages"}, ["policies.0.indexation", "minimum_wage"]),
    ({**BASE, "tiers": [{"name": "a", "income_below": 2, "share": 1},
                        {"name": "b", "income_below": 1, "share": 0.5}]}, ["income_below rises"]),
    ({**BASE, "tiers": [{"name": "a", "income_below": 1, "share": 1, "amount_lak": 5}]}, ["either share or amount_lak"]),
    ({**BASE, "tiers": [{"name": "a", "income_below": 1, "sahre": 1}]}, ["did you mean 'share'"]),
    ({**BASE, "tiers": [{"name": "a", "income_below": 1, "share": 1}], "tier_basis": "gdp"}, ["tier_basis"]),
])
def test_invalid_subsidy_forms_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)
