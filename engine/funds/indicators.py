"""Actuarial indicators of the sub-funds and flows as a share of GDP.

- reserve ratio ``R[t] / X[t]``: reserve at 31 December in years of the year's
  expenditure ``X = benefits + administration + transfers out`` (NaN when X = 0);
- pay-as-you-go cost rate ``X[t] / W[t]``: expenditure as a share of the year's insurable
  earnings ``W`` of all schemes;
- reserve depletion year: the first projected year whose reserve at 31 December is
  negative, or "none" within the horizon;
- general average premium over years ``t_1..t_n``::

      GAP = (sum_t v_t X_t - R_0) / sum_t v_t W_t,
      v_t = (1 + r_t)^(1/2) / prod_{s <= t} (1 + r_s)

  (flows discounted from mid-year at the investment return ``r``, ``R_0`` the reserve at
  the end of the base year): the constant contribution rate that would finance the
  horizon's expenditure net of the initial reserve;
- ``X_pct_gdp = 100 X.sum(other dims) / GDP``.
"""

from __future__ import annotations

import numpy as np

NONE = "none"


def reserve_ratio(reserve: np.ndarray, expenditure: np.ndarray) -> np.ndarray:
    """``R / X`` elementwise, NaN where X = 0 (years of expenditure)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expenditure != 0, reserve / np.where(expenditure != 0, expenditure, 1.0), np.nan)


def cost_rate(expenditure: np.ndarray, insurable_earnings: np.ndarray) -> np.ndarray:
    """``X / W``; ``insurable_earnings`` (T,) broadcast over trailing axes; NaN where W = 0."""
    w = np.asarray(insurable_earnings, dtype=np.float64)
    w = w.reshape(w.shape + (1,) * (np.ndim(expenditure) - w.ndim))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(w > 0, expenditure / np.where(w > 0, w, 1.0), np.nan)


def depletion_year(years: np.ndarray, reserve: np.ndarray, financing: np.ndarray | None = None) -> int | str:
    """First year whose reserve is negative or needs the state's deficit financing, or
    :data:`NONE`. ``reserve`` and ``financing`` are (T,)."""
    short = np.asarray(reserve) < 0.0
    if financing is not None:
        short |= np.asarray(financing) > 0.0
    first = np.flatnonzero(short)
    return int(years[first[0]]) if first.size else NONE


def first_deficit_year(years: np.ndarray, contributions: np.ndarray, benefits: np.ndarray,
                       admin: np.ndarray) -> int | str:
    """First year whose contributions fall short of benefits plus administration, or
    :data:`NONE`; arrays (T,) LAK."""
    first = np.flatnonzero(np.asarray(contributions) < np.asarray(benefits) + np.asarray(admin))
    return int(years[first[0]]) if first.size else NONE


def discount_factors(returns: np.ndarray) -> np.ndarray:
    """Mid-year discount factors ``v_t = (1 + r_t)^(1/2) / prod_{s <= t} (1 + r_s)``, (T,)."""
    growth = 1.0 + np.asarray(returns, dtype=np.float64)
    return np.sqrt(growth) / np.cumprod(growth)


def general_average_premium(expenditure, insurable_earnings, initial_reserve, returns) -> float:
    """``(sum v X - R_0) / sum v W`` over the years given (arrays (T,), R_0 a number)."""
    v = discount_factors(returns)
    denominator = float((v * np.asarray(insurable_earnings)).sum())
    if denominator <= 0:
        return float("nan")
    return (float((v * np.asarray(expenditure)).sum()) - float(initial_reserve)) / denominator


def pct_gdp(values: np.ndarray, gdp: np.ndarray) -> np.ndarray:
    """``100 x values summed over every axis but the first / GDP``, (T,)."""
    values = np.asarray(values, dtype=np.float64)
    total = values.reshape(values.shape[0], int(np.prod(values.shape[1:]))).sum(axis=1)
    return 100.0 * total / np.asarray(gdp, dtype=np.float64)
