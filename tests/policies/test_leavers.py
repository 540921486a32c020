"""Subsidies for enterprise leavers who continue voluntarily, and the leavers' stock."""

import numpy as np
import pytest

import engine

from engine.policies.counterfactual import without_block
from engine.leaver_stock import leaver_stock
from tests.policies.helpers import run, run_projected, with_policies
from tests.policies.test_schema import _problems

LEAVERS = {"type": "contribution_subsidy", "name": "leavers", "start_year": 2026, "share": 0.5,
           "applies_to": "leavers"}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def test_the_stock_matches_its_closed_form():
    rng = np.random.default_rng(1)
    n_years, n_age = 12, 30
    transfers = rng.uniform(0, 10, (n_years, 2, n_age))
    s, lam = 0.98, 0.1
    survival = np.full((n_years, 2, n_age), s)
    weights = np.array([1.0, 1.0, 0.5, 0.5, 0.25])
    out = leaver_stock(transfers, survival, np.full(n_years, lam), weights, exit_age=25, first=2)
    expected = np.zeros_like(out)
    for t in range(n_years):
        for a in range(25):
            for j, w in enumerate(weights):
                if t - j >= 2 and a - j >= 0:
                    expected[t, :, a] += w * transfers[t - j, :, a - j] * (s * (1 - lam)) ** j
    np.testing.assert_allclose(out, expected, rtol=1e-13)
    assert not out[:, :, 25:].any() and not out[:2].any()


def test_a_leaver_subsidy_never_lowers_enrolment():
    base = voluntary(run())
    for share in (0.1, 0.5, 1.0):
        ds = run_projected(with_policies([{**LEAVERS, "share": share}]))
        assert np.all(voluntary(ds) >= base), share
        assert voluntary(ds)[-1] > base[-1]
        np.testing.assert_array_equal(voluntary(ds)[:2], base[:2])   # before 2026: nothing moves


def test_more_subsidy_brings_more_leavers():
    low = voluntary(run_projected(with_policies([{**LEAVERS, "share": 0.25}])))
    high = voluntary(run_projected(with_policies([{**LEAVERS, "share": 0.75}])))
    assert np.all(high >= low) and high[-1] > low[-1]


def test_additional_members_are_with_minus_without_exactly():
    s = with_policies([LEAVERS, {**LEAVERS, "name": "later", "start_year": 2028, "share": 0.3}])
    ds = run_projected(s)
    for name in ("leavers", "later"):
        without = run_projected(without_block(s, name))
        additional = voluntary(ds) - voluntary(without)
        np.testing.assert_allclose(ds["subsidy_block_additional_members"].sel(subsidy_block=name), additional,
                                   rtol=1e-12, atol=1e-6)


def test_a_leaver_block_reports_like_other_subsidies():
    s = with_policies([LEAVERS, {"type": "contribution_subsidy", "name": "poor", "start_year": 2027,
                                 "share": 0.5, "eligible": {"income": "bands", "income_bands": ["lt_1_1m"]}}])
    full = engine.run(s)
    ds = full.sel(year=full["year"] > full.attrs["base_year"])
    block = ds.sel(subsidy_block="leavers")
    members = block["subsidy_block_subsidised_members"].to_numpy()
    added = block["subsidy_block_additional_members"].to_numpy()
    assert np.all(members[:2] == 0) and np.all(members[2:] > 0)
    assert np.all(added >= 0) and added[-1] > 0
    dead = block["subsidy_block_deadweight_share"].to_numpy()[2:]
    assert np.all((dead >= 0) & (dead <= 1))
    # cost = months x subsidised leavers x share x lowest contribution
    years = ds["year"].to_numpy()
    months = s.schemes.voluntary.months_paid.values(years)
    lowest = s.enrolment.contribution_rate.values(years) * np.asarray(ds["minimum_wage"].to_numpy(), float)
    cost = block["subsidy_block_cost"].to_numpy()
    np.testing.assert_allclose(cost, months * members * 0.5 * lowest, rtol=1e-9)
    # the other block keeps its own figures, and the total cost adds both
    total = ds["subsidy_cost"].to_numpy()
    np.testing.assert_allclose(total, ds["subsidy_block_cost"].sum("subsidy_block").to_numpy(), rtol=1e-12)


@pytest.mark.parametrize("block, words", [
    ({**LEAVERS, "applies_to": "leaver"}, ["policies.0.applies_to", "leavers"]),
    ({**LEAVERS, "years_after_leaving": 0}, ["policies.0.years_after_leaving", ">= 1"]),
    ({**LEAVERS, "years_after_leavin": 2}, ["did you mean 'years_after_leaving'"]),
    ({**LEAVERS, "eligible": {"sex": "female"}}, ["applies_to: leavers", "eligible group"]),
    ({k: v for k, v in {**LEAVERS, "tiers": [{"name": "poor", "income_below": 1, "share": 1}]}.items()
      if k != "share"}, ["applies_to: leavers", "tiers"]),
])
def test_invalid_leaver_subsidies_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)


def test_an_amount_is_read_as_its_share_of_the_lowest_contribution():
    from engine.policies.leavers import leaver_share
    block = with_policies([{**{k: v for k, v in LEAVERS.items() if k != "share"}, "amount_lak": 100.0,
                            "indexation": "none", "start_year": 2025}]).policies[0]
    years = np.array([2024, 2025, 2026, 2027])
    from engine.policies.subsidy import MoneyIndices
    share = leaver_share(block, years, np.array([50.0, 50.0, 200.0, 400.0]), MoneyIndices(None, None, None))
    np.testing.assert_allclose(share, [0.0, 1.0, 0.5, 0.25])


def test_the_continuation_rises_with_the_subsidy_and_not_without_it():
    from engine.policies.leavers import continuing, transfer_factor
    s = with_policies([LEAVERS])
    from engine.policies.subsidy import MoneyIndices

    class Flat:
        def at(self, years):
            return np.ones(len(np.atleast_1d(years))) if np.ndim(years) else 1.0

    indices = MoneyIndices(prices=Flat(), earnings=Flat(), minimum_wage=Flat())
    years = np.array([2025, 2026, 2027])
    full = np.full(3, 150_000.0)
    factors = transfer_factor(s, years, np.array([[0.0, 0.5, 1.0]]), full, indices)
    assert factors[0] == 1.0 and 1.0 < factors[1] < factors[2]
    assert transfer_factor(s, years, np.zeros((0, 3)), full, indices) is None
    assert continuing(0.16, None) == 0.16
    np.testing.assert_array_equal(continuing(0.9, np.array([1.0, 2.0]))[:, 0, 0], [0.9, 1.0])
