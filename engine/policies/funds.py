"""What the policy blocks change in the funds stage.

- :func:`with_benefit_changes` (benefit_change blocks) rewrites the benefit rules;
- :func:`engine.rules.earnings_bounds` (contribution_rules blocks) moves the floor
  and ceiling of insurable earnings (called by :func:`engine.funds.insurable_earnings`);
- :func:`package_split` (reduced_package blocks) splits the voluntary scheme into regular
  and package members: contributions by sub-fund follow each package's branches, and
  each sub-fund pays benefits to the members it covers (:mod:`engine.policies.package`);

In every year where no package member exists the arrays are left exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.dims import FUNDS, SCHEMES
from engine.policies.package import equivalent_earnings, split_voluntary
from engine.rules import with_benefit_changes

VOLUNTARY = SCHEMES.index("voluntary")

__all__ = ["PackageSplit", "package_split", "with_benefit_changes"]


@dataclass(frozen=True)
class PackageSplit:
    """The voluntary scheme split by package (:class:`engine.policies.package.VoluntarySplit`)
    and ``acting`` (T,) the years with package members."""

    split: object
    acting: np.ndarray

    def contributions(self, wage_bill: np.ndarray, contributions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Wage bill (T, 3) and contributions (T, 3, F) with the voluntary row replaced in
        the years with package members."""
        wage_bill, contributions = wage_bill.copy(), contributions.copy()
        act = self.acting
        wage_bill[act, VOLUNTARY] = self.split.wage_bill[act]
        contributions[act, VOLUNTARY] = self.split.contributions[act]
        return wage_bill, contributions

    def for_fund(self, fund: str, inputs, earnings):
        """``(inputs, earnings)`` whose voluntary members and earnings are those the
        sub-fund ``fund`` pays benefits to (:class:`engine.funds.FundsInputs`,
        :class:`engine.funds.InsurableEarnings`)."""
        f = FUNDS.index(fund)
        by_age = earnings.by_age.copy()
        by_age[1:, VOLUNTARY] = self.split.earnings[f]
        return inputs.with_voluntary_members(self.split.members[f]), replace(earnings, by_age=by_age)

    def average_wages(self, wages: np.ndarray) -> np.ndarray:
        """(T, 3, 2, A) monthly insurable earnings with the voluntary average over all members."""
        out = wages.copy()
        out[:, VOLUNTARY] = self.split.average_earnings
        return out


def package_split(scenario, inputs, earnings, voluntary_floor: np.ndarray | None = None) -> PackageSplit | None:
    """The voluntary scheme split by reduced package, or None when nobody is on one.

    ``inputs`` the :class:`engine.funds.FundsInputs` (``details.policy.package_members``
    (T, J, 2, A) from the enrolment stage), ``earnings`` the
    :class:`engine.funds.InsurableEarnings`; ``voluntary_floor`` (T,) LAK per month
    (default the floor of ``earnings``).
    """
    policy = inputs.details.policy
    members_on = None if policy is None else policy.package_members
    blocks = [b for b in scenario.policies if b.type == "reduced_package"]
    if members_on is None or members_on.size == 0 or not blocks or not np.any(members_on > 0):
        return None
    years = inputs.years
    if voluntary_floor is None:
        own = getattr(earnings, "voluntary_floor", None)
        voluntary_floor = (earnings.floor if own is None else own)[1:]
    floor = np.asarray(voluntary_floor, dtype=float)
    vol = scenario.schemes.voluntary
    scheme_rate = vol.employer_rate.values(years) + vol.employee_rate.values(years)
    keys = np.array([getattr(vol.allocation, f) for f in FUNDS], dtype=float)
    keys = keys / keys.sum()
    equivalent = equivalent_earnings(blocks, years, floor, scenario.enrolment.contribution_rate.values(years),
                                     scheme_rate, keys, inputs.indices)
    split = split_voluntary(blocks, inputs.active[:, VOLUNTARY], members_on, earnings.projected[:, VOLUNTARY],
                            equivalent, scheme_rate, keys, vol.months_paid.values(years))
    return PackageSplit(split, members_on.sum(axis=(1, 2, 3)) > 0)
