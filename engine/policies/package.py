"""``reduced_package``: a lower contribution for fewer sub-funds or benefit branches (old
age as a pension or a lump sum), paid annually or seasonally.

Enrolment. Members of an eligible cell and pattern are on package ``j`` from its start
year (the first listed package where several apply). Their lowest contribution is
``r_j(t) x floor_t`` instead of ``rate_t x floor_t`` (a package stated as a fixed amount
``a_t`` LAK a month has ``rate_j = a_t / floor_t``), with the package rate moving
linearly from the standard rate to the stated one over the phase-in years:
``r_j(t) = rate_t + phi_j(t) (rate_j - rate_t)``. With an annual or seasonal payment
their lapse rate is multiplied by ``m_seasonal`` (yearly and after-work earners: a
flagged assumption) or ``m_other``, phased in the same way.

Funds: :mod:`engine.funds.packages` (contributions by sub-fund and branch, benefits of
package members) and :mod:`engine.funds.lump_sums` (old age as a lump sum); the package
rate is :func:`engine.rules.package_rate`.
"""

from __future__ import annotations

import numpy as np



def lapse_multiplier(block, seasonal: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """Multiplier of the lapse rate for package members, (T, C): ``1 + phi (m - 1)`` with
    ``m`` the seasonal multiplier for seasonal cells (annual or seasonal payment), else the
    other multiplier."""
    annual = block.payment in ("annual", "seasonal")
    seasonal_m = block.seasonal_lapse_multiplier if annual else 1.0
    m = np.where(np.asarray(seasonal, dtype=bool), seasonal_m, block.other_lapse_multiplier)
    return 1.0 + phase[:, None] * (m[None, :] - 1.0)
