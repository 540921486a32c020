"""The funds stage called from :func:`engine.model.run`."""

from __future__ import annotations

from dataclasses import replace

from engine.funds.inputs import FundsInputs
from engine.funds.membership import provisional_membership
from engine.funds.pensions import pension_ages
from engine.funds.stage import FundsProjection, project_funds
from engine.results import StageResults


def run_funds(scenario, population, labour, economy, membership=None, valuation: bool = True) -> FundsProjection:
    """Schemes, benefits, accounts and NHI from the stages of a run.

    ``population`` is the :class:`engine.demography.PopulationProjection`, ``labour`` the
    :class:`engine.labour.LabourMarket`, ``economy`` the :class:`engine.macro.Economy` and
    ``membership`` the :class:`engine.membership.Membership` of the enrolment stage; without
    one, :func:`engine.funds.membership.provisional_membership` stands in, and the result
    also carries ``active_members`` and ``new_members`` from it (the membership stage's
    variables otherwise).
    """
    rates = population.rates
    provisional = membership is None
    if provisional:
        membership = provisional_membership(labour, rates.survival,
                                            pension_ages(scenario, population.years))
    inputs = FundsInputs.from_run(scenario, population, economy, membership, rates)
    result = project_funds(scenario, inputs, valuation=valuation)
    if not provisional:
        return result
    own = result.results
    members = {"active_members": membership.active.sum(axis=(2, 3)), "new_members": membership.new_members}
    attrs = {"membership": "provisional: labour split x constant coverage rates"}
    return replace(result, results=StageResults(own.stage, {**own.variables, **members}, own.coords,
                                                {**own.attrs, **attrs}, own.base))
