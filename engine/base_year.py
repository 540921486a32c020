"""The base year as the first row of every result.

Results run from the base year: its stocks at 31 December are the initial conditions of
the projection (population, contributing members, insured persons, pensions in payment,
reserves) and its macro figures history (GDP, prices, the minimum wage). Flows of the base
year, and stocks the stages do not know for it (the population at 1 July, the labour force
by status, NHI), are NaN: the engine does not back-cast them. The voluntary scheme's flows
of the base year come from the enrolment back-cast.
"""

from __future__ import annotations

import numpy as np

from engine.results import VARIABLES

NOT_KNOWN = "flows of the base year and stocks the engine does not back-cast are NaN"


def membership_stocks(membership) -> dict[str, np.ndarray]:
    """Contributing members and the voluntary scheme's back-cast at the end of the base year."""
    out: dict[str, np.ndarray] = {}
    if membership.active_base is not None:
        out["active_members"] = membership.active_base.sum(axis=(1, 2))
        out["active_members_by_age"] = membership.active_base
    history = membership.history
    if history is not None:
        out["voluntary_lapsed"] = np.asarray(history.lapsed[-1])
        out["voluntary_flows"] = np.asarray(history.flows[-1])
        new = np.full(3, np.nan)
        new[2] = history.new_total[-1]
        out["new_members"] = new
    return out


def with_base_year(arrays: dict[str, np.ndarray], years: np.ndarray, base_year: int,
                   base: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Prepend the base year to every variable with a year dimension: its value from
    ``base`` where given (shaped like one year of the variable), else NaN."""
    out = {}
    for name, values in arrays.items():
        values = np.asarray(values)
        dims = VARIABLES[name].dims
        if "year" not in dims:
            out[name] = values
            continue
        axis = dims.index("year")
        shape = values.shape[:axis] + values.shape[axis + 1:]
        first = np.full(shape, np.nan)
        if name in base:
            first[...] = np.broadcast_to(np.asarray(base[name], dtype=np.float64), shape)
        out[name] = np.concatenate([np.expand_dims(first, axis), values.astype(np.float64, copy=False)], axis=axis)
    return out, np.r_[base_year, np.asarray(years)]
