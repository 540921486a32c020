"""Contributing members of the three NSSF schemes: the interface between enrolment and funds.

The enrolment stage produces a :class:`Membership`; the funds stage reads it. Arrays are
by projected year ``T``, scheme (:data:`engine.dims.SCHEMES`: civil_servant, enterprise,
voluntary), sex and single age ``A``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Membership:
    """Members of each scheme.

    Attributes
    ----------
    active : (T, 3, 2, A) contributing members at 31 December (persons).
    new_members : (T, 3) persons joining each scheme during the year.
    details : extra arrays a stage wants to pass on (for example voluntary members by
        income group), keyed by name; each documents its own shape.
    """

    active: np.ndarray
    new_members: np.ndarray
    details: dict[str, np.ndarray] = field(default_factory=dict)
