"""Sub-fund accounts: reserves, investment income, administration and transfers.

For each sub-fund f and year t (LAK; flows over the year, reserves at 31 December):

- administration ``A = a C`` (basis 'contributions') or ``A = a (C + J)`` (basis 'income');
- investment income on the opening reserve and half the year's net cash flow (flows arrive
  evenly through the year): ``J = r (R[t-1] + (C - B - A) / 2)``; with basis 'income' this
  is solved with ``A``: ``J = r (R[t-1] + ((1 - a) C - B) / 2) / (1 + r a / 2)``;
- transfers out at the end of the year: ``T = h max(0, C + J - B - A)``, ``h`` the
  transfer share (the health sub-fund's net inflow paid to NHI; 0 for the others);
- ``R[t] = R[t-1] + C + J - B - A - T``.

A reserve may become negative: it is then a deficit, carried forward and charged the same
rate ``r`` (borrowing at the return rate), so the identity holds in every year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Accounts:
    """Flows (T, F) in LAK per year and reserves (T, F) in LAK at 31 December."""

    contributions: np.ndarray
    investment_income: np.ndarray
    benefits: np.ndarray
    admin_costs: np.ndarray
    transfers_out: np.ndarray
    reserve: np.ndarray
    initial_reserve: np.ndarray

    @property
    def expenditure(self) -> np.ndarray:
        """Benefits + administration + transfers out, (T, F) LAK per year."""
        return self.benefits + self.admin_costs + self.transfers_out


def project_accounts(initial_reserve, contributions, benefits, returns, admin_rate,
                     transfer_share, admin_basis: str = "contributions") -> Accounts:
    """Run the sub-fund accounts; see the module docstring for the formulas.

    Parameters
    ----------
    initial_reserve : (F,) LAK at 31 December of the base year.
    contributions, benefits : (T, F) LAK per year.
    returns : (T,) nominal investment return per year.
    admin_rate : (F,) or (T, F) share of contributions (or income).
    transfer_share : (T, F) share of the net inflow transferred out at the year's end.
    admin_basis : "contributions" or "income".
    """
    contributions = np.asarray(contributions, dtype=np.float64)
    benefits = np.asarray(benefits, dtype=np.float64)
    n_years, n_funds = contributions.shape
    admin_rate = np.broadcast_to(np.asarray(admin_rate, dtype=np.float64), (n_years, n_funds))
    transfer_share = np.broadcast_to(np.asarray(transfer_share, dtype=np.float64), (n_years, n_funds))
    income = np.empty((n_years, n_funds))
    admin = np.empty_like(income)
    transfers = np.empty_like(income)
    reserve = np.empty_like(income)
    previous = np.asarray(initial_reserve, dtype=np.float64).copy()
    for t in range(n_years):
        r, a, c, b = returns[t], admin_rate[t], contributions[t], benefits[t]
        if admin_basis == "income":
            income[t] = r * (previous + 0.5 * ((1.0 - a) * c - b)) / (1.0 + 0.5 * r * a)
            admin[t] = a * (c + income[t])
        else:
            admin[t] = a * c
            income[t] = r * (previous + 0.5 * (c - b - admin[t]))
        net = c + income[t] - b - admin[t]
        transfers[t] = transfer_share[t] * np.maximum(net, 0.0)
        reserve[t] = previous + (net - transfers[t])
        previous = reserve[t]
    return Accounts(contributions, income, benefits, admin, transfers, reserve,
                    np.asarray(initial_reserve, dtype=np.float64))


def investment_returns(scenario, years: np.ndarray, inflation: np.ndarray) -> np.ndarray:
    """Nominal return per year: the scenario's rate, or ``(1 + rate)(1 + inflation) - 1``
    when its basis is 'real'. Shape (T,)."""
    ret = scenario.funds.investment_return
    rate = ret.rate.values(years)
    return (1.0 + rate) * (1.0 + inflation) - 1.0 if ret.basis == "real" else rate
