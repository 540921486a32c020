"""Leavers of enterprise jobs who continue voluntarily: their stock, and the subsidy for them.

The stock of leavers is carried outside the kernel (:mod:`engine.leaver_stock`).

Subsidy for leavers (``contribution_subsidy`` with ``applies_to: leavers``). Block ``k``
pays the share ``s_k[t]`` (its share, or ``min(1, a_t / C_t)`` for an amount; phased in) of
the lowest contribution ``C_t = rate x floor`` (LAK per month) of every member who left an
enterprise job from its start year on, for ``w = years_after_leaving`` years (``w_j = 1``
for ``j < w``, cohorts from the start year): subsidised leavers ``K_k[t]``, a cost of
``K_k[t] s_k[t] C_t`` a month. Its effect: the share of leavers who continue rises with the
price they face, through the affordability curve of the enrolment stage
(:func:`engine.enrolment.affordability.affordability`) at the enterprise average earnings
``Y_t`` (LAK per month):

.. math:: c'_t = \\min\\big(1,\\; c\\, A(C_t (1 - S^L_t) / Y_t) / A(C_t / Y_t)\\big), \\quad S^L_t = \\min(1, \\textstyle\\sum_k s_k[t])

(``c`` the calibrated continuation share). ASSUMPTION (flagged): leavers judge the price
on their former average earnings, and their continuation responds to it as the
affordability of non-members does; a leaver in a cell a members' subsidy also reaches is
counted by both.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from engine.enrolment.affordability import affordability
from engine.leaver_stock import leaver_stock, transfer_lapse
from engine.rules import phases


def is_leaver_block(block) -> bool:
    return block.type == "contribution_subsidy" and getattr(block, "applies_to", "members") == "leavers"


def leaver_share(block, years: np.ndarray, full: np.ndarray, indices) -> np.ndarray:
    """``s_k[t]``: the block's share of the lowest contribution ``full`` (T,), phased, (T,)."""
    phase = phases(block, years)
    if block.share is not None:
        return phase * block.share.values(years)
    factor = indices.factor(block.indexation, years, block.price_year or block.start_year)
    amount = block.amount_lak.values(years) * factor
    with np.errstate(divide="ignore", invalid="ignore"):
        return phase * np.where(full > 0, np.minimum(1.0, amount / full), 0.0)


def transfer_factor(scenario, years: np.ndarray, shares: np.ndarray, full: np.ndarray, indices) -> np.ndarray | None:
    """``A(C (1 - S^L) / Y) / A(C / Y)`` by year (T,), None without leaver blocks;
    ``shares`` (L, T) the leaver blocks' ``s_k``."""
    if len(shares) == 0:
        return None
    e = scenario.enrolment
    wage = scenario.schemes.enterprise.average_earnings * indices.factor("earnings", years, scenario.horizon.base_year)
    total = np.minimum(1.0, np.sum(shares, axis=0))
    before = affordability(full, wage, e.affordability_threshold, e.affordability_spread)
    after = affordability(full * (1.0 - total), wage, e.affordability_threshold, e.affordability_spread)
    return np.where(total > 0, after / before, 1.0)


def continuing(continuation: float, factor) -> np.ndarray | float:
    """``min(1, c f)``: the share of leavers who continue (``c`` without leaver blocks)."""
    return continuation if factor is None else np.minimum(1.0, continuation * np.asarray(factor))[:, None, None]


def subsidised_leavers(scenario, block, years: np.ndarray, transfers: np.ndarray, survival: np.ndarray) -> np.ndarray:
    """``K_k[t]``: members who left an enterprise job from the block's start year and within
    ``years_after_leaving`` years, (T,) persons."""
    first = int(np.searchsorted(years, block.start_year))
    stock = leaver_stock(transfers, survival, transfer_lapse(scenario, years), np.ones(block.years_after_leaving),
                         scenario.enrolment.exit_age, first)
    return stock.sum(axis=(1, 2))


def with_leaver_subsidies(scenario, years: np.ndarray, transfers: np.ndarray, survival: np.ndarray,
                          effects, details):
    """``details`` (:class:`engine.membership.PolicyDetails`) with the leaver blocks added:
    their subsidised members and monthly payment in the block columns (in the order of the
    scenario's contribution_subsidy blocks) and in the totals."""
    if details is None or effects is None or effects.leaver_shares is None or len(effects.leaver_shares) == 0:
        return details
    subsidies = [b for b in scenario.policies if b.type == "contribution_subsidy"]
    n = len(years)
    members = np.zeros((n, len(subsidies)))
    per_month = np.zeros((n, len(subsidies)))
    cells, leavers = iter(range(details.block_subsidised_members.shape[1])), iter(range(len(effects.leaver_shares)))
    for k, block in enumerate(subsidies):
        if is_leaver_block(block):
            j = next(leavers)
            members[:, k] = subsidised_leavers(scenario, block, years, transfers, survival)
            per_month[:, k] = members[:, k] * effects.leaver_shares[j] * effects.leaver_contribution
        else:
            j = next(cells)
            members[:, k] = details.block_subsidised_members[:, j]
            per_month[:, k] = details.block_subsidy_per_month[:, j]
    leaver_columns = [k for k, b in enumerate(subsidies) if is_leaver_block(b)]
    return replace(details, block_subsidised_members=members, block_subsidy_per_month=per_month,
                   subsidised_members=details.subsidised_members + members[:, leaver_columns].sum(axis=1),
                   subsidy_per_month=details.subsidy_per_month + per_month[:, leaver_columns].sum(axis=1))
