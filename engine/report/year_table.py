"""Tables with a row per year and a column per indicator, as actuarial valuation reports
lay out their projections.

A :class:`Column` names an indicator, its unit and how to read it from a results Dataset
(an array by year, or None where the run lacks it); :func:`year_table` picks the years
and formats every cell with :mod:`engine.report.numbers`, one number of decimals per
column. Columns a run lacks are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import xarray as xr

from engine.report.numbers import decimals, number, style

STEP = 5
"""Years shown: the base year, every fifth calendar year, and the last year."""


@dataclass(frozen=True)
class Column:
    """One indicator of a table: its ``label``, its ``unit`` (as :mod:`engine.report.numbers`
    reads units) and ``read``, which gives its values by year from a Dataset (None where
    the run lacks them)."""

    label: str
    unit: str
    read: Callable[[xr.Dataset], np.ndarray | None]


@dataclass(frozen=True)
class YearTable:
    """A formatted table: ``title``, a ``note`` under it, column headers with their shown
    units, and rows (a year, then a cell per column)."""

    key: str
    title: str
    note: str
    headers: list[tuple[str, str]]
    rows: list[list[str]]


def shown_years(years: Sequence[int], step: int = STEP) -> list[int]:
    """The base (first) year, every ``step``-th calendar year after it, and the last."""
    years = [int(y) for y in years]
    keep = [years[0]] + [y for y in years[1:] if y % step == 0]
    if years[-1] not in keep:
        keep.append(years[-1])
    return keep


def year_table(ds: xr.Dataset, key: str, title: str, columns: Sequence[Column], note: str = "") -> YearTable | None:
    """The table of ``columns`` read from ``ds`` at :func:`shown_years`; None when the run
    has none of the columns."""
    years = ds["year"].to_numpy()
    keep = shown_years(years)
    index = np.searchsorted(years, keep)
    read = [(c, c.read(ds)) for c in columns]
    read = [(c, np.asarray(v, dtype=float)[index]) for c, v in read if v is not None]
    if not read:
        return None
    places = [decimals(list(v), c.unit) for c, v in read]
    rows = [[str(year)] + [number(float(v[i]), c.unit, places=p) for (c, v), p in zip(read, places)]
            for i, year in enumerate(keep)]
    return YearTable(key, title, note, [(c.label, style(c.unit).unit) for c, _ in read], rows)


def year_frame(ds: xr.Dataset, columns: Sequence[Column]):
    """The ``columns`` read from ``ds`` at every year, unformatted, as (DataFrame indexed by
    year, unit of each column); columns the run lacks are left out. For the workbook."""
    import pandas as pd

    read = [(c, c.read(ds)) for c in columns]
    frame = pd.DataFrame({c.label: np.asarray(v, dtype=float) for c, v in read if v is not None},
                         index=pd.Index(ds["year"].to_numpy(), name="year"))
    return frame, {c.label: c.unit for c, v in read if v is not None}


def variable(name: str, **selection) -> Callable[[xr.Dataset], np.ndarray | None]:
    """A reader of ``ds[name]`` at ``selection`` (labels of other dimensions), summed over
    the dimensions left beside year; None where the run lacks the variable or a label."""
    def read(ds: xr.Dataset) -> np.ndarray | None:
        if name not in ds:
            return None
        da = ds[name]
        for dim, label in selection.items():
            if dim not in da.dims or label not in da[dim].values:
                return None
            da = da.sel({dim: label})
        rest = [d for d in da.dims if d != "year"]
        return (da.sum(rest, skipna=False) if rest else da).to_numpy()
    return read


def ratio(numerator: Callable, denominator: Callable, scale: float = 1.0) -> Callable[[xr.Dataset], np.ndarray | None]:
    """``scale * numerator / denominator``, NaN where the denominator is 0."""
    def read(ds: xr.Dataset) -> np.ndarray | None:
        a, b = numerator(ds), denominator(ds)
        if a is None or b is None:
            return None
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(b != 0, scale * a / b, np.nan)
    return read
