"""Affordability: the share of a cell's workers able to pay a monthly contribution."""

from __future__ import annotations

import numpy as np


def affordability(contribution, income, threshold: float, spread: float) -> np.ndarray:
    """Share of workers able to afford a monthly contribution (flagged assumption).

    .. math:: A = 1 \\,/\\, \\big(1 + (r / \\theta)^{1/\\sigma}\\big), \\quad r = C / Y

    with ``C`` the member's contribution and ``Y`` the income (both LAK per month), the
    threshold :math:`\\theta` (half the cell can pay at ``r = theta``) and spread
    :math:`\\sigma` (log-income units). Decreasing in ``C``; 1 when ``C = 0``.
    """
    ratio = np.asarray(contribution, float) / np.asarray(income, float)
    return 1.0 / (1.0 + (ratio / threshold) ** (1.0 / spread))
