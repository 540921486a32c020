"""Province weights of the national cell table, editable from the scenario."""

import numpy as np
import pytest

import engine
from engine.data.files import read_parameters
from engine.dims import PROVINCES
from engine.enrolment.cell_setup import setup_for
from engine.errors import InputError
from engine.profile.margins import province_weights_by_sex
from tests.policies.helpers import SCENARIOS, scenario


def test_the_scenario_default_is_the_profile_default():
    default = read_parameters("enrolment")["province_weights"]["value"]
    w = np.array([default[p] for p in PROVINCES], dtype=float)
    np.testing.assert_allclose(province_weights_by_sex(None)[0], w / w.sum())
    assert setup_for(scenario()) is setup_for(engine.load_scenario(SCENARIOS / "baseline.yaml",
                                                                   ["horizon.end_year=2034"]))


def test_the_default_weights_are_the_labour_force_survey_counts():
    counts = read_parameters("enrolment")["lfs_informal_workers"]["value"]
    assert scenario().enrolment.province_weights.as_mapping() == {p: float(counts[p]) for p in PROVINCES}


def test_equal_weights_give_another_profile():
    equal = engine.load_scenario(SCENARIOS / "province_weights_equal.yaml", ["horizon.end_year=2034"])
    assert equal.enrolment.province_weights.as_mapping() == {p: 1.0 for p in PROVINCES}
    weights = setup_for(equal).weight
    assert not np.allclose(weights, setup_for(scenario()).weight)
    np.testing.assert_allclose(weights.sum(axis=0), 1.0)
    base, other = engine.run(scenario()), engine.run(equal)
    assert not np.array_equal(base["active_members"].sel(scheme="voluntary"),
                              other["active_members"].sel(scheme="voluntary"))


def test_one_province_alone_is_that_province_profile():
    only = engine.load_scenario(SCENARIOS / "baseline.yaml", ["horizon.end_year=2034"] + [
        f"enrolment.province_weights.{p}={1 if p == 'champasak' else 0}" for p in PROVINCES])
    setup = setup_for(only)
    from engine.profile.profile import informal_cells

    champasak = np.asarray(informal_cells().categories["province"]) == "champasak"
    assert setup.weight[~champasak].sum() == 0.0 and setup.weight[champasak].sum() > 0


@pytest.mark.parametrize("override, words", [
    ("enrolment.province_weights.vientiane=1", ["did you mean 'vientiane_capital'"]),
    ("enrolment.province_weights.bokeo=-1", ["enrolment.province_weights.bokeo", ">= 0"]),
    ("enrolment.province_weights.champasak=0", []),  # valid: Bokeo and two others remain

])
def test_bad_province_weights_are_input_errors(override, words):
    if not words:
        engine.load_scenario(SCENARIOS / "baseline.yaml", [override])
        return
    with pytest.raises(InputError) as info:
        engine.load_scenario(SCENARIOS / "baseline.yaml", [override])
    text = " | ".join(str(p) for p in info.value.problems)
    for word in words:
        assert word in text, (word, text)


def test_all_weights_zero_is_an_input_error():
    with pytest.raises(InputError):
        engine.load_scenario(SCENARIOS / "baseline.yaml",
                             [f"enrolment.province_weights.{p}=0" for p in PROVINCES])


def test_a_profile_that_cannot_be_built_is_an_input_error():
    """Bokeo alone: its married share (90 %) cannot follow the assumed rise with age."""
    with pytest.raises(InputError) as info:
        engine.load_scenario(SCENARIOS / "baseline.yaml", [
            f"enrolment.province_weights.{p}={1 if p == 'bokeo' else 0}" for p in PROVINCES])
    assert "no valid profile" in str(info.value.problems[0])
