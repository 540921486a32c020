"""``payment_frequency``: how often members pay, its effect on lapse and on the cash flow.

With shares ``w_f`` (normalised) of eligible members paying ``n_f`` times a year (monthly
12, quarterly 4, six-monthly 2, yearly 1), a member paying ``n`` times a year lapses at
``(n / 12)^e`` times the rate of monthly payers, ``e = ln(m_12) / ln(1/12)`` (``m_12`` the
stated yearly-payment multiplier, an assumption; the calibrated lapse rate is read as that
of monthly payers). The block's lapse factor, phased in, is

.. math:: f[t, c, p] = 1 + \\phi(t)\\, E[t, c, p] \\Big(\\sum_f w_f (n_f / 12)^e - 1\\Big)

Cash flow: a member paying every ``12 / n`` months at a uniformly spread date holds on
average ``(12 / n - 1) / 2`` months paid in advance at 31 December, so

.. math:: \\text{advance\\_contributions}_t = \\sum M[t]\\, C[t]\\, \\phi(t)\\, E \\sum_f w_f (12 / n_f - 1) / 2

(``M`` members, ``C`` the monthly contribution before any subsidy), LAK at 31 December:
contributions received for the following year. The funds' accounts are not moved by it.
"""

from __future__ import annotations

import numpy as np

PAYMENTS_A_YEAR = {"monthly": 12, "quarterly": 4, "six_monthly": 2, "yearly": 1}


def mix(block) -> dict[str, float]:
    """Normalised shares by frequency."""
    raw = {f: float(getattr(block, f)) for f in PAYMENTS_A_YEAR}
    total = sum(raw.values())
    return {f: v / total for f, v in raw.items()}


def mix_lapse_factor(block) -> float:
    """``sum_f w_f (n_f / 12)^e``."""
    e = np.log(block.yearly_lapse_multiplier) / np.log(1.0 / 12.0) if block.yearly_lapse_multiplier > 0 else np.inf
    return float(sum(w * (PAYMENTS_A_YEAR[f] / 12.0) ** e if PAYMENTS_A_YEAR[f] < 12 else w
                     for f, w in mix(block).items()))


def prepaid_months(block) -> float:
    """``sum_f w_f (12 / n_f - 1) / 2``: months held in advance at 31 December, on average."""
    return float(sum(w * (12.0 / PAYMENTS_A_YEAR[f] - 1.0) / 2.0 for f, w in mix(block).items()))


def lapse_factor(block, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``1 + phi E (sum_f w_f (n_f/12)^e - 1)``, (T, C, P)."""
    return 1.0 + np.asarray(phase, dtype=float)[:, None, None] * mask * (mix_lapse_factor(block) - 1.0)


def advance_weight(block, phase: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``phi E x prepaid months``, (T, C, P)."""
    return np.asarray(phase, dtype=float)[:, None, None] * mask * prepaid_months(block)
