"""Building blocks of the scenario schema: documented parameters and year paths.

Every leaf parameter is declared with :func:`param`, which records its unit, a
description, its source and its status (confirmed, reported, derived, assumption), so that
the report can list every assumption a run used. Values that change over time are
:class:`YearPath` values: a constant, or a mapping ``{year: value}`` read as a step
function (each value holds from its year until the next listed year).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
from pydantic import ConfigDict, Field, PlainSerializer, PlainValidator
from pydantic_core import PydanticCustomError

STRICT = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def param(default: Any = None, *, unit: str, description: str, status: str = "assumption",
          source: str = "", ge: float | None = None, le: float | None = None,
          gt: float | None = None, lt: float | None = None, **kwargs) -> Any:
    """A documented scenario parameter (a pydantic Field with unit, source and status)."""
    extra = {"unit": unit, "status": status, "source": source}
    factory = kwargs.pop("default_factory", None)
    if factory is not None:
        return Field(default_factory=factory, description=description, ge=ge, le=le, gt=gt, lt=lt,
                     json_schema_extra=extra, **kwargs)
    return Field(default, description=description, ge=ge, le=le, gt=gt, lt=lt,
                 json_schema_extra=extra, **kwargs)


@dataclass(frozen=True)
class YearPath:
    """A value over calendar years: ``points`` are (first year, value) steps.

    A constant is stored as a single step with ``year=None``. The value in year ``t`` is
    the value of the last step whose year is at or before ``t`` (the first step's value
    before it).
    """

    points: tuple[tuple[int | None, float], ...]

    @classmethod
    def constant(cls, value: float) -> YearPath:
        return cls(((None, float(value)),))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y for y, _ in self.points if y is not None)

    def values(self, years: np.ndarray) -> np.ndarray:
        """Values for each year in ``years`` (step function), float64."""
        years = np.asarray(years)
        if self.points[0][0] is None:
            return np.full(years.shape, self.points[0][1])
        starts = np.array([y for y, _ in self.points])
        vals = np.array([v for _, v in self.points])
        idx = np.searchsorted(starts, years, side="right") - 1
        return vals[np.clip(idx, 0, len(vals) - 1)]

    def to_plain(self) -> float | dict[int, float]:
        if self.points[0][0] is None:
            return self.points[0][1]
        return {int(y): v for y, v in self.points}

    def __str__(self) -> str:
        plain = self.to_plain()
        if isinstance(plain, dict):
            return ", ".join(f"{y}: {v:g}" for y, v in plain.items())
        return f"{plain:g}"


def _number(value: object, where: str, key: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise PydanticCustomError("path_value", "found {found}{where}; expected a number",
                                  {"where": where, "found": repr(value), "key": key})
    return float(value)


def year_path(ge: float | None = None, le: float | None = None) -> Any:
    """The annotated type of a year path whose values lie within [ge, le]."""

    def validate(value: object) -> YearPath:
        if isinstance(value, YearPath):
            points = value.points
        elif isinstance(value, dict):
            if not value:
                raise PydanticCustomError("path_empty", "found an empty mapping; expected a number "
                                          "or a mapping of year to number")
            points = []
            for year, v in value.items():
                if isinstance(year, bool) or not isinstance(year, int):
                    raise PydanticCustomError(
                        "path_year", "found the key {found}; expected a year such as 2030",
                        {"found": repr(year), "key": str(year)})
                points.append((year, _number(v, f" in year {year}", str(year))))
            points = tuple(sorted(points))
        else:
            points = ((None, _number(value, "")),)
        for year, v in points:
            at = f" in year {year}" if year is not None else ""
            if ge is not None and v < ge:
                raise PydanticCustomError("path_range", "found {v}{at}; expected a value >= {ge}",
                                          {"at": at, "v": v, "ge": ge, "key": str(year or "")})
            if le is not None and v > le:
                raise PydanticCustomError("path_range", "found {v}{at}; expected a value <= {le}",
                                          {"at": at, "v": v, "le": le, "key": str(year or "")})
        return YearPath(tuple(points))

    validate.bounds = (ge, le)  # read by bounds_of()
    return Annotated[YearPath, PlainValidator(validate), PlainSerializer(lambda p: p.to_plain())]


def bounds_of(field) -> tuple[float | None, float | None]:
    """Lower and upper bounds declared for a parameter (a number or a year path)."""
    import annotated_types as at

    low = high = None
    for meta in field.metadata:
        if isinstance(meta, PlainValidator) and hasattr(meta.func, "bounds"):
            low, high = meta.func.bounds
        elif isinstance(meta, (at.Ge, at.Gt)):
            low = meta.ge if isinstance(meta, at.Ge) else meta.gt
        elif isinstance(meta, (at.Le, at.Lt)):
            high = meta.le if isinstance(meta, at.Le) else meta.lt
    return low, high
