"""Property tests (Hypothesis) of what :mod:`tests.policies.test_deadweight` tests by
example: deadweight of subsidy blocks: who a subsidy pays for against who it brings in
(property tests over random subsidy blocks, each compared with a separate run without
it)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.policies.counterfactual import without_block
from engine.summary import summary_table
from tests.policies.helpers import run_projected, with_policies
from tests.properties.strategies import SETTINGS, eligible_groups
from tests.policies.test_deadweight import VAR, voluntary


@st.composite
def subsidy_blocks(draw, below_entry_age=False):
    block = {"type": "contribution_subsidy", "name": "s", "start_year": draw(st.integers(2025, 2032)),
             "phase_in_years": draw(st.integers(0, 3)), "share": draw(st.floats(0.05, 1.0)),
             "eligible": draw(eligible_groups(below_entry_age))}
    if draw(st.booleans()):
        block["taper"] = {"full_below": 1.0, "zero_above": draw(st.floats(1.5, 4.0))}
    return block


@settings(**SETTINGS)
@given(subsidy_blocks())
def test_additional_members_are_members_with_minus_without_exactly(block):
    scenario = with_policies([block])
    ds = run_projected(scenario)
    without = run_projected(without_block(scenario, "s"))
    added = ds[f"{VAR}additional_members"].sel(subsidy_block="s").to_numpy()
    np.testing.assert_array_equal(added, voluntary(ds) - voluntary(without))
    # adding a subsidy never lowers enrolment
    assert np.all(voluntary(ds) >= voluntary(without) - 1e-9 * voluntary(without))
    share = ds[f"{VAR}deadweight_share"].sel(subsidy_block="s").to_numpy()
    known = ~np.isnan(share)
    assert np.all((share[known] >= 0.0) & (share[known] <= 1.0))
    subsidised = ds[f"{VAR}subsidised_members"].sel(subsidy_block="s").to_numpy()
    assert np.array_equal(known, subsidised > 0)
    # one block and no everyone subsidy: the block pays the whole subsidy cost
    np.testing.assert_allclose(ds[f"{VAR}cost"].sel(subsidy_block="s"), ds["subsidy_cost"], rtol=1e-12)


@settings(**SETTINGS)
@given(subsidy_blocks(below_entry_age=True))
def test_a_subsidy_for_nobody_has_no_members_no_cost(block):
    ds = run_projected(with_policies([block]))
    for q in ("subsidised_members", "additional_members", "cost"):
        assert float(abs(ds[f"{VAR}{q}"]).sum()) == 0.0, q
    assert np.isnan(ds[f"{VAR}deadweight_share"]).all()
    assert np.isnan(ds[f"{VAR}cost_per_additional_member"]).all()


@settings(**SETTINGS)
@given(st.sampled_from([
    {"type": "outreach", "added_reach": 0.01, "fixed_annual_cost": 1e9},
    {"type": "reduced_package", "rate": 0.05},
    {"type": "retention", "measure": "reminders", "lapse_reduction": 0.3, "cost_per_member": 5000},
    {"type": "health_quality", "interest_shift": 0.2},
    {"type": "payment_frequency", "yearly": 0.5}]), eligible_groups(), st.integers(2025, 2032))
def test_other_blocks_report_additional_members_exactly(kind, eligible, start):
    block = {**kind, "name": "b", "start_year": start, "eligible": eligible}
    scenario = with_policies([block])
    ds = run_projected(scenario)
    without = run_projected(without_block(scenario, "b"))
    added = ds["enrolment_block_additional_members"].sel(enrolment_block="b").to_numpy()
    np.testing.assert_array_equal(added, voluntary(ds) - voluntary(without))
    cost = ds["enrolment_block_cost"].sel(enrolment_block="b")
    alone = {"outreach": "outreach_cost", "retention": "retention_cost"}.get(kind["type"])
    np.testing.assert_allclose(cost, ds[alone] if alone else 0.0, rtol=1e-12)
    table = summary_table(ds)
    assert {"additional_members_b", "block_cost_b", "cost_per_additional_member_b"} <= set(table.columns)
