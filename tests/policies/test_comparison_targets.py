"""Cost per additional member against a baseline, summary columns and their units, and
the enrolment_target block."""

import numpy as np
import pandas as pd
import xarray as xr

import engine
from engine.enrolment.solver import LeverProjector, pick_target, solve_block
from engine.enrolment.targets import projected
from engine.policies.results import cost_per_additional_member
from engine.summary import summary_table, summary_units
from tests.policies.helpers import run, scenario


def _results(members, subsidy, outreach):
    years = np.arange(2024, 2024 + len(members))
    schemes = ["civil_servant", "enterprise", "voluntary"]
    active = np.zeros((len(years), 3))
    active[:, 2] = members
    return xr.Dataset({"active_members": (("year", "scheme"), active),
                       "gdp": ("year", np.full(len(years), 1e15)),
                       "subsidy_cost": ("year", np.asarray(subsidy, float)),
                       "outreach_cost": ("year", np.asarray(outreach, float))},
                      coords={"year": years, "scheme": schemes})


def test_cost_per_additional_member_by_hand():
    base = _results([100, 110, 120], [0, 0, 0], [0, 0, 0])
    policy = _results([100, 130, 160], [0, 3e6, 6e6], [0, 1e6, 0])
    got = cost_per_additional_member(policy, base)
    assert np.isnan(got.sel(year=2024))                       # no additional member
    assert got.sel(year=2025).item() == (3e6 + 1e6) / 20
    assert got.sel(year=2026).item() == 6e6 / 40
    assert got.attrs["units"] == "LAK per additional member per year"


def test_summary_against_a_baseline_adds_the_comparison_columns_with_units():
    ds, base = run("subsidy_50"), run()
    table = summary_table(ds, baseline=base)
    units = summary_units(table)
    assert all(units[c] for c in table.columns), [c for c in table.columns if not units[c]]
    added = ds["active_members"].sel(scheme="voluntary") - base["active_members"].sel(scheme="voluntary")
    np.testing.assert_allclose(table["additional_voluntary_members"], added.to_numpy())
    after = table.index >= 2026
    np.testing.assert_allclose(table.loc[after, "cost_per_additional_member"],
                               (ds["subsidy_cost"] / added).to_numpy()[after], rtol=1e-12)
    assert "cost_per_additional_member" not in summary_table(ds).columns


def test_every_summary_column_of_a_policy_run_has_units():
    table = summary_table(run("rap_combination"))
    units = summary_units(table)
    for name in ("spf_cost_social_pension_65", "spf_cost_social_pension_65_pct_gdp",
                 "spf_cost_child_benefit_poor_under5_pct_government_expenditure",
                 "spf_beneficiaries_social_pension_65", "outreach_cost", "policy_cost_pct_gdp"):
        assert name in table.columns and units[name], name
    assert [c for c in table.columns if not units[c]] == []
    assert units["spf_cost_social_pension_65_pct_gdp"] == "percent of GDP"


def test_the_solved_reach_meets_the_target_and_less_does_not():
    s = scenario("target_2021_2025")
    block = [b for b in s.policies if b.name == "reach_2026_2030"][0]
    solution = solve_block(s, block)
    assert solution.value is not None and 0.0 < solution.value < s.enrolment.reach.values([2026])[0]
    assert solution.achieved >= solution.goal == 15000
    target = pick_target(s, block.target)
    runner = LeverProjector(s, target.last)
    assert projected(target, runner.membership("reach", 2026, solution.value * 0.99)) < 15000


def test_the_target_scenario_reports_its_solutions():
    ds = run("target_2021_2025")
    assert ds.attrs["target_solution_reach_2021_2025"] == 0.0
    assert "met already" in ds.attrs["target_solution_reach_2021_2025_reason"]
    assert 0.0 < ds.attrs["target_solution_reach_2026_2030"] < 0.0082467
    assert ds.attrs["target_solution_reach_2026_2030_lever"] == "enrolment.reach from 2026"
    # reported, not applied: the run is the baseline's
    np.testing.assert_array_equal(ds["active_members"].to_numpy(), run()["active_members"].to_numpy())


def test_an_applied_target_solution_is_run():
    s = scenario("target_2021_2025")
    blocks = tuple(b.model_copy(update={"apply": True}) if b.name == "reach_2026_2030" else b for b in s.policies)
    ds = engine.run(s.model_copy(update={"policies": blocks}))
    got = ds["target_projected"].sel(target="same_target_2026_2030", year=2030).item()
    assert 15000 <= got < 15000 * 1.001
    assert pd.notna(ds.attrs["target_solution_reach_2026_2030_achieved"])
