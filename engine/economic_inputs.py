"""Model-ready macroeconomic and labour-market defaults for Lao PDR.

Data: ``engine/data/lao_pdr/macro.yaml``, ``labour_market.yaml``,
``minimum_wage.csv`` and ``labour_force_participation.csv``. Each value carries its unit,
source and status; :func:`entry` returns that metadata for any parameter.

Rates are returned as fractions (0.045 for 4.5 %), money in LAK (not trillions),
paths by calendar year. Accessors are cached; results are fresh copies.
"""

from __future__ import annotations

import copy
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from engine.data.files import read_parameters, read_table
from engine.dims import N_AGES, SEXES
from engine.graduation import graduate_five_year

__all__ = [
    "FIRST_MACRO_YEAR", "entry", "macro_parameters", "labour_market_parameters",
    "gdp_nominal_history", "real_growth", "inflation", "gdp_nominal",
    "government_expenditure_share", "minimum_wage_changes", "minimum_wage_history",
    "minimum_wage_end_of_year", "participation_rates", "unemployment_rate",
    "informal_share", "total_employment_2022", "employment_split", "implied_employment",
]

FIRST_MACRO_YEAR = 2019
GRID_YEARS = np.arange(FIRST_MACRO_YEAR, 2151)
PLAN_END, LONG_RUN_YEAR = 2030, 2050


@lru_cache(maxsize=None)
def _macro() -> dict:
    return read_parameters("macro")


@lru_cache(maxsize=None)
def _labour() -> dict:
    return read_parameters("labour_market")


def macro_parameters() -> dict[str, dict]:
    """All entries of ``macro.yaml`` (value, unit, year, source, status, ...), a copy."""
    return copy.deepcopy(_macro())


def labour_market_parameters() -> dict[str, dict]:
    """All entries of ``labour_market.yaml``, a copy."""
    return copy.deepcopy(_labour())


def entry(name: str) -> dict:
    """The full entry (value and metadata) of a macro or labour-market parameter."""
    for entries in (_macro(), _labour()):
        if name in entries:
            return copy.deepcopy(entries[name])
    raise KeyError(f"no macro or labour-market parameter named '{name}'")


def _years(years) -> np.ndarray:
    y = np.atleast_1d(np.asarray(years)).astype(np.int64)
    if y.size and y.min() < FIRST_MACRO_YEAR:
        raise ValueError(f"macro paths start in {FIRST_MACRO_YEAR}")
    return y


def _from_grid(grid: np.ndarray, years) -> np.ndarray:
    y = np.minimum(_years(years), GRID_YEARS[-1])  # paths are flat after 2150
    return grid[y - GRID_YEARS[0]]


# ------------------------------------------------------------------------- macro
def gdp_nominal_history() -> dict[int, float]:
    """Nominal GDP 2019-2023, LAK (current prices; WDI, confirmed)."""
    return {int(y): float(v) * 1e12 for y, v in _macro()["gdp_nominal"]["value"].items()}


@lru_cache(maxsize=None)
def _growth_grid() -> np.ndarray:
    m = _macro()
    known = {**m["real_gdp_growth"]["value"], **m["real_gdp_growth_forecast"]["value"]}
    plan, long_run = m["real_gdp_growth_plan_target"]["value"], m["real_gdp_growth_long_run"]["value"]
    out = []
    for t in GRID_YEARS:
        if t in known:
            out.append(known[t])
        elif t <= PLAN_END:
            out.append(plan)
        else:
            w = min(1.0, (t - PLAN_END) / (LONG_RUN_YEAR - PLAN_END))
            out.append(plan + (long_run - plan) * w)
    return np.array(out, dtype=np.float64) / 100.0


def real_growth(years) -> np.ndarray:
    """Real GDP growth by calendar year, fraction per year, shape (len(years),).

    2019-2024 WDI (confirmed); 2025-2026 4.5 % (IMF, reported); 2027-2030 6.0 % (plan
    target, assumption); then :math:`g_t = 6.0 - 3.0\\,(t - 2030)/20` % to 3.0 % in
    2050 and 3.0 % after (assumption).
    """
    return _from_grid(_growth_grid(), years)


@lru_cache(maxsize=None)
def _inflation_grid() -> np.ndarray:
    m = _macro()
    known = {**m["cpi_inflation"]["value"], **m["cpi_inflation_forecast"]["value"]}
    target = m["cpi_inflation_target"]["value"]
    return np.array([known.get(int(t), target) for t in GRID_YEARS], dtype=np.float64) / 100.0


def inflation(years) -> np.ndarray:
    """CPI inflation by calendar year, fraction per year, shape (len(years),).

    2019-2024 WDI (confirmed); 2025 15 % (AMRO, reported); from 2026 the 5 % plan
    target (assumption).
    """
    return _from_grid(_inflation_grid(), years)


@lru_cache(maxsize=None)
def _gdp_grid() -> np.ndarray:
    history = gdp_nominal_history()
    last = max(history)
    growth, infl = _growth_grid(), _inflation_grid()
    out = np.empty(GRID_YEARS.size)
    for i, t in enumerate(GRID_YEARS):
        out[i] = history[t] if t <= last else out[i - 1] * (1 + growth[i]) * (1 + infl[i])
    return out


def gdp_nominal(years) -> np.ndarray:
    """Nominal GDP by calendar year, LAK, shape (len(years),).

    WDI 2019-2023; after 2023 :math:`Y_t = Y_{t-1} (1 + g_t)(1 + \\pi_t)` with
    :func:`real_growth` and :func:`inflation` (GDP deflator = CPI: assumption).
    """
    return _from_grid(_gdp_grid(), years)


def government_expenditure_share(years) -> np.ndarray:
    """General government expenditure / GDP of the World Bank series, shape (len(years),):
    the derived history of 2019-2021 (2020 holds 2019's), then the flagged long-run share."""
    y = _years(years)
    m = _macro()
    later = float(m["government_expenditure_share_gdp_projection"]["value"])
    history = {int(k): float(v) for k, v in m["government_expenditure_share_gdp"]["value"].items()}
    out = np.full(y.shape, later)
    for year in sorted(history):
        out[y >= year] = history[year]
    out[y > max(history)] = later
    return out


def gdp_plan_ratio(years) -> np.ndarray:
    """The plan series' GDP over the World Bank series', by year (the last plan year's ratio
    after it, the first's before), shape (len(years),)."""
    y = _years(years)
    plan = {int(k): float(v) * 1e12 for k, v in _macro()["gdp_nominal_plan"]["value"].items()}
    first, last = min(plan), max(plan)
    base = gdp_nominal(np.array(sorted(plan)))
    ratios = {year: plan[year] / value for year, value in zip(sorted(plan), base)}
    return np.array([ratios[min(max(int(v), first), last)] for v in y])


# ------------------------------------------------------------------ minimum wage
@lru_cache(maxsize=None)
def _wage_changes() -> pd.DataFrame:
    frame = read_table("minimum_wage").frame.copy()
    frame["effective_date"] = pd.to_datetime(frame["effective_date"]).dt.date
    return frame.sort_values("effective_date").reset_index(drop=True)


def minimum_wage_changes() -> pd.DataFrame:
    """Minimum-wage levels (LAK/month) with effective date, status and source."""
    return _wage_changes().copy()


def _wage_on(day: date) -> float:
    changes = _wage_changes()
    valid = changes[changes["effective_date"] <= day]
    if valid.empty:
        raise ValueError(f"no minimum wage recorded on {day}")
    return float(valid["lak_per_month"].iloc[-1])


def minimum_wage_history(first_year: int = 2012, last_year: int = 2024) -> pd.Series:
    """Annual average monthly minimum wage by calendar year, LAK per month (a copy of
    :func:`_minimum_wage_history`, which states the formula)."""
    return _minimum_wage_history(first_year, last_year).copy()


@lru_cache(maxsize=None)
def _minimum_wage_history(first_year: int, last_year: int) -> pd.Series:
    """Annual average monthly minimum wage by calendar year, LAK per month.

    :math:`\\bar w_t = \\sum_k w_k\\, d_{k,t} / D_t` where :math:`d_{k,t}` is the number
    of days of year :math:`t` on which level :math:`w_k` was in force and :math:`D_t`
    the days in the year (e.g. 2015: 626,000 x 90/365 + 900,000 x 275/365). Years
    after the last recorded change carry that level forward.
    """
    changes = _wage_changes()
    values = {}
    for year in range(first_year, last_year + 1):
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
        cuts = [start] + [d for d in changes["effective_date"] if start < d < end] + [end]
        total = sum(_wage_on(a) * (b - a).days for a, b in zip(cuts[:-1], cuts[1:]))
        values[year] = total / (end - start).days
    return pd.Series(values, name="minimum_wage_lak_per_month", dtype=np.float64).rename_axis("year")


def minimum_wage_end_of_year(first_year: int = 2012, last_year: int = 2024) -> pd.Series:
    """Monthly minimum wage in force on 31 December of each year, LAK per month."""
    return _minimum_wage_end_of_year(first_year, last_year).copy()


@lru_cache(maxsize=None)
def _minimum_wage_end_of_year(first_year: int, last_year: int) -> pd.Series:
    values = {y: _wage_on(date(y, 12, 31)) for y in range(first_year, last_year + 1)}
    return pd.Series(values, name="minimum_wage_lak_per_month", dtype=np.float64).rename_axis("year")


# ------------------------------------------------------------------ labour market
@lru_cache(maxsize=None)
def _participation() -> np.ndarray:
    frame = read_table("labour_force_participation").frame
    out = np.zeros((len(SEXES), N_AGES))
    for s, sex in enumerate(SEXES):
        rows = frame[frame["sex"] == sex].sort_values("age_start")
        first, rates = int(rows["age_start"].iloc[0]), rows["rate"].to_numpy(np.float64)
        single = graduate_five_year(np.r_[5.0 * rates[:-1], rates[-1]], first_age=first)
        out[s, first:first + single.size - 1] = single[:-1]
        out[s, first + single.size - 1:] = rates[-1]
    return np.clip(out, 0.0, 1.0)


def participation_rates() -> np.ndarray:
    """Labour-force participation by sex and single age (assumption), shape (2, 101).

    The 5-year rates of ``labour_force_participation.csv`` times 5 are graduated with
    :func:`engine.graduation.graduate_five_year` (group means preserved); the open
    group 90+ applies to ages 90-100; zero below 15. Share of the population, 0-1.
    """
    return _participation().copy()


def unemployment_rate() -> float:
    """Unemployment rate, share of the labour force (0.024, LFS 2022, reported)."""
    return float(_labour()["unemployment_rate"]["value"])


def informal_share(sex: str | None = None) -> float:
    """Informal share of the employed, LFS 2022 (confirmed): total, 'male' or 'female'."""
    return float(_labour()["informal_employment_share"]["value"][sex or "total"])


def total_employment_2022() -> float:
    """Employed persons 2022 = informal employment / informal share (derived, ~2.48 m)."""
    return float(_labour()["informal_employment"]["value"]) / informal_share()


def employment_split() -> dict[str, float]:
    """Shares of the employed (2022): informal, civil servants, enterprise employees.

    :math:`s_{cs} = (1 - s_{inf})(1 - o)\\, \\frac{m_{gov}}{m_{gov} + m_{ent}}`,
    :math:`s_{ent} = (1 - s_{inf})(1 - o) - s_{cs}`, with the informal share
    :math:`s_{inf}` = 0.864 (LFS 2022), the insured-member scheme shares
    :math:`m_{gov}` = 0.493 and :math:`m_{ent}` = 0.431 (end-2023) and the share
    :math:`o` of formal workers outside both schemes (assumption, default 0; any such
    share is returned as ``formal_other``). Values sum to 1.
    """
    lab = _labour()
    formal = 1.0 - informal_share()
    other = float(lab["formal_employment_outside_schemes_share"]["value"])
    shares = lab["insured_members_scheme_share"]["value"]
    gov = shares["civil_servant"] / (shares["civil_servant"] + shares["enterprise"])
    in_schemes = formal * (1.0 - other)
    split = {"informal": informal_share(), "civil_servant": in_schemes * gov,
             "enterprise": in_schemes * (1.0 - gov)}
    if other:
        split["formal_other"] = formal * other
    return split


def implied_employment(population: np.ndarray) -> np.ndarray:
    """Employed persons by sex implied by the default participation and unemployment.

    :math:`E_s = (1 - u) \\sum_x P_{s,x}\\, \\mathrm{LFPR}_{s,x}`.

    Parameters
    ----------
    population : array_like, shape (2, 101)
        Persons by sex and single age.

    Returns
    -------
    numpy.ndarray, shape (2,)
        Employed persons, male and female.
    """
    pop = np.asarray(population, dtype=np.float64)
    return (1.0 - unemployment_rate()) * (pop * _participation()).sum(axis=-1)
