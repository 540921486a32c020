"""Sub-fund accounts: reserves, investment income, administration and transfers, by scheme.

For each account (a scheme's part of a sub-fund f) and year t (LAK; flows over the year,
reserves at 31 December), with ``C`` contributions and ``B`` the benefits the sub-fund pays:

- administration ``A = a C`` (basis 'contributions') or ``A = a (C + J)`` (basis 'income');
- investment income on the opening reserve and half the year's net cash flow (flows arrive
  evenly through the year): ``J = r (R[t-1] + (C - B - A) / 2)``; with basis 'income'
  this is solved with ``A``: ``J = r (R[t-1] + ((1 - a) C - B) / 2) / (1 + r a / 2)``;
- transfers out at the end of the year: ``T = h max(0, C + J - B - A)``, ``h`` the
  transfer share (the health sub-fund's net inflow paid to NHI; 0 for the others);
- ``R[t] = R[t-1] + C + J - B - A - T``.

Every term but ``T`` is linear, so the scheme accounts add up to the sub-fund's. Separate
accounts apply the transfer rule to each scheme's account; pooled accounts apply it to the
sub-fund and share the transfer among the schemes in proportion to their contributions, so
that the schemes' reserves add up to the pooled reserve in either case.

A reserve may become negative: it is then a deficit, carried forward and charged the same
rate ``r`` (borrowing at the return rate), so the identity holds in every year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Accounts:
    """Flows (T, S, F) in LAK per year and reserves (T, S, F) in LAK at 31 December, by
    scheme ``S`` and sub-fund ``F``; :meth:`pooled` sums one over the schemes."""

    contributions: np.ndarray
    investment_income: np.ndarray
    benefits: np.ndarray
    admin_costs: np.ndarray
    transfers_out: np.ndarray
    reserve: np.ndarray
    initial_reserve: np.ndarray

    def pooled(self, name: str) -> np.ndarray:
        """A flow or the reserve summed over schemes, (T, F)."""
        return getattr(self, name).sum(axis=1)

    @property
    def expenditure(self) -> np.ndarray:
        """Benefits + administration + transfers out, summed over schemes, (T, F) LAK per year."""
        return self.pooled("benefits") + self.pooled("admin_costs") + self.pooled("transfers_out")


def _step(previous, r, a, c, b, basis):
    """Administration, investment income and the net flow before transfers of one year."""
    if basis == "income":
        income = r * (previous + 0.5 * ((1.0 - a) * c - b)) / (1.0 + 0.5 * r * a)
        admin = a * (c + income)
    else:
        admin = a * c
        income = r * (previous + 0.5 * (c - b - admin))
    return admin, income, c + income - b - admin


def project_accounts(initial_reserve, contributions, benefits, returns, admin_rate,
                     transfer_share, admin_basis: str = "contributions",
                     pooled: bool = False) -> Accounts:
    """Run the scheme accounts of every sub-fund; see the module docstring for the formulas.

    Parameters
    ----------
    initial_reserve : (S, F) LAK at 31 December of the base year.
    contributions, benefits : (T, S, F) LAK per year.
    returns : (T,) nominal investment return per year.
    admin_rate : (F,) or (T, F) share of contributions (or income).
    transfer_share : (T, F) share of the net inflow transferred out at the year's end.
    admin_basis : "contributions" or "income".
    pooled : apply the transfer rule to the sub-fund and share the transfer by contributions
        (True), or to each scheme's account (False).
    """
    contributions = np.asarray(contributions, dtype=np.float64)
    benefits = np.asarray(benefits, dtype=np.float64)
    n_years, n_schemes, n_funds = contributions.shape
    admin_rate = np.broadcast_to(np.asarray(admin_rate, dtype=np.float64), (n_years, n_funds))
    transfer_share = np.broadcast_to(np.asarray(transfer_share, dtype=np.float64), (n_years, n_funds))
    income = np.empty_like(contributions)
    admin = np.empty_like(contributions)
    transfers = np.empty_like(contributions)
    reserve = np.empty_like(contributions)
    previous = np.asarray(initial_reserve, dtype=np.float64).copy()
    for t in range(n_years):
        admin[t], income[t], net = _step(previous, returns[t], admin_rate[t], contributions[t],
                                         benefits[t], admin_basis)
        if pooled:
            total = transfer_share[t] * np.maximum(net.sum(axis=0), 0.0)
            paid = contributions[t].sum(axis=0)
            weight = np.divide(contributions[t], paid, out=np.full_like(contributions[t], 1.0 / n_schemes),
                               where=paid > 0)
            transfers[t] = total * weight
        else:
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
