"""Targets as ministries state them: joins, net additions, stock at a date, growth rate
per year and coverage; each with target, projected, gap and the year it is met."""

import numpy as np
import pytest

import engine
from engine.errors import InputError
from tests.policies.helpers import SCENARIOS, scenario

SHORT = ["horizon.end_year=2034"]


def members(ds):
    """Voluntary members at 31 December by year, back-cast included."""
    out = {int(y): float(v) for y, v in zip(ds["history_year"].to_numpy(), ds["voluntary_members_history"].to_numpy())}
    out |= {int(y): float(v) for y, v in zip(ds["year"].to_numpy(), ds["active_members"].sel(scheme="voluntary").to_numpy())}
    return out


@pytest.fixture(scope="module")
def shipped():
    s = engine.load_scenario(SCENARIOS / "target_2021_2025.yaml", SHORT)
    return s, engine.run(s)


def test_net_additions_and_growth_are_computed_from_members_in_stock(shipped):
    _, ds = shipped
    m = members(ds)
    net = ds["target_projected"].sel(target="net_additions_2021_2025", year=2025)
    assert float(net) == pytest.approx(m[2025] - m[2020], rel=1e-12)
    growth = ds["target_projected"].sel(target="growth_15pct_2021_2025", year=2025)
    assert float(growth) == pytest.approx((m[2025] / m[2020]) ** (1 / 5) - 1, rel=1e-12)
    gap = ds["target_gap"].sel(target="growth_15pct_2021_2025", year=2025)
    assert float(gap) == pytest.approx(float(growth) - 0.15, rel=1e-12)


def test_a_target_met_in_the_back_cast_is_said_to_be_met_before_the_projection(shipped):
    _, ds = shipped
    m = members(ds)
    needed = m[2020] * 1.15 ** 5
    expected = min(y for y in range(2021, 2026) if m[y] >= needed)
    assert float(ds["target_year_met"].sel(target="growth_15pct_2021_2025")) == expected
    assert expected < 2024
    text = ds.attrs["target_met_growth_15pct_2021_2025"]
    assert text.startswith(f"met in {expected}, before the projection starts (2024)")
    assert ds.attrs["target_met_same_target_2026_2030"].startswith("met in 20")
    assert "before the projection" not in ds.attrs["target_met_same_target_2026_2030"]


def test_a_target_out_of_reach_says_by_how_much(shipped):
    s, _ = shipped
    target = s.targets[0].model_copy(update={"value": 1e7, "name": "huge"})
    from engine.enrolment.dynamics import project_membership
    from engine.enrolment.targets import met_statement, year_met
    from engine.demography import project_population
    from engine.labour import project_labour
    from engine.macro import project_economy

    population = project_population(s)
    labour = project_labour(s, population.years, population.mid_year)
    base = project_labour(s, population.years[:1], population.base[None])
    economy = project_economy(s, population.years, labour.employed.sum(axis=(1, 2)), float(base.employed.sum()))
    membership = project_membership(s, population, economy)
    assert year_met(target, membership) is None
    assert met_statement(target, membership, 2024).startswith("not met by 2025: 35,")


def test_the_report_states_when_targets_are_met(shipped):
    from engine.report.html import target_rows

    s, ds = shipped
    rows = {r["label"]: r for r in target_rows([("t", ds)], [s])}
    assert "before the projection starts" in rows["growth_15pct_2021_2025"]["values"][0]
    assert "growth of members a year" in rows["growth_15pct_2021_2025"]["text"]


@pytest.mark.parametrize("target, words", [
    ({"kind": "growth_rate", "year": 2030, "value": 0.15}, ["growth_rate target needs start and end"]),
    ({"kind": "growth_rate", "start": 2026, "end": 2030, "value": 15}, ["per year (0.15 for 15 %)"]),
    ({"kind": "net_additions", "start": 2018, "end": 2020, "value": 100}, ["starts after 2018"]),
    ({"kind": "growth_rat", "start": 2026, "end": 2030, "value": 0.1}, ["targets.0.kind", "growth_rate"]),
    ({"kind": "net_additions", "start": 2026, "end": 2030, "value": -1}, ["targets.0.value", ">= 0"]),
])
def test_invalid_targets_are_input_errors(target, words):
    with pytest.raises(InputError) as info:
        engine.load_scenario(SCENARIOS / "baseline.yaml", [f"targets=[{target}]".replace("'", '"')])
    text = " | ".join(str(p) for p in info.value.problems)
    for word in words:
        assert word in text, (word, text)


def test_a_growth_target_can_be_solved_for(shipped):
    """An enrolment_target block solves the reach that meets a growth rate."""
    s, _ = shipped
    from engine.enrolment.solver import solve_block
    from engine.scenario.schema_enrolment import Target

    goal = Target(name="growth_2026_2030", kind="growth_rate", start=2026, end=2030, value=0.25)
    block = s.policies[0].model_copy(update={"name": "g", "target": "growth_2026_2030", "start_year": 2026})
    with_target = s.model_copy(update={"targets": s.targets + (goal,)})
    solution = solve_block(with_target, block)
    assert solution.value is not None and 0 < solution.value < 1
    assert solution.achieved >= 0.25 - 1e-9
