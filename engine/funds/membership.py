"""A provisional :class:`~engine.membership.Membership` from the labour-market split.

Used by :func:`engine.model.run` only while the run has no membership from the enrolment
stage. Contributing members at 31 December of year t, scheme s, sex x, age a:

``M[t, s, x, a] = phi_s L_s[t, x, a]`` for ages 15 to the pension age - 1 (15 to 59 for the
voluntary scheme, whose members are aged 14 to 60: Oxfam in Laos 2021), with ``L`` the civil
servants, enterprise employees or informal workers of the labour stage (1 July) and
``phi_s`` a constant coverage rate set so that the first projected year matches the NSSF
members at the end of 2023 (353,962: civil servants 49.3 %, enterprise 43.1 %, voluntary
26,793; ILO/WIEGO 2024). New members: ``sum_a max(0, M[t, a] - M[t-1, a-1] S[t, a-1])``.
"""

from __future__ import annotations

import numpy as np

from engine import economic_inputs as econ
from engine.dims import AGES, SCHEMES
from engine.membership import Membership, MembershipDetails

MIN_AGE, VOLUNTARY_MAX_AGE = 15, 59


def members_end_2023() -> np.ndarray:
    """NSSF contributing members at 31 December 2023 by scheme (persons), shape (3,)."""
    total = float(econ.entry("insured_members")["value"])
    shares = econ.entry("insured_members_scheme_share")["value"]
    voluntary = float(econ.entry("voluntary_members")["value"])
    return np.array([total * shares["civil_servant"], total * shares["enterprise"], voluntary])


def provisional_membership(labour, survival: np.ndarray, pension_ages: np.ndarray) -> Membership:
    """Members from the labour split with constant coverage rates (see the module docstring).

    ``labour`` is a :class:`engine.labour.LabourMarket`; ``survival`` (T, 2, A);
    ``pension_ages`` (T, 3, 2) whole years.
    """
    pools = [labour.civil_servants, labour.enterprise, labour.informal]
    n_years = labour.employed.shape[0]
    active = np.zeros((n_years, len(SCHEMES)) + labour.employed.shape[1:])
    for s, pool in enumerate(pools):
        top = np.full(pension_ages[:, s].shape, VOLUNTARY_MAX_AGE + 1) if s == 2 else pension_ages[:, s]
        eligible = (AGES[None, None, :] >= MIN_AGE) & (AGES[None, None, :] < top[:, :, None])
        active[:, s] = pool * eligible
    first = active[0].sum(axis=(1, 2))
    rate = np.divide(members_end_2023(), first, out=np.zeros(len(SCHEMES)), where=first > 0)
    active *= rate[None, :, None, None]
    previous = np.concatenate([active[:1], active[:-1]], axis=0)
    aged = np.zeros_like(previous)
    aged[..., 1:] = previous[..., :-1] * survival[:, None, :, :-1]
    joining = np.maximum(active - aged, 0.0).sum(axis=(2, 3))
    return Membership(active=active, new_members=joining,
                      details=MembershipDetails(coverage_rate=rate))
