"""What the funds stage reads from the stages before it.

:class:`FundsInputs` gathers the arrays the schemes, benefits and accounts need, so that
the stage can run from a full projection (:meth:`FundsInputs.from_run`) or from arrays a
test builds by hand (a stationary population, constant flows). The price, earnings and
minimum-wage indices with their history are the economy's (:mod:`engine.macro`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from engine.macro import IndexSeries, MoneyIndices
from engine.membership import MembershipDetails


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
    details : what the membership stage passes on (:class:`engine.membership.MembershipDetails`).
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
    details: MembershipDetails = field(default_factory=MembershipDetails)
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
    def indices(self) -> MoneyIndices:
        """The price, earnings and minimum-wage indices with their history."""
        return MoneyIndices(prices=self.prices, earnings=self.earnings, minimum_wage=self.minimum_wage)

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
            prices=economy.indices.prices, earnings=economy.indices.earnings,
            minimum_wage=economy.indices.minimum_wage,
            gdp=economy.gdp, inflation=economy.inflation, details=membership.details,
            lapses=lapses, returns=returns, lapsed_base=lapsed,
            government_expenditure=np.asarray(economy.government_expenditure, dtype=np.float64),
            active_base=membership.active_base,
            gdp_base=float(economy.base["gdp"]) if "gdp" in economy.base else None,
        )


def constant_series(years: np.ndarray, base_year: int, value: float = 1.0,
                    growth: float = 0.0) -> IndexSeries:
    """An index growing at a constant rate from ``value`` in the base year (for tests)."""
    all_years = np.r_[base_year, years]
    return IndexSeries(all_years, value * (1.0 + growth) ** (all_years - base_year))
