"""``enrolment_target``: the lever value, from a start year, that meets an enrolment target.

For a block naming target ``T`` and lever ``x`` (reach, subsidy share or registration
friction), :func:`engine.enrolment.solver.solve_block` finds by bisection the smallest
constant value ``v`` such that the projection with ``x_t = v`` for ``t >= start`` (the
scenario's path before) meets ``T``; enrolment rises with each lever, so the bisection is exact to its tolerance.
The answer is reported as Dataset attributes (:func:`target_attributes`); with
``apply: true`` the run uses it (:func:`apply_targets`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.scenario.params import YearPath


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


def apply_targets(scenario, solutions: list[BlockSolution]):
    """The scenario to run: the lever of each enrolment_target block with ``apply`` set
    moved to its solution (blocks without a solution keep the scenario's path)."""
    by_name = {s.name: s for s in solutions}
    run_with = scenario
    for block in scenario.policies:
        if block.type != "enrolment_target" or not block.apply:
            continue
        solution = by_name.get(block.name)
        if solution is not None and solution.value is not None:
            run_with = with_lever(run_with, block.lever, block.start_year, solution.value)
    return run_with


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
