"""Model-ready demographic inputs for the Lao PDR default calibration.

All arrays follow :mod:`engine.dims`: axes ``(..., sex, age)``, sex 0 = male, 1 = female,
ages 0..100 with 100 the open group 100+. Calendar year ``t`` runs from 1 January to
31 December; populations are counted at 31 December.

Sources (compiled in ``engine/data/lao_pdr/``): UN DESA Population Division, World
Population Prospects (WPP) 2024 for rates, totals and migration; WPP 2022 and WPP 2019
for the age and sex structure of the base population.

WPP five-year periods ``"t-t+5"`` run from 1 July ``t`` to 30 June ``t+5`` (midpoint
1 January ``t+3``); calendar year ``t`` is centred on ``t + 0.5``.

Accessors are cached: the full 2000..2150 grid is built once and sliced; the results
are fresh copies, so callers may modify them freely.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from engine.data.files import read_parameters, read_table
from engine.dims import MAX_AGE, N_AGES, SEXES
from engine.graduation import graduate, graduate_five_year

__all__ = [
    "BASE_YEAR", "base_population", "population_end_2023_by_sex", "mortality_rates",
    "life_expectancy_at_birth", "fertility_rates", "total_fertility", "sex_ratio_at_birth",
    "net_migration", "wpp_population_totals", "wpp_life_expectancy", "wpp_net_migration",
    "wpp_total_fertility", "sources",
]

BASE_YEAR: int = 2023
GRID_YEARS = np.arange(2000, 2151)
FERTILE_AGES = (10, 54)

_POP22, _POP19 = "population_2023_age5_bothsexes_wpp2022", "population_2020_age5_sex_wpp2019"
_MX, _ASFR = "mortality_mx_age5_sex_wpp2024", "fertility_asfr_age5_wpp2024"
_MIG, _ANNUAL = "migration_net_age5_sex_wpp2024", "wpp2024_annual_indicators"


def sources() -> dict[str, dict[str, str]]:
    """Header metadata (unit, year, source, status, method, ...) of each table used here."""
    return {n: dict(read_table(n).meta) for n in (_POP22, _POP19, _MX, _ASFR, _MIG, _ANNUAL)}


@lru_cache(maxsize=None)
def _annual():
    return read_table(_ANNUAL).frame.set_index("year")


def _by_sex(frame, columns):
    """Stack the rows of a long table into an array (2, n_groups, ...) ordered by SEXES."""
    return np.stack([frame.loc[frame["sex"] == s, columns].to_numpy(np.float64) for s in SEXES])


def _years(years) -> np.ndarray:
    y = np.atleast_1d(np.asarray(years))
    if y.ndim != 1 or not np.all(y == np.round(y)):
        raise ValueError("years must be a 1-D sequence of whole calendar years")
    return y.astype(np.int64)


def _from_grid(grid: np.ndarray, core, years) -> np.ndarray:
    y = _years(years)
    if y.size and y.min() >= GRID_YEARS[0] and y.max() <= GRID_YEARS[-1]:
        return grid[y - GRID_YEARS[0]]  # fancy indexing returns a copy
    return core(y)


# --------------------------------------------------------------------------- mortality
def _mx_single_age(mx5: np.ndarray) -> np.ndarray:
    """Single-age central death rates from groups 0, 1-4, 5-9, ..., 95-99, 100+.

    Age 0, ages 1-4 (the 1-4 rate at each age) and 100+ are kept as given. For ages
    5..99, :math:`\\ln m` is interpolated linearly between the group mid-ages (3.0 for
    1-4, then 7.5, 12.5, ..., 97.5; single age ``x`` sits at ``x + 0.5``; linear
    extrapolation for ages 98-99), then each 5-year group is rescaled so that
    :math:`\\sum_{x \\in g} m_x = 5\\, {}_5m_g`. With a constant force within each year
    of age this keeps the group's 5-year survival :math:`e^{-5\\,{}_5m_g}` exactly.
    """
    mx5 = np.asarray(mx5, dtype=np.float64)  # (..., 22)
    knots = np.concatenate([[3.0], 7.5 + 5.0 * np.arange(19)])
    logm = np.log(mx5[..., 1:21])  # groups 1-4, 5-9, ..., 95-99
    x = np.arange(5, 100) + 0.5
    idx = np.clip(np.searchsorted(knots, x) - 1, 0, knots.size - 2)
    w = (x - knots[idx]) / (knots[idx + 1] - knots[idx])
    m = np.exp(logm[..., idx] * (1.0 - w) + logm[..., idx + 1] * w)  # w > 1 extrapolates
    groups = m.reshape(m.shape[:-1] + (19, 5))
    groups *= (mx5[..., 2:21] / groups.mean(axis=-1))[..., None]
    out = np.empty(mx5.shape[:-1] + (N_AGES,))
    out[..., 0] = mx5[..., 0]
    out[..., 1:5] = mx5[..., 1:2]
    out[..., 5:100] = groups.reshape(m.shape)
    out[..., 100] = mx5[..., 21]
    return out


@lru_cache(maxsize=None)
def _mx_periods() -> tuple[np.ndarray, np.ndarray]:
    frame = read_table(_MX).frame
    periods = [c for c in frame.columns if "-" in c and c[:4].isdigit()]
    mid = np.array([int(p[:4]) + 3.0 for p in periods])
    mx5 = _by_sex(frame, periods)  # (2, 22, P)
    return mid, np.log(_mx_single_age(np.moveaxis(mx5, -1, 0)))


def _mortality_core(years: np.ndarray) -> np.ndarray:
    mid, logm = _mx_periods()  # (P,), (P, 2, 101)
    t = np.clip(years + 0.5, mid[0], mid[-1])
    k = np.clip(np.searchsorted(mid, t) - 1, 0, mid.size - 2)
    w = ((t - mid[k]) / (mid[k + 1] - mid[k]))[:, None, None]
    return np.exp(logm[k] * (1.0 - w) + logm[k + 1] * w)


@lru_cache(maxsize=None)
def _mortality_grid() -> np.ndarray:
    return _mortality_core(GRID_YEARS)


def mortality_rates(years) -> np.ndarray:
    """Central death rates :math:`m_x` by calendar year, sex and single age.

    Log-linear interpolation in time of the single-age WPP2024 period rates between
    period midpoints (1 January ``t+3`` for period ``t-t+5``, year ``t`` taken at
    ``t + 0.5``); constant before the first (1953) and after the last (2098)
    midpoint. Single ages within each group: see :func:`_mx_single_age`.

    Returns
    -------
    numpy.ndarray, shape (len(years), 2, 101)
        Deaths per person-year of exposure.
    """
    return _from_grid(_mortality_grid(), _mortality_core, years)


def life_expectancy_at_birth(mx: np.ndarray) -> tuple[float, float]:
    """Life expectancy at birth by sex from single-age central death rates.

    Constant force within each year of age: :math:`p_x = e^{-m_x}`,
    :math:`L_x = l_x (1 - p_x) / m_x` (:math:`= l_x` if :math:`m_x = 0`), open group
    :math:`L_{100} = l_{100} / m_{100}`; :math:`e_0 = \\sum_x L_x / l_0`.

    Parameters
    ----------
    mx : array_like, shape (2, 101)
        Central death rates by sex and age.

    Returns
    -------
    (float, float)
        e0 for males and females, in years.
    """
    m = np.asarray(mx, dtype=np.float64)
    if m.shape != (len(SEXES), N_AGES):
        raise ValueError(f"mx must have shape (2, {N_AGES}), got {m.shape}")
    closed = m[:, :MAX_AGE]
    p = np.exp(-closed)
    lx = np.concatenate([np.ones((2, 1)), np.cumprod(p, axis=1)], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        Lx = np.where(closed > 0, lx[:, :-1] * (1.0 - p) / closed, lx[:, :-1])
    e0 = Lx.sum(axis=1) + lx[:, -1] / m[:, MAX_AGE]
    return float(e0[0]), float(e0[1])


# --------------------------------------------------------------------------- fertility
@lru_cache(maxsize=None)
def _asfr_table() -> tuple[np.ndarray, np.ndarray]:
    frame = read_table(_ASFR).frame
    cols = [f"{a}-{a + 4}" for a in range(FERTILE_AGES[0], FERTILE_AGES[1] + 1, 5)]
    years = frame["year"].to_numpy(np.int64)
    single = graduate(5.0 * frame[cols].to_numpy(np.float64), np.arange(10, 56, 5))
    tfr = _annual().loc[years, "tfr"].to_numpy(np.float64)
    out = np.zeros((years.size, N_AGES))
    out[:, FERTILE_AGES[0]:FERTILE_AGES[1] + 1] = single * (tfr / single.sum(axis=1))[:, None]
    return years, out


def _fertility_core(years: np.ndarray) -> np.ndarray:
    tab_years, rates = _asfr_table()
    y = np.clip(years, tab_years[0], tab_years[-1])
    return rates[np.searchsorted(tab_years, y)]


@lru_cache(maxsize=None)
def _fertility_grid() -> np.ndarray:
    return _fertility_core(GRID_YEARS)


def fertility_rates(years) -> np.ndarray:
    """Age-specific fertility rates by calendar year and single age of mother.

    The WPP2024 5-year rates (ages 10-54, years 2015-2100) times 5 are graduated to
    single ages by :func:`engine.graduation.graduate` (monotone cubic spline of
    cumulated fertility) and scaled so each year sums to the WPP2024 TFR:
    :math:`\\sum_x f_x = \\mathrm{TFR}_t`. Years before 2015 / after 2100 take the
    2015 / 2100 schedule.

    Returns
    -------
    numpy.ndarray, shape (len(years), 101)
        Live births per woman per year; zero outside ages 10..54.
    """
    return _from_grid(_fertility_grid(), _fertility_core, years)


def total_fertility(years) -> np.ndarray:
    """TFR (children per woman) implied by :func:`fertility_rates`, shape (len(years),)."""
    return fertility_rates(years).sum(axis=1)


@lru_cache(maxsize=None)
def sex_ratio_at_birth() -> float:
    """Male births per female birth (WPP2024, 1.053, confirmed)."""
    return float(read_parameters("demography")["sex_ratio_at_birth"]["value"])


# --------------------------------------------------------------------------- migration
@lru_cache(maxsize=None)
def _migration_periods() -> tuple[np.ndarray, np.ndarray]:
    frame = read_table(_MIG).frame
    periods = [c for c in frame.columns if "-" in c and c[:4].isdigit()]
    starts = np.array([int(p[:4]) for p in periods])
    per_year = _by_sex(frame, periods) * 1000.0 / 5.0  # (2, 21, P) persons per year
    per_year = np.moveaxis(per_year, -1, 0)  # (P, 2, 21)
    single = np.empty(per_year.shape[:2] + (N_AGES,))
    single[..., :MAX_AGE] = np.repeat(per_year[..., :20] / 5.0, 5, axis=-1)
    single[..., MAX_AGE] = per_year[..., 20]
    return starts, single


def _migration_core(years: np.ndarray) -> np.ndarray:
    starts, single = _migration_periods()
    out = np.zeros((years.size, len(SEXES), N_AGES))
    for half in (0.25, 0.75):  # centres of the two half-years of calendar year t
        k = np.floor((years + half - (starts[0] + 0.5)) / 5.0).astype(np.int64)
        out += 0.5 * single[np.clip(k, 0, starts.size - 1)]
    return out


@lru_cache(maxsize=None)
def _migration_grid() -> np.ndarray:
    return _migration_core(GRID_YEARS)


def net_migration(years) -> np.ndarray:
    """Net international migrants by calendar year, sex and single age.

    WPP2024 gives thousands of net migrants per 5-year period (1 July ``t`` to 30 June
    ``t+5``) by 5-year age group. Each period total is spread evenly over its five
    years and over the five single ages of a group (the open group 100+ goes to age
    100); calendar year ``t`` takes half of the rate of the period covering
    January-June and half of the one covering July-December. The age is applied as
    age at the end of the year. Years before mid-2020 use the 2020-2025 period,
    years after mid-2100 the 2095-2100 period.

    Returns
    -------
    numpy.ndarray, shape (len(years), 2, 101)
        Persons per year (negative = net emigration).
    """
    return _from_grid(_migration_grid(), _migration_core, years)


# ---------------------------------------------------------------- base population
@lru_cache(maxsize=None)
def _structure_2023() -> np.ndarray:
    """Graduated 2023 population by sex and single age, thousands (not yet rescaled)."""
    both = read_table(_POP22).frame["both_sexes_k"].to_numpy(np.float64)
    w19 = read_table(_POP19).frame
    male_share = (w19["male_k"] / (w19["male_k"] + w19["female_k"])).to_numpy(np.float64)
    return graduate_five_year(np.stack([both * male_share, both * (1.0 - male_share)]))


@lru_cache(maxsize=None)
def _end_2023_by_sex() -> np.ndarray:
    a = _annual().loc[2024]
    end_2024 = np.array([a["population_end_male_k"], a["population_end_female_k"]]) * 1000.0
    srb = sex_ratio_at_birth()
    births = a["births_k"] * 1000.0 * np.array([srb, 1.0]) / (1.0 + srb)
    exposure = _structure_2023()
    d = (mortality_rates([2024])[0] * exposure).sum(axis=1)
    deaths = a["deaths_k"] * 1000.0 * d / d.sum()
    m = net_migration([2024])[0].sum(axis=1)
    migrants = a["net_migrants_k"] * 1000.0 * m / m.sum()
    components = births - deaths + migrants
    change = a["population_change_k"] * 1000.0 * components / components.sum()
    return end_2024 - change


def population_end_2023_by_sex() -> np.ndarray:
    """Population at 31 December 2023 by sex (persons), shape (2,), derived.

    :math:`P^{2023}_s = P^{2024}_s - \\Delta_{2024}\\, c_s / \\sum_s c_s` with WPP2024
    end-2024 counts :math:`P^{2024}_s` (confirmed), total 2024 change
    :math:`\\Delta_{2024}` = 104.29 k, and sex components
    :math:`c_s = B\\,\\pi_s - D\\,\\delta_s + N\\,\\nu_s`: births split by the sex ratio
    at birth (:math:`\\pi_m = 1.053/2.053`), deaths by the male/female shares of
    :math:`\\sum_x m_{x,s} P_{x,s}` (2024 rates, 2023 age structure), net migrants by
    the WPP2024 sex shares for 2024.
    """
    return _end_2023_by_sex().copy()


@lru_cache(maxsize=None)
def _base_population() -> np.ndarray:
    structure = _structure_2023()
    return structure * (_end_2023_by_sex() / structure.sum(axis=1))[:, None]


def base_population() -> np.ndarray:
    """Persons at 31 December :data:`BASE_YEAR` (2023) by sex and single age.

    WPP2022 2023 both-sexes 5-year groups times the WPP2019 2020 male share of each
    group, graduated to single ages (monotone cubic spline of cumulated counts, open group
    100+ kept at age 100) and rescaled per sex to :func:`population_end_2023_by_sex`.
    The WPP2022 groups refer to 1 July 2023; their age structure is used unchanged
    for 31 December 2023 (no half-year ageing). The compiled inputs are the two 5-year
    tables ``population_2023_age5_bothsexes_wpp2022.csv`` and
    ``population_2020_age5_sex_wpp2019.csv``; the split, graduation and rescaling are
    done here.

    Returns
    -------
    numpy.ndarray, shape (2, 101), float64
        Persons.
    """
    return _base_population().copy()


# ------------------------------------------------------------ WPP comparison series
def wpp_population_totals() -> dict[int, float]:
    """WPP2024 total population at 31 December, persons, 2009-2024.

    2024 is confirmed; earlier year-ends are derived backwards,
    :math:`P_{t-1} = P_t - \\Delta_t` with the WPP2024 annual population change.
    """
    a = _annual()
    totals = {2024: float(a.loc[2024, "population_end_total_k"]) * 1000.0}
    for year in range(2024, int(a.index.min()) - 1, -1):
        totals[year - 1] = totals[year] - float(a.loc[year, "population_change_k"]) * 1000.0
    return dict(sorted(totals.items()))


def wpp_life_expectancy() -> dict[int, tuple[float, float]]:
    """WPP2024 annual life expectancy at birth (e0 male, e0 female), years, 2010-2100."""
    a = _annual()
    return {int(y): (float(r["e0_male"]), float(r["e0_female"])) for y, r in a.iterrows()}


def wpp_net_migration() -> dict[int, float]:
    """WPP2024 annual net migration, persons per year, 2010-2100."""
    return {int(y): float(v) * 1000.0 for y, v in _annual()["net_migrants_k"].items()}


def wpp_total_fertility() -> dict[int, float]:
    """WPP2024 annual total fertility rate, children per woman, 2010-2100."""
    return {int(y): float(v) for y, v in _annual()["tfr"].items()}
