"""Deadweight of subsidy blocks: who a subsidy pays for against who it brings in
(property tests over random subsidy blocks, each compared with a separate run without it)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine.policies.counterfactual import without_block
from engine.policies.deadweight import deadweight_share
from engine.summary import summary_table, summary_units
from tests.policies.helpers import run_projected, run, with_policies
from tests.policies.test_invariance import SETTINGS, eligible_groups

VAR = "subsidy_block_"


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


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


def test_subsidy_50_pays_mostly_for_members_who_would_join_anyway():
    """The issue's measurement: 22,331 subsidised against 2,373 additional members in
    2030; the outputs now say so (deadweight about 0.89)."""
    ds = run("subsidy_50")
    sel = dict(subsidy_block="subsidy_below_minimum_wage", year=2030)
    subsidised = float(ds[f"{VAR}subsidised_members"].sel(sel))
    added = float(ds[f"{VAR}additional_members"].sel(sel))
    assert subsidised == float(ds["subsidised_members"].sel(year=2030))
    assert 0 < added < subsidised
    assert float(ds[f"{VAR}deadweight_share"].sel(sel)) == 1 - added / subsidised
    cost = float(ds[f"{VAR}cost"].sel(sel))
    assert float(ds[f"{VAR}cost_per_additional_member"].sel(sel)) == cost / added
    additional = voluntary(ds) - voluntary(run("baseline"))
    np.testing.assert_allclose(ds[f"{VAR}additional_members"].sel(subsidy_block=sel["subsidy_block"]),
                               additional, rtol=1e-12, atol=1e-6)


def test_overlapping_subsidies_count_only_what_each_adds():
    """Two 60 % subsidies on the same members: the total share is capped at 1, so each adds
    40 % at the margin and the blocks' costs sum to less than the subsidy cost."""
    blocks = [{"type": "contribution_subsidy", "name": n, "start_year": 2026, "share": 0.6} for n in ("a", "b")]
    ds = run_projected(with_policies(blocks))
    cost = ds[f"{VAR}cost"].sum("subsidy_block").sel(year=2030)
    np.testing.assert_allclose(float(cost), float(ds["subsidy_cost"].sel(year=2030)) * 0.8, rtol=1e-9)
    added = ds[f"{VAR}additional_members"].sel(year=2030).to_numpy()
    assert np.all(added > 0)


def test_summary_has_the_block_columns_with_units():
    table = summary_table(run("subsidy_50"))
    names = [f"{p}subsidy_below_minimum_wage" for p in
             ("subsidised_members_", "additional_members_", "deadweight_share_", "subsidy_block_cost_",
              "cost_per_additional_member_")]
    assert set(names) <= set(table.columns)
    units = summary_units(names)
    assert units[names[2]] == "share of the block's subsidised members"
    assert units[names[4]] == "LAK per additional member per year"


def test_deadweight_share_formula():
    np.testing.assert_array_equal(deadweight_share(np.array([10.0, 10.0, 0.0, 5.0]),
                                                   np.array([2.0, 12.0, 0.0, -1.0])),
                                  np.array([0.8, 0.0, np.nan, 1.0]))


def test_report_shows_the_deadweight_table():
    from engine.report.html import deadweight_rows

    rows = deadweight_rows([("subsidy_50", run("subsidy_50"))])
    assert [r["year"] for r in rows] == [2026, 2030]  # the short run ends in 2034
    assert rows[1]["subsidised"] == "22,331" and rows[1]["additional"] == "2,373"
    assert deadweight_rows([("baseline", run("baseline"))]) == []
    outreach = deadweight_rows([("mobile_outreach", run("mobile_outreach"))])
    assert outreach and outreach[0]["subsidised"] == "" and outreach[1]["additional"] != ""


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
