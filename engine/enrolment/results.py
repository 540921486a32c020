"""The enrolment stage's result variables: members, flows and the voluntary detail by
age band and income group, the 2018-2023 back-cast, and the targets' series.

Declared in :data:`engine.results.VARIABLES`; :func:`membership_results` hands them, with
their extra coordinates, to :func:`engine.results.build_dataset`.
"""

from __future__ import annotations

import numpy as np

from engine.dims import N_AGES
from engine.enrolment.targets import target_arrays
from engine.membership import FLOWS, Membership
from engine.scenario.schema import Scenario

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("<25", 0, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54),
    ("55-64", 55, 64), ("65+", 65, 100),
)
"""Age bands of the voluntary-member detail: (label, first age, last age)."""


def _age_band_matrix() -> np.ndarray:
    """(bands, A) 0/1 matrix summing single ages into :data:`AGE_BANDS`."""
    out = np.zeros((len(AGE_BANDS), N_AGES))
    for i, (_, lo, hi) in enumerate(AGE_BANDS):
        out[i, lo:hi + 1] = 1.0
    return out


def result_arrays(membership: Membership) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """Result variables (declared in :mod:`engine.results`) and their extra coordinates."""
    vol, hist = membership.voluntary, membership.history
    bands = _age_band_matrix()

    def detail(x: np.ndarray) -> np.ndarray:  # (T, G, 2, A) -> (T, 2, bands, G)
        return np.einsum("tgsa,ba->tsbg", x, bands)

    arrays = {
        "active_members": membership.active.sum(axis=(2, 3)),
        "new_members": membership.new_members,
        "active_members_by_age": membership.active,
        "voluntary_members_detail": detail(vol.members),
        "voluntary_new_members_detail": detail(vol.new_members),
        "voluntary_flows": vol.flows,
        "voluntary_lapsed": vol.lapsed,
        "voluntary_members_history": hist.total,
        "voluntary_new_members_history": hist.new_total,
    }
    coords = {"age_band": [b[0] for b in AGE_BANDS], "income_group": list(vol.groups),
              "flow": list(FLOWS), "history_year": np.asarray(hist.years, dtype=np.int64)}
    return arrays, coords


def membership_results(scenario: Scenario, membership: Membership) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """All enrolment result variables of a run (members, detail, history, targets) and
    their extra coordinates, ready for :func:`engine.results.build_dataset`."""
    arrays, coords = result_arrays(membership)
    extra_arrays, extra_coords = target_arrays(scenario, membership)
    return arrays | extra_arrays, coords | extra_coords


__all__ = ["AGE_BANDS", "membership_results", "result_arrays"]
