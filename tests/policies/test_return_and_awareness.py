"""The return rate as a year path (and retention's return_gain), awareness as a stock, and
the outreach team cost, through whole runs."""

import numpy as np
import pytest

from engine.scenario.params import YearPath
from engine.scenario.schema_enrolment import Awareness
from tests.policies.helpers import run, run_projected, scenario, with_policies
from tests.policies.test_schema import _problems

RETENTION = {"type": "retention", "name": "r", "start_year": 2026, "measure": "group_payment",
             "lapse_reduction": 0.0, "cost_per_member": 12000}
OUTREACH = {"type": "outreach", "name": "o", "start_year": 2026, "added_reach": 0.01,
            "eligible": {"location": "outside_provincial_capital"}}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def with_enrolment(base=None, **update):
    base = scenario() if base is None else base
    return base.model_copy(update={"enrolment": base.enrolment.model_copy(update=update)})


def test_a_return_rate_rising_from_2030_changes_nothing_before():
    rising = run_projected(with_enrolment(return_rate=YearPath(((2024, 0.2), (2030, 0.3)))))
    base = run()
    years = base["year"].to_numpy()
    np.testing.assert_array_equal(voluntary(rising)[years < 2030], voluntary(base)[years < 2030])
    assert np.all(voluntary(rising)[years >= 2030] > voluntary(base)[years >= 2030])


def test_a_constant_return_path_is_the_number():
    same = run_projected(with_enrolment(return_rate=YearPath(((2024, 0.2), (2030, 0.2)))))
    np.testing.assert_array_equal(voluntary(same), voluntary(run()))


def test_a_retention_block_with_a_return_gain_brings_members_back_at_its_cost():
    without = run_projected(with_policies([RETENTION]))
    gained = run_projected(with_policies([{**RETENTION, "return_gain": 0.5, "cost_indexation": "none"}]))
    years = gained["year"].to_numpy()
    np.testing.assert_array_equal(voluntary(gained)[years < 2026], voluntary(without)[years < 2026])
    assert np.all(voluntary(gained)[years >= 2026] > voluntary(without)[years >= 2026])
    members = gained["active_members"].sel(scheme="voluntary")
    np.testing.assert_allclose(gained["retention_cost"], np.where(years >= 2026, members * 12000, 0.0), rtol=1e-12)


def test_a_zero_return_gain_changes_nothing():
    np.testing.assert_array_equal(voluntary(run_projected(with_policies([{**RETENTION, "return_gain": 0.0}]))),
                                  voluntary(run_projected(with_policies([RETENTION]))))


def test_an_idle_stock_is_the_calibrated_baseline():
    """No outreach, no word of mouth, nothing at the start: the stock stays 0, bit for bit."""
    idle = run_projected(with_enrolment(awareness=Awareness(decay=0.3, word_of_mouth=0.0)))
    np.testing.assert_array_equal(voluntary(idle), voluntary(run()))


def test_a_memoryless_stock_is_the_outreach_flow():
    flow = run_projected(with_policies([OUTREACH]))
    stock = run_projected(with_enrolment(with_policies([OUTREACH]), awareness=Awareness(decay=1.0, word_of_mouth=0.0)))
    np.testing.assert_allclose(voluntary(stock), voluntary(flow), rtol=1e-10)


def test_a_remembered_outreach_and_word_of_mouth_bring_more_members():
    flow = voluntary(run_projected(with_policies([OUTREACH])))
    kept = voluntary(run_projected(with_enrolment(with_policies([OUTREACH]),
                                                  awareness=Awareness(decay=0.5, word_of_mouth=0.0))))
    told = voluntary(run_projected(with_enrolment(with_policies([OUTREACH]),
                                                  awareness=Awareness(decay=0.5, word_of_mouth=0.05))))
    assert np.all(kept >= flow) and kept[-1] > flow[-1]
    assert np.all(told >= kept) and told[-1] > kept[-1]


def test_outreach_teams_add_their_cost_in_the_years_the_block_acts():
    plain = run_projected(with_policies([{**OUTREACH, "cost_indexation": "none"}]))
    teams = run_projected(with_policies([{**OUTREACH, "cost_indexation": "none", "teams": 7,
                                          "cost_per_team": 2.4e6}]))
    years = teams["year"].to_numpy()
    np.testing.assert_array_equal(voluntary(teams), voluntary(plain))
    np.testing.assert_allclose(teams["outreach_cost"] - plain["outreach_cost"],
                               np.where(years >= 2026, 7 * 2.4e6, 0.0), rtol=1e-12, atol=1e-3)


@pytest.mark.parametrize("enrolment, words", [
    ({"awareness": {"word_of_mouth": 0.1}}, ["enrolment.awareness.decay", "required"]),
    ({"awareness": {"decay": 1.5, "word_of_mouth": 0.1}}, ["enrolment.awareness.decay", "<= 1"]),
    ({"awareness": {"decay": 0.5, "word_of_mouth": 0.1, "decy": 0.1}}, ["did you mean 'decay'"]),
    ({"return_rate": {2030: 1.2}}, ["enrolment.return_rate", "1"]),
])
def test_invalid_awareness_and_return_keys_are_reported_at_their_key(enrolment, words):
    text = _problems([], enrolment=enrolment)
    for word in words:
        assert word in text, (word, text)


@pytest.mark.parametrize("block, words", [
    ({**RETENTION, "return_gain": -0.1}, ["policies.0.return_gain", ">= 0"]),
    ({**OUTREACH, "teams": -1}, ["policies.0.teams", ">= 0"]),
    ({**OUTREACH, "cost_per_team": -5}, ["policies.0.cost_per_team", ">= 0"]),
    ({**OUTREACH, "team": 3}, ["did you mean 'teams'"]),
])
def test_invalid_retention_and_outreach_keys_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)


def test_sweeps_shift_and_scale_the_return_path_as_they_do_the_lapse_path():
    from engine.uncertainty import apply_variant

    s = with_enrolment(return_rate=YearPath(((2024, 0.2), (2030, 0.6))))
    years = np.array([2025, 2035])
    shifted = apply_variant(s, {"enrolment.return_rate": ("add", 0.05), "enrolment.lapse_rate": ("add", 0.05)})
    np.testing.assert_allclose(shifted.enrolment.return_rate.values(years), [0.25, 0.65])
    scaled = apply_variant(s, {"enrolment.return_rate": ("multiply", 2.0)})
    np.testing.assert_allclose(scaled.enrolment.return_rate.values(years), [0.4, 1.0])  # capped at its bound
    stocked = apply_variant(with_enrolment(awareness=Awareness(decay=0.5, word_of_mouth=0.05)),
                            {"enrolment.awareness.decay": ("multiply", 0.5)})
    assert stocked.enrolment.awareness.decay == 0.25


def test_the_readme_awareness_example_validates():
    import re

    import yaml

    from engine.scenario.load import scenario_from_dict
    from tests.policies.helpers import ROOT

    text = (ROOT / "README.md").read_text()
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "awareness:" in b]
    assert blocks
    s = scenario_from_dict({"name": "x", **yaml.safe_load(blocks[0])})
    assert s.enrolment.awareness.decay == 0.5 and s.policies[0].teams.values([2030])[0] == 7
    assert s.enrolment.return_rate.values([2029, 2030]).tolist() == [0.2, 0.25]
