"""``reduced_package`` blocks in the funds stage: the voluntary scheme split by package.

A package ``j`` covers whole sub-funds or single benefit branches ``C_j``. Its member pays
``r_j floor`` a month. The covered share of sub-fund ``f`` is ``s_jf = 1`` where the
package covers all of ``f`` (health: named), else ``s_jf = sum_{b in C_j, b in f} sigma_b``
with ``sigma_b`` the branch's share of its sub-fund (:func:`branch_shares`). The member
counts in the covered branches as a voluntary member with the standard-rate equivalent
insurable earnings

.. math:: e_j = \\text{floor} \\times r_j \\,/\\, (c \\sum_f \\kappa_f s_{jf})

(``c`` the scheme's standard rate, ``kappa`` the voluntary allocation key), so that the
package's contribution goes to sub-fund ``f`` as ``e_j c kappa_f s_jf`` (the shares sum to
``r_j floor``), and each covered branch pays the benefits of a member earning ``e_j``:
benefits in proportion to what is paid. Branches not covered pay package members nothing;
pension service accrues only on packages paying old age as a pension (which then cover
disability and survivors too, the kernel projecting them together). With
``old_age: lump_sum`` the old-age contribution ``e_j c kappa_LT s_jLT`` is accumulated at
the fund's return and paid at the pension age (:mod:`engine.funds.lump_sums`).

Allocation rule ``sigma_b`` (documented assumption): short-term branches in proportion to
their expected cost in the voluntary scheme that year (the benefit rules applied to all
voluntary members at their earnings; equal shares where that cost is nil, and where the
named branches cost nothing, their count over five, so that the contribution always
reaches the short-term sub-fund); in the
long-term sub-fund old age as a lump sum takes the package's ``old_age_share``
(default ``package_old_age_share`` in ``policies.yaml``, an assumption), old age as a
pension with disability and survivors the whole.

:func:`package_split` gives the split for a run (None where nobody is on a package); in
every year where no package member exists the arrays are left exactly as they were. The
package rate ``r_j`` itself is :func:`engine.rules.package_rate` (the enrolment stage reads
it too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.dims import FUNDS, SCHEMES
from engine.funds.benefits import SHORT_TERM_BRANCHES, short_term_benefits
from engine.rules import package_rate, phases

VOLUNTARY = SCHEMES.index("voluntary")
LONG_TERM = FUNDS.index("long_term")


def kernel_member(block) -> bool:
    """Whether the package's members accrue pension service (old age as a pension)."""
    return "old_age" in block.benefit_branches() and block.old_age == "pension"


def lump_sum_member(block) -> bool:
    return "old_age" in block.benefit_branches() and block.old_age == "lump_sum"


def branch_shares(scenario, inputs, wages: np.ndarray) -> dict[str, np.ndarray]:
    """``sigma_b`` (T,) of each short-term branch: its expected cost in the voluntary scheme,
    ``B_b / sum B`` (:func:`engine.funds.benefits.short_term_benefits` on all voluntary
    members at ``wages`` (T, 3, 2, A)), equal shares in years without cost."""
    cost = short_term_benefits(scenario, inputs, wages)
    by_branch = np.stack([cost[b][:, VOLUNTARY] for b in SHORT_TERM_BRANCHES])        # (B, T)
    total = by_branch.sum(axis=0)
    equal = np.full_like(by_branch, 1.0 / len(SHORT_TERM_BRANCHES))
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(total > 0, by_branch / np.where(total > 0, total, 1.0), equal)
    return dict(zip(SHORT_TERM_BRANCHES, shares))


def covered_shares(block, shares: dict[str, np.ndarray], n_years: int) -> np.ndarray:
    """``s_jf`` (T, F): share of sub-fund ``f`` the package covers (see the module docstring)."""
    named = block.benefit_branches()
    out = np.zeros((n_years, len(FUNDS)))
    out[:, FUNDS.index("health")] = 1.0 if block.covers_health else 0.0
    short = [b for b in SHORT_TERM_BRANCHES if b in named]
    st = FUNDS.index("short_term")
    if len(short) == len(SHORT_TERM_BRANCHES):
        out[:, st] = 1.0
    elif short:
        named_share = np.sum([shares[b] for b in short], axis=0)
        out[:, st] = np.where(named_share > 0, named_share, len(short) / len(SHORT_TERM_BRANCHES))
    if kernel_member(block):
        out[:, LONG_TERM] = 1.0
    elif lump_sum_member(block):
        out[:, LONG_TERM] = block.old_age_share
    return out


@dataclass(frozen=True)
class VoluntarySplit:
    """Voluntary members seen by the funds stage when some are on reduced packages.

    ``members`` (T, 2, A) and ``earnings`` (T, 2, A): members accruing pension service and
    their average monthly insurable earnings (standard-rate equivalents for package
    members, LAK); ``branch_pay`` short-term branch -> (T, 2, A) monthly insurable earnings
    of the members it covers, LAK; ``regular_pay`` (T, 2, A) that of members on no package;
    ``contributions`` (T, F) LAK per year; ``lump_sum_contributions`` (T, 2, A) LAK per year
    credited to lump-sum accounts; ``wage_bill`` (T,) LAK per year; ``average_earnings``
    (T, 2, A) over all voluntary members.
    """

    members: np.ndarray
    earnings: np.ndarray
    branch_pay: dict
    regular_pay: np.ndarray
    contributions: np.ndarray
    lump_sum_contributions: np.ndarray
    wage_bill: np.ndarray
    average_earnings: np.ndarray


def equivalent_earnings(blocks, years: np.ndarray, floor: np.ndarray, standard_rate: np.ndarray,
                        scheme_rate: np.ndarray, weights: np.ndarray, indices=None) -> np.ndarray:
    """``e_j`` (J, T) LAK per month: standard-rate equivalent insurable earnings of package
    ``j``; ``floor`` (T,), ``standard_rate`` (T,) the enrolment rate the package replaces,
    ``scheme_rate`` (T,) the voluntary scheme's contribution rate, ``weights`` (J, T)
    ``sum_f kappa_f s_jf``."""
    out = np.zeros((len(blocks), len(years)))
    for j, block in enumerate(blocks):
        phase = phases(block, years)
        rate = package_rate(block, years, standard_rate, phase, floor, indices)
        covered = scheme_rate * weights[j]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[j] = np.where(covered > 0, floor * rate / np.where(covered > 0, covered, 1.0), 0.0)
    return out


def split_voluntary(blocks, members: np.ndarray, package_members: np.ndarray, wages: np.ndarray,
                    equivalent: np.ndarray, rate_by_fund: np.ndarray, covered: np.ndarray,
                    months: np.ndarray) -> VoluntarySplit:
    """Split the voluntary scheme into regular and package members (see the module docstring).

    ``members`` (T, 2, A) all voluntary members; ``package_members`` (T, J, 2, A);
    ``wages`` (T, 2, A) regular members' monthly insurable earnings; ``equivalent`` (J, T);
    ``rate_by_fund`` (T, F) ``c kappa_f``; ``covered`` (J, T, F) ``s_jf``; ``months`` (T,).
    """
    on_package = package_members.sum(axis=1)                                   # (T, 2, A)
    regular = np.maximum(members - on_package, 0.0)
    pay_regular = regular * wages                                               # (T, 2, A)
    pay_package = package_members * equivalent.T[:, :, None, None]             # (T, J, 2, A)

    def covering(flags) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Package members, all members and their pay (T, 2, A): regular members and the
        packages flagged."""
        flag = np.asarray(flags, dtype=float)[None, :, None, None]
        on = (package_members * flag).sum(axis=1)
        return on, regular + on, pay_regular + (pay_package * flag).sum(axis=1)

    on_kernel, in_kernel, kernel_pay = covering([kernel_member(b) for b in blocks])
    branch_pay = {b: covering([b in blk.benefit_branches() for blk in blocks])[2] for b in SHORT_TERM_BRANCHES}
    total_pay = pay_regular + pay_package.sum(axis=1)
    regular_by_fund = pay_regular.sum(axis=(1, 2))[:, None] * rate_by_fund      # (T, F)
    package_by_fund = np.einsum("tj,jtf->tf", pay_package.sum(axis=(2, 3)), covered) * rate_by_fund
    contributions = (regular_by_fund + package_by_fund) * months[:, None]
    lump = np.array([lump_sum_member(b) for b in blocks], dtype=float)
    lump_rate = covered[:, :, LONG_TERM].T * rate_by_fund[:, LONG_TERM][:, None] * lump[None, :]   # (T, J)
    lump_contributions = (pay_package * lump_rate[:, :, None, None]).sum(axis=1) * months[:, None, None]
    return VoluntarySplit(in_kernel, _ratio(kernel_pay, in_kernel, on_kernel > 0, wages), branch_pay,
                          pay_regular, contributions, lump_contributions,
                          total_pay.sum(axis=(1, 2)) * months,
                          _ratio(total_pay, members, on_package > 0, wages))


def _ratio(pay: np.ndarray, members: np.ndarray, mixed: np.ndarray, wages: np.ndarray) -> np.ndarray:
    """Average earnings ``pay / members`` where package members are present (``mixed``),
    else the regular ``wages`` unchanged (so that nothing moves where no package acts)."""
    use = mixed & (members > 0)
    return np.where(use, pay / np.where(use, members, 1.0), wages)


@dataclass(frozen=True)
class PackageSplit:
    """The voluntary scheme split by package (:class:`VoluntarySplit`)
    and ``acting`` (T,) the years with package members."""

    split: VoluntarySplit
    acting: np.ndarray

    def contributions(self, wage_bill: np.ndarray, contributions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Wage bill (T, 3) and contributions (T, 3, F) with the voluntary row replaced in
        the years with package members."""
        wage_bill, contributions = wage_bill.copy(), contributions.copy()
        act = self.acting
        wage_bill[act, VOLUNTARY] = self.split.wage_bill[act]
        contributions[act, VOLUNTARY] = self.split.contributions[act]
        return wage_bill, contributions

    def for_pensions(self, inputs, earnings):
        """``(inputs, earnings)`` whose voluntary members and earnings are those accruing
        pension service (:class:`engine.funds.FundsInputs`,
        :class:`engine.funds.InsurableEarnings`)."""
        by_age = earnings.by_age.copy()
        by_age[1:, VOLUNTARY] = self.split.earnings
        return inputs.with_voluntary_members(self.split.members), replace(earnings, by_age=by_age)

    def voluntary_pay(self) -> dict[str, np.ndarray]:
        """Short-term branch -> (T, 2, A) monthly insurable earnings of the voluntary
        members it covers, LAK."""
        return self.split.branch_pay

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
    shares = branch_shares(scenario, inputs, earnings.projected)
    covered = np.stack([covered_shares(b, shares, len(years)) for b in blocks])   # (J, T, F)
    weights = (covered * keys[None, None, :]).sum(axis=2)
    equivalent = equivalent_earnings(blocks, years, floor, scenario.enrolment.contribution_rate.values(years),
                                     scheme_rate, weights, inputs.indices)
    split = split_voluntary(blocks, inputs.active[:, VOLUNTARY], members_on, earnings.projected[:, VOLUNTARY],
                            equivalent, scheme_rate[:, None] * keys[None, :], covered,
                            vol.months_paid.values(years))
    return PackageSplit(split, members_on.sum(axis=(1, 2, 3)) > 0)
