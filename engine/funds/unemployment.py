"""``unemployment_cover`` blocks in the funds stage: unemployment benefits added to the
voluntary scheme, and the contribution that pays for them.

Without a block the yearly cost of unemployment benefits per LAK of monthly insurable
earnings is ``u_s(t) = i_s(t) m(t) rr(t)`` for scheme ``s`` (claims per member, months per
claim, replacement rate: ``benefits.unemployment``; the voluntary scheme's ``i`` is 0, it
has no unemployment benefit). From the block's start year the voluntary scheme's rate is

.. math:: u_v(t) = u_v^0(t) + \\varphi(t) (i_b m_b rr_b - u_v^0(t))

with the block's claims ``i_b``, months ``m_b``, replacement ``rr_b`` and phase ``phi``.
Regular voluntary members (on no reduced package) pay ``phi(t) c_b(t)`` of their
insurable earnings on top of the scheme's rate; it goes to the short-term sub-fund,
which pays unemployment benefits. Package members are covered only if their package
names unemployment (or short_term); they pay their package's price. The enrolment stage
reads the same added rate in the price of joining (:mod:`engine.policies.enrolment`).
"""

from __future__ import annotations

import numpy as np

from engine.dims import SCHEMES
from engine.rules import added_rate, cover_block, phases

VOLUNTARY = SCHEMES.index("voluntary")


def unemployment_rates(scenario, years: np.ndarray) -> np.ndarray:
    """``u_s(t)`` (T, 3): yearly unemployment benefits per LAK of monthly insurable earnings."""
    ben = scenario.benefits.unemployment
    incidence = np.stack([getattr(ben.incidence_rate, s).values(years) for s in SCHEMES], axis=1)
    out = incidence * (ben.months_per_claim.values(years) * ben.replacement_rate.values(years))[:, None]
    block = cover_block(scenario)
    if block is not None:
        phase = phases(block, years)
        cover = (block.incidence_rate.values(years) * block.months_per_claim.values(years)
                 * block.replacement_rate.values(years))
        out[:, VOLUNTARY] = np.where(phase > 0, out[:, VOLUNTARY] + phase * (cover - out[:, VOLUNTARY]),
                                     out[:, VOLUNTARY])
    return out


def cover_contributions(scenario, years: np.ndarray, regular_pay: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Contributions the block adds, (T,) LAK per year: ``phi c_b x sum M w x months`` over
    regular voluntary members (``regular_pay`` (T, 2, A) LAK per month, ``months`` (T,))."""
    return added_rate(scenario, years) * regular_pay.sum(axis=(1, 2)) * months
