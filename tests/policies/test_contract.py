"""``contract``: a term of n years, lapses at renewal, levels chosen at renewal, transferred
members keeping their former earnings."""

import numpy as np
import pytest

import engine
from engine.contract import lagged_levels, per_renewal_lapse, renewal_lapse, renewal_weights, yearly_lapse
from tests.policies.helpers import SCENARIOS, assert_identical, run, run_projected, with_policies
from tests.policies.test_schema import _problems

BLOCK = {"type": "contract", "name": "c", "start_year": 2026}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def enrolment_with(**values):
    """The (short) baseline with these enrolment values, validated like a scenario file."""
    return engine.load_scenario(SCENARIOS / "baseline.yaml", ["horizon.end_year=2034"]
                                + [f"enrolment.{k}={v}" for k, v in values.items()])


def test_the_baselines_term_is_two_years_from_the_data_file():
    s = with_policies([])
    assert s.enrolment.contract_years == 2
    assert type(s.enrolment).model_fields["contract_years"].json_schema_extra["status"] == "confirmed"


def test_a_block_with_the_baselines_term_is_the_baseline_exactly():
    ds = run_projected(with_policies([BLOCK]))
    assert with_policies([BLOCK]).policies[0].contract_years == 2
    assert_identical(ds, run())


def test_the_baselines_per_renewal_lapse_sets_the_other_terms():
    lam = 0.14
    per_renewal = 1.0 - 0.86 ** 2                                      # 0.2604 at a renewal
    assert per_renewal_lapse(lam, 2) == pytest.approx(per_renewal, rel=1e-14)
    assert renewal_lapse(lam, 2, 1.0, 2) == pytest.approx(lam, rel=1e-14)   # today's term: unchanged
    three = renewal_lapse(lam, 3, 1.0, 2)
    assert three == pytest.approx(1.0 - 0.86 ** (2 / 3), rel=1e-14) and round(float(three), 4) == 0.0957
    assert (1.0 - three) ** 3 == pytest.approx(1.0 - per_renewal, rel=1e-14)  # a cohort keeps 1 - l over a term
    assert renewal_lapse(lam, 1, 1.0, 2) == pytest.approx(per_renewal, rel=1e-14)
    assert renewal_lapse(0.2, 3, 2.0, 1) == pytest.approx(1.0 - 0.6 ** (1 / 3))
    assert renewal_lapse(0.6, 3, 1.0, 2) == pytest.approx(1.0 - 0.16 ** (1 / 3))
    assert renewal_lapse(0.6, 3, 2.0, 2) == 1.0                        # capped: everyone leaves at renewal


def test_the_lapse_path_moves_from_the_start_year_with_the_phase():
    block = with_policies([{**BLOCK, "contract_years": 3, "phase_in_years": 2}]).policies
    years = np.arange(2024, 2030)
    lam = np.full((6, 3, 1), 0.2)
    out = yearly_lapse(block, years, lam, 2)
    np.testing.assert_array_equal(out[:2], lam[:2])
    target = 1.0 - 0.8 ** (2 / 3)
    np.testing.assert_allclose(out[2], 0.5 * 0.2 + 0.5 * target)
    np.testing.assert_allclose(out[3:], target)
    same = with_policies([{**BLOCK, "phase_in_years": 2}]).policies
    np.testing.assert_array_equal(yearly_lapse(same, years, lam, 2), lam)


def test_a_longer_term_keeps_more_members_and_a_shorter_one_fewer():
    base = run()
    longer = run_projected(with_policies([{**BLOCK, "contract_years": 3}]))
    shorter = run_projected(with_policies([{**BLOCK, "contract_years": 1}]))
    assert np.all(voluntary(longer) >= voluntary(base) - 1e-9) and voluntary(longer)[-1] > voluntary(base)[-1]
    assert np.all(voluntary(shorter) <= voluntary(base) + 1e-9) and voluntary(shorter)[-1] < voluntary(base)[-1]
    before = (base["year"] < 2026).to_numpy()
    for ds in (longer, shorter):
        np.testing.assert_array_equal(voluntary(ds)[before], voluntary(base)[before])


def test_the_baselines_term_moves_voluntary_earnings_only():
    """Levels chosen at renewal (the baseline's rule) move voluntary earnings and what
    follows from them, never members; a one-year term gives the levels of each year."""
    yearly = run_projected(enrolment_with(contract_years=1))
    base = run()
    for name in ("active_members", "inactive_members", "new_members"):
        if name in base:
            np.testing.assert_array_equal(yearly[name].to_numpy(), base[name].to_numpy(), err_msg=name)
    vol = base["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()
    each_year = yearly["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()
    assert np.all(vol <= each_year) and np.any(vol < each_year)
    for scheme in ("civil_servant", "enterprise"):
        np.testing.assert_array_equal(base["average_insurable_earnings"].sel(scheme=scheme).to_numpy(),
                                      yearly["average_insurable_earnings"].sel(scheme=scheme).to_numpy())


def test_levels_chosen_at_renewal_lag_the_floor_but_never_fall_below_it():
    years = np.arange(2024, 2031)
    floor = 100.0 * 1.1 ** np.arange(7)
    levels = np.stack([floor, 2 * floor], axis=1)
    none = with_policies([]).policies
    baseline = lagged_levels(none, years, levels, floor, 2)      # today's two-year term, from the first year
    np.testing.assert_array_equal(baseline[0], levels[0])
    np.testing.assert_allclose(baseline[1:, 1], (levels[1:, 1] + levels[:-1, 1]) / 2)
    np.testing.assert_array_equal(lagged_levels(none, years, levels, floor, 1), levels)
    policies = with_policies([{**BLOCK, "contract_years": 3}]).policies
    out = lagged_levels(policies, years, levels, floor, 1)       # yearly before the block
    np.testing.assert_array_equal(out[:3], levels[:3])           # to the start year (2026): chosen yearly
    np.testing.assert_allclose(out[:, 0], floor)                  # floor members pay the current floor
    np.testing.assert_allclose(out[3, 1], (levels[3, 1] + levels[2, 1] + levels[2, 1]) / 3)
    np.testing.assert_allclose(out[6, 1], levels[4:7, 1].mean())
    out = lagged_levels(policies, years, levels, floor, 2)       # at renewal before the block too
    np.testing.assert_allclose(out[:2, 1], baseline[:2, 1])
    np.testing.assert_allclose(out[2, 1], levels[:3, 1].mean())
    np.testing.assert_allclose(out[:, 0], floor)
    yearly = with_policies([{**BLOCK, "contract_years": 3, "level_choice": "yearly"}]).policies
    np.testing.assert_array_equal(lagged_levels(yearly, years, levels, floor, 2)[2:], levels[2:])


def test_renewal_weights():
    block = with_policies([{**BLOCK, "keep_former_at_renewal": 0.5}]).policies[0]
    np.testing.assert_array_equal(renewal_weights(block, 6), [1, 1, 0.5, 0.5, 0.25, 0.25])


def test_transferred_members_keeping_former_earnings_raise_voluntary_contributions():
    ds = run_projected(with_policies([{**BLOCK, "transferred_earnings": "former_earnings"}]))
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


def test_the_shipped_longer_contract_scenario_is_a_three_year_term():
    s = engine.load_scenario(SCENARIOS / "longer_contract.yaml")
    assert [b.type for b in s.policies] == ["contract"] and s.policies[0].contract_years == 3
    assert s.enrolment.contract_years == 2 and s.policies[0].renewal_lapse_multiplier == 1.0
    assert s.policies[0].transferred_earnings == "voluntary_levels"


@pytest.mark.parametrize("value, words", [(0, ">= 1"), (11, "<= 10"), ("two", "whole number")])
def test_an_invalid_baseline_term_is_reported_at_its_key(value, words):
    text = _problems([], enrolment={"contract_years": value})
    assert "enrolment.contract_years" in text and words in text, text


def test_when_the_floor_falls_floor_members_pay_the_new_floor_and_the_others_hold_their_level():
    years = np.arange(2024, 2028)
    floor = np.array([200.0, 100.0, 100.0, 110.0])
    levels = np.stack([floor, 2 * floor], axis=1)
    out = lagged_levels(with_policies([]).policies, years, levels, floor, 2)
    np.testing.assert_array_equal(out[:, 0], floor)
    np.testing.assert_allclose(out[1, 1], (400.0 + 200.0) / 2)   # chosen in 2024, held in LAK
