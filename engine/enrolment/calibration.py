"""Calibration of the enrolment model to the observed membership (``laosim calibrate``).

Observations (``engine/data/lao_pdr/membership_history.csv``, rows with use
``calibration``): voluntary members at 31 Dec 2018 (8,007), 9 Nov 2020 (11,492) and
31 Dec 2023 (26,793); 353,962 insured at end-2023 with scheme shares 49.3 / 43.1 / 7.6 %;
38 % of sampled voluntary members came from enterprise jobs; 15 % of surveyed informal
workers could not afford the minimum contribution in 2020.

Method.

1. Compulsory schemes, in closed form: ``coverage = share x 353,962 / workers``, the
   workers being the civil servants (the enterprise scheme's target group: wage employees
   in firms of 10 or more workers, :func:`engine.labour.compulsory_target`) of the base
   population at 31 Dec 2023. That fits the 2023 end of the compliance path; its 2013 point
   (27 % of the target group, seed 003) is an observation, and the path is linear between
   them (:func:`engine.scenario.schema_enrolment.compliance_path`). The check row of
   2018 (300,409 LSSF members) is compared, not fitted (:func:`check_table`).
2. Voluntary scheme: the free intensities ``history.reach_2018``, ``reach_2020``,
   ``reach_2023`` (reach is linear between them), ``affordability_threshold`` and
   ``continuation_share`` (five values for five observations) minimise the sum of squared log
   errors ``log(fitted / observed)`` of the three member counts, of the transfer share
   (transfers over all new members, 2018-2020, compared with the 38 % of sampled members)
   and of the survey's unaffordable share (the survey profile's share unable to pay
   99,000 LAK a month in 2020), by :func:`scipy.optimize.least_squares` over the 2018-2023
   back-cast. The November 2020 count is compared with the model interpolated linearly
   between 31 Dec 2019 and 31 Dec 2020 (day 314 of 366).
3. The projected reach is set to the fitted 2023 level (held constant: an assumption).

Every other enrolment parameter (probit specification, lapse and return rates, friction,
affordability spread, leaving rate, ages) is taken from the scenario as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import yaml
from scipy.optimize import least_squares

from engine.data.files import read_table
from engine.dims import AGES
from engine.enrolment.affordability import affordability
from engine.enrolment.cell_setup import setup_for
from engine.enrolment.compulsory import compulsory_before, enterprise_members
from engine.enrolment.dynamics import history_span, initial_state, run_history, run_span
from engine.errors import InputError, Problem
from engine.labour import default_base_labour
from engine.profile.probit import MINIMUM_WAGE_2020
from engine.profile.profile import informal_cells
from engine.profile.survey import survey_age_distribution
from engine.scenario.params import YearPath
from engine.scenario.schema import Scenario
from engine.scenario.schema_enrolment import Calibration, FitRow, compliance_path, default

FITTED = ("enrolment.history.reach_2018", "enrolment.history.reach_2020", "enrolment.history.reach_2023",
          "enrolment.affordability_threshold", "enrolment.continuation_share", "enrolment.reach",
          "coverage.civil_servant_coverage", "coverage.enterprise_compliance")
"""Dotted keys that a calibration sets."""


@dataclass(frozen=True)
class Observation:
    name: str
    day: date
    scheme: str
    quantity: str
    value: float
    unit: str


@lru_cache(maxsize=None)
def observations(use: str = "calibration") -> tuple[Observation, ...]:
    """Rows of ``membership_history.csv`` with the given use (calibration, check, ...)."""
    frame = read_table("membership_history").frame
    rows = frame[frame["use"] == use]
    return tuple(
        Observation(f"{r.scheme} {r.quantity.replace('_', ' ')} {r.date}", date.fromisoformat(r.date),
                    r.scheme, r.quantity, float(r.value), r.unit)
        for r in rows.itertuples()
    )


def _observed(scheme: str, quantity: str, year: int | None = None) -> Observation:
    for o in observations():
        if o.scheme == scheme and o.quantity == quantity and (year is None or o.day.year == year):
            return o
    raise KeyError(f"membership_history.csv has no calibration row {scheme}/{quantity}/{year}")


@dataclass(frozen=True)
class FitResult:
    """The outcome of :func:`calibrate`: fitted values (by dotted key) and the fit table."""

    values: dict[str, float]
    fit: tuple[FitRow, ...]
    cost: float
    checks: tuple[FitRow, ...] = ()

    def apply(self, scenario: Scenario) -> Scenario:
        """The scenario with the fitted values and the fit record."""
        v = self.values
        e = scenario.enrolment
        history = e.history.model_copy(update={f"reach_{y}": v[f"enrolment.history.reach_{y}"]
                                               for y in e.history.KNOTS})
        enrolment = e.model_copy(update={
            "history": history, "reach": YearPath.constant(v["enrolment.reach"]),
            "affordability_threshold": v["enrolment.affordability_threshold"],
            "continuation_share": v["enrolment.continuation_share"],
            "calibration": Calibration(fitted_parameters=FITTED, fit=self.fit)})
        coverage = scenario.coverage.model_copy(update={
            "civil_servant_coverage": YearPath.constant(v["coverage.civil_servant_coverage"]),
            "enterprise_compliance": compliance_path(v["coverage.enterprise_compliance"])})
        return scenario.model_copy(update={"enrolment": enrolment, "coverage": coverage})

    def as_mapping(self) -> dict:
        """The scenario keys to write (nested mappings), fit table included."""
        v = self.values
        return {
            "enrolment": {
                "reach": v["enrolment.reach"],
                "affordability_threshold": v["enrolment.affordability_threshold"],
                "continuation_share": v["enrolment.continuation_share"],
                "history": {k.rpartition(".")[2]: v[k] for k in FITTED if k.startswith("enrolment.history.")},
                "calibration": {
                    "fitted_parameters": list(FITTED),
                    "fit": [r.model_dump() for r in self.fit],
                },
            },
            "coverage": {"civil_servant_coverage": v["coverage.civil_servant_coverage"],
                         "enterprise_compliance": compliance_path(v["coverage.enterprise_compliance"]).to_plain()},
        }

    def to_yaml(self, header: str = "", base: dict | None = None) -> str:
        """A YAML block of the fitted values and the fit, ready to paste into a scenario;
        ``base`` (other scenario keys) is merged under them."""
        text = yaml.safe_dump(_merge(dict(base or {}), self.as_mapping()), sort_keys=False,
                              default_flow_style=None, width=100)
        return header + text

    def table(self) -> str:
        """The fit as aligned text: observation, observed, fitted, relative error."""
        lines = [f"{'observation':48s} {'observed':>12s} {'fitted':>12s} {'error':>8s}"]
        for r in self.fit:
            lines.append(f"{r.observation:48s} {r.observed:12,.6g} {r.fitted:12,.6g} {r.error:+8.2%}")
        if self.checks:
            lines.append("checks (compared, not fitted):")
            lines += [f"{r.observation:48s} {r.observed:12,.6g} {r.fitted:12,.6g} {r.error:+8.2%}" for r in self.checks]
        return "\n".join(lines)


def _merge(base: dict, top: dict) -> dict:
    """Mappings merged key by key, ``top`` winning."""
    out = dict(base)
    for key, value in top.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def survey_unaffordable_share(threshold: float, spread: float, contribution: float | None = None) -> float:
    """Share of the survey profile unable to afford the 2020 minimum contribution.

    .. math:: U = \\sum_c \\bar w_c \\,(1 - A(C / y_c)), \\quad
              \\bar w_c = \\sum_s \\pi_s \\sum_a g_a\\, w_{s,a,c}

    with the survey province profile ``w``, its age distribution ``g``, its sex shares
    :math:`\\pi` (104 men, 130 women) and ``C`` = 9 % of 1,100,000 LAK (99,000).
    """
    cells = informal_cells("survey")
    counts = read_table("informal_profile_counts").frame
    sexes = counts[counts["variable"] == "sex"].set_index("category")["total"]
    pi = np.array([sexes["male"], sexes["female"]], float)
    pi /= pi.sum()
    weights = cells.weights if cells.age_dependent else cells.weights[:, None, :] * np.ones((1, AGES.size, 1))
    w = np.einsum("s,a,sac->c", pi, survey_age_distribution(), weights)
    contribution = float(default("contribution_rate")) * MINIMUM_WAGE_2020 if contribution is None else contribution
    return float(w @ (1.0 - affordability(contribution, cells.income_2020, threshold, spread)))


def _at(trace, day: date) -> float:
    """Active members at ``day``: linear between the year-ends around it."""
    total = trace.total
    i = trace.at(day.year)
    end = date(day.year, 12, 31)
    if day == end:
        return float(total[i])
    start = date(day.year - 1, 12, 31)
    before = float(total[i - 1]) if i > 0 else np.nan
    frac = (day - start).days / (end - start).days
    return before + frac * (float(total[i]) - before)


def transfer_share(trace, first: int = 2018, last: int = 2020) -> float:
    """Transfers from enterprise jobs over all new voluntary members, years first..last."""
    sel = (trace.years >= first) & (trace.years <= last)
    joins, transfers = trace.flows[sel, 0].sum(), trace.flows[sel, 1].sum()
    return float(transfers / (joins + transfers))


def compulsory_coverage(scenario: Scenario, base=None) -> dict[str, float]:
    """Coverage rates reproducing the end-2023 members of the compulsory schemes (``base``:
    :func:`engine.labour.default_base_labour`, computed when not given)."""
    base = default_base_labour(scenario) if base is None else base
    total = _observed("all", "active_members").value
    return {
        "coverage.civil_servant_coverage":
            _observed("civil_servant", "share_of_insured").value * total / float(base.civil_servants.sum()),
        "coverage.enterprise_compliance":
            _observed("enterprise", "share_of_insured").value * total / _target(base),
    }


def _target(base) -> float:
    target = float(base.compulsory_target.sum())
    if target <= 0:
        raise InputError([Problem(None, None, "coverage.target_group_share", "an empty target group (0)",
                                  "a positive share: the enterprise scheme's target group is empty, so no "
                                  "compliance reproduces the end-2023 enterprise members")])
    return target


def _round(x: float, digits: int = 5) -> float:
    return float(f"{x:.{digits}g}")


def calibrate(scenario: Scenario) -> FitResult:
    """Fit the free intensities to the observations; see the module docstring."""
    e = scenario.enrolment
    coverage = {k: _round(v) for k, v in compulsory_coverage(scenario).items()}
    scenario_c = scenario.model_copy(update={"coverage": scenario.coverage.model_copy(update={
        "civil_servant_coverage": YearPath.constant(coverage["coverage.civil_servant_coverage"]),
        "enterprise_compliance": compliance_path(coverage["coverage.enterprise_compliance"])})})
    base = default_base_labour(scenario_c)  # the split under the fitted compliance
    setup = setup_for(scenario)
    stocks = [o for o in observations() if o.scheme == "voluntary" and o.quantity == "active_members"]
    moved = _observed("voluntary", "transfer_share")
    unaffordable = _observed("voluntary", "unaffordable_share")

    def simulate(reach, threshold, share):
        span = history_span(scenario_c, reach, base)
        start = initial_state(setup, span, scenario_c, threshold=threshold)
        return run_span(setup, span, scenario_c, start, threshold=threshold, continuation=share)

    n = len(e.history.KNOTS)

    def unpack(x):
        return tuple(np.exp(x[:n])), float(np.exp(x[n])), float(1.0 / (1.0 + np.exp(-x[n + 1])))

    observed = np.array([o.value for o in stocks] + [moved.value, unaffordable.value])

    def residuals(x):
        reach, threshold, share = unpack(x)
        trace = simulate(reach, threshold, share)
        fitted = [_at(trace, o.day) for o in stocks]
        fitted += [transfer_share(trace), survey_unaffordable_share(threshold, e.affordability_spread)]
        return np.log(np.maximum(fitted, 1e-12) / observed)

    c0 = min(max(e.continuation_share, 1e-3), 1 - 1e-3)
    x0 = np.r_[np.log(np.maximum(e.history.reach_values, 1e-6)), np.log(e.affordability_threshold),
               np.log(c0 / (1 - c0))]
    sol = least_squares(residuals, x0, method="lm", xtol=1e-10, ftol=1e-10)
    reach, threshold, share = unpack(sol.x)
    values = {f"enrolment.history.reach_{y}": _round(r) for y, r in zip(e.history.KNOTS, reach)}
    values |= {"enrolment.affordability_threshold": _round(threshold),
               "enrolment.continuation_share": _round(share),
               "enrolment.reach": _round(reach[-1])} | coverage
    fitted = FitResult(values, (), 0.0).apply(scenario)
    return FitResult(values, fit_table(fitted), float(sol.cost), check_table(fitted))


def fit_table(scenario: Scenario) -> tuple[FitRow, ...]:
    """Observed against fitted values for a (calibrated) scenario."""
    e = scenario.enrolment
    base = default_base_labour(scenario)
    trace = run_history(scenario, base=base)
    cs, ent = (float(x) for x in compulsory_before(scenario, base).sum(axis=(1, 2)))
    vol = float(trace.total[trace.at(scenario.horizon.base_year)])
    total = cs + ent + vol
    rows = []
    for o in observations():
        if o.quantity == "active_members":
            fitted = _at(trace, o.day) if o.scheme == "voluntary" else total
        elif o.quantity == "share_of_insured":
            fitted = {"civil_servant": cs, "enterprise": ent, "voluntary": vol}[o.scheme] / total
        elif o.quantity == "transfer_share":
            fitted = transfer_share(trace)
        elif o.quantity == "unaffordable_share":
            fitted = survey_unaffordable_share(e.affordability_threshold, e.affordability_spread)
        else:  # pragma: no cover - a new kind of observation needs a rule here
            raise KeyError(f"no fitted value for observation {o.name}")
        digits = 1 if o.unit == "persons" else 5
        rows.append(FitRow(observation=o.name, observed=o.value, fitted=round(fitted, digits),
                           error=round(fitted / o.value - 1.0, 5) + 0.0))
    return tuple(rows)


def check_table(scenario: Scenario) -> tuple[FitRow, ...]:
    """The check rows the back-cast can compute: all members at a year-end (the 2018 LSSF
    total), ``C_y + M_y + V_y`` with the compulsory members of end-2023's workers scaled
    by the WPP2024 population of the year (as the back-cast's informal workers), civil
    servants at the base year's coverage, enterprise members at the year's compliance
    ``c(y) T`` and the back-cast's voluntary members."""
    from engine import demographic_inputs as demo

    base = default_base_labour(scenario)
    trace = run_history(scenario, base=base)
    totals = demo.wpp_population_totals()
    rows = []
    for o in observations("check"):
        if not (o.scheme == "all" and o.quantity == "active_members" and o.day.year in trace.years):
            continue
        year = np.array([o.day.year])
        scale = totals[o.day.year] / totals[scenario.horizon.base_year]
        cs = float(base.civil_servants.sum()) * float(
            scenario.coverage.civil_servant_coverage.values(np.array([scenario.horizon.base_year]))[0])
        fitted = scale * (cs + float(enterprise_members(scenario, base, year).sum())) + _at(trace, o.day)
        rows.append(FitRow(observation=f"{o.name} (check)", observed=o.value, fitted=round(fitted, 1),
                           error=round(fitted / o.value - 1.0, 5) + 0.0))
    return tuple(rows)


__all__ = ["FITTED", "FitResult", "Observation", "calibrate", "check_table", "compulsory_coverage", "fit_table",
           "observations", "survey_unaffordable_share", "transfer_share"]
