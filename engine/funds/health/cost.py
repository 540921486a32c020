"""Cost of care per covered person: level, trend, age-sex curve, payment adequacy.

- relative cost by sex and age ``rho_{x,a} = r_a (w_a if x is female else 1) / mean``:
  ``r`` the age step function ``nhi.cost_curve``, ``w`` the ``female_cost_ratio`` step
  function, ``mean`` their base-year population average (so the level is unchanged);
- NHI spending per covered person of average cost, LAK per year:
  ``u_t = u_0 (J_t / J_{y0}) prod_{y0 < z <= t} (1 + g_z)(1 + h_z) x (alpha_t / alpha_0) x (1 + q_t)``
  with ``u_0`` (prices of ``y0``) observed at payment adequacy ``alpha_0``, ``J`` the cost
  index (average earnings or consumer prices), ``g`` the cost growth margin, ``h``
  utilisation growth, ``alpha_t`` the share of the cost of care NHI pays and ``q_t`` the
  added spending of ``health_quality`` blocks;
- cost of care per covered person ``u_t / alpha_t``; unpaid by NHI ``(1 - alpha_t) u_t / alpha_t``.
"""

from __future__ import annotations

import numpy as np

from engine.dims import N_AGES


def step(curve: dict[int, float] | None, default: float = 1.0) -> np.ndarray:
    """A step function of age (A,) from ``{first age: value}`` (the first value before the
    first listed age); ``default`` everywhere when empty."""
    if not curve:
        return np.full(N_AGES, default)
    starts = np.array(sorted(curve))
    values = np.array([curve[a] for a in starts], dtype=np.float64)
    idx = np.clip(np.searchsorted(starts, np.arange(N_AGES), side="right") - 1, 0, None)
    return values[idx]


def relative_cost(curve, female_ratio, population_base: np.ndarray) -> np.ndarray:
    """Relative cost (2, A) by sex and age, base-year population average 1."""
    rel = np.stack([step(curve), step(curve) * step(female_ratio)])
    weights = population_base
    mean = (rel * weights).sum() / weights.sum()
    return rel / mean if mean > 0 else rel


def trend(nhi, years: np.ndarray, index) -> np.ndarray:
    """``(J_t / J_{y0}) prod (1 + g_z)(1 + h_z)`` (T,); ``index`` an
    :class:`~engine.funds.inputs.IndexSeries`. Before ``y0`` the index only."""
    y0 = nhi.cost_price_base
    years = np.asarray(years)
    level = index.at(years) / index.at(y0)
    span = np.arange(y0 + 1, years[-1] + 1)
    factor = np.ones(len(years))
    if len(span):
        growth = np.cumprod((1.0 + nhi.cost_growth_margin.values(span))
                            * (1.0 + nhi.utilisation_growth.values(span)))
        later = years > y0
        factor[later] = growth[years[later] - y0 - 1]
    return level * factor


def spending_per_person(scenario, years: np.ndarray, prices, earnings,
                        quality: np.ndarray | None = None) -> np.ndarray:
    """``u_t`` (T,), LAK per covered person of average cost per year."""
    nhi = scenario.nhi
    index = earnings if nhi.cost_index == "earnings" else prices
    adequacy = nhi.payment_adequacy.values(years) / nhi.payment_adequacy_base
    extra = 1.0 if quality is None else 1.0 + quality
    return nhi.cost_per_covered_person * trend(nhi, years, index) * adequacy * extra


def care_cost_per_person(scenario, years: np.ndarray, spending: np.ndarray) -> np.ndarray:
    """Cost of care per covered person of average cost, ``u_t / alpha_t`` (T,), LAK."""
    alpha = scenario.nhi.payment_adequacy.values(years)
    return np.divide(spending, alpha, out=np.zeros_like(spending), where=alpha > 0)


def copayment_per_paying_person(scenario, years: np.ndarray) -> np.ndarray:
    """Co-payments per paying covered person ``sum_l fee_l visits_l`` (T,), LAK per year."""
    cp = scenario.nhi.copayments
    levels = type(cp.fees).model_fields
    return sum(getattr(cp.fees, l).values(years) * getattr(cp.visits, l).values(years) for l in levels)
