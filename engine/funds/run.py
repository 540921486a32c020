"""The funds stage called from :func:`engine.model.run`."""

from __future__ import annotations

from engine.funds.inputs import FundsInputs
from engine.funds.membership import provisional_membership
from engine.funds.pensions import pension_ages
from engine.funds.stage import FundsProjection, project_funds


def run_funds(scenario, population, labour, economy, membership=None, valuation: bool = True) -> FundsProjection:
    """Schemes, benefits, accounts and NHI from the stages of a run.

    ``population`` is the :class:`engine.demography.PopulationProjection`, ``labour`` the
    :class:`engine.labour.LabourMarket`, ``economy`` the :class:`engine.macro.Economy` and
    ``membership`` the :class:`engine.membership.Membership` of the enrolment stage; without
    one, :func:`engine.funds.membership.provisional_membership` stands in, and the result
    carries ``active_members`` and ``new_members`` from it.
    """
    rates = population.rates
    provisional = membership is None
    if provisional:
        membership = provisional_membership(labour, rates.survival,
                                            pension_ages(scenario, population.years))
    inputs = FundsInputs.from_run(scenario, population, economy, membership, rates)
    result = project_funds(scenario, inputs, valuation=valuation)
    if provisional:
        result.arrays["active_members"] = membership.active.sum(axis=(2, 3))
        result.arrays["new_members"] = membership.new_members
        result.attrs["membership"] = "provisional: labour split x constant coverage rates"
    return result
