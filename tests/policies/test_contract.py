"""``contract``: a term of n years, lapses at renewal, levels chosen at renewal, transferred
members keeping their former earnings."""

import numpy as np
import pytest

import engine
from engine.policies.contract import lagged_levels, renewal_lapse, renewal_weights, yearly_lapse
from tests.policies.helpers import SCENARIOS, assert_identical, run, run_projected, with_policies
from tests.policies.test_schema import _problems

BLOCK = {"type": "contract", "name": "c", "start_year": 2026}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def test_a_one_year_contract_is_todays_model_exactly():
    ds = run_projected(with_policies([{**BLOCK, "contract_years": 1}]))
    assert_identical(ds, run())


def test_the_two_year_term_is_the_default_and_halves_the_renewals():
    block = with_policies([BLOCK]).policies[0]
    assert block.contract_years == 2
    rate = renewal_lapse(0.2, 2, 1.0)
    assert (1.0 - rate) ** 2 == pytest.approx(0.8, rel=1e-14)   # a cohort keeps 1 - l over a term
    assert renewal_lapse(0.2, 3, 2.0) == pytest.approx(1.0 - 0.6 ** (1 / 3))


def test_the_lapse_path_moves_from_the_start_year_with_the_phase():
    block = with_policies([{**BLOCK, "phase_in_years": 2}]).policies
    years = np.arange(2024, 2030)
    lam = np.full((6, 3, 1), 0.2)
    out = yearly_lapse(block, years, lam)
    np.testing.assert_array_equal(out[:2], lam[:2])
    target = 1.0 - 0.8 ** 0.5
    np.testing.assert_allclose(out[2], 0.5 * 0.2 + 0.5 * target)
    np.testing.assert_allclose(out[3:], target)


def test_a_longer_term_keeps_more_members():
    ds = run_projected(with_policies([BLOCK]))
    base = run()
    assert np.all(voluntary(ds) >= voluntary(base) - 1e-9) and voluntary(ds)[-1] > voluntary(base)[-1]
    two = ds["year"] < 2026
    np.testing.assert_array_equal(voluntary(ds)[two.values], voluntary(base)[two.values])


def test_levels_chosen_at_renewal_lag_the_floor_but_never_fall_below_it():
    policies = with_policies([{**BLOCK, "contract_years": 3}]).policies
    years = np.arange(2024, 2031)
    floor = 100.0 * 1.1 ** np.arange(7)
    levels = np.stack([floor, 2 * floor], axis=1)
    out = lagged_levels(policies, years, levels, floor)
    np.testing.assert_array_equal(out[:3], levels[:3])           # to the start year (2026): chosen yearly
    np.testing.assert_allclose(out[:, 0], floor)                  # floor members pay the current floor
    np.testing.assert_allclose(out[3, 1], (levels[3, 1] + levels[2, 1] + levels[2, 1]) / 3)
    np.testing.assert_allclose(out[6, 1], levels[4:7, 1].mean())
    yearly = with_policies([{**BLOCK, "contract_years": 3, "level_choice": "yearly"}]).policies
    np.testing.assert_array_equal(lagged_levels(yearly, years, levels, floor), levels)


def test_renewal_weights():
    block = with_policies([{**BLOCK, "keep_former_at_renewal": 0.5}]).policies[0]
    np.testing.assert_array_equal(renewal_weights(block, 6), [1, 1, 0.5, 0.5, 0.25, 0.25])


def test_transferred_members_keeping_former_earnings_raise_voluntary_contributions():
    ds = run_projected(with_policies([{**BLOCK, "contract_years": 1, "transferred_earnings": "former_earnings"}]))
    base = run()
    np.testing.assert_array_equal(voluntary(ds), voluntary(base))   # members are not moved
    vol = ds["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()
    before = base["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()
    after = ds["year"].to_numpy() >= 2026
    assert np.all(vol[after] > before[after]) and np.array_equal(vol[~after], before[~after])
    ent = base["average_insurable_earnings"].sel(scheme="enterprise").to_numpy()
    assert np.all(vol[after] < ent[after])
    # nobody keeping them at renewal: only the first term's transfers
    none = run_projected(with_policies([{**BLOCK, "transferred_earnings": "former_earnings",
                                         "keep_former_at_renewal": 0.0}]))
    kept = run_projected(with_policies([{**BLOCK, "transferred_earnings": "former_earnings"}]))
    later = (ds["year"] >= 2030).to_numpy()
    assert np.all(none["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()[later]
                  < kept["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()[later])


@pytest.mark.parametrize("block, words", [
    ({**BLOCK, "contract_year": 2}, ["policies.0", "did you mean 'contract_years'"]),
    ({**BLOCK, "contract_years": 0}, ["policies.0.contract_years", ">= 1"]),
    ({**BLOCK, "contract_years": 11}, ["policies.0.contract_years", "<= 10"]),
    ({**BLOCK, "keep_former_at_renewal": 1.5}, ["policies.0.keep_former_at_renewal", "<= 1"]),
    ({**BLOCK, "level_choice": "never"}, ["policies.0.level_choice", "at_renewal"]),
    ({**BLOCK, "transferred_earnings": "former"}, ["policies.0.transferred_earnings", "former_earnings"]),
    ({**BLOCK, "eligible": {"sex": "female"}}, ["policies.0", "'eligible'"]),
])
def test_invalid_contract_blocks_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)


def test_the_shipped_two_year_contract_scenario_validates():
    s = engine.load_scenario(SCENARIOS / "two_year_contract.yaml")
    assert [b.type for b in s.policies] == ["contract"] and s.policies[0].contract_years == 2
