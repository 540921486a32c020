"""``enrolment_target``: the lever value, from a start year, that meets an enrolment target.

For a block naming target ``T`` and lever ``x`` (reach, subsidy share or registration
friction), :func:`solve_block` finds by bisection the smallest constant value ``v`` such
that the projection with ``x_t = v`` for ``t >= start`` (the scenario's path before)
meets ``T``; enrolment rises with each lever, so the bisection is exact to its tolerance.
The answer is reported as Dataset attributes (:func:`target_attributes`); with
``apply: true`` the run uses it (:func:`apply_targets`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.enrolment.targets import smallest_meeting
from engine.scenario.params import YearPath

BOUNDS = (0.0, 1.0)
TOLERANCE = 1e-6


@dataclass(frozen=True)
class BlockSolution:
    """Outcome for one enrolment_target block."""

    name: str
    target: str
    lever: str
    start_year: int
    value: float | None
    achieved: float
    goal: float
    reason: str


def lever_path(old: YearPath, start: int, value: float, first_year: int) -> YearPath:
    """``old`` before ``start``, ``value`` from it (a step path)."""
    years = np.arange(first_year, start)
    points = [(int(y), float(v)) for y, v in zip(years, old.values(years))]
    points.append((int(start), float(value)))
    compact = [p for i, p in enumerate(points) if i == 0 or p[1] != points[i - 1][1]]
    return YearPath(tuple(compact))


def with_lever(scenario, lever: str, start: int, value: float):
    """The scenario with ``enrolment.<lever>`` set to ``value`` from ``start``."""
    e = scenario.enrolment
    path = lever_path(getattr(e, lever), start, value, scenario.horizon.base_year + 1)
    return scenario.model_copy(update={"enrolment": e.model_copy(update={lever: path})})


def solve_block(scenario, block) -> BlockSolution:
    """Bisection for one block (see the module docstring)."""
    from engine.enrolment.targets import _pick, _Projector, projected, target_series
    from engine.enrolment.dynamics import project_membership

    target = _pick(scenario, block.target)
    goal = float(target.value)

    def result(value, achieved, reason):
        return BlockSolution(block.name, target.label, block.lever, block.start_year, value, achieved, goal, reason)

    if target.scheme in ("civil_servant", "enterprise"):
        return result(None, float("nan"), f"not reachable with {block.lever}: the lever acts on the "
                                          f"voluntary scheme, the target is for the {target.scheme} scheme")
    if target.last < block.start_year:
        return result(None, float("nan"), f"not reachable with {block.lever}: the target's years end in "
                                          f"{target.last}, before the lever acts ({block.start_year})")
    runner = _Projector(scenario, target.last)

    def membership(value: float):
        s = with_lever(runner.scenario, block.lever, block.start_year, value)
        return project_membership(s, runner.population, runner.economy)

    def achieved(value: float) -> float:
        return projected(target, membership(value))

    lo, hi = BOUNDS
    before = ""
    if target.kind == "new_members" and target.first < block.start_year:
        early = target_series(target, membership(lo)).get(block.start_year - 1, float("nan"))
        before = (f"; {early:,.0f} of them join in {target.first}-{block.start_year - 1}, before the "
                  f"lever acts")
    at_lo = achieved(lo)
    if at_lo >= goal:
        return result(lo, at_lo, f"met already at the lowest {block.lever} ({lo:g}) from "
                                 f"{block.start_year}: {at_lo:,.0f} against {goal:,.0f}{before}")
    at_hi = achieved(hi)
    if at_hi < goal:
        return result(None, at_hi, f"not reachable: even {block.lever} = {hi:g} from {block.start_year} "
                                   f"gives {at_hi:,.0f} against {goal:,.0f}{before}")
    b = smallest_meeting(achieved, lo, hi, goal, TOLERANCE)
    value = achieved(b)
    return result(b, value, f"{block.lever} = {b:.6g} from {block.start_year} meets the target: "
                            f"{value:,.0f} against {goal:,.0f}{before}")


def apply_targets(scenario) -> tuple[object, list[BlockSolution]]:
    """Solve every enrolment_target block; returns the scenario to run (levers of blocks
    with ``apply`` set) and the solutions."""
    solutions = []
    run_with = scenario
    for block in scenario.policies:
        if block.type != "enrolment_target":
            continue
        solution = solve_block(scenario, block)
        solutions.append(solution)
        if block.apply and solution.value is not None:
            run_with = with_lever(run_with, block.lever, block.start_year, solution.value)
    return run_with, solutions


def target_attributes(solutions: list[BlockSolution]) -> dict[str, object]:
    """Dataset attributes ``target_solution_<name>`` (the value, or "not reachable"),
    ``..._lever``, ``..._target``, ``..._achieved`` and ``..._reason``."""
    attrs: dict[str, object] = {}
    for s in solutions:
        key = f"target_solution_{s.name}"
        attrs[key] = s.value if s.value is not None else "not reachable"
        attrs[f"{key}_lever"] = f"enrolment.{s.lever} from {s.start_year}"
        attrs[f"{key}_target"] = s.target
        attrs[f"{key}_achieved"] = s.achieved
        attrs[f"{key}_reason"] = s.reason
    return attrs
