"""Deadweight of subsidy blocks: who a subsidy pays for against who it brings in
(property tests over random subsidy blocks, each compared with a separate run without it)."""

import numpy as np

import engine
from engine.policies.deadweight import deadweight_share
from engine.summary import summary_table, summary_units
from tests.policies.helpers import run_projected, run, with_policies

VAR = "subsidy_block_"


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


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
    assert rows[1]["subsidised"] == "21,791" and rows[1]["additional"] == "2,201"
    assert deadweight_rows([("baseline", run("baseline"))]) == []
    outreach = deadweight_rows([("mobile_outreach", run("mobile_outreach"))])
    assert outreach and outreach[0]["subsidised"] == "" and outreach[1]["additional"] != ""


