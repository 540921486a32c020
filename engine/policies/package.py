"""``reduced_package``: a lower contribution for fewer sub-funds, paid annually or seasonally.

Enrolment. Members of an eligible cell and pattern are on package ``j`` from its start
year (the first listed package where several apply). Their lowest contribution is
``r_j(t) x floor_t`` instead of ``rate_t x floor_t`` (a package stated as a fixed amount
``a_t`` LAK a month has ``rate_j = a_t / floor_t``), with the package rate moving
linearly from the standard rate to the stated one over the phase-in years:
``r_j(t) = rate_t + phi_j(t) (rate_j - rate_t)``. With an annual or seasonal payment
their lapse rate is multiplied by ``m_seasonal`` (yearly and after-work earners: a
flagged assumption) or ``m_other``, phased in the same way.

Funds. A package member pays ``r_j floor`` a month, split over the package's sub-funds
``B_j`` in proportion to the voluntary allocation key ``kappa``; in those sub-funds the
member counts as a voluntary member with the standard-rate equivalent insurable earnings

.. math:: e_j = \\text{floor} \\times r_j \\,/\\, (c \\sum_{f \\in B_j} \\kappa_f)

(``c`` the scheme's standard rate), so that contributions by sub-fund are
``e_j c kappa_f`` for ``f`` in ``B_j`` and 0 elsewhere, and benefits of the covered
branches are those of a member earning ``e_j``: benefits in proportion to what is paid.
Benefits of the sub-funds not covered are not paid to package members (short-term cash
benefits without ``short_term``; no pension service accrues without ``long_term``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import FUNDS


def stated_rate(block, years: np.ndarray, floor: np.ndarray | None = None, indices=None) -> np.ndarray:
    """The package's rate ``rate_j(t)``, (T,): the stated rate, or for a fixed amount
    ``a_t / floor_t`` with ``a_t = a x I_t / I_{t0}`` (``indices`` a
    :class:`engine.policies.subsidy.MoneyIndices`, ``t0`` the price year)."""
    if block.rate is not None:
        return block.rate.values(years)
    factor = indices.factor(block.indexation, years, block.price_year or block.start_year)
    floor = np.asarray(floor, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(floor > 0, block.amount_lak.values(years) * factor / floor, 0.0)


def package_rate(block, years: np.ndarray, standard_rate: np.ndarray, phase: np.ndarray,
                 floor: np.ndarray | None = None, indices=None) -> np.ndarray:
    """``r_j(t) = rate_t + phi_j(t) (rate_j(t) - rate_t)``, (T,); ``floor`` (T,) LAK per month
    and ``indices`` are needed for a fixed amount (:func:`stated_rate`)."""
    standard_rate = np.asarray(standard_rate, dtype=float)
    return standard_rate + phase * (stated_rate(block, years, floor, indices) - standard_rate)


def lapse_multiplier(block, seasonal: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """Multiplier of the lapse rate for package members, (T, C): ``1 + phi (m - 1)`` with
    ``m`` the seasonal multiplier for seasonal cells (annual or seasonal payment), else the
    other multiplier."""
    annual = block.payment in ("annual", "seasonal")
    seasonal_m = block.seasonal_lapse_multiplier if annual else 1.0
    m = np.where(np.asarray(seasonal, dtype=bool), seasonal_m, block.other_lapse_multiplier)
    return 1.0 + phase[:, None] * (m[None, :] - 1.0)


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
