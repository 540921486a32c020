"""Building blocks of the scenario schema: documented parameters and year paths.

Every leaf parameter is declared with :func:`param`, which records its unit, a
description, its source and its status (confirmed, reported, derived, assumption), so that
the report can list every assumption a run used; :func:`data_param` declares one whose
default, unit, status and source come from an entry of an embedded data file. Values that change over time are
:class:`YearPath` values: a constant, or a mapping ``{year: value}`` read as a step
function (each value holds from its year until the next listed year).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Callable

import numpy as np
from pydantic import ConfigDict, Field, PlainSerializer, PlainValidator
from pydantic_core import PydanticCustomError

from engine.data.files import read_parameters

STRICT = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def param(default: Any = None, *, unit: str, description: str,
          status: str = "assumption", source: str = "", **field_options: Any) -> Any:
    """A documented scenario parameter: a pydantic Field with unit, status and source.

    ``field_options`` go to the Field unchanged: bounds (``ge``, ``le``, ``gt``, ``lt``),
    ``pattern``, or a ``default_factory`` in place of ``default``.
    """
    extra = {"unit": unit, "status": status, "source": source}
    if "default_factory" not in field_options:
        field_options["default"] = default
    return Field(description=description, json_schema_extra=extra, **field_options)


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
            return ", ".join(f"{y}: {plain_number(v)}" for y, v in plain.items())
        return plain_number(plain)


def plain_number(value: float) -> str:
    """``value`` to six significant figures, never in e-notation (``0.00001``, not ``1e-05``)."""
    return np.format_float_positional(float(f"{float(value):.6g}"), trim="-")


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


@lru_cache(maxsize=None)
def data_entries(file: str) -> dict:
    """The entries of an embedded parameter file (engine/data/lao_pdr/<file>.yaml)."""
    return read_parameters(file)


def data_value(file: str, name: str, key: str | None = None) -> Any:
    """The embedded value of one entry (or of one ``key`` of a mapping entry)."""
    value = data_entries(file)[name]["value"]
    return value if key is None else value[key]


def data_provenance(file: str, name: str, key: str | None = None) -> dict[str, str]:
    """The ``status`` and ``source`` of one entry (of one ``key`` where the entry's
    ``status_by_scheme`` / ``source_by_scheme`` name it), the source ending with the entry's
    place: ``[engine/data/lao_pdr/<file>.yaml: <name>]``."""
    entry = data_entries(file)[name]
    status = (entry.get("status_by_scheme") or {}).get(key, entry["status"])
    source = (entry.get("source_by_scheme") or {}).get(key, entry["source"])
    return {"status": status, "source": f"{source} [engine/data/lao_pdr/{file}.yaml: {name}]"}


def _as_path(value: Any) -> YearPath:
    if isinstance(value, dict):
        return YearPath(tuple(sorted((int(y), float(v)) for y, v in value.items())))
    return YearPath.constant(float(value))


def data_param(file: str, name: str, *, description: str, key: str | None = None,
               as_path: bool = False, cast: Callable | None = None, unit: str | None = None,
               **field_options: Any) -> Any:
    """A :func:`param` whose default, unit, status and source come from a data-file entry.

    ``key`` selects one scheme (or fund, level, ...) of a mapping value (status and source
    as :func:`data_provenance` gives them).
    ``as_path`` reads the value as a :class:`YearPath` (a number or ``{year: value}``);
    otherwise ``cast`` converts it. ``unit`` replaces the entry's unit; ``field_options``
    are bounds and other Field options, as for :func:`param`.
    """
    value = data_value(file, name, key)
    if as_path:
        value = _as_path(value)
    elif cast is not None:
        value = cast(value)
    factory = (lambda: dict(value)) if isinstance(value, dict) else (lambda: value)
    return param(unit=unit or data_entries(file)[name]["unit"], description=description,
                 default_factory=factory, **data_provenance(file, name, key), **field_options)
