"""Policy blocks acting on health financing, as year paths.

- ``nhi_extension``: NHI reaches Vientiane Capital; ``e_t`` = the block's phase (0 before
  its start year, then rising linearly to 1 over ``phase_in_years``); CBHI members are
  absorbed in proportion ``b e_t`` (``b`` = ``absorbed_share``).
- ``health_quality``: NHI spending per covered person rises by
  ``q_t = sum_k phi_k(t) x nhi_spending_increase_k(t)`` (``phi`` the phase).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.rules import phases


@dataclass(frozen=True)
class HealthLevers:
    """extension (T,) share of the capital NHI covers; absorbed (T,) share of CBHI members
    absorbed into NHI; quality (T,) added share of NHI spending per covered person."""

    extension: np.ndarray
    absorbed: np.ndarray
    quality: np.ndarray


def health_levers(scenario, years: np.ndarray, with_extension: bool = True) -> HealthLevers:
    """The levers of the scenario's policy blocks in ``years``; ``with_extension=False``
    leaves out ``nhi_extension`` blocks (the counterfactual of the extension cost)."""
    years = np.asarray(years)
    extension = np.zeros(len(years))
    absorbed = np.zeros(len(years))
    quality = np.zeros(len(years))
    for block in scenario.policies:
        if block.type == "nhi_extension" and with_extension:
            phase = phases(block, years)
            extension = np.maximum(extension, phase)
            absorbed = np.maximum(absorbed, block.absorbed_share * phase)
        elif block.type == "health_quality":
            quality = quality + phases(block, years) * block.nhi_spending_increase.values(years)
    return HealthLevers(extension, absorbed, quality)
