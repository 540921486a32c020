"""``reduced_package`` blocks in the funds stage: the voluntary scheme split by package.

A package member pays ``r_j floor`` a month, split over the package's sub-funds
``B_j`` in proportion to the voluntary allocation key ``kappa``; in those sub-funds the
member counts as a voluntary member with the standard-rate equivalent insurable earnings

.. math:: e_j = \\text{floor} \\times r_j \\,/\\, (c \\sum_{f \\in B_j} \\kappa_f)

(``c`` the scheme's standard rate), so that contributions by sub-fund are
``e_j c kappa_f`` for ``f`` in ``B_j`` and 0 elsewhere, and benefits of the covered
branches are those of a member earning ``e_j``: benefits in proportion to what is paid.
Benefits of the sub-funds not covered are not paid to package members (short-term cash
benefits without ``short_term``; no pension service accrues without ``long_term``).

:func:`package_split` gives the split for a run (None where nobody is on a package); in
every year where no package member exists the arrays are left exactly as they were. The
package rate ``r_j`` itself is :func:`engine.rules.package_rate` (the enrolment stage reads
it too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.dims import FUNDS, SCHEMES
from engine.rules import package_rate

def branch_mask(block) -> np.ndarray:
    """(F,) 1.0 for the sub-funds the package covers."""
    return np.array([1.0 if f in block.branches else 0.0 for f in FUNDS])


@dataclass(frozen=True)
class VoluntarySplit:
    """Voluntary members seen by each sub-fund when some are on reduced packages.

    ``members`` (F, T, 2, A): members whose benefits that sub-fund pays (package members
    only in the sub-funds their package covers); ``earnings`` (F, T, 2, A) their average
    monthly insurable earnings (standard-rate equivalents for package members, LAK);
    ``contributions`` (T, F) LAK per year of the voluntary scheme; ``wage_bill`` (T,) LAK per
    year; ``average_earnings`` (T, 2, A) over all voluntary members.
    """

    members: np.ndarray
    earnings: np.ndarray
    contributions: np.ndarray
    wage_bill: np.ndarray
    average_earnings: np.ndarray


def equivalent_earnings(blocks, years: np.ndarray, floor: np.ndarray, standard_rate: np.ndarray,
                        scheme_rate: np.ndarray, keys: np.ndarray, indices=None) -> np.ndarray:
    """``e_j`` (J, T) LAK per month: standard-rate equivalent insurable earnings of package
    ``j``; ``floor`` (T,), ``standard_rate`` (T,) the enrolment rate the package replaces,
    ``scheme_rate`` (T,) the voluntary scheme's contribution rate, ``keys`` (F,)."""
    out = np.zeros((len(blocks), len(years)))
    for j, block in enumerate(blocks):
        phase = np.array([block.phase(int(y)) for y in years])
        covered = float((branch_mask(block) * keys).sum())
        rate = package_rate(block, years, standard_rate, phase, floor, indices)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[j] = np.where(scheme_rate * covered > 0, floor * rate / (scheme_rate * covered), 0.0)
    return out


def split_voluntary(blocks, members: np.ndarray, package_members: np.ndarray, wages: np.ndarray,
                    equivalent: np.ndarray, scheme_rate: np.ndarray, keys: np.ndarray,
                    months: np.ndarray) -> VoluntarySplit:
    """Split the voluntary scheme into regular and package members (see the module docstring).

    ``members`` (T, 2, A) all voluntary members; ``package_members`` (T, J, 2, A);
    ``wages`` (T, 2, A) regular members' monthly insurable earnings; ``equivalent`` (J, T);
    ``scheme_rate`` (T,); ``keys`` (F,) the voluntary allocation key; ``months`` (T,).
    """
    on_package = package_members.sum(axis=1)                                   # (T, 2, A)
    regular = np.maximum(members - on_package, 0.0)
    n_funds = len(FUNDS)
    covered = np.stack([branch_mask(b) for b in blocks]) if blocks else np.zeros((0, n_funds))
    pay_regular = regular * wages                                               # (T, 2, A)
    pay_package = package_members * equivalent.T[:, :, None, None]             # (T, J, 2, A)
    fund_members = np.empty((n_funds,) + members.shape)
    fund_wages = np.empty_like(fund_members)
    fund_pay = np.empty_like(fund_members)
    for f in range(n_funds):
        in_fund = (package_members * covered[None, :, f, None, None]).sum(axis=1)
        fund_members[f] = regular + in_fund
        fund_pay[f] = pay_regular + (pay_package * covered[None, :, f, None, None]).sum(axis=1)
        fund_wages[f] = _ratio(fund_pay[f], fund_members[f], in_fund > 0, wages)
    total_pay = pay_regular + pay_package.sum(axis=1)
    average = _ratio(total_pay, members, on_package > 0, wages)
    rate = np.asarray(scheme_rate, dtype=float)
    contributions = np.stack([fund_pay[f].sum(axis=(1, 2)) * months * rate * keys[f]
                              for f in range(n_funds)], axis=1)
    return VoluntarySplit(fund_members, fund_wages, contributions,
                          total_pay.sum(axis=(1, 2)) * months, average)


def _ratio(pay: np.ndarray, members: np.ndarray, mixed: np.ndarray, wages: np.ndarray) -> np.ndarray:
    """Average earnings ``pay / members`` where package members are present (``mixed``),
    else the regular ``wages`` unchanged (so that nothing moves where no package acts)."""
    use = mixed & (members > 0)
    return np.where(use, pay / np.where(use, members, 1.0), wages)


VOLUNTARY = SCHEMES.index("voluntary")

@dataclass(frozen=True)
class PackageSplit:
    """The voluntary scheme split by package (:class:`VoluntarySplit`)
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
