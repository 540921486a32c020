"""Sub-fund accounts: reserves, investment income, administration and transfers, by scheme.

For each account (a scheme's part of a sub-fund f) and year t (LAK; flows over the year,
reserves at 31 December), with ``C`` contributions and ``B`` the benefits the sub-fund pays:

- administration ``A = a C`` (basis 'contributions') or ``A = a (C + J)`` (basis 'income');
- investment income on the opening reserve and half the year's net cash flow (flows arrive
  evenly through the year): ``J = r (R[t-1] + (C - B - A) / 2)``; with basis 'income'
  this is solved with ``A``: ``J = r (R[t-1] + ((1 - a) C - B) / 2) / (1 + r a / 2)``;
- transfers out at the end of the year: ``T = h max(0, C + J - B - A)``, ``h`` the
  transfer share (the health sub-fund's net inflow paid to NHI; 0 for the others);
- deficit financing at the end of the year, where the sub-fund is under the state's
  guarantee: ``D = max(0, -(R[t-1] + C + J - B - A - T))``, the state's transfer that
  keeps the reserve at zero;
- ``R[t] = R[t-1] + C + J - B - A - T + D``.

Every term but ``T`` is linear, so the scheme accounts add up to the sub-fund's. Separate
accounts apply the transfer rule to each scheme's account; pooled accounts apply it to the
sub-fund and share the transfer among the schemes in proportion to their contributions, so
that the schemes' reserves add up to the pooled reserve in either case.

Without the guarantee (the choice 'borrow') a reserve may become negative: it is then a
debt, carried forward and charged the borrowing rate ``r_b``: investment income on a
negative base (opening reserve plus half the year's flows) is ``r_b`` times it. Under
pooled accounts the guarantee acts on the sub-fund, and its transfer goes to the schemes'
accounts in proportion to their negative balances.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import FUNDS


@dataclass(frozen=True)
class Accounts:
    """Flows (T, S, F) in LAK per year and reserves (T, S, F) in LAK at 31 December, by
    scheme ``S`` and sub-fund ``F``; :meth:`pooled` sums one over the schemes."""

    contributions: np.ndarray
    investment_income: np.ndarray
    benefits: np.ndarray
    admin_costs: np.ndarray
    transfers_out: np.ndarray
    deficit_financing: np.ndarray
    reserve: np.ndarray
    initial_reserve: np.ndarray

    def pooled(self, name: str) -> np.ndarray:
        """A flow or the reserve summed over schemes, (T, F)."""
        return getattr(self, name).sum(axis=1)

    @property
    def expenditure(self) -> np.ndarray:
        """Benefits + administration + transfers out, summed over schemes, (T, F) LAK per year."""
        return self.pooled("benefits") + self.pooled("admin_costs") + self.pooled("transfers_out")


def _step(previous, r, r_borrow, a, c, b, basis):
    """Administration, investment income and the net flow before transfers of one year;
    the return ``r`` on a positive base, ``r_borrow`` on a negative one."""
    if basis == "income":
        base = previous + 0.5 * ((1.0 - a) * c - b)
        rate = np.where(base >= 0.0, r, r_borrow)
        income = rate * base / (1.0 + 0.5 * rate * a)
        admin = a * (c + income)
    else:
        admin = a * c
        base = previous + 0.5 * (c - b - admin)
        income = np.where(base >= 0.0, r, r_borrow) * base
    return admin, income, c + income - b - admin


def _financing(reserve: np.ndarray, guarantee: np.ndarray, pooled: bool) -> np.ndarray:
    """The state's transfers (S, F) that keep guaranteed reserves (S, F) from being negative:
    each scheme's account, or the sub-fund's pooled reserve shared by negative balances."""
    if not pooled:
        return np.where(guarantee, np.maximum(-reserve, 0.0), 0.0)
    total = np.where(guarantee, np.maximum(-reserve.sum(axis=0), 0.0), 0.0)
    negative = np.maximum(-reserve, 0.0)
    owed = negative.sum(axis=0)
    return total * np.divide(negative, owed, out=np.zeros_like(negative), where=owed > 0)


@dataclass(frozen=True)
class AccountRules:
    """How the sub-fund accounts run (see the module docstring).

    Attributes
    ----------
    admin_rate : (F,) or (T, F) share of contributions (or income).
    transfer_share : (T, F) share of the net inflow transferred out at the year's end.
    admin_basis : "contributions" or "income".
    pooled : apply the transfer rule to the sub-fund and share the transfer by contributions
        (True), or to each scheme's account (False).
    guarantee : (F,) or a bool: whether the state keeps each sub-fund's reserve at zero or
        above (deficit financing), or the sub-fund borrows.
    borrowing_rate : (T,) nominal rate charged on a negative base; None: the returns.
    """

    admin_rate: np.ndarray
    transfer_share: np.ndarray
    admin_basis: str = "contributions"
    pooled: bool = False
    guarantee: object = False
    borrowing_rate: np.ndarray | None = None


def account_rules(scenario, years: np.ndarray) -> AccountRules:
    """The scenario's :class:`AccountRules` over ``years`` (the health sub-fund transfers its
    share of the net inflow to NHI; the others none)."""
    funds = scenario.funds
    transfer_share = np.zeros((len(years), len(FUNDS)))
    transfer_share[:, FUNDS.index("health")] = funds.health_transfer_share.values(years)
    return AccountRules(
        admin_rate=np.array([getattr(funds.admin_cost.rate, f) for f in FUNDS]),
        transfer_share=transfer_share, admin_basis=funds.admin_cost.basis,
        pooled=funds.scheme_accounts == "pooled",
        guarantee=[getattr(funds.shortfall, f) == "state_guarantee" for f in FUNDS],
        borrowing_rate=None if funds.borrowing_rate is None else funds.borrowing_rate.values(years))


def project_accounts(initial_reserve, contributions, benefits, returns, rules: AccountRules) -> Accounts:
    """Run the scheme accounts of every sub-fund; see the module docstring for the formulas.

    Parameters
    ----------
    initial_reserve : (S, F) LAK at 31 December of the base year.
    contributions, benefits : (T, S, F) LAK per year.
    returns : (T,) nominal investment return per year.
    rules : the :class:`AccountRules`.
    """
    admin_rate, transfer_share, admin_basis = rules.admin_rate, rules.transfer_share, rules.admin_basis
    pooled, guarantee, borrowing_rate = rules.pooled, rules.guarantee, rules.borrowing_rate
    contributions = np.asarray(contributions, dtype=np.float64)
    benefits = np.asarray(benefits, dtype=np.float64)
    n_years, n_schemes, n_funds = contributions.shape
    admin_rate = np.broadcast_to(np.asarray(admin_rate, dtype=np.float64), (n_years, n_funds))
    transfer_share = np.broadcast_to(np.asarray(transfer_share, dtype=np.float64), (n_years, n_funds))
    income = np.empty_like(contributions)
    admin = np.empty_like(contributions)
    transfers = np.empty_like(contributions)
    financing = np.empty_like(contributions)
    reserve = np.empty_like(contributions)
    guarantee = np.broadcast_to(np.asarray(guarantee, dtype=bool), (n_funds,))
    borrowing = np.asarray(returns if borrowing_rate is None else borrowing_rate, dtype=np.float64)
    previous = np.asarray(initial_reserve, dtype=np.float64).copy()
    for t in range(n_years):
        admin[t], income[t], net = _step(previous, returns[t], borrowing[t], admin_rate[t],
                                         contributions[t], benefits[t], admin_basis)
        if pooled:
            total = transfer_share[t] * np.maximum(net.sum(axis=0), 0.0)
            paid = contributions[t].sum(axis=0)
            weight = np.divide(contributions[t], paid, out=np.full_like(contributions[t], 1.0 / n_schemes),
                               where=paid > 0)
            transfers[t] = total * weight
        else:
            transfers[t] = transfer_share[t] * np.maximum(net, 0.0)
        before = previous + (net - transfers[t])
        financing[t] = _financing(before, guarantee, pooled)
        reserve[t] = before + financing[t]
        previous = reserve[t]
    return Accounts(contributions, income, benefits, admin, transfers, financing, reserve,
                    np.asarray(initial_reserve, dtype=np.float64))


def investment_returns(scenario, years: np.ndarray, inflation: np.ndarray,
                       wage_growth: np.ndarray | None = None) -> np.ndarray:
    """Nominal return per year, shape (T,): the scenario's rate on its basis (real: ``(1 +
    rate)(1 + inflation) - 1``; nominal: the rate; wage_spread: ``(1 + rate)(1 + wage
    growth) - 1``, ``wage_growth`` (T,) nominal), and the observed nominal returns in their
    years."""
    ret = scenario.funds.investment_return
    rate = ret.rate.values(years)
    if ret.basis == "real":
        nominal = (1.0 + rate) * (1.0 + inflation) - 1.0
    elif ret.basis == "wage_spread":
        nominal = (1.0 + rate) * (1.0 + np.asarray(wage_growth, dtype=np.float64)) - 1.0
    else:
        nominal = np.asarray(rate, dtype=np.float64).copy()
    for year, value in (ret.observed or {}).items():
        nominal = np.where(np.asarray(years) == int(year), value, nominal)
    return nominal
