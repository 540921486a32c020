"""Macroeconomic paths: prices, GDP, government expenditure, earnings and the minimum wage.

For projected years t (after the base year), with g the real growth and pi the inflation
of the scenario:

- price index   ``CPI_t = CPI_{t-1} (1 + pi_t)``, 2020 = 1 (:data:`PRICE_BASE_YEAR`), with
  observed inflation up to the base year; its history runs from 2018
  (:data:`PRICE_HISTORY_START`, the year before the first observed inflation);
- nominal GDP   ``Y_t = Y_{t-1} (1 + g_t)(1 + pi_t)`` from the observed base-year GDP
  (CPI used as GDP deflator: an assumption);
- government expenditure ``G_t = gamma_t Y_t``;
- earnings index ``W_t = W_{t-1} (Y_t / E_t) / (Y_{t-1} / E_{t-1}) (1 + gap_t)``, base
  year = 1, E the employed: earnings follow nominal GDP per employed person;
- minimum wage: the decreed history (annual averages of monthly levels in force), then
  the last decreed level indexed each year by prices or earnings lagged ``lag_years``,
  held fixed, or set by a path.

The economy carries these indices with their history (:class:`MoneyIndices`, each an
:class:`IndexSeries`): rules lagged by L years, and LAK amounts of policy blocks priced in
an earlier year, read them before the first projected year. This module is the one home
of the consumer price index: the enrolment, funds and policy stages read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine import economic_inputs as econ
from engine.scenario.schema import Scenario

PRICE_BASE_YEAR = 2020
"""The consumer price index is 1 in this year."""

PRICE_HISTORY_START = econ.FIRST_MACRO_YEAR - 1
"""First year of the consumer price index (2018): the year before the first observed
inflation rate (:data:`engine.economic_inputs.FIRST_MACRO_YEAR`)."""

MINIMUM_WAGE_HISTORY_START = 2020
"""First year of the decreed minimum wage history the economy carries."""


@dataclass(frozen=True)
class IndexSeries:
    """An annual index (or level) over ``years`` (consecutive calendar years)."""

    years: np.ndarray
    values: np.ndarray

    def at(self, years) -> np.ndarray:
        """Values at the given calendar years (flat before the first and after the last)."""
        i = np.clip(np.asarray(years) - self.years[0], 0, len(self.years) - 1)
        return self.values[i]

    def growth(self, years, lag: int = 0) -> np.ndarray:
        """Ratio of the index in year t - lag to year t - lag - 1, for each t in ``years``."""
        years = np.asarray(years)
        return self.at(years - lag) / self.at(years - lag - 1)


@dataclass(frozen=True)
class MoneyIndices:
    """Index series that move LAK amounts: consumer ``prices`` (2020 = 1), average
    ``earnings`` (base year = 1) and the ``minimum_wage`` (LAK per month), each with its
    history (objects with ``.at(years)``, usually :class:`IndexSeries`)."""

    prices: object
    earnings: object
    minimum_wage: object

    def factor(self, rule: str, years: np.ndarray, price_year: int) -> np.ndarray:
        """``I_t / I_{t0}`` of ``rule`` (prices, earnings, minimum_wage; none: 1), (T,)."""
        if rule == "none":
            return np.ones(len(years))
        index = getattr(self, rule)
        return np.asarray(index.at(years), dtype=float) / float(index.at(price_year))


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
    indices: MoneyIndices        # the three indices above with their history
    base: dict[str, float] = field(default_factory=dict)
    """The same quantities in the base year, from history, keyed by result name."""


def price_level(inflation: np.ndarray) -> np.ndarray:
    """The consumer price index over the years from :data:`PRICE_HISTORY_START` given the
    inflation of each (that of the first year unused): ``I_t = I_{t-1} (1 + pi_t)``,
    ``I_{2020} = 1``."""
    level = np.r_[1.0, np.cumprod(1.0 + np.asarray(inflation[1:], dtype=np.float64))]
    return level / level[PRICE_BASE_YEAR - PRICE_HISTORY_START]


def _inflation_with_history(last_year: int, projected: np.ndarray, base_year: int) -> np.ndarray:
    """Inflation of the years from :data:`PRICE_HISTORY_START` to ``last_year``: observed up
    to the base year, ``projected`` after it (that of the first year NaN: not needed)."""
    span = np.arange(PRICE_HISTORY_START, last_year + 1)
    out = np.full(len(span), np.nan)
    out[1:] = econ.inflation(span[1:])
    out[span > base_year] = projected
    return out


def consumer_prices(years) -> np.ndarray:
    """Consumer price index, 2020 = 1, at ``years`` (from 2018) on the built-in inflation
    path (:func:`engine.economic_inputs.inflation`: observed, then the plan's), not a
    scenario's."""
    years = np.asarray(years)
    last = max(int(years.max()), PRICE_BASE_YEAR)
    inflation = _inflation_with_history(last, np.array([]), last)
    return price_level(inflation)[years - PRICE_HISTORY_START]


def price_series(base_year: int, years: np.ndarray, projected: np.ndarray) -> IndexSeries:
    """Consumer prices (2020 = 1) from :data:`PRICE_HISTORY_START`: the observed index to
    the base year, then ``projected`` (T,) over ``years``."""
    history_years = np.arange(PRICE_HISTORY_START, base_year + 1)
    history = consumer_prices(history_years)
    return IndexSeries(np.r_[history_years, years], np.r_[history, projected])


def earnings_series(base_year: int, years: np.ndarray, projected: np.ndarray,
                    price_index: np.ndarray) -> IndexSeries:
    """Average earnings (base year = 1). Before the base year earnings are assumed to have
    moved with consumer prices (no earnings series was found); this matters only for rules
    lagged more than one year."""
    prices = price_series(base_year, years, price_index)
    history_years = np.arange(PRICE_HISTORY_START, base_year + 1)
    history = prices.at(history_years) / prices.at(base_year)
    return IndexSeries(np.r_[history_years, years], np.r_[history, projected])


def minimum_wage_series(base_year: int, years: np.ndarray, projected: np.ndarray) -> IndexSeries:
    """Minimum wage (LAK per month, annual averages): decreed history from
    :data:`MINIMUM_WAGE_HISTORY_START`, then ``projected`` (T,) over ``years``."""
    history = econ.minimum_wage_history(MINIMUM_WAGE_HISTORY_START, base_year + 1)
    history_years = np.arange(MINIMUM_WAGE_HISTORY_START, base_year + 1)
    values = np.asarray([float(history[y]) for y in history_years])
    return IndexSeries(np.r_[history_years, years], np.r_[values, projected])


def money_indices(base_year: int, years: np.ndarray, price_index: np.ndarray, earnings_index: np.ndarray,
                  minimum_wage: np.ndarray) -> MoneyIndices:
    """The three indices with their history from their projected paths (T,) over ``years``."""
    return MoneyIndices(prices=price_series(base_year, years, price_index),
                        earnings=earnings_series(base_year, years, earnings_index, price_index),
                        minimum_wage=minimum_wage_series(base_year, years, minimum_wage))


def project_economy(scenario: Scenario, years: np.ndarray, employed_total: np.ndarray,
                    employed_base: float) -> Economy:
    """Macro paths for ``years`` given total employment (persons, shape (T,)) and the
    employment of the base year (persons), which anchors the earnings index."""
    m = scenario.macro
    base_year = scenario.horizon.base_year
    growth, inflation = m.real_gdp_growth.values(years), m.inflation.values(years)

    all_inflation = _inflation_with_history(int(years[-1]), inflation, base_year)
    cpi = price_level(all_inflation)                          # from 2018, 2020 = 1
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
            "inflation": float(all_inflation[base_year - PRICE_HISTORY_START]),
            "price_index": float(cpi[base_year - PRICE_HISTORY_START]), "gdp": float(base_gdp),
            "government_expenditure": float(m.government_expenditure_share.values(np.array([base_year]))[0]
                                            * base_international),
            "earnings_index": 1.0,
            "minimum_wage": float(econ.minimum_wage_history(base_year, base_year)[base_year])}
    indices = money_indices(base_year, years, price_index, earnings, minimum_wage)
    return Economy(years, growth, inflation, price_index, gdp, government, earnings, minimum_wage, indices,
                   base)


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
    history = econ.minimum_wage_history(MINIMUM_WAGE_HISTORY_START, scenario.horizon.base_year + 1)
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
                growth = all_inflation[source_year - PRICE_HISTORY_START]
            else:
                j = source_year - years[0]
                growth = earnings_growth[j] if j >= 0 else 0.0
            level *= 1.0 + growth
        out[i] = level
    return out
