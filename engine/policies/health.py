"""``health_quality``: better health services raise interest in joining (a stated assumption).

For eligible cells and patterns from the start year, the probit index of interest is
shifted and the interest probability multiplied:

.. math:: h = \\min\\Big(1,\\; \\rho\\, f\\, A \\prod_k \\big(1 + \\phi_k (m_k - 1) E_k\\big)\\Big)\\;
          \\Phi\\Big(x'\\beta + \\sum_k \\phi_k\\, \\delta_k\\, E_k\\Big)

(``rho`` reach, ``f`` registration friction, ``A`` affordability; the product of the
levers other than interest is capped at 1, so a multiplier cannot make the join
probability exceed the probit interest).
"""

from __future__ import annotations

import numpy as np


def index_shift(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``phi_k delta_k E_k``, (T, C, P) probit index units."""
    return (phase * block.interest_shift.values(years))[:, None, None] * mask


def interest_factor(block, years: np.ndarray, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``1 + phi_k (m_k - 1) E_k``, (T, C, P)."""
    m = block.interest_multiplier.values(years)
    return 1.0 + (phase * (m - 1.0))[:, None, None] * mask
