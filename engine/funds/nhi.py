"""The National Health Insurance (NHI) account: the face of :mod:`engine.funds.health`.

:func:`project_nhi` returns the NHI account alone (income by source, spending by
population group, gap and its closure); :func:`engine.funds.health.projection.project_health` also
gives the groups, CBHI and the government health cost.
"""

from __future__ import annotations

import numpy as np

from engine.funds.health.account import NHIAccount, SOURCES
from engine.funds.health.projection import project_health
from engine.funds.inputs import FundsInputs


def project_nhi(scenario, inputs: FundsInputs, nssf_transfer: np.ndarray,
                members: np.ndarray) -> NHIAccount:
    """The NHI account; ``nssf_transfer`` (T,) LAK per year, ``members`` (T,) persons."""
    return project_health(scenario, inputs, nssf_transfer, members).nhi


__all__ = ["NHIAccount", "SOURCES", "project_nhi"]
