"""The lever value that meets an enrolment target, by bisection.

:func:`solve_for` finds the smallest constant value of a lever (reach, subsidy share,
registration friction, from the first projected year on) for which the projection meets a
target; :func:`solve_block` does the same for an ``enrolment_target`` policy block, the
lever moving from the block's start year. The projection is monotone in each lever
(raising reach, subsidy or friction never lowers enrolment), so bisection finds the value
to its tolerance. When no value within the bounds meets the target the answer says so and
why.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.demography import project_population
from engine.enrolment.dynamics import project_membership
from engine.enrolment.targets import projected, target_series
from engine.labour import project_labour
from engine.macro import project_economy
from engine.membership import Membership
from engine.policies.targets import BOUNDS, TOLERANCE, BlockSolution, with_lever
from engine.scenario.params import YearPath
from engine.scenario.schema import Scenario
from engine.scenario.schema_enrolment import Target

LEVERS: dict[str, tuple[str, tuple[float, float], str]] = {
    "reach": ("reach", (0.0, 1.0), "share of non-members informed per year"),
    "subsidy_share": ("subsidy_share", (0.0, 1.0), "share of the lowest contribution paid by the government"),
    "registration_friction": ("registration_friction", (0.0, 1.0),
                              "share of the informed, interested and able who register"),
}
"""Levers :func:`solve_for` can move: name -> (enrolment field, default bounds, unit)."""


def smallest_meeting(achieved, lo: float, hi: float, goal: float, tol: float = 1e-6) -> float:
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

    ``value``: the smallest lever value meeting the target (None when not reachable);
    ``achieved``: the projection at ``value`` (or at the upper bound when not reachable);
    ``reachable``; ``reason``: how the answer was found or why there is none.
    """

    lever: str
    value: float | None
    achieved: float
    target: float
    reachable: bool
    reason: str


def _pick(scenario: Scenario, target: Target | int | str) -> Target:
    if isinstance(target, Target):
        return target
    if isinstance(target, int):
        return scenario.targets[target]
    for t in scenario.targets:
        if t.label == target:
            return t
    raise KeyError(f"no target labelled {target!r}; the scenario has "
                   f"{', '.join(t.label for t in scenario.targets) or 'none'}")


class _Projector:
    """Runs the membership stage alone, with demography and economy computed once."""

    def __init__(self, scenario: Scenario, last_year: int):
        end = max(last_year, scenario.horizon.base_year + 2)
        self.scenario = scenario.model_copy(update={"horizon": scenario.horizon.model_copy(update={"end_year": end})})
        s = self.scenario
        self.population = project_population(s)
        years = self.population.years
        labour = project_labour(s, years, self.population.mid_year)
        base = project_labour(s, years[:1], self.population.base[None])
        self.economy = project_economy(s, years, labour.employed.sum(axis=(1, 2)), float(base.employed.sum()))

    def membership(self, field: str, value: float) -> Membership:
        e = self.scenario.enrolment.model_copy(update={field: YearPath.constant(value)})
        return project_membership(self.scenario.model_copy(update={"enrolment": e}), self.population, self.economy)


def solve_for(scenario: Scenario, target: Target | int | str = 0, lever: str = "reach",
              bounds: tuple[float, float] | None = None, tol: float = 1e-6) -> Solution:
    """Smallest constant lever value (from the first projected year) meeting a target.

    Parameters
    ----------
    scenario : the scenario (its other assumptions are kept).
    target : a :class:`Target`, or the index or label of one of the scenario's targets.
    lever : one of :data:`LEVERS` (``reach``, ``subsidy_share``, ``registration_friction``).
    bounds : allowed (lowest, highest) lever values; default the lever's whole range.
    tol : bisection stops when the bracket is narrower than ``tol`` times the bounds' width.

    Returns
    -------
    Solution
        ``reachable`` False, with the reason, when even the highest allowed value falls
        short or the lever cannot act on the target.
    """
    target = _pick(scenario, target)
    if lever not in LEVERS:
        raise ValueError(f"unknown lever {lever!r}; expected one of {', '.join(LEVERS)}")
    field, default_bounds, unit = LEVERS[lever]
    lo, hi = bounds if bounds is not None else default_bounds
    if not default_bounds[0] <= lo <= hi <= default_bounds[1]:
        raise ValueError(f"bounds ({lo}, {hi}) for {lever} must lie within {default_bounds}")
    goal = float(target.value)
    first_projected = scenario.horizon.base_year + 1
    if target.scheme in ("civil_servant", "enterprise"):
        return Solution(lever, None, float("nan"), goal, False,
                        f"not reachable with {lever}: the lever acts on the voluntary scheme, the "
                        f"target is for the {target.scheme} scheme")
    if target.last < first_projected:
        return Solution(lever, None, float("nan"), goal, False,
                        f"not reachable with {lever}: the target's years end in {target.last}, before "
                        f"the projection starts ({first_projected}); the back-cast fixes them")
    runner = _Projector(scenario, target.last)

    def achieved(value: float) -> float:
        return projected(target, runner.membership(field, value))

    at_lo = achieved(lo)
    fixed = ""
    if target.kind == "new_members" and target.first < first_projected:
        hist = runner.membership(field, lo).history
        sel = (hist.years >= target.first) & (hist.years <= target.last)
        fixed = (f"; {hist.new_total[sel].sum():,.0f} of them join in {target.first}-{first_projected - 1}, "
                 f"before the projection, whatever the lever")
    if at_lo >= goal:
        return Solution(lever, lo, at_lo, goal, True,
                        f"met already at the lowest allowed {lever} ({lo:g}): the projection gives "
                        f"{at_lo:,.6g} against the target {goal:,.6g}{fixed}")
    at_hi = achieved(hi)
    if at_hi < goal:
        return Solution(lever, None, at_hi, goal, False,
                        f"not reachable: even the highest allowed {lever} ({hi:g}, {unit}) gives "
                        f"{at_hi:,.6g} against the target {goal:,.6g}{fixed}")
    value = smallest_meeting(achieved, lo, hi, goal, tol)
    return Solution(lever, value, achieved(value), goal, True,
                    f"{lever} = {value:.6g} ({unit}) from {first_projected} meets the target "
                    f"({goal:,.6g}){fixed}")


def solve_block(scenario, block) -> BlockSolution:
    """Bisection for one block (see the module docstring)."""
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


def solve_target_blocks(scenario: Scenario) -> list[BlockSolution]:
    """:func:`solve_block` for every enrolment_target block of the scenario, in order."""
    return [solve_block(scenario, b) for b in scenario.policies if b.type == "enrolment_target"]


__all__ = ["LEVERS", "Solution", "smallest_meeting", "solve_block", "solve_for", "solve_target_blocks"]
