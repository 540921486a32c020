"""Contributing members of the three NSSF schemes: the interface between enrolment and funds.

The enrolment stage (:func:`engine.enrolment.dynamics.project_membership`) produces a
:class:`Membership`; the funds stage reads it. Arrays are by projected year ``T``, scheme
(:data:`engine.dims.SCHEMES`: civil_servant, enterprise, voluntary), sex and single age
``A``. The voluntary scheme is also traced by income group ``G`` (the survey income band
of the member's covariate cell, :data:`VoluntaryTrace.groups`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

FLOWS: tuple[str, ...] = ("joins", "transfers", "returns", "lapses", "retirements")
"""Yearly flows of the voluntary scheme, in the order of :attr:`VoluntaryTrace.flows`:
new members from the informal non-members, new members continuing from an enterprise
job, lapsed members resuming payment, active members who stop paying, and members who
reach the exit age."""


@dataclass(frozen=True)
class VoluntaryTrace:
    """The voluntary scheme over a run of years (the projection, or the 2018-2023 back-cast).

    Attributes
    ----------
    years : (T,) calendar years.
    groups : (G,) income-group names (survey income bands at 2020 prices).
    members : (T, G, 2, A) active (contributing) members at 31 December, persons.
    new_members : (T, G, 2, A) persons joining in the year (joins + transfers), persons.
    flows : (T, 5) persons per year, columns :data:`FLOWS`.
    returns, lapses : (T, 2, A) lapsed members resuming payment and active members who
        stop paying in the year, by sex and age at 31 December, persons.
    lapsed : (T,) former members not paying at 31 December, persons.
    eligible : (T,) informal workers at 31 December (the pool members come from), persons.
    final_members, final_lapsed : (C, 2, A) state by covariate cell at the end of the
        last year (the initial state of a following run).
    """

    years: np.ndarray
    groups: tuple[str, ...]
    members: np.ndarray
    new_members: np.ndarray
    flows: np.ndarray
    returns: np.ndarray
    lapses: np.ndarray
    lapsed: np.ndarray
    eligible: np.ndarray
    final_members: np.ndarray
    final_lapsed: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """Active members at 31 December by year, shape (T,)."""
        return self.members.sum(axis=(1, 2, 3))

    @property
    def new_total(self) -> np.ndarray:
        """New members by year, shape (T,)."""
        return self.new_members.sum(axis=(1, 2, 3))

    def at(self, year: int) -> int:
        """Index of a calendar year."""
        hits = np.flatnonzero(self.years == year)
        if hits.size == 0:
            raise KeyError(f"year {year} is not in {int(self.years[0])}..{int(self.years[-1])}")
        return int(hits[0])


@dataclass(frozen=True)
class Membership:
    """Members of each scheme.

    Attributes
    ----------
    active : (T, 3, 2, A) contributing members at 31 December (persons).
    new_members : (T, 3) persons joining each scheme during the year.
    details : extra arrays a stage wants to pass on, keyed by name; each documents its
        own shape. The enrolment stage sets ``new_members_by_age`` (T, 3, 2, A) persons,
        ``workers`` (T, 4) persons at 31 December (civil servants, enterprise employees,
        informal workers, all employed), ``minimum_contribution`` (T,) LAK per month (the
        lowest voluntary contribution before any subsidy) and ``subsidy_share`` (T,) share
        of it paid by the government.
    years : (T,) projected calendar years.
    voluntary : the voluntary scheme in detail over the projected years.
    history : the voluntary scheme over the 2018-2023 back-cast (ends at 31 Dec 2023).
    active_base : (3, 2, A) contributing members at 31 December of the base year (persons),
        or None where the stage does not know them.
    """

    active: np.ndarray
    new_members: np.ndarray
    details: dict[str, np.ndarray] = field(default_factory=dict)
    years: np.ndarray | None = None
    voluntary: VoluntaryTrace | None = None
    history: VoluntaryTrace | None = None
    active_base: np.ndarray | None = None
