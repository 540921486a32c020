"""A reduced package stated as a fixed LAK amount a month instead of a rate."""

import numpy as np
import pytest

import engine
from tests.policies.helpers import run, with_policies
from tests.policies.test_schema import _problems

PACKAGE = {"type": "reduced_package", "name": "p", "start_year": 2026, "branches": ["health", "long_term"]}


def test_an_amount_moving_with_the_floor_is_the_rate_package():
    """The floor is the minimum wage: 6.5 % of the 2026 minimum wage indexed to the minimum
    wage is the 6.5 % package every year, in members and in contributions by sub-fund."""
    wage_2026 = float(run()["minimum_wage"].sel(year=2026))
    by_rate = engine.run(with_policies([{**PACKAGE, "rate": 0.065}]))
    by_amount = engine.run(with_policies([{**PACKAGE, "amount_lak": 0.065 * wage_2026, "indexation": "minimum_wage"}]))
    for name in ("active_members", "contributions", "package_members", "benefits"):
        np.testing.assert_allclose(by_amount[name], by_rate[name], rtol=1e-9, atol=1.0, err_msg=name)


def test_an_unindexed_amount_is_a_falling_rate():
    ds = engine.run(with_policies([{**PACKAGE, "amount_lak": 150000, "indexation": "none"}]))
    per_member = ds["contributions"].sel(scheme="voluntary").sum("fund") / ds["package_members"] / 12
    np.testing.assert_allclose(per_member.sel(year=[2026, 2030]), 150000, rtol=1e-6)


@pytest.mark.parametrize("block, words", [
    ({**PACKAGE}, ["policies.0.rate", "required"]),
    ({**PACKAGE, "rate": 0.05, "amount_lak": 1000}, ["either rate or amount_lak"]),
    ({**PACKAGE, "amount_lak": -5}, ["policies.0.amount_lak", ">= 0"]),
    ({**PACKAGE, "amount_lak": 1000, "price_year": 2200}, ["policies.0.price_year"]),
])
def test_invalid_package_amounts_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)
