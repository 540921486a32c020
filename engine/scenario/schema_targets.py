"""Scenario section ``targets:``: enrolment targets that the summary compares with the
projection (and that ``enrolment_target`` policy blocks solve for).

A voluntary-scheme target may name years back to :data:`FIRST_BACKCAST_YEAR` (the
back-cast of ``enrolment.history`` supplies them); the others, projected years only.
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ValidationInfo, model_validator

from engine.scenario.params import STRICT, param

FIRST_BACKCAST_YEAR = 2018
"""First year of the voluntary-scheme membership back-cast (``enrolment.history``, 2018 to
the base year); voluntary targets may name years from here on. Not the first year of the
price and wage history of the funds' inputs (:mod:`engine.funds.inputs`)."""

TARGET_SCHEMES = ("civil_servant", "enterprise", "voluntary", "all")


class Target(BaseModel):
    """An enrolment target as ministries state them: new members (joins) over a span of
    years, net additions over a span, a growth rate per year over a span, or a level in a
    year.

    ``new_members`` counts persons joining ``scheme`` in the years ``start``..``end``
    (inclusive; or the single ``year``); ``net_additions`` is members at 31 December of
    ``end`` minus members at 31 December of ``start - 1``; ``growth_rate`` is the average
    yearly growth of members over ``start``..``end``, ``(M_end / M_{start-1})^(1/n) - 1``;
    ``active_members`` and ``coverage_share`` are levels at 31 December of ``year``.
    Coverage share: active members over the scheme's workers (voluntary: informal workers;
    all: every employed person).
    """

    model_config = STRICT

    name: str | None = param(None, unit="text", status="confirmed", pattern=r"^[A-Za-z0-9_]+$",
                             description="Label used in summary.csv (default kind_scheme_years).")
    kind: Literal["new_members", "net_additions", "growth_rate", "active_members", "coverage_share"] = param(
        ..., unit="choice", status="confirmed", description="What the target counts.")
    scheme: Literal[TARGET_SCHEMES] = param(
        "voluntary", unit="choice", status="confirmed", description="Scheme the target is for.")
    start: int | None = param(None, unit="calendar year", ge=FIRST_BACKCAST_YEAR, le=2150, status="confirmed",
                              description="First year of a new_members span.")
    end: int | None = param(None, unit="calendar year", ge=FIRST_BACKCAST_YEAR, le=2150, status="confirmed",
                            description="Last year of a new_members span (inclusive).")
    year: int | None = param(None, unit="calendar year", ge=FIRST_BACKCAST_YEAR, le=2150, status="confirmed",
                             description="Year of a level target (31 December), or a one-year span.")
    value: float = param(..., unit="persons; a share 0-1 for coverage_share; per year for growth_rate", ge=0,
                         status="confirmed",
                         description="The target value (a minimum to reach).")
    source: str = param("", unit="text", status="confirmed", description="Where the target comes from.")

    @model_validator(mode="after")
    def _shape(self):
        span = self.start is not None or self.end is not None
        if self.kind in ("net_additions", "growth_rate"):
            if self.year is not None or self.start is None or self.end is None:
                raise ValueError(f"a {self.kind} target needs start and end (and no year)")
            if self.start > self.end:
                raise ValueError(f"start {self.start} is after end {self.end}")
            if self.start <= FIRST_BACKCAST_YEAR:
                raise ValueError(f"a {self.kind} target starts after {FIRST_BACKCAST_YEAR} (members at the "
                                 f"end of the year before the start are needed)")
            if self.kind == "growth_rate" and self.value > 10:
                raise ValueError(f"a growth_rate is per year (0.15 for 15 %), found {self.value}")
        elif self.kind == "new_members":
            if span and self.year is not None:
                raise ValueError("give either start and end, or year, not both")
            if span and (self.start is None or self.end is None):
                raise ValueError("a new_members span needs both start and end")
            if not span and self.year is None:
                raise ValueError("a new_members target needs start and end (or year)")
            if span and self.start > self.end:
                raise ValueError(f"start {self.start} is after end {self.end}")
        else:
            if span or self.year is None:
                raise ValueError(f"a {self.kind} target needs year (and no start/end)")
        if self.kind == "coverage_share" and self.value > 1:
            raise ValueError(f"a coverage_share is a share between 0 and 1, found {self.value}")
        return self

    @property
    def first(self) -> int:
        return self.start if self.start is not None else self.year

    @property
    def last(self) -> int:
        return self.end if self.end is not None else self.year

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        years = f"{self.first}_{self.last}" if self.first != self.last else f"{self.last}"
        return f"{self.kind}_{self.scheme}_{years}"


def _check_target_years(targets: tuple[Target, ...], info: ValidationInfo) -> tuple[Target, ...]:
    """Target years lie in 2018..end of horizon; only voluntary targets reach before the
    projection (the back-cast covers the voluntary scheme alone); labels are unique."""
    horizon = info.data.get("horizon")
    problems = []
    if horizon is not None:
        first_projected, last = horizon.base_year + 1, horizon.end_year
        for i, t in enumerate(targets):
            lowest = FIRST_BACKCAST_YEAR if t.scheme == "voluntary" else first_projected
            for key in ("start", "end", "year"):
                y = getattr(t, key)
                if y is not None and not lowest <= y <= last:
                    problems.append(f"targets.{i}.{key}: found the year {y}: expected a year within "
                                    f"{lowest}..{last} (the horizon"
                                    f"{f', back-cast from {FIRST_BACKCAST_YEAR}' if lowest < first_projected else ''})")
    labels = [t.label for t in targets]
    for label in sorted({x for x in labels if labels.count(x) > 1}):
        problems.append(f"two targets are labelled '{label}' (give each a distinct name)")
    if problems:
        raise ValueError("; ".join(problems))
    return targets


TargetList = Annotated[tuple[Target, ...], AfterValidator(_check_target_years)]
"""The type of ``Scenario.targets``: checked against the scenario's horizon."""
