"""The state's share of social security costs, each in LAK per year.

- ``government_employer_contributions``: the state's employer contribution for civil
  servants, ``c_e[t] x W_cs[t]`` (the employer rate times the civil servants' insurable
  earnings of the year);
- ``legacy_pension_cost``: the legacy part of the long-term benefits (pensions earned
  before the NSSF took over the civil servants' scheme, see
  :mod:`engine.funds.benefits`) when ``funds.state_share.legacy_financing`` is 'state'
  (the state budget pays them, and the long-term sub-fund pays the rest of the pensions;
  0 when the fund pays them);
- ``retiree_allowances``: budget-paid top-ups of civil-service old-age pensions to a floor
  and a living allowance per civil-service old-age and disability pensioner, ``12 x
  (sum_a P[a] max(0, F[t] - Q[a] / P[a]) + L[t] (P + D))`` with ``P[a]`` old-age pensioners
  of age a and ``Q[a]`` their monthly pensions at 31 December, ``D`` disability pensioners,
  ``F`` the floor and ``L`` the allowance (LAK per month);
- ``deficit_financing``: the state's transfers that keep guaranteed sub-funds' reserves
  at zero (:mod:`engine.funds.accounts`), summed over the sub-funds;
- ``government_social_security_cost``: the sum of the four.
"""

from __future__ import annotations

import numpy as np

from engine.dims import SCHEMES

CIVIL_SERVANT = SCHEMES.index("civil_servant")
COSTS = ("government_employer_contributions", "legacy_pension_cost", "retiree_allowances",
         "deficit_financing_total")
TOTAL = "government_social_security_cost"


def legacy_paid_by_state(scenario, legacy: np.ndarray) -> np.ndarray:
    """Legacy pensions the state budget pays, by scheme, (T, 3) LAK per year: the legacy
    part of the long-term benefits ``legacy`` (T, 3) when the state pays it, else 0."""
    if scenario.funds.state_share.legacy_financing == "state":
        return np.asarray(legacy, dtype=np.float64)
    return np.zeros_like(legacy)


def retiree_allowances(scenario, years, pensioners: np.ndarray, amounts: np.ndarray,
                       disability_pensioners: np.ndarray) -> np.ndarray:
    """Budget-paid floor top-ups and allowances to civil-service pensioners, (T,) LAK per
    year. ``pensioners`` and ``amounts`` (T, 3, 2, A) old-age pensioners and their monthly
    pensions, ``disability_pensioners`` (T, 3) persons, all at 31 December."""
    state = scenario.funds.state_share
    floor = state.retiree_floor.values(years)
    allowance = state.retiree_allowance.values(years)
    p = pensioners[:, CIVIL_SERVANT]
    q = amounts[:, CIVIL_SERVANT]
    average = np.divide(q, p, out=np.zeros_like(q), where=p > 0)
    top_up = (p * np.maximum(floor[:, None, None] - average, 0.0)).sum(axis=(1, 2))
    receiving = p.sum(axis=(1, 2)) + disability_pensioners[:, CIVIL_SERVANT]
    return 12.0 * (top_up + allowance * receiving)


def government_costs(scenario, years, wage_bill: np.ndarray, legacy_paid: np.ndarray,
                     allowances: np.ndarray, financing: np.ndarray) -> dict[str, np.ndarray]:
    """The four costs of the module docstring and their total, each (T,) LAK per year.

    ``wage_bill`` (T, 3) insurable earnings by scheme, ``legacy_paid`` (T, 3) legacy
    pensions the state pays, ``allowances`` (T,) retiree allowances, ``financing`` (T,)
    deficit financing of all sub-funds."""
    employer = scenario.schemes.civil_servant.employer_rate.values(years)
    costs = {
        "government_employer_contributions": employer * wage_bill[:, CIVIL_SERVANT],
        "legacy_pension_cost": legacy_paid.sum(axis=1),
        "retiree_allowances": np.asarray(allowances, dtype=np.float64),
        "deficit_financing_total": np.asarray(financing, dtype=np.float64),
    }
    costs[TOTAL] = sum(costs[name] for name in COSTS)
    return costs
