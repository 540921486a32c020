"""The enterprise scheme's compulsory target group (wage employees in firms of 10 or more
workers, Decree 207/PM of 2001) and its compliance; enforcement keeps compliance in
[its path, 1]."""

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine.enrolment.compulsory import compulsory_active, enterprise_members
from engine.labour import default_base_labour, informal_employee_share, project_labour
from engine.policies.enforcement import compliance_paths, with_enforcement
from engine.scenario.params import YearPath
from tests.policies.helpers import with_policies
from tests.refusals import refusal

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
YEARS = np.arange(2024, 2036)


@lru_cache(maxsize=None)
def scenario(*overrides: str):
    return engine.load_scenario(BASELINE, ["horizon.end_year=2035", *overrides])


def _labour(s):
    population = np.ones((len(YEARS), 2, 101)) * 1000.0
    return project_labour(s, YEARS, population)


def test_the_target_group_is_the_share_of_wage_employees_in_firms_of_ten_or_more():
    s = scenario()
    before = project_labour(s.model_copy(update={"coverage": s.coverage.model_copy(
        update={"enterprise_compliance": YearPath.constant(0.0)})}), YEARS, np.ones((len(YEARS), 2, 101)))
    lab = _labour(s)
    expected = s.coverage.target_group_share * (before.enterprise + informal_employee_share() * before.informal)
    np.testing.assert_allclose(lab.compulsory_target, expected * 1000.0, rtol=1e-12)
    assert informal_employee_share() == 0.25


@pytest.mark.parametrize("share", [0.0, 0.2, 0.3645, 0.8, 1.0])
def test_employees_below_the_threshold_are_never_compulsory_members(share):
    s = scenario(f"coverage.target_group_share={share}", "coverage.enterprise_compliance=1")
    lab = _labour(s)
    members = compulsory_active(s, lab)[:, 1]
    wage_employees = lab.enterprise + informal_employee_share() * lab.informal
    below = wage_employees - lab.compulsory_target
    # at full compliance the members are the whole target group, never more
    np.testing.assert_allclose(members, lab.compulsory_target, rtol=1e-12)
    assert np.all(members <= wage_employees - below + 1e-6)
    if share == 0.0:
        assert members.sum() == 0.0


def test_members_beyond_the_formal_employees_leave_the_informal_pool():
    low = _labour(scenario())
    high = _labour(scenario("coverage.enterprise_compliance=1"))
    # the employed are the same people; full compliance moves members out of the informal pool
    np.testing.assert_allclose(high.informal + high.enterprise, low.informal + low.enterprise, rtol=1e-12)
    moved = high.enterprise - low.enterprise
    assert np.all(moved >= 0) and moved.sum() > 0
    np.testing.assert_allclose(high.enterprise, np.maximum(high.compulsory_target, low.enterprise), rtol=1e-12)


def test_the_baseline_moves_nobody_out_of_the_informal_pool():
    s = scenario()
    base = default_base_labour(s)
    members = enterprise_members(s, base, np.array([2024]))
    assert np.all(members <= base.enterprise)


def test_the_baseline_non_compliant_part_is_large():
    s = scenario()
    c = s.coverage.enterprise_compliance.values(YEARS)
    assert np.all(c < 0.7) and np.all(c > 0.27)


@settings(max_examples=40, deadline=None)
@given(gain=st.floats(0.0, 1.0), start=st.integers(2024, 2035), phase=st.integers(0, 5),
       base=st.floats(0.0, 1.0))
def test_enforcement_never_lowers_compliance_nor_raises_it_above_one(gain, start, phase, base):
    s = scenario()
    s = s.model_copy(update={"coverage": s.coverage.model_copy(
        update={"enterprise_compliance": YearPath.constant(base)})})
    block = {"type": "enforcement", "name": "e", "start_year": start, "phase_in_years": phase,
             "measure": "inspections", "compliance_gain": gain, "cost_per_added_member": 0}
    s = with_policies([block], s)
    before, after, shares = compliance_paths(s, YEARS)
    assert np.all(after >= before - 1e-15) and np.all(after <= 1.0)
    assert np.all((shares >= 0) & (shares <= 1))
    raised = with_enforcement(s).coverage.enterprise_compliance.values(YEARS)
    np.testing.assert_allclose(raised, after, rtol=0, atol=1e-15)


@pytest.mark.parametrize("value, words", [
    ("1.5", ["coverage.target_group_share", "<= 1"]),
    ("-0.1", ["coverage.target_group_share", ">= 0"]),
    ("lots", ["coverage.target_group_share"]),
])
def test_a_target_group_share_outside_zero_one_is_refused(value, words, capsys):
    err = refusal(BASELINE, [f"coverage.target_group_share={value}"], capsys)
    for word in words:
        assert word in err, err


def test_compliance_years_before_the_observation_are_refused(tmp_path, capsys):
    path = tmp_path / "early.yaml"
    path.write_text(f"name: early\nextends: {BASELINE}\ncoverage:\n"
                    f"  enterprise_compliance: {{2012: 0.2, 2013: 0.27, 2030: 0.7}}\n")
    err = refusal(path, [], capsys)
    assert "coverage.enterprise_compliance.2012" in err and "2013..2100" in err
    assert "enterprise_compliance.2013" not in err
