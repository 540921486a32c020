"""``spf_programme``: non-contributory social protection floor benefits, costed as the ILO
Rapid Assessment Protocol (RAP) does.

For programme ``k`` and year ``t`` (population ``N`` at 1 July by sex and age):

.. math::

    B_k(t) &= \\pi_k \\sum_{s \\in S_k} \\sum_{a = a_0}^{a_1} N[t, s, a]
        \\quad \\text{(target group: age band, sex, share poor / disabled / all)} \\\\
    \\text{beneficiaries}_k(t) &= B_k(t)\\; \\phi_k(t)\\, \\tau_k(t)
        \\quad \\text{(take-up, phased in from 0)} \\\\
    \\text{cost}_k(t) &= \\text{beneficiaries}_k(t)\\; b_k(t) \\times 12 \\times (1 + \\alpha_k)

with ``b`` the benefit per month (LAK, indexed from its price year; or a share of the
poverty line moving with consumer prices, of the minimum wage, or of monthly GDP per
capita) and ``alpha`` the administration cost as a share of benefits. Costs are also
expressed as % of GDP and % of government expenditure (:mod:`engine.policies.results`).

The national poverty line is a flagged assumption (``engine/data/lao_pdr/policies.yaml``:
``poverty_line``), as is the default disability prevalence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.policies.eligibility import sex_age_mask
from engine.rules import phases
from engine.scenario.schema_policies import data_default

MONTHS = 12.0


def spf_blocks(scenario) -> list:
    return [b for b in scenario.policies if b.type == "spf_programme"]


@dataclass(frozen=True)
class SPFCosts:
    """RAP costing of the scenario's SPF programmes; arrays (T, K), K programmes in the
    order listed: ``target`` persons, ``beneficiaries`` persons, ``benefit`` LAK per
    beneficiary per month, ``cost`` LAK per year (benefits and administration)."""

    names: tuple[str, ...]
    target: np.ndarray
    beneficiaries: np.ndarray
    benefit: np.ndarray
    cost: np.ndarray


def poverty_line(years: np.ndarray, prices) -> np.ndarray:
    """National poverty line, LAK per person per month (assumption of policies.yaml at 2019
    prices, moved with consumer prices ``prices``, an IndexSeries), (T,)."""
    return float(data_default("poverty_line")) * prices.at(years) / prices.at(2019)


def benefit_level(benefit, start_year: int, years: np.ndarray, *, prices, earnings, minimum_wage: np.ndarray,
                  gdp: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Benefit per beneficiary per month, LAK, (T,). ``prices`` and ``earnings`` are
    IndexSeries, ``minimum_wage`` and ``gdp`` (T,), ``population`` (T,) total at 1 July."""
    if benefit.basis == "lak_per_month":
        if benefit.indexation == "none":
            return np.full(len(years), benefit.amount)
        index = prices if benefit.indexation == "prices" else earnings
        base = benefit.price_year or start_year
        return benefit.amount * index.at(years) / index.at(base)
    if benefit.basis == "poverty_line":
        return benefit.amount * poverty_line(years, prices)
    if benefit.basis == "minimum_wage":
        return benefit.amount * np.asarray(minimum_wage, dtype=float)
    return benefit.amount * np.asarray(gdp, dtype=float) / np.asarray(population, dtype=float) / MONTHS


def target_population(target, population: np.ndarray) -> np.ndarray:
    """Persons in the target group, (T,): ``share x`` the population of the sex and ages."""
    mask = sex_age_mask(target.sex, target.age)
    return target.target_share() * (np.asarray(population) * mask).sum(axis=(1, 2))


def spf_costs(scenario, years: np.ndarray, population: np.ndarray, *, prices, earnings,
              minimum_wage: np.ndarray, gdp: np.ndarray) -> SPFCosts:
    """RAP costs of every spf_programme block (see the module docstring); ``population``
    (T, 2, A) at 1 July."""
    blocks = spf_blocks(scenario)
    n = len(years)
    out = {k: np.zeros((n, len(blocks))) for k in ("target", "beneficiaries", "benefit", "cost")}
    total = np.asarray(population).sum(axis=(1, 2))
    for k, block in enumerate(blocks):
        target = target_population(block.target, population)
        beneficiaries = target * phases(block, years) * block.take_up.values(years)
        benefit = benefit_level(block.benefit, block.start_year, years, prices=prices, earnings=earnings,
                                minimum_wage=minimum_wage, gdp=gdp, population=total)
        out["target"][:, k] = target
        out["beneficiaries"][:, k] = beneficiaries
        out["benefit"][:, k] = benefit
        out["cost"][:, k] = beneficiaries * benefit * MONTHS * (1.0 + block.admin_share)
    return SPFCosts(tuple(b.name for b in blocks), **out)
