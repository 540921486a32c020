"""Contributions by scheme and sub-fund.

For year t, scheme s, sex x and age a (members at 31 December, earnings in LAK per month):

- insurable earnings of the year (the contribution base, LAK per year)
  ``W[t, s] = sum_{x, a} M[t, s, x, a] w[t, s, x, a] mu[t, s]`` with ``mu`` the months paid;
- contributions ``C[t, s] = W[t, s] (c_employer[t, s] + c_member[t, s])``, the whole
  contribution whoever pays it (a government subsidy included);
- by sub-fund ``C[t, s, f] = C[t, s] kappa[s, f]``, ``kappa`` the scheme's allocation key
  (shares summing to 1).
"""

from __future__ import annotations

import numpy as np

from engine.dims import FUNDS, SCHEMES


def scheme_path(scenario, years: np.ndarray, name: str) -> np.ndarray:
    """A year-path rule of each scheme (``schemes.<scheme>.<name>``), shape (T, 3)."""
    return np.stack([getattr(getattr(scenario.schemes, s), name).values(years) for s in SCHEMES],
                    axis=1)


def contribution_rates(scenario, years: np.ndarray) -> np.ndarray:
    """Total contribution rate (employer + member) by year and scheme, shape (T, 3)."""
    return scheme_path(scenario, years, "employer_rate") + scheme_path(scenario, years, "employee_rate")


def allocation_keys(scenario) -> np.ndarray:
    """Shares of each scheme's contribution credited to each sub-fund, shape (3, F), rows
    normalised to sum to exactly 1."""
    keys = np.array([[getattr(getattr(scenario.schemes, s).allocation, f) for f in FUNDS]
                     for s in SCHEMES], dtype=np.float64)
    return keys / keys.sum(axis=1, keepdims=True)


def insurable_wage_bill(active: np.ndarray, earnings: np.ndarray, months: np.ndarray) -> np.ndarray:
    """``W[t, s] = sum_{x,a} M w mu``: LAK per year, shape (T, 3).

    ``active`` and ``earnings`` are (T, 3, 2, A) persons and LAK per month; ``months`` (T, 3).
    """
    return (active * earnings).sum(axis=(2, 3)) * months


def contributions_by_fund(wage_bill: np.ndarray, rates: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """``C[t, s, f] = W[t, s] c[t, s] kappa[s, f]``: LAK per year, shape (T, 3, F)."""
    return (wage_bill * rates)[:, :, None] * keys[None, :, :]
