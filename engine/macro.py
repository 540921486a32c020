"""Macroeconomic paths: prices, GDP, government expenditure, earnings and the minimum wage.

For projected years t (after the base year), with g the real growth and pi the inflation
of the scenario:

- price index   ``CPI_t = CPI_{t-1} (1 + pi_t)``, 2020 = 1 (observed inflation before);
- nominal GDP   ``Y_t = Y_{t-1} (1 + g_t)(1 + pi_t)`` from the observed base-year GDP
  (CPI used as GDP deflator: an assumption);
- government expenditure ``G_t = gamma_t Y_t``;
- earnings index ``W_t = W_{t-1} (Y_t / E_t) / (Y_{t-1} / E_{t-1}) (1 + gap_t)``, base
  year = 1, E the employed: earnings follow nominal GDP per employed person;
- minimum wage: the decreed history (annual averages of monthly levels in force), then
  the last decreed level indexed each year by prices or earnings lagged ``lag_years``,
  held fixed, or set by a path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine import economic_inputs as econ
from engine.scenario.schema import Scenario

PRICE_BASE_YEAR = 2020


@dataclass(frozen=True)
class Economy:
    """Annual paths over the projected years, each shape (T,)."""

    years: np.ndarray
    real_growth: np.ndarray
    inflation: np.ndarray
    price_index: np.ndarray      # 2020 = 1
    gdp: np.ndarray              # LAK
    government_expenditure: np.ndarray  # LAK
    earnings_index: np.ndarray   # base year = 1
    minimum_wage: np.ndarray     # LAK per month, annual average
    base: dict[str, float] = field(default_factory=dict)
    """The same quantities in the base year, from history, keyed by result name."""


def _with_history(years: np.ndarray, projected: np.ndarray, base_year: int, history) -> np.ndarray:
    """A path from ``PRICE_BASE_YEAR`` to the last year: history up to the base year."""
    span = np.arange(PRICE_BASE_YEAR, years[-1] + 1)
    out = np.asarray(history(span), dtype=np.float64).copy()
    out[span > base_year] = projected
    return out


def project_economy(scenario: Scenario, years: np.ndarray, employed_total: np.ndarray,
                    employed_base: float) -> Economy:
    """Macro paths for ``years`` given total employment (persons, shape (T,)) and the
    employment of the base year (persons), which anchors the earnings index."""
    m = scenario.macro
    base_year = scenario.horizon.base_year
    growth, inflation = m.real_gdp_growth.values(years), m.inflation.values(years)

    all_inflation = _with_history(years, inflation, base_year, econ.inflation)
    cpi = np.cumprod(1.0 + all_inflation)
    cpi = cpi / cpi[0]                                        # 2020 = 1
    price_index = cpi[-len(years):]

    international = econ.gdp_nominal_history()[base_year] * np.cumprod((1.0 + growth) * (1.0 + inflation))
    government = m.government_expenditure_share.values(years) * international

    gdp_per_worker = international / employed_total
    base_gdp_per_worker = econ.gdp_nominal_history()[base_year] / employed_base
    earnings = gdp_per_worker / base_gdp_per_worker * np.cumprod(1.0 + m.real_earnings_growth_gap.values(years))

    minimum_wage = _minimum_wage(scenario, years, all_inflation, earnings)
    gdp = international * gdp_series_ratio(scenario, years)
    base_international = econ.gdp_nominal_history()[base_year]
    base_gdp = base_international * gdp_series_ratio(scenario, np.array([base_year]))[0]
    base = {"real_gdp_growth": float(econ.real_growth([base_year])[0]),
            "inflation": float(all_inflation[base_year - PRICE_BASE_YEAR]),
            "price_index": float(cpi[base_year - PRICE_BASE_YEAR]), "gdp": float(base_gdp),
            "government_expenditure": float(m.government_expenditure_share.values(np.array([base_year]))[0]
                                            * base_international),
            "earnings_index": 1.0,
            "minimum_wage": float(econ.minimum_wage_history(base_year, base_year)[base_year])}
    return Economy(years, growth, inflation, price_index, gdp, government, earnings, minimum_wage, base)


def gdp_series_ratio(scenario: Scenario, years: np.ndarray) -> np.ndarray:
    """GDP of the chosen series over the World Bank series', by year: 1 for 'international',
    the plan figures' ratio for 'plan' (:func:`engine.economic_inputs.gdp_plan_ratio`)."""
    if scenario.macro.gdp_series == "plan":
        return econ.gdp_plan_ratio(years)
    return np.ones(len(years))


def _minimum_wage(scenario: Scenario, years: np.ndarray, all_inflation: np.ndarray,
                  earnings: np.ndarray) -> np.ndarray:
    """Annual average monthly minimum wage (LAK) for the projected years."""
    rule = scenario.macro.minimum_wage
    history = econ.minimum_wage_history(PRICE_BASE_YEAR, scenario.horizon.base_year + 1)
    last_decree_year = int(econ.minimum_wage_changes()["effective_date"].iloc[-1].year)
    level = float(econ.minimum_wage_end_of_year(last_decree_year, last_decree_year).iloc[-1])
    if rule.rule == "path":
        return rule.path.values(years)
    earnings_growth = np.r_[0.0, earnings[1:] / earnings[:-1] - 1.0]
    out = np.empty(len(years))
    for i, year in enumerate(years):
        if year in history.index and year <= last_decree_year:
            out[i] = history[year]
            continue
        if year > last_decree_year + 1 and rule.rule != "fixed":
            source_year = year - rule.lag_years
            if rule.rule == "prices":
                growth = all_inflation[source_year - PRICE_BASE_YEAR]
            else:
                j = source_year - years[0]
                growth = earnings_growth[j] if j >= 0 else 0.0
            level *= 1.0 + growth
        out[i] = level
    return out
