"""Service tracking: insured persons by scheme, sex, age and completed years of contribution,
active or inactive, and old-age pensioners, projected by the numba kernel
:mod:`engine.kernels.pensions`.

Each (scheme, sex) is one unit of the kernel. This module builds the units' initial state
at 31 December of the base year, their yearly flows and rules from the scenario, and
returns the kernel's outputs by scheme and sex.

Initial active insured (unless ``funds.initial.insured_table`` gives them): the
contributing members at 31 December of the base year ``M[s, x, a]`` (those of the first
projected year where the membership stage does not give them), all with completed service
``min(density[s] x clip(a - entry_age[s], 0, base_year - since[s]) + credit[s] x max(0,
a - entry_age[s] - (base_year - since[s])), 50)``, at least 1 year, split between the two
nearest whole years; their summed revalued earnings ``E0 = N0 x k x w[base year, s, x,
a]``. Initial inactive insured below the pension age: ``M x (insured_per_contributor[s] -
1)`` with the same service, except in the voluntary scheme, whose lapsed members come from
the enrolment back-cast where the run has one. Everyone insured at the base year is protected (keeps the
protected minimum service).

Initial old-age pensioners (unless ``funds.initial.pensioner_table`` gives them): the
scheme's count split by sex, spread over the ages from the pension age to the pension age
+ (base year - first_pension_year) in proportion to the base-year population; amounts =
count x average pension; the legacy part = amounts x
``funds.state_share.legacy_share_of_pensions_in_payment``.

Flows: the voluntary scheme's lapses and returns by age come from the enrolment stage;
the compulsory schemes' net flows by cohort are split by ``funds.reentry_share`` between
former contributors resuming and new entrants (see the kernel).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from engine.dims import N_AGES, SCHEMES, SEXES
from engine.errors import DataFileError
from engine.funds import valuation
from engine.funds.inputs import FundsInputs
from engine.kernels.pension_columns import N_RULES, RULES, TOTALS
from engine.kernels.pensions import project_service

NO_LEGACY = 1.0e6
"""Years of service since the legacy date in a scheme without legacy: no service is legacy."""
DISABILITY_REFERENCE_AGE = 45

MAX_SERVICE = 50
"""Completed years of service are tracked 0..50; 50 is the open group '50 or more'."""
N_SERVICE = MAX_SERVICE + 1
UNITS = [(s, x) for s in range(len(SCHEMES)) for x in range(len(SEXES))]


@dataclass(frozen=True)
class ServiceProjection:
    """Kernel outputs by scheme and sex.

    Attributes
    ----------
    insured : (T, 3, 2, A) active insured persons (contributors) at 31 December.
    inactive : (T, 3, 2, A) inactive insured persons at 31 December (service kept).
    pensioners : (T, 3, 2, A) old-age pensioners at 31 December.
    amounts : (T, 3, 2, A) their monthly pensions, LAK.
    legacy : (T, 3, 2, A) the legacy part of those monthly pensions, LAK.
    totals : (T, 3, 2, len(TOTALS)) yearly totals (:data:`engine.kernels.pensions.TOTALS`).
    rules : (T, 3, 2, len(RULES)) the yearly rules used.
    pension_age : (T, 3, 2) pension age by year (whole years).
    deaths, deaths_earnings, pensioner_deaths, pensioner_deaths_amount : (T, 3, 2, A)
        qualifying insured deaths and the sum of their average monthly earnings, old-age
        pensioners' deaths and their monthly pensions, by age at the year's start.
    initial_active, initial_inactive, initial_pensioners, initial_amounts : (3,) active and
        inactive insured persons, old-age pensioners and their monthly pensions (LAK) at 31
        December of the base year.
    """

    insured: np.ndarray
    inactive: np.ndarray
    pensioners: np.ndarray
    amounts: np.ndarray
    legacy: np.ndarray
    totals: np.ndarray
    rules: np.ndarray
    pension_age: np.ndarray
    deaths: np.ndarray | None = None
    deaths_earnings: np.ndarray | None = None
    pensioner_deaths: np.ndarray | None = None
    pensioner_deaths_amount: np.ndarray | None = None
    initial_active: np.ndarray | None = None
    initial_inactive: np.ndarray | None = None
    initial_pensioners: np.ndarray | None = None
    initial_amounts: np.ndarray | None = None

    def total(self, name: str) -> np.ndarray:
        """One column of :data:`TOTALS` summed over sex, shape (T, 3)."""
        return self.totals[..., TOTALS.index(name)].sum(axis=2)


def index_factor(rule: str, inputs: FundsInputs, lag: int = 0) -> np.ndarray:
    """Yearly factor ``I[t - lag] / I[t - lag - 1]`` of prices, earnings or the minimum wage,
    or 1; shape (T,)."""
    if rule == "prices":
        return inputs.prices.growth(inputs.years, lag)
    if rule == "earnings":
        return inputs.earnings.growth(inputs.years, lag)
    if rule == "minimum_wage":
        return inputs.minimum_wage.growth(inputs.years, lag)
    return np.ones(len(inputs.years))


def pension_ages(scenario, years: np.ndarray) -> np.ndarray:
    """Pension age by year, scheme and sex (whole years), shape (T, 3, 2)."""
    old = scenario.benefits.old_age
    return np.rint(np.stack([np.stack([getattr(old.pension_age_male, s).values(years),
                                       getattr(old.pension_age_female, s).values(years)], axis=1)
                             for s in SCHEMES], axis=1))


def yearly_rules(scenario, inputs: FundsInputs) -> np.ndarray:
    """The kernel's yearly rules by scheme and sex, shape (T, 3, 2, len(RULES))."""
    ben = scenario.benefits
    old = ben.old_age
    funds = scenario.funds
    years = inputs.years
    n_years = len(years)
    rules = np.empty((n_years, len(SCHEMES), len(SEXES), N_RULES))
    minimum_wage = inputs.minimum_wage.at(years)
    legacy_start = funds.state_share.legacy_start_year
    common = {
        "indexation": index_factor(old.indexation, inputs, old.indexation_lag_years),
        "survivor_minimum_service": np.full(n_years, float(ben.survivors.minimum_service)),
        "disability_minimum_service": np.full(n_years, float(ben.disability.minimum_service)),
        "protect_entrants": (years < old.transition_year).astype(np.float64),
    }
    ages = pension_ages(scenario, years)
    for s, scheme in enumerate(SCHEMES):
        def path(block):
            return getattr(block, scheme).values(years)

        legacy = (np.maximum(years - legacy_start + 1, 0).astype(np.float64)
                  if getattr(funds.state_share.legacy_share_of_pensions_in_payment, scheme) > 0
                  else np.full(n_years, NO_LEGACY))
        per_scheme = {
            "revaluation": index_factor(getattr(old.revaluation, scheme), inputs),
            "minimum_service": np.rint(path(old.minimum_service)),
            "protected_minimum_service": np.rint(path(old.protected_minimum_service)),
            "accrual_rate": path(old.accrual_rate),
            "max_replacement": path(old.max_replacement),
            "full_service": path(old.full_service),
            "protected_full_service": path(old.protected_full_service),
            "reduction_per_missing_year": path(old.reduction_per_missing_year),
            "lump_sum_months": path(old.lump_sum_months_per_year),
            "density": getattr(scenario.schemes, scheme).months_paid.values(years) / 12.0,
            "minimum_pension": path(old.minimum_pension) * minimum_wage,
            "reentry_share": np.full(n_years, getattr(funds.reentry_share, scheme)),
            "legacy_years": legacy,
        }
        for x in range(len(SEXES)):
            values = common | per_scheme | {"pension_age": ages[:, s, x]}
            rules[:, s, x, :] = np.stack([values[name] for name in RULES], axis=1)
    return rules


def disability_incidence(scenario, inputs: FundsInputs) -> np.ndarray:
    """New disability pensions per active insured person, (T, 2, A): ``level[t] x
    exp(gradient x (a - 45))``, times ``female_factor`` for women."""
    dis = scenario.benefits.disability
    ages = np.arange(N_AGES, dtype=np.float64)
    shape = np.exp(dis.age_gradient * (ages - DISABILITY_REFERENCE_AGE))
    sex = np.array([1.0, dis.female_factor])
    rate = dis.incidence_rate.values(inputs.years)[:, None, None] * sex[None, :, None] * shape[None, None, :]
    return np.minimum(rate, 1.0)


def _service_rule(scenario, inputs: FundsInputs, earnings_base: np.ndarray):
    """Active and inactive insured persons by the service rule and their revalued earnings
    sums, (3, 2, A, K) each: (n, e, m, f)."""
    init = scenario.funds.initial
    ages = np.arange(N_AGES, dtype=np.float64)
    retired = ages[None, None, :] >= pension_ages(scenario, inputs.years[:1])[0][:, :, None]   # (3, 2, A)
    n0 = np.zeros((len(SCHEMES), len(SEXES), N_AGES, N_SERVICE))
    e0 = np.zeros_like(n0)
    m0 = np.zeros_like(n0)
    f0 = np.zeros_like(n0)
    for s, scheme in enumerate(SCHEMES):
        ratio = getattr(init.insured_per_contributor, scheme)
        entry = getattr(init.service_entry_age, scheme)
        density = getattr(init.service_density, scheme)
        credit = getattr(init.past_service_credit, scheme)
        open_years = max(inputs.base_year - getattr(init.service_since, scheme), 0.0)
        worked = np.maximum(ages - entry, 0.0)
        service = density * np.minimum(worked, open_years) + credit * np.maximum(worked - open_years, 0.0)
        service = np.clip(service, 1.0, MAX_SERVICE)
        low = np.floor(service).astype(np.int64)
        high = np.minimum(low + 1, MAX_SERVICE)
        upper = service - low
        rows = np.arange(N_AGES)
        for x in range(len(SEXES)):
            share = np.zeros((N_AGES, N_SERVICE))
            np.add.at(share, (rows, low), 1.0 - upper)
            np.add.at(share, (rows, high), upper)
            earnings = share * np.arange(N_SERVICE)[None, :] * earnings_base[s, x][:, None]
            active = inputs.active_base[s, x]
            if scheme == "voluntary" and inputs.lapsed_base is not None:
                inactive = inputs.lapsed_base[s, x]
            else:
                inactive = active * (ratio - 1.0)
            inactive = np.where(retired[s, x], 0.0, inactive)   # the inactive retire at the pension age
            n0[s, x], e0[s, x] = active[:, None] * share, active[:, None] * earnings
            m0[s, x], f0[s, x] = inactive[:, None] * share, inactive[:, None] * earnings
    return n0, e0, m0, f0


def _read_table(path: str, what: str, columns: set[str], numbers: list[str],
                optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV table of the fund's own figures with its scheme and sex checked and its number
    columns (and those of ``optional`` it has) parsed; errors name the file and the first
    bad row."""
    try:
        frame = pd.read_csv(path, comment="#")
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path}: cannot read the {what} ({exc})") from None
    missing = columns - set(frame.columns)
    if missing:
        raise DataFileError(f"{path}: the {what} lacks the column(s) {', '.join(sorted(missing))}")
    bad = frame.loc[~frame["scheme"].isin(SCHEMES) | ~frame["sex"].isin(SEXES)]
    if len(bad):
        raise DataFileError(f"{path}: row {bad.index[0] + 2}: scheme must be one of {', '.join(SCHEMES)} "
                            f"and sex one of {', '.join(SEXES)}")
    numbers = numbers + [c for c in optional if c in frame.columns]
    parsed = frame[numbers].apply(pd.to_numeric, errors="coerce")
    wrong = parsed.isna().any(axis=1) | (parsed < 0).any(axis=1) | (parsed["age"] > N_AGES - 1)
    if wrong.any():
        raise DataFileError(f"{path}: row {int(np.flatnonzero(wrong.to_numpy())[0]) + 2}: "
                            f"{', '.join(numbers)} must be numbers >= 0 (age at most {N_AGES - 1})")
    frame[numbers] = parsed
    return frame


def read_insured_table(path: str, earnings_base: np.ndarray):
    """Insured persons from a CSV file (columns scheme, sex, age, service, persons and
    optionally status - ``active`` or ``inactive``, default active - and average_earnings,
    LAK per month; '#' lines are comments).

    Returns (n0, e0, m0, f0, schemes listed). Service above :data:`MAX_SERVICE` goes to the
    open group.
    """
    frame = _read_table(path, "insured table", {"scheme", "sex", "age", "service", "persons"},
                        ["age", "service", "persons"], optional=("average_earnings",))
    status = frame["status"].fillna("active") if "status" in frame.columns else pd.Series("active", index=frame.index)
    bad = ~status.isin(["active", "inactive"])
    if bad.any():
        raise DataFileError(f"{path}: row {int(np.flatnonzero(bad.to_numpy())[0]) + 2}: status must be "
                            f"active or inactive (found '{status[bad].iloc[0]}')")
    s_idx = frame["scheme"].map(SCHEMES.index).to_numpy()
    x_idx = frame["sex"].map(SEXES.index).to_numpy()
    a_idx = frame["age"].to_numpy().astype(np.int64)
    k_idx = np.minimum(frame["service"].to_numpy().astype(np.int64), MAX_SERVICE)
    persons = frame["persons"].to_numpy(dtype=np.float64)
    average = (frame["average_earnings"].to_numpy(dtype=np.float64) if "average_earnings" in frame.columns
               else earnings_base[s_idx, x_idx, a_idx])
    out = [np.zeros((len(SCHEMES), len(SEXES), N_AGES, N_SERVICE)) for _ in range(4)]
    for j, state in enumerate(("active", "inactive")):
        rows = (status == state).to_numpy()
        where = (s_idx[rows], x_idx[rows], a_idx[rows], k_idx[rows])
        np.add.at(out[2 * j], where, persons[rows])
        np.add.at(out[2 * j + 1], where, persons[rows] * frame["service"].to_numpy()[rows] * average[rows])
    return (*out, set(frame["scheme"]))


def initial_insured(scenario, inputs: FundsInputs, earnings_base: np.ndarray):
    """Active and inactive insured persons and their revalued earnings sums at 31 December
    of the base year, (3, 2, A, K) each: the service rule, replaced scheme by scheme by the
    insured table."""
    state = _service_rule(scenario, inputs, earnings_base)
    path = scenario.funds.initial.insured_table
    if path is not None:
        *table, listed = read_insured_table(path, earnings_base)
        for s, scheme in enumerate(SCHEMES):
            if scheme in listed:
                for mine, theirs in zip(state, table):
                    mine[s] = theirs[s]
    return state


def read_pensioner_table(path: str):
    """Old-age pensioners from a CSV file (columns scheme, sex, age, persons,
    average_pension in LAK per month). Returns (p0, q0, schemes listed), (3, 2, A) each."""
    frame = _read_table(path, "pensioner table", {"scheme", "sex", "age", "persons", "average_pension"},
                        ["age", "persons", "average_pension"])
    p0 = np.zeros((len(SCHEMES), len(SEXES), N_AGES))
    q0 = np.zeros_like(p0)
    where = (frame["scheme"].map(SCHEMES.index).to_numpy(), frame["sex"].map(SEXES.index).to_numpy(),
             frame["age"].to_numpy().astype(np.int64))
    persons = frame["persons"].to_numpy(dtype=np.float64)
    np.add.at(p0, where, persons)
    np.add.at(q0, where, persons * frame["average_pension"].to_numpy(dtype=np.float64))
    return p0, q0, set(frame["scheme"])


def initial_pensioners(scenario, inputs: FundsInputs):
    """Old-age pensioners, the sum of their monthly pensions (LAK) and its legacy part at 31
    December of the base year, (3, 2, A) each."""
    init = scenario.funds.initial
    first_ages = pension_ages(scenario, inputs.years[:1])[0]
    ages = np.arange(N_AGES)
    p0 = np.zeros((len(SCHEMES), len(SEXES), N_AGES))
    q0 = np.zeros_like(p0)
    for s, scheme in enumerate(SCHEMES):
        count = getattr(init.old_age_pensioners, scheme)
        female = getattr(init.female_share_of_pensioners, scheme)
        average = getattr(init.average_old_age_pension, scheme)
        years_paid = max(inputs.base_year - getattr(init.first_pension_year, scheme) + 1, 1)
        for x, share in enumerate((1.0 - female, female)):
            span = (ages >= first_ages[s, x]) & (ages < first_ages[s, x] + years_paid)
            weights = inputs.population_base[x] * span
            if weights.sum() > 0:
                p0[s, x] = count * share * weights / weights.sum()
        q0[s] = p0[s] * average
    if init.pensioner_table is not None:
        tp, tq, listed = read_pensioner_table(init.pensioner_table)
        for s, scheme in enumerate(SCHEMES):
            if scheme in listed:
                p0[s], q0[s] = tp[s], tq[s]
    legacy = np.array([getattr(scenario.funds.state_share.legacy_share_of_pensions_in_payment, s)
                       for s in SCHEMES])
    return p0, q0, q0 * legacy[:, None, None]


def project_pensions(scenario, inputs: FundsInputs, earnings, parallel: bool | None = None,
                     closed_group: bool = False) -> ServiceProjection:
    """Run the service-tracking kernel for the six (scheme, sex) units.

    ``earnings`` is the :class:`engine.funds.earnings.InsurableEarnings` of the run. With
    ``closed_group``, the insured of the base year stop contributing and earn the pension
    of their service to date (:mod:`engine.funds.valuation`).
    """
    n0, e0, m0, f0 = initial_insured(scenario, inputs, earnings.base)
    p0, q0, l0 = initial_pensioners(scenario, inputs)
    rules = yearly_rules(scenario, inputs)
    disability = disability_incidence(scenario, inputs)
    if closed_group:
        inputs = valuation.closed_group_inputs(inputs)
        rules = valuation.closed_group_rules(rules)
        disability = np.zeros_like(disability)
    lapses, returns = inputs.flows()

    def per_unit(x: np.ndarray) -> np.ndarray:            # (3, 2, ...) -> (U, ...)
        return np.stack([x[s, sex] for s, sex in UNITS])

    def per_unit_path(x: np.ndarray) -> np.ndarray:       # (T, 3, 2, A) -> (U, T, A)
        return np.stack([x[:, s, sex] for s, sex in UNITS])

    def per_sex_path(x: np.ndarray) -> np.ndarray:        # (T, 2, A) -> (U, T, A)
        return np.stack([x[:, sex] for _, sex in UNITS])

    state = {"active": per_unit(n0), "active_earnings": per_unit(e0), "active_protected": per_unit(n0),
             "inactive": per_unit(m0), "inactive_earnings": per_unit(f0),
             "inactive_protected": per_unit(m0), "pensioners": per_unit(p0), "amounts": per_unit(q0),
             "legacy_amounts": per_unit(l0)}
    paths = {"survival": per_sex_path(inputs.survival), "active": per_unit_path(inputs.active),
             "lapses": per_unit_path(lapses), "returns": per_unit_path(returns),
             "earnings": per_unit_path(earnings.projected), "disability": per_sex_path(disability)}
    rules_by_unit = np.stack([rules[:, s, x] for s, x in UNITS])
    out = project_service(state, paths, rules_by_unit, parallel=parallel)

    def by_scheme(x: np.ndarray) -> np.ndarray:          # (U, T, ...) -> (T, 3, 2, ...)
        x = x.reshape((len(SCHEMES), len(SEXES)) + x.shape[1:])
        return np.moveaxis(x, 2, 0)

    return ServiceProjection(by_scheme(out["insured"]), by_scheme(out["inactive"]),
                             by_scheme(out["pensioners"]), by_scheme(out["amounts"]),
                             by_scheme(out["legacy"]), by_scheme(out["totals"]), rules,
                             pension_ages(scenario, inputs.years),
                             *(by_scheme(out[name]) for name in ("deaths", "deaths_earnings", "pensioner_deaths",
                                                                 "pensioner_deaths_amount")),
                             n0.sum(axis=(1, 2, 3)),
                             m0.sum(axis=(1, 2, 3)), p0.sum(axis=(1, 2)), q0.sum(axis=(1, 2)))
