"""``enforcement``: enterprise compliance raised by licence linkage or inspections, at a cost."""

import numpy as np
import pytest

import engine
from engine.policies.enforcement import with_enforcement
from tests.policies.helpers import run_projected, run, with_policies
from tests.policies.test_schema import _problems

BLOCK = {"type": "enforcement", "name": "e", "start_year": 2026, "measure": "inspections",
         "compliance_gain": 0.2, "cost_per_added_member": 100000}


def test_compliance_rises_towards_one_as_stated():
    scenario = with_policies([BLOCK])
    raised = with_enforcement(scenario).coverage.enterprise_compliance
    c = scenario.coverage.enterprise_compliance.values(np.array([2025]))[0]
    years = np.array([2025, 2026, 2027])
    np.testing.assert_allclose(raised.values(years), [c, 1 - (1 - c) * 0.8, 1 - (1 - c) * 0.64], rtol=1e-12)


def test_the_compliance_history_the_back_cast_reads_is_kept():
    scenario = with_policies([BLOCK])
    history = np.arange(2013, 2025)
    np.testing.assert_array_equal(with_enforcement(scenario).coverage.enterprise_compliance.values(history),
                                  scenario.coverage.enterprise_compliance.values(history))


def test_cost_is_added_members_times_unit_cost_plus_fixed():
    ds = run_projected(with_policies([{**BLOCK, "cost_indexation": "none", "fixed_annual_cost": 5e8}]))
    expected = np.where(ds["year"] >= 2026, ds["enforcement_added_members"] * 100000 + 5e8, 0.0)
    np.testing.assert_allclose(ds["enforcement_cost"], expected, rtol=1e-12)
    np.testing.assert_allclose(ds["policy_cost"], ds["enforcement_cost"], rtol=1e-12)
    assert "enforcement_cost" not in run()


@pytest.mark.parametrize("block, words", [
    ({**BLOCK, "measure": "fines"}, ["policies.0.measure", "licence_linkage"]),
    ({**BLOCK, "compliance_gain": -0.1}, ["policies.0.compliance_gain", ">= 0"]),
    ({**BLOCK, "compliance_gian": 0.1}, ["did you mean 'compliance_gain'"]),
])
def test_invalid_enforcement_blocks_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)


def test_the_shipped_enforcement_scenario_has_room_in_the_non_compliant_target_group():
    """Compliance is about 59 % of the target group, so enforcement brings in tens of
    thousands, never more than the target group's non-compliant part."""
    ds = run("enforcement")
    base = run()
    added = ds["enforcement_added_members"].sel(year=2030).item()
    assert added > 20000
    enterprise = ds["active_members"].sel(scheme="enterprise", year=2030).item()
    before = base["active_members"].sel(scheme="enterprise", year=2030).item()
    assert enterprise - before == pytest.approx(added, rel=1e-9)
    assert (ds["enforcement_cost"].sel(year=2030) > 0).item()
    assert float(ds["enforcement_added_members"].sel(year=2025)) == 0.0
