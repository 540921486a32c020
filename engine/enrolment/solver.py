"""The one target solver: the lever value that meets an enrolment target, by bisection.

:func:`solve_for` finds the smallest constant value ``v`` of a lever ``x`` (reach, subsidy
share, registration friction: :data:`LEVERS`) such that the projection with ``x_t = v``
for ``t >= start`` (the scenario's path before; by default from the first projected year)
meets a target (:mod:`engine.enrolment.targets` gives the projected value). The
projection is monotone in each lever (raising reach, subsidy or friction never lowers
enrolment), so bisection finds ``v`` to within ``tol`` times the bounds' width. When no
value within the bounds meets the target the answer says so and why.

:func:`solve_block` answers an ``enrolment_target`` policy block with the same solver
(:class:`engine.policies.targets.BlockSolution`); :func:`solve_target_blocks` every block
of a scenario, for :func:`engine.model.project`.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.demography import PopulationProjection, project_population
from engine.enrolment.dynamics import project_membership
from engine.enrolment.targets import projected, target_series
from engine.labour import project_workforce
from engine.macro import project_economy
from engine.membership import Membership
from engine.policies.targets import BlockSolution, with_lever
from engine.scenario.schema import Scenario
from engine.scenario.schema_enrolment import Target

LEVERS: dict[str, tuple[tuple[float, float], str]] = {
    "reach": ((0.0, 1.0), "share of non-members informed per year"),
    "subsidy_share": ((0.0, 1.0), "share of the lowest contribution paid by the government"),
    "registration_friction": ((0.0, 1.0), "share of the informed, interested and able who register"),
}
"""Levers the solver can move (fields of the scenario's ``enrolment`` section): name ->
(allowed bounds, unit)."""

TOLERANCE = 1e-6
"""Default bisection tolerance, as a share of the bounds' width."""


def smallest_meeting(achieved, lo: float, hi: float, goal: float, tol: float = TOLERANCE) -> float:
    """Bisection for the smallest lever in [lo, hi] with ``achieved(lever) >= goal``, given
    ``achieved`` non-decreasing, ``achieved(lo) < goal <= achieved(hi)``; the answer lies
    within ``tol * (hi - lo)`` above the exact one."""
    a, b = lo, hi
    while b - a > tol * (hi - lo):
        mid = 0.5 * (a + b)
        if achieved(mid) >= goal:
            b = mid
        else:
            a = mid
    return b


@dataclass(frozen=True)
class Solution:
    """Outcome of :func:`solve_for`.

    ``value``: the smallest lever value meeting the target from ``start_year`` (None when
    not reachable); ``achieved``: the projection at ``value`` (or at the upper bound when
    not reachable); ``target``: the target's value; ``reachable``; ``reason``: how the
    answer was found or why there is none.
    """

    lever: str
    value: float | None
    achieved: float
    target: float
    reachable: bool
    reason: str
    start_year: int = 0


def pick_target(scenario: Scenario, target: Target | int | str) -> Target:
    """A :class:`Target` itself, or the scenario's target of that index or label."""
    if isinstance(target, Target):
        return target
    if isinstance(target, int):
        return scenario.targets[target]
    for t in scenario.targets:
        if t.label == target:
            return t
    raise KeyError(f"no target labelled {target!r}; the scenario has "
                   f"{', '.join(t.label for t in scenario.targets) or 'none'}")


class LeverProjector:
    """Runs the membership stage alone for lever values, with demography, labour and
    economy computed once (:class:`engine.labour.Workforce`); the horizon reaches at least
    ``last_year``."""

    def __init__(self, scenario: Scenario, last_year: int):
        end = max(last_year, scenario.horizon.base_year + 2)
        self.scenario = scenario.model_copy(update={"horizon": scenario.horizon.model_copy(update={"end_year": end})})
        s = self.scenario
        self.population: PopulationProjection = project_population(s)
        self.workforce = project_workforce(s, self.population)
        self.economy = project_economy(s, self.population.years, self.workforce.mid_year.employed.sum(axis=(1, 2)),
                                       float(self.workforce.base.employed.sum()))

    def membership(self, lever: str, start_year: int, value: float) -> Membership:
        """Members with ``enrolment.<lever>`` = ``value`` from ``start_year``."""
        moved = with_lever(self.scenario, lever, start_year, value)
        return project_membership(moved, self.population, self.economy, self.workforce)


def solve_for(scenario: Scenario, target: Target | int | str = 0, lever: str = "reach",
              bounds: tuple[float, float] | None = None, tol: float = TOLERANCE,
              start_year: int | None = None) -> Solution:
    """Smallest constant lever value from ``start_year`` meeting a target.

    Parameters
    ----------
    scenario : the scenario (its other assumptions are kept).
    target : a :class:`Target`, or the index or label of one of the scenario's targets.
    lever : one of :data:`LEVERS` (``reach``, ``subsidy_share``, ``registration_friction``).
    bounds : allowed (lowest, highest) lever values; default the lever's whole range.
    tol : bisection stops when the bracket is narrower than ``tol`` times the bounds' width.
    start_year : first year the lever takes the value; default the first projected year.

    Returns
    -------
    Solution
        ``reachable`` False, with the reason, when even the highest allowed value falls
        short or the lever cannot act on the target.
    """
    target = pick_target(scenario, target)
    if lever not in LEVERS:
        raise ValueError(f"unknown lever {lever!r}; expected one of {', '.join(LEVERS)}")
    allowed, unit = LEVERS[lever]
    lo, hi = bounds if bounds is not None else allowed
    if not allowed[0] <= lo <= hi <= allowed[1]:
        raise ValueError(f"bounds ({lo}, {hi}) for {lever} must lie within {allowed}")
    goal = float(target.value)
    first_projected = scenario.horizon.base_year + 1
    start = first_projected if start_year is None else int(start_year)

    def answer(value, achieved, reason):
        return Solution(lever, value, achieved, goal, value is not None, reason, start)

    if target.scheme in ("civil_servant", "enterprise"):
        return answer(None, float("nan"), f"not reachable with {lever}: the lever acts on the voluntary "
                                          f"scheme, the target is for the {target.scheme} scheme")
    if target.last < start:
        fixed = "; the back-cast fixes them" if target.last < first_projected else ""
        return answer(None, float("nan"), f"not reachable with {lever}: the target's years end in "
                                          f"{target.last}, before the lever acts ({start}){fixed}")
    runner = LeverProjector(scenario, target.last)

    def achieved(value: float) -> float:
        return projected(target, runner.membership(lever, start, value))

    before = ""
    if target.kind == "new_members" and target.first < start:
        early = target_series(target, runner.membership(lever, start, lo)).get(start - 1, float("nan"))
        before = f"; {early:,.0f} of them join in {target.first}-{start - 1}, before the lever acts"
    at_lo = achieved(lo)
    if at_lo >= goal:
        return answer(lo, at_lo, f"met already at the lowest allowed {lever} ({lo:g}) from {start}: the "
                                 f"projection gives {at_lo:,.6g} against the target {goal:,.6g}{before}")
    at_hi = achieved(hi)
    if at_hi < goal:
        return answer(None, at_hi, f"not reachable: even the highest allowed {lever} ({hi:g}, {unit}) from "
                                   f"{start} gives {at_hi:,.6g} against the target {goal:,.6g}{before}")
    value = smallest_meeting(achieved, lo, hi, goal, tol)
    got = achieved(value)
    return answer(value, got, f"{lever} = {value:.6g} ({unit}) from {start} meets the target: "
                              f"{got:,.6g} against {goal:,.6g}{before}")


def solve_block(scenario: Scenario, block) -> BlockSolution:
    """:func:`solve_for` for one enrolment_target block (its target, lever and start year)."""
    target = pick_target(scenario, block.target)
    s = solve_for(scenario, target, block.lever, start_year=block.start_year)
    return BlockSolution(block.name, target.label, block.lever, block.start_year, s.value, s.achieved,
                         s.target, s.reason)


def solve_target_blocks(scenario: Scenario) -> list[BlockSolution]:
    """:func:`solve_block` for every enrolment_target block of the scenario, in order."""
    return [solve_block(scenario, b) for b in scenario.policies if b.type == "enrolment_target"]


__all__ = ["LEVERS", "TOLERANCE", "LeverProjector", "Solution", "pick_target", "smallest_meeting", "solve_block",
           "solve_for", "solve_target_blocks"]
