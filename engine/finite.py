"""The last check before results are written: finite values wherever a value is expected.

Valid input must not produce NaN or infinity; when it does (a model fault, or a data file
that slipped through), writing the numbers would hand the user a report of "nan". So
:func:`check_finite` refuses any infinity, and any NaN after the base year (whose flows
are NaN by definition where not known) outside :data:`PARTLY_DEFINED`, naming the variable
and the first year it is not finite.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from engine.errors import ResultsError

PARTLY_DEFINED = frozenset({
    "target_projected", "target_gap",  # defined in the target years only
    "average_old_age_pension", "average_pension",  # NaN where a scheme has no pensioners yet
    "average_insurable_earnings",  # NaN where a scheme has no contributing members
    "reserve_ratio",  # NaN where a fund spends nothing (engine.funds.indicators)
    "payg_cost_rate",  # NaN where there are no insurable earnings
    "subsidy_block_deadweight_share",  # NaN where a subsidy has no member yet
    "subsidy_block_cost_per_additional_member", "enrolment_block_cost_per_additional_member",
    # NaN where a block brings no additional member
})
"""Variables whose NaN carries a meaning (no value in that year); infinity is still refused."""

_PARTLY_DEFINED_PREFIXES = tuple(f"{name}_" for name in PARTLY_DEFINED) + ("target_", "projected_", "gap_")
"""The same in a summary's columns (one per scheme or fund; a target's own columns)."""


def partly_defined(name: str) -> bool:
    """Whether NaN in variable ``name`` carries a meaning (see :data:`PARTLY_DEFINED`)."""
    return name in PARTLY_DEFINED or name.startswith(_PARTLY_DEFINED_PREFIXES)


def _first_bad(values: np.ndarray, bad: np.ndarray, years: np.ndarray | None, axis: int | None) -> str:
    if years is None or axis is None:
        return ""
    per_year = bad.any(axis=tuple(i for i in range(bad.ndim) if i != axis))
    return f" from {int(years[np.argmax(per_year)])}"


def check_finite(ds: xr.Dataset) -> None:
    """Raise :class:`ResultsError` naming the first variable (and year) not finite.

    The base year is ``ds.attrs["base_year"]``, else the first year (a sweep's summaries
    start in the first projection year)."""
    base_year = ds.attrs.get("base_year")
    years = ds["year"].to_numpy() if "year" in ds.coords else None
    if base_year is None and years is not None and years.size:
        base_year = int(years[0])
    for name, var in ds.data_vars.items():
        if var.dtype.kind not in "fc":
            continue
        values = var.to_numpy()
        axis = var.dims.index("year") if "year" in var.dims else None
        infinite = np.isinf(values)
        if infinite.any():
            raise ResultsError(f"results not written: '{name}' is infinite{_first_bad(values, infinite, years, axis)}"
                               " (a value too large for the model's numbers)")
        if partly_defined(name):
            continue
        missing = np.isnan(values)
        if axis is not None and years is not None:
            missing &= np.expand_dims(years > base_year, tuple(i for i in range(values.ndim) if i != axis))
        if missing.any():
            raise ResultsError(f"results not written: '{name}' is NaN (not a number){_first_bad(values, missing, years, axis)}"
                               " where a value is expected")
