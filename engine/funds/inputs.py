"""What the funds stage reads from the stages before it, and index paths with history.

:class:`FundsInputs` gathers the arrays the schemes, benefits and accounts need, so that
the stage can run from a full projection (:meth:`FundsInputs.from_run`) or from arrays a
test builds by hand (a stationary population, constant flows).

Rules lagged by L years need an index before the first projected year. :class:`IndexSeries`
holds an index from its first known year to the last projected year; before its first
year it is flat.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from engine import economic_inputs as econ


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
class FundsInputs:
    """Inputs of the funds stage for projected years ``T``.

    Attributes
    ----------
    years : (T,) calendar years; ``base_year`` is the year before the first.
    population : (T, 2, A) persons at 1 July.
    population_base : (2, A) persons at 31 December of the base year.
    survival : (T, 2, A) probability of surviving the year by age at its start.
    asfr : (T, A) births per woman per year.
    active : (T, 3, 2, A) contributing members at 31 December (persons).
    new_members : (T, 3) persons joining each scheme in the year.
    prices : consumer price index (2020 = 1) with history.
    earnings : average earnings index (base year = 1) with history.
    minimum_wage : statutory minimum wage (LAK per month, annual average) with history.
    gdp : (T,) nominal LAK.
    inflation : (T,) consumer price inflation.
    details : optional arrays passed on by the membership stage.
    lapses, returns : (T, 3, 2, A) contributing members who stop paying, and lapsed members
        who resume, in the year (persons; the enrolment stage's voluntary flows, zero for
        the compulsory schemes, whose gross flows are not known); None: zero.
    government_expenditure : (T,) nominal LAK; None: unknown (shares of it are NaN).
    active_base : (3, 2, A) contributing members at 31 December of the base year; None:
        those of the first projected year stand in.
    gdp_base : nominal GDP of the base year, LAK; None: unknown (shares of it are NaN).
    lapsed_base : (3, 2, A) lapsed members at 31 December of the base year who have not
        reached the exit age (the enrolment back-cast's voluntary stock); None: unknown.
    """

    years: np.ndarray
    base_year: int
    population: np.ndarray
    population_base: np.ndarray
    survival: np.ndarray
    asfr: np.ndarray
    active: np.ndarray
    new_members: np.ndarray
    prices: IndexSeries
    earnings: IndexSeries
    minimum_wage: IndexSeries
    gdp: np.ndarray
    inflation: np.ndarray
    details: dict[str, np.ndarray] = field(default_factory=dict)
    lapses: np.ndarray | None = None
    returns: np.ndarray | None = None
    lapsed_base: np.ndarray | None = None
    government_expenditure: np.ndarray | None = None
    active_base: np.ndarray | None = None
    gdp_base: float | None = None

    def __post_init__(self):
        if self.government_expenditure is None:
            object.__setattr__(self, "government_expenditure", np.full(len(self.years), np.nan))
        if self.active_base is None:
            object.__setattr__(self, "active_base", self.active[0])

    def flows(self) -> tuple[np.ndarray, np.ndarray]:
        """Lapses and returns (T, 3, 2, A), zeros where none were given."""
        zero = np.zeros_like(self.active)
        return (zero if self.lapses is None else self.lapses,
                zero if self.returns is None else self.returns)

    def with_voluntary_members(self, members: np.ndarray) -> FundsInputs:
        """The same inputs with ``members`` (T, 2, A) as the voluntary scheme's contributors
        (a part of them: those of one sub-fund); its lapses, returns and lapsed stock are
        scaled by the same share at each age."""
        voluntary = self.active[:, 2]
        share = np.divide(members, voluntary, out=np.zeros_like(members), where=voluntary > 0)
        active = self.active.copy()
        active[:, 2] = members
        lapses, returns = (x.copy() for x in self.flows())
        lapses[:, 2] *= share
        returns[:, 2] *= share
        base = self.active_base.copy()
        base[2] *= share[0]
        lapsed = None
        if self.lapsed_base is not None:
            lapsed = self.lapsed_base.copy()
            lapsed[2] *= share[0]
        return replace(self, active=active, lapses=lapses, returns=returns, lapsed_base=lapsed,
                       active_base=base)

    @property
    def extended_years(self) -> np.ndarray:
        """The base year followed by the projected years, shape (T + 1,)."""
        return np.r_[self.base_year, self.years]

    @classmethod
    def from_run(cls, scenario, population, economy, membership, rates) -> FundsInputs:
        """Inputs from the stages of :func:`engine.model.run`.

        ``population`` is a :class:`engine.demography.PopulationProjection`, ``economy`` an
        :class:`engine.macro.Economy`, ``membership`` an :class:`engine.membership.Membership`
        and ``rates`` the :class:`engine.demography.DemographicRates` of the run.
        """
        years = np.asarray(population.years)
        base = scenario.horizon.base_year
        lapses = returns = lapsed = None
        if membership.voluntary is not None:
            lapses, returns = np.zeros_like(membership.active), np.zeros_like(membership.active)
            lapses[:, 2], returns[:, 2] = membership.voluntary.lapses, membership.voluntary.returns
        if membership.history is not None:
            lapsed = np.zeros(membership.active.shape[1:])
            lapsed[2] = membership.history.final_lapsed.sum(axis=0)
        return cls(
            years=years, base_year=base, population=population.mid_year,
            population_base=population.base, survival=rates.survival, asfr=rates.asfr,
            active=membership.active, new_members=membership.new_members,
            prices=price_series(base, years, economy.price_index),
            earnings=earnings_series(base, years, economy.earnings_index, economy.price_index),
            minimum_wage=minimum_wage_series(base, years, economy.minimum_wage),
            gdp=economy.gdp, inflation=economy.inflation, details=dict(membership.details),
            lapses=lapses, returns=returns, lapsed_base=lapsed,
            government_expenditure=np.asarray(economy.government_expenditure, dtype=np.float64),
            active_base=membership.active_base,
            gdp_base=float(economy.base["gdp"]) if "gdp" in economy.base else None,
        )


FIRST_HISTORY_YEAR = 2019


def price_series(base_year: int, years: np.ndarray, projected: np.ndarray) -> IndexSeries:
    """Consumer prices (2020 = 1) from 2019: observed inflation to the base year, then the
    projected index."""
    history_years = np.arange(FIRST_HISTORY_YEAR, base_year + 1)
    inflation = econ.inflation(history_years[1:])
    history = np.r_[1.0, np.cumprod(1.0 + inflation)]
    history = history / history[2020 - FIRST_HISTORY_YEAR]
    return IndexSeries(np.r_[history_years, years], np.r_[history, projected])


def earnings_series(base_year: int, years: np.ndarray, projected: np.ndarray,
                    price_index: np.ndarray) -> IndexSeries:
    """Average earnings (base year = 1). Before the base year earnings are assumed to have
    moved with consumer prices (no earnings series was found); this matters only for rules
    lagged more than one year."""
    prices = price_series(base_year, years, price_index)
    history_years = np.arange(FIRST_HISTORY_YEAR, base_year + 1)
    history = prices.at(history_years) / prices.at(base_year)
    return IndexSeries(np.r_[history_years, years], np.r_[history, projected])


def minimum_wage_series(base_year: int, years: np.ndarray, projected: np.ndarray) -> IndexSeries:
    """Minimum wage (LAK per month, annual averages): decreed history, then the projection."""
    history = econ.minimum_wage_history(2020, base_year + 1)
    history_years = np.arange(2020, base_year + 1)
    values = np.asarray([float(history[y]) for y in history_years])
    return IndexSeries(np.r_[history_years, years], np.r_[values, projected])


def constant_series(years: np.ndarray, base_year: int, value: float = 1.0,
                    growth: float = 0.0) -> IndexSeries:
    """An index growing at a constant rate from ``value`` in the base year (for tests)."""
    all_years = np.r_[base_year, years]
    return IndexSeries(all_years, value * (1.0 + growth) ** (all_years - base_year))
