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
    transfers : (T, 2, A) leavers of enterprise jobs continuing voluntarily in the year, persons.
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
    transfers: np.ndarray | None = None

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
class PolicyDetails:
    """What the members by policy class tell the later stages
    (:func:`engine.policies.enrolment.enrolment_details`); persons at 31 December, LAK.

    Attributes
    ----------
    subsidy_per_month : (T,) LAK, ``sum M S C`` the government pays per month.
    subsidised_members : (T,) persons with a subsidy share ``S > 0``.
    package_members : (T, J, 2, A) persons on each reduced package.
    outreach_registrations : (T, O) persons registered through each outreach block.
    outreach_acting : (T, O) 1 where the block reaches some cell.
    block_subsidised_members : (T, B) persons to whose contribution subsidy block ``k``
        adds (marginal share > 0).
    block_subsidy_per_month : (T, B) LAK, ``sum M s'_k C``.
    retention_members : (T, R) persons in each retention block's reach.
    retention_acting : (T, R) 1 where the block acts.
    advance_per_month : (T,) LAK x months, ``sum M C x months held in advance`` (runs with
        payment_frequency blocks only; else None).
    """

    subsidy_per_month: np.ndarray
    subsidised_members: np.ndarray
    package_members: np.ndarray
    outreach_registrations: np.ndarray
    outreach_acting: np.ndarray
    block_subsidised_members: np.ndarray
    block_subsidy_per_month: np.ndarray
    retention_members: np.ndarray
    retention_acting: np.ndarray
    advance_per_month: np.ndarray | None = None


@dataclass(frozen=True)
class MembershipDetails:
    """What the membership stage passes on beyond the members themselves; None where the
    stage that made the :class:`Membership` does not know it.

    Attributes
    ----------
    new_members_by_age : (T, 3, 2, A) persons joining each scheme in the year.
    workers : (T, 4) persons at 31 December: civil servants, enterprise employees,
        informal workers, all employed.
    minimum_contribution : (T,) LAK per month, the lowest voluntary contribution before
        any subsidy.
    subsidy_share : (T,) share of it the government pays (the enrolment lever).
    coverage_rate : (3,) members over the labour pool by scheme (provisional membership).
    policy : the policy blocks' quantities (runs with policy blocks), else None.
    transfers : (T, 2, A) leavers of enterprise jobs continuing voluntarily in the year, persons.
    """

    new_members_by_age: np.ndarray | None = None
    workers: np.ndarray | None = None
    minimum_contribution: np.ndarray | None = None
    subsidy_share: np.ndarray | None = None
    coverage_rate: np.ndarray | None = None
    policy: PolicyDetails | None = None
    transfers: np.ndarray | None = None


@dataclass(frozen=True)
class Membership:
    """Members of each scheme.

    Attributes
    ----------
    active : (T, 3, 2, A) contributing members at 31 December (persons).
    new_members : (T, 3) persons joining each scheme during the year.
    details : what the stage passes on beyond the members (:class:`MembershipDetails`).
    years : (T,) projected calendar years.
    voluntary : the voluntary scheme in detail over the projected years.
    history : the voluntary scheme over the 2018-2023 back-cast (ends at 31 Dec 2023).
    active_base : (3, 2, A) contributing members at 31 December of the base year (persons),
        or None where the stage does not know them.
    """

    active: np.ndarray
    new_members: np.ndarray
    details: MembershipDetails = field(default_factory=MembershipDetails)
    years: np.ndarray | None = None
    voluntary: VoluntaryTrace | None = None
    history: VoluntaryTrace | None = None
    active_base: np.ndarray | None = None
