"""Enrolment targets: compared in summary.csv, and solved for with the reach or subsidy lever."""

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

import engine
from engine.enrolment.solver import LeverProjector, solve_for
from engine.enrolment.targets import projected, target_series
from engine.scenario.load import scenario_from_dict
from engine.scenario.schema_enrolment import Target
from engine.summary import summary_table

BASELINE = "scenarios/baseline.yaml"
LABEL = "new_members_voluntary_2021_2025"


@lru_cache(maxsize=None)
def baseline():
    return engine.load_scenario(BASELINE, ["horizon.end_year=2035"])


@lru_cache(maxsize=None)
def results():
    return engine.run(baseline())


def test_baseline_states_the_2021_2025_target():
    (target,) = baseline().targets
    assert (target.kind, target.scheme, target.first, target.last, target.value) == \
        ("new_members", "voluntary", 2021, 2025, 15000)
    assert target.label == LABEL


def test_summary_compares_the_2021_2025_target(tmp_path):
    ds = results()
    summary_table(ds).to_csv(tmp_path / "summary.csv", float_format="%.10g")  # as engine.output writes it
    table = pd.read_csv(tmp_path / "summary.csv", index_col="year")
    for column in (f"target_{LABEL}", f"projected_{LABEL}", f"gap_{LABEL}", "voluntary_members",
                   "new_voluntary_members", "active_members"):
        assert column in table.columns
    history = ds["voluntary_new_members_history"].sel(history_year=[2021, 2022, 2023]).sum().item()
    new = ds["new_members"].sel(scheme="voluntary")
    expected_2025 = history + new.sel(year=[2024, 2025]).sum().item()
    assert table.loc[2025, f"projected_{LABEL}"] == pytest.approx(expected_2025, rel=1e-8)
    assert table.loc[2024, f"projected_{LABEL}"] == pytest.approx(history + new.sel(year=2024).item(), rel=1e-8)
    assert table.loc[2025, f"target_{LABEL}"] == 15000
    assert table.loc[2025, f"gap_{LABEL}"] == pytest.approx(expected_2025 - 15000, rel=1e-8)
    assert np.isnan(table.loc[2026, f"projected_{LABEL}"]) and np.isnan(table.loc[2026, f"target_{LABEL}"])
    np.testing.assert_allclose(table["voluntary_members"], ds["active_members"].sel(scheme="voluntary"))
    # the back-cast alone (2021-2023) already exceeds the target: new members grew the stock
    # from 11,492 (Nov 2020) to 26,793 (end-2023)
    assert history > 15000


def test_level_and_coverage_targets_are_evaluated():
    s = scenario_from_dict({"name": "t", "horizon": {"end_year": 2030}, "targets": [
        {"kind": "active_members", "scheme": "voluntary", "year": 2030, "value": 50000},
        {"kind": "coverage_share", "scheme": "all", "year": 2030, "value": 0.2, "name": "coverage"},
        {"kind": "new_members", "scheme": "enterprise", "start": 2024, "end": 2026, "value": 1000}]})
    ds = engine.run(s)
    ds = ds.sel(year=ds["year"] > ds.attrs["base_year"])       # the projected years
    table = summary_table(ds)
    level = table["projected_active_members_voluntary_2030"]
    np.testing.assert_allclose(level, ds["active_members"].sel(scheme="voluntary"))
    coverage = table["projected_coverage"]
    assert np.all((coverage > 0.1) & (coverage < 0.2))
    enterprise = table["projected_new_members_enterprise_2024_2026"]
    np.testing.assert_allclose(enterprise.loc[2026], ds["new_members"].sel(scheme="enterprise", year=[2024, 2025, 2026]).sum())
    assert enterprise.loc[2027:].isna().all()


def test_solve_for_reach_meets_a_higher_target():
    s = baseline()
    goal = 45000.0
    target = s.targets[0].model_copy(update={"value": goal})
    solution = solve_for(s, target, lever="reach", bounds=(0.0, 0.2))
    assert solution.reachable and solution.lever == "reach"
    assert s.enrolment.reach.values([2024])[0] < solution.value < 0.2
    assert solution.achieved == pytest.approx(goal, rel=1e-3)
    assert solution.achieved >= goal
    assert "2021-2023" in solution.reason  # the part fixed by the back-cast is stated
    below = solve_for(s, target.model_copy(update={"value": solution.achieved * 0.99}), bounds=(0.0, 0.2))
    assert below.value < solution.value


def test_solve_for_the_15000_target_is_met_at_the_lowest_reach():
    solution = solve_for(baseline(), LABEL, lever="reach")
    assert solution.reachable and solution.value == 0.0
    assert solution.achieved > 15000
    assert "met already" in solution.reason


def test_solve_for_reports_an_unreachable_target():
    s = baseline()
    target = s.targets[0].model_copy(update={"value": 5e6})
    solution = solve_for(s, target, lever="reach", bounds=(0.0, 0.05))
    assert not solution.reachable and solution.value is None
    assert "not reachable" in solution.reason and "0.05" in solution.reason
    assert solution.achieved < 5e6
    compulsory = Target(kind="new_members", scheme="enterprise", start=2024, end=2025, value=1.0)
    answer = solve_for(s, compulsory)
    assert not answer.reachable and "enterprise" in answer.reason


def test_solve_for_subsidy_share():
    s = baseline()
    level = Target(kind="active_members", scheme="voluntary", year=2030, value=1.0)
    runner = LeverProjector(s, 2030)
    plain = projected(level, runner.membership("subsidy_share", 2024, 0.0))
    full = projected(level, runner.membership("subsidy_share", 2024, 1.0))
    assert full > plain
    goal = 0.5 * (plain + full)
    solution = solve_for(s, level.model_copy(update={"value": goal}), lever="subsidy_share")
    assert solution.reachable and 0.0 < solution.value < 1.0
    assert solution.achieved == pytest.approx(goal, rel=1e-3)
    series = target_series(level, runner.membership("subsidy_share", 2024, solution.value))
    assert max(series) == 2030 and min(series) == 2018


def test_solve_for_rejects_unknown_levers_and_targets():
    with pytest.raises(ValueError, match="unknown lever"):
        solve_for(baseline(), 0, lever="magic")
    with pytest.raises(KeyError, match="no target labelled"):
        solve_for(baseline(), "nope")
    with pytest.raises(ValueError, match="bounds"):
        solve_for(baseline(), 0, bounds=(0.0, 2.0))
