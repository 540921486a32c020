"""Enrolment dynamics: members of the three schemes, year by year, as a :class:`Membership`.

Voluntary scheme (VSS). Informal workers of each sex and age are split into the covariate
cells of :func:`engine.profile.profile.informal_cells`. Each year a non-member of cell ``c``
joins with probability

.. math:: h = \\text{reach}_t \\times \\text{friction}_t \\times A_{t,c} \\times \\Phi(x'\\beta)

- :math:`\\Phi(x'\\beta)`: probit interest (Table 14), income at 2020 prices
  ``income_2020[c] x real wage index`` (real wages: average earnings deflated by prices,
  2020 = 1; see :func:`projection_span`);
- :math:`A_{t,c}` affordability (:func:`affordability`): the share of the cell for whom
  the member's part of the lowest contribution (``contribution_rate x minimum wage x
  (1 - subsidy_share)``, LAK/month) is a tolerable share of the cell's nominal income;
- reach (share informed in the year) and registration friction are scenario levers.

Policy blocks (``policies:``, :mod:`engine.policies`) refine these by covariate cell and
sex-age pattern ``p``: reach (outreach), the lowest contribution (a reduced package's
rate, a contribution_rules floor), the government's share of it (subsidies), the lapse
rate (annual payment, retention), the return rate (retention) and interest (health
quality); :attr:`Span.policy` carries them and the kernel reads ``scale[t, c, p]``. Without
blocks nothing changes. With ``enrolment.awareness`` (projected years only) outreach feeds
an awareness stock that the kernel keeps by cell and adds to the reach
(:class:`engine.scenario.schema_enrolment.Awareness`).

Members lapse, lapsed members return, members leave at the exit age, and a share of the
workers leaving enterprise jobs continues voluntarily; the kernel
(:mod:`engine.kernels.enrolment`) has the formulas.

Back-cast. The projection starts at 31 December 2023. The members of that date come from
running the same dynamics over 2018-2023 from the stock of 31 December 2017
(``enrolment.history``), with, as flagged assumptions:

- informal workers of each year = those of the base population (31 Dec 2023, default
  labour-market assumptions) times the WPP2024 total population of the year over that of
  2023 (the age structure and informal share of 2023 held);
- survival from WPP2024 mortality of each year; enterprise members = the target group of
  end-2023 scaled like the informal workers, times the year's compliance (its path);
- real wages held at their 2020 level (incomes move with consumer prices only);
- reach linear between its values in 2018, 2020 and 2023 (``history.reach_2018`` ...,
  fitted by :mod:`engine.enrolment.calibration`); the published 9 % contribution, no
  subsidy and the embedded default registration friction (the scenario's levers act from
  the first projected year);
- the initial stock spread over cells, sex and age like the joins of 2018; nobody lapsed.

Members are not forced out when a cell's informal workers fall below its members (a cell's
share may shrink with age, or formalisation may shrink the pool): the cell then simply
has no non-members to recruit from.

Compulsory schemes: :mod:`engine.enrolment.compulsory`. The cells as the kernel reads
them: :mod:`engine.enrolment.cell_setup`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import demographic_inputs as demo, economic_inputs as econ
from engine.demography import one_year_survival
from engine.dims import AGES
from engine.enrolment.affordability import affordability
from engine.enrolment.cell_setup import CellSetup, setup_for
from engine.enrolment.compulsory import cohort_inflows, compulsory_active, compulsory_before, enterprise_members
from engine.enrolment.effects import policy_effects
from engine.kernels.enrolment import (
    N_BY_AGE, Q_JOINS, Q_LAPSED, Q_LAPSES, Q_MEMBERS, Q_RETIREMENTS, Q_RETURNS, Q_TRANSFERS,
    project_enrolment, rates_row
)
from engine.labour import LabourMarket, Workforce, default_base_labour, project_labour
from engine.macro import consumer_prices
from engine.membership import Membership, MembershipDetails, VoluntaryTrace
from engine.policies.enrolment import enrolment_details
from engine.policies.leavers import continuing, with_leaver_subsidies
from engine.scenario.schema import Scenario
from engine.scenario.schema_enrolment import default

HISTORY_YEARS = np.arange(2018, 2024)
"""Years of the back-cast; its initial state is at 31 December 2017."""


# ---------------------------------------------------------------------- year inputs
@dataclass(frozen=True)
class Span:
    """Inputs of the dynamics over a run of years, each (T,) or (T, 2, A).

    ``real_wage``: real wage index, 2020 = 1 (the probit's income factor);
    ``nominal_income``: nominal income per unit of 2020-price income (prices x real wages);
    ``minimum_wage``: LAK/month, annual average; ``contribution_rate``, ``subsidy``,
    ``reach``, ``friction``: levers; ``pool``: informal workers (T, 2, A) at 31 December;
    ``survival`` (T, 2, A); ``enterprise``: enterprise-scheme active members (T, 2, A);
    ``policy``: the :class:`engine.policies.enrolment.EnrolmentEffects` of the scenario's
    policy blocks, or None (no blocks: the levers above are all there is); ``awareness``:
    the scenario's awareness stock section in projected years (None: reach is a flow).
    """

    years: np.ndarray
    real_wage: np.ndarray
    nominal_income: np.ndarray
    minimum_wage: np.ndarray
    contribution_rate: np.ndarray
    subsidy: np.ndarray
    reach: np.ndarray
    friction: np.ndarray
    pool: np.ndarray
    survival: np.ndarray
    enterprise: np.ndarray
    policy: object = None
    awareness: object = None

    @property
    def minimum_contribution(self) -> np.ndarray:
        """Lowest monthly contribution before any subsidy, LAK, shape (T,)."""
        return self.contribution_rate * self.minimum_wage

    @property
    def member_contribution(self) -> np.ndarray:
        """What the member pays of it, LAK per month, shape (T,)."""
        return self.minimum_contribution * (1.0 - self.subsidy)


def join_scale(setup: CellSetup, span: Span, threshold: float, spread: float) -> np.ndarray:
    """reach x friction x affordability, shape (T, C); (T, C, P) by sex-age pattern under
    policy blocks (:meth:`engine.policies.enrolment.EnrolmentEffects.scale`)."""
    if span.policy is not None:
        return span.policy.scale(_income(setup, span), span.friction, threshold, spread)
    return span.reach[:, None] * _per_reach(setup, span, threshold, spread)


def _income(setup: CellSetup, span: Span) -> np.ndarray:
    """The cells' nominal income, (T, C) LAK per month."""
    return setup.income_2020[None, :] * span.nominal_income[:, None]


def _per_reach(setup: CellSetup, span: Span, threshold: float, spread: float) -> np.ndarray:
    """friction x affordability without policy blocks, (T, C): the scale per unit of reach."""
    afford = affordability(span.member_contribution[:, None], _income(setup, span), threshold, spread)
    return span.friction[:, None] * afford


def kernel_rates(setup: CellSetup, scenario: Scenario, awareness=None) -> np.ndarray:
    """The kernel's ``rates`` array (:data:`engine.kernels.enrolment.RATES`), with the
    awareness stock of ``awareness`` (an :class:`Awareness` section, or None: off)."""
    e = scenario.enrolment
    base = np.array([scenario.horizon.base_year])
    stock = None if awareness is None else (awareness.decay, awareness.word_of_mouth, awareness.initial)
    return rates_row(beta_below=setup.beta[0], beta_above=setup.beta[1], threshold=setup.threshold,
                     lapse=float(e.lapse_rate.values(base)[0]), return_rate=float(e.return_rate.values(base)[0]),
                     entry_age=e.entry_age, exit_age=e.exit_age, awareness=stock)


def stock_inputs(setup: CellSetup, span: Span, threshold: float, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """The awareness stock's kernel inputs, (T, C, P): the outreach inflow and the scale per
    unit of reach (friction x affordability [x interest multiplier under policy blocks])."""
    if span.policy is not None:
        inflow = span.policy.inflow if span.policy.inflow is not None else np.zeros_like(span.policy.reach)
        return inflow, span.policy.per_reach(_income(setup, span), span.friction, threshold, spread)
    per_reach = _per_reach(setup, span, threshold, spread)[:, :, None]
    return np.zeros_like(per_reach), per_reach


def history_span(scenario: Scenario, reach: tuple[float, ...] | None = None,
                 base: LabourMarket | None = None) -> Span:
    """Inputs of the 2018-2023 back-cast (see the module docstring for the assumptions);
    ``reach`` overrides the history block's reach at its knots (2018, 2020, 2023); ``base``
    is :func:`engine.labour.default_base_labour` (computed when not given)."""
    years = HISTORY_YEARS
    h = scenario.enrolment.history
    knots = np.asarray(h.KNOTS, float)
    reach = np.interp(years, knots, h.reach_values if reach is None else reach)
    base = default_base_labour(scenario) if base is None else base
    totals = demo.wpp_population_totals()
    scale = np.array([totals[int(y)] / totals[scenario.horizon.base_year] for y in years])
    survival, _ = one_year_survival(demo.mortality_rates(years))
    n = len(years)
    prices = consumer_prices(years)
    return Span(
        years=years, real_wage=np.ones(n), nominal_income=prices,
        minimum_wage=econ.minimum_wage_history(int(years[0]), int(years[-1])).to_numpy(float),
        contribution_rate=np.full(n, float(default("contribution_rate"))), subsidy=np.zeros(n),
        reach=reach,
        friction=np.full(n, float(default("registration_friction"))),
        pool=base.informal[0][None] * scale[:, None, None], survival=survival,
        enterprise=enterprise_members(scenario, base, years) * scale[:, None, None],
    )


def projection_span(scenario: Scenario, population, economy, labour: LabourMarket) -> Span:
    """Inputs of the projection, with ``labour`` the split at 31 December of each year.

    Real wage index ``W_t / (CPI_t / CPI_2023)``, with the earnings index ``W`` (base year
    = 1) and prices relative to 2023: real wages of 2023 are taken equal to those of 2020,
    as in the back-cast. Nominal income factor ``W_t CPI_2023`` (2020 = 1).
    """
    years = np.asarray(population.years)
    e = scenario.enrolment
    cpi_base = consumer_prices([scenario.horizon.base_year])[0]
    real_wage = economy.earnings_index * cpi_base / economy.price_index
    policy = policy_effects(scenario, economy, setup_for(scenario).income_2020, economy.earnings_index * cpi_base)
    return Span(
        years=years, real_wage=real_wage, nominal_income=economy.earnings_index * cpi_base,
        minimum_wage=np.asarray(economy.minimum_wage, float),
        contribution_rate=e.contribution_rate.values(years), subsidy=e.subsidy_share.values(years),
        reach=e.reach.values(years), friction=e.registration_friction.values(years),
        pool=labour.informal, survival=population.rates.survival,
        enterprise=enterprise_members(scenario, labour, years),
        policy=policy, awareness=e.awareness,
    )


# -------------------------------------------------------------------------- running
@dataclass(frozen=True)
class VoluntaryState:
    """Voluntary members and lapsed former members (C, 2, A), persons at 31 December."""

    members: np.ndarray
    lapsed: np.ndarray


def run_span(setup: CellSetup, span: Span, scenario: Scenario, start: VoluntaryState, *,
             threshold: float | None = None, continuation: float | None = None,
             engine=project_enrolment, detail: bool = False):
    """Run the voluntary dynamics over ``span`` from the state ``start`` at the end of the
    year before; ``threshold`` and ``continuation`` override the scenario's (calibration).

    Returns the :class:`VoluntaryTrace`; with ``detail`` (and policy blocks in the span)
    also the policy details of :func:`engine.policies.enrolment.enrolment_details`.
    """
    e = scenario.enrolment
    threshold = e.affordability_threshold if threshold is None else threshold
    continuation = e.continuation_share if continuation is None else continuation
    scale = join_scale(setup, span, threshold, e.affordability_spread)
    income = setup.income_2020[None, :] * span.real_wage[:, None]
    transfers = span.enterprise * e.compulsory_leaving_rate * continuing(
        continuation, None if span.policy is None else span.policy.transfer_factor)
    cells = (setup.eta, setup.weight, setup.group)
    years = (income, scale, span.pool, span.survival, transfers)
    policy = span.policy
    n_classes = 0
    shape = scale.shape if scale.ndim == 3 else scale.shape + (1,)
    back = e.return_rate.values(np.asarray(span.years))[:, None, None]
    if policy is not None:
        cells += (policy.klass, policy.pattern)
        years += (policy.shift, policy.lapse)
        n_classes = policy.n_classes if detail else 0
    else:  # the lapse rate of each year of the span, every cell alike
        by_year = e.lapse_rate.values(np.asarray(span.years))
        years += (np.zeros(shape), np.broadcast_to(by_year[:, None, None], shape))
    years += (np.broadcast_to(back, shape) if policy is None or policy.return_rate is None else policy.return_rate,)
    if span.awareness is not None:
        years += stock_inputs(setup, span, threshold, e.affordability_spread)
    out, extra, members, lapsed, *by_class = engine(
        cells, years, kernel_rates(setup, scenario, span.awareness), start.members, start.lapsed,
        len(setup.groups), n_classes=n_classes)
    by_age = out.sum(axis=(2, 3, 4))
    rest = extra.sum(axis=2)
    flows = np.stack([by_age[:, Q_JOINS], by_age[:, Q_TRANSFERS], by_age[:, Q_RETURNS],
                      by_age[:, Q_LAPSES], rest[:, Q_RETIREMENTS - N_BY_AGE]], axis=1)
    trace = VoluntaryTrace(
        years=np.asarray(span.years), groups=setup.groups, members=out[:, Q_MEMBERS],
        new_members=out[:, Q_JOINS] + out[:, Q_TRANSFERS], flows=flows,
        returns=out[:, Q_RETURNS].sum(axis=1), lapses=out[:, Q_LAPSES].sum(axis=1),
        lapsed=rest[:, Q_LAPSED - N_BY_AGE], eligible=span.pool.sum(axis=(1, 2)),
        final_members=members, final_lapsed=lapsed, transfers=out[:, Q_TRANSFERS].sum(axis=1),
    )
    if not detail:
        return trace
    return trace, (enrolment_details(policy, by_class[0]) if by_class else {})


def initial_state(setup: CellSetup, span: Span, scenario: Scenario, *,
                  threshold: float | None = None) -> VoluntaryState:
    """Members (C, 2, A) at 31 Dec 2017, spread like the joins of 2018; nobody lapsed."""
    e = scenario.enrolment
    threshold = e.affordability_threshold if threshold is None else threshold
    scale = join_scale(setup, span, threshold, e.affordability_spread)[0]
    eligible = (AGES >= e.entry_age) & (AGES < e.exit_age)
    joins = span.pool[0][None] * setup.weight * scale[:, None, None] \
        * setup.interest(span.real_wage[0]) * eligible
    members = e.history.initial_members * joins / joins.sum()
    return VoluntaryState(members, np.zeros_like(members))


def run_history(scenario: Scenario, setup: CellSetup | None = None,
                base: LabourMarket | None = None) -> VoluntaryTrace:
    """The 2018-2023 back-cast of the voluntary scheme under the scenario's history block
    (``base``: :func:`engine.labour.default_base_labour`, computed when not given)."""
    setup = setup or setup_for(scenario)
    span = history_span(scenario, base=base)
    return run_span(setup, span, scenario, initial_state(setup, span, scenario))


def project_membership(scenario: Scenario, population, economy, workforce: Workforce | None = None) -> Membership:
    """Members of the three schemes over the projected years (see the module docstring).

    Parameters
    ----------
    scenario : the validated scenario.
    population : :class:`engine.demography.PopulationProjection`.
    economy : :class:`engine.macro.Economy` (price and earnings indices, minimum wage).
    workforce : the run's :class:`engine.labour.Workforce` (its year-end and default-base
        splits projected here when not given).
    """
    if workforce is None:  # a caller without the run's workforce: project only what is read here
        labour = project_labour(scenario, np.asarray(population.years), population.year_end)
        base = default_base_labour(scenario)
    else:
        labour, base = workforce.year_end, workforce.default_base
    setup = setup_for(scenario)
    history = run_history(scenario, setup, base)
    span = projection_span(scenario, population, economy, labour)
    start = VoluntaryState(history.final_members, history.final_lapsed)
    voluntary, policy_details = run_span(setup, span, scenario, start, detail=True)
    policy_details = with_leaver_subsidies(scenario, span.years, voluntary.transfers, span.survival, span.policy,
                                           policy_details or None)

    compulsory = compulsory_active(scenario, labour)
    before = compulsory_before(scenario, base)
    compulsory_new = cohort_inflows(compulsory, before, span.survival)

    voluntary_by_age = voluntary.members.sum(axis=1)
    active = np.concatenate([compulsory, voluntary_by_age[:, None]], axis=1)
    new_by_age = np.concatenate([compulsory_new, voluntary.new_members.sum(axis=1)[:, None]], axis=1)
    workers = np.stack([labour.civil_servants.sum(axis=(1, 2)), labour.enterprise.sum(axis=(1, 2)),
                        labour.informal.sum(axis=(1, 2)), labour.employed.sum(axis=(1, 2))], axis=1)
    details = MembershipDetails(new_members_by_age=new_by_age, workers=workers,
                                minimum_contribution=span.minimum_contribution, subsidy_share=span.subsidy,
                                policy=policy_details or None, transfers=voluntary.transfers)
    active_base = np.concatenate([before, history.final_members.sum(axis=0)[None]])
    return Membership(active=active, new_members=new_by_age.sum(axis=(2, 3)), details=details,
                      years=span.years, voluntary=voluntary, history=history, active_base=active_base)


__all__ = [
    "HISTORY_YEARS", "Span", "VoluntaryState", "history_span", "initial_state",
    "join_scale", "kernel_rates", "project_membership", "projection_span", "run_history", "run_span",
    "stock_inputs",
]
