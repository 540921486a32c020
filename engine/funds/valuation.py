"""Valuation indicators of the sub-funds, as an actuarial valuation states them.

With ``v_t`` the mid-year discount factors of the fund's return
(:func:`engine.funds.indicators.discount_factors`), over a horizon of ``h`` years from the
first projected year, for sub-fund f:

- present values ``PV(C_f) = sum v C_f`` of contributions and ``PV(X_f) = sum v X_f`` of
  expenditure (benefits the sub-fund pays, administration, transfers out) of the open
  group (members who join later included), and ``PV(W) = sum v W`` of insurable earnings;
- general average premium ``GAP_f = (PV(X_f) - R0_f) / PV(W)``;
- actuarial balance ``AB_f = (R0_f + PV(C_f) - PV(X_f)) / PV(W)``: the contribution rate
  the sub-fund has (``PV(C_f) / PV(W)``) less its GAP; negative: a deficit;
- scaled premium: the level contribution rate ``pi_f`` (share of insurable earnings, from
  the first projected year) with which the sub-fund's reserve at the end of the period
  equals ``k`` times that year's expenditure; the reserve and the expenditure are linear
  in ``pi`` (contributions ``pi W``, administration a share of them, investment income on
  the reserve), so two runs of the accounts at ``pi = 0`` and ``pi = 1`` give it exactly;
- accrued-to-date liability at 31 December of the base year, by scheme (the implicit
  pension debt of a closed group): the present value of the pensions in payment (old-age,
  disability and survivors', run off with mortality, termination and indexation) and of
  the old-age pensions earned by the insured persons for their service to date (accrual x
  service x revalued earnings, from the pension age; no minimum service, reduction or
  minimum pension: rights earned, not yet vested), with no further contribution or entrant.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from engine.dims import FUNDS, SCHEMES
from engine.funds import indicators as ind
from engine.funds.accounts import AccountRules, project_accounts
from engine.kernels.pension_columns import RULES

HORIZONS = (25, 50, 75)
"""Valuation horizons in years from the first projected year, besides the whole projection."""
INDICATORS = ("general_average_premium", "actuarial_balance", "pv_contributions", "pv_expenditure")


def horizon_label(years: np.ndarray, length: int | None) -> str:
    """``"25y"`` for a horizon of 25 years, ``"horizon"`` for the whole projection."""
    return "horizon" if length is None else f"{length}y"


def open_group(years, contributions, expenditure, wage_bill, initial_reserve, returns) -> dict[str, object]:
    """GAP, actuarial balance and present values by horizon and sub-fund (see the module
    docstring). ``contributions`` and ``expenditure`` (T, F) LAK, ``wage_bill`` (T,) LAK,
    ``initial_reserve`` (F,) LAK, ``returns`` (T,). Keys ``<indicator>_<horizon>_<fund>``
    (and ``_all`` for the sub-funds together); horizons longer than the projection are
    left out."""
    out: dict[str, object] = {}
    n_years = len(years)
    for length in HORIZONS + (None,):
        if length is not None and length > n_years:
            continue
        keep = slice(0, n_years if length is None else length)
        v = ind.discount_factors(returns[keep])
        pv_w = float((v * wage_bill[keep]).sum())
        label = horizon_label(years, length)
        for i, f in enumerate(FUNDS + ("all",)):
            c = contributions[keep].sum(axis=1) if f == "all" else contributions[keep, i]
            x = expenditure[keep].sum(axis=1) if f == "all" else expenditure[keep, i]
            r0 = float(initial_reserve.sum() if f == "all" else initial_reserve[i])
            pv_c, pv_x = float((v * c).sum()), float((v * x).sum())
            out[f"general_average_premium_{label}_{f}"] = (pv_x - r0) / pv_w if pv_w > 0 else float("nan")
            out[f"actuarial_balance_{label}_{f}"] = (r0 + pv_c - pv_x) / pv_w if pv_w > 0 else float("nan")
            out[f"pv_contributions_{label}_{f}"] = pv_c
            out[f"pv_expenditure_{label}_{f}"] = pv_x
        out[f"pv_insurable_earnings_{label}"] = pv_w
    return out


def scaled_premium(initial_reserve, wage_bill, benefits, returns, rules: AccountRules, fund: int,
                   ratio: float, period: int) -> float:
    """The level contribution rate of sub-fund ``fund`` (share of insurable earnings) that
    leaves a reserve of ``ratio`` years of expenditure at the end of ``period`` years (see
    the module docstring). Arrays as :func:`engine.funds.accounts.project_accounts`
    takes them for one account: ``initial_reserve`` (F,), ``wage_bill`` (T,),
    ``benefits`` (T, F); of ``rules`` the administration rate and basis and the transfer
    share count (one account, no guarantee, borrowing at the returns). NaN when the
    period passes the projection."""
    if period > len(returns):
        return float("nan")
    keep = slice(0, period)
    plain = AccountRules(rules.admin_rate, np.asarray(rules.transfer_share)[keep], rules.admin_basis)

    def end_state(rate: float) -> tuple[float, float]:
        contributions = np.zeros((period, 1, len(FUNDS)))
        contributions[:, 0, fund] = rate * wage_bill[keep]
        acc = project_accounts(np.asarray(initial_reserve)[None], contributions, benefits[keep, None],
                               returns[keep], plain)
        return float(acc.pooled("reserve")[-1, fund]), float(acc.expenditure[-1, fund])

    (r0, x0), (r1, x1) = end_state(0.0), end_state(1.0)
    slope = (r1 - r0) - ratio * (x1 - x0)
    return (ratio * x0 - r0) / slope if slope != 0 else float("nan")


def closed_group_rules(rules: np.ndarray) -> np.ndarray:
    """Rules under which insured persons get the pension of their service to date: no
    minimum service, no reduction and no minimum pension."""
    out = rules.copy()
    for name, value in (("minimum_service", 1.0), ("protected_minimum_service", 1.0),
                        ("reduction_per_missing_year", 0.0), ("minimum_pension", 0.0)):
        out[..., RULES.index(name)] = value
    return out


def closed_group_inputs(inputs):
    """The funds inputs of a closed group: no contributor after the base year."""
    zero = np.zeros_like(inputs.active)
    return replace(inputs, active=zero, lapses=zero, returns=zero)


def present_value(flows: np.ndarray, returns: np.ndarray) -> np.ndarray:
    """``sum_t v_t flows[t]`` along the first axis, at 31 December of the base year."""
    v = ind.discount_factors(returns)
    return np.tensordot(v, flows, axes=(0, 0))


def accrued_liability(old_age: np.ndarray, in_payment: np.ndarray, returns: np.ndarray) -> np.ndarray:
    """Accrued-to-date liability by scheme, (3,) LAK at 31 December of the base year:
    ``old_age`` (T, 3) the closed group's old-age pension expenditure, ``in_payment`` (T, 3)
    that of the disability and survivors' pensions in payment at the base year."""
    return present_value(np.asarray(old_age) + np.asarray(in_payment), returns)


def valuation_attributes(values: dict[str, object], liability: np.ndarray, base_gdp: float,
                         scaled: dict[str, float], setting: tuple[float, int]) -> dict[str, object]:
    """Dataset attributes: the open-group indicators, the accrued liability by scheme in LAK
    and % of base-year GDP, and the scaled premium of each sub-fund with its target."""
    attrs = dict(values)
    for s, scheme in enumerate(SCHEMES):
        attrs[f"accrued_liability_{scheme}"] = float(liability[s])
        attrs[f"accrued_liability_{scheme}_pct_gdp"] = 100.0 * float(liability[s]) / base_gdp
    attrs["accrued_liability_all"] = float(liability.sum())
    attrs["accrued_liability_all_pct_gdp"] = 100.0 * float(liability.sum()) / base_gdp
    for f, value in scaled.items():
        attrs[f"scaled_premium_{f}"] = value
    unit = "year" if setting[0] == 1 else "years"
    attrs["scaled_premium_target"] = f"reserve of {setting[0]:g} {unit} of expenditure after {setting[1]} years"
    return attrs
