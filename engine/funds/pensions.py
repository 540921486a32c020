"""Service tracking: insured persons by age, sex and completed years of contribution, and
old-age pensioners, projected by the numba kernel :mod:`engine.kernels.pensions`.

Each (scheme, sex) is one unit of the kernel. This module builds the units' initial state
at 31 December of the base year and their yearly rules from the scenario, and returns the
kernel's outputs by scheme and sex.

Initial insured persons (unless ``funds.initial.insured_table`` gives them): at age a,
``N0[s, x, a] = M[first year, s, x, a] x insured_per_contributor[s]``, all with completed
service ``density[s] x clip(a - entry_age[s], 0, base_year -
since[s])``, at least 1 year, split between the two nearest whole years; their summed
revalued earnings ``E0 = N0 x k x w[base year, s, x, a]``. Initial pensioners: the scheme's
count split by sex and spread over the ages from the pension age up in proportion to the
base-year population; amounts = count x average pension.

Members above the pension age (where the membership has them) defer their retirement
while they contribute and accrue service; they retire when they stop (see the kernel).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from engine.data import DataFileError
from engine.dims import N_AGES, SCHEMES, SEXES
from engine.funds.inputs import FundsInputs
from engine.kernels.pensions import N_RULES, RULES, TOTALS, project_service

MAX_SERVICE = 50
"""Completed years of service are tracked 0..50; 50 is the open group '50 or more'."""
N_SERVICE = MAX_SERVICE + 1
UNITS = [(s, x) for s in range(len(SCHEMES)) for x in range(len(SEXES))]


@dataclass(frozen=True)
class ServiceProjection:
    """Kernel outputs by scheme and sex.

    Attributes
    ----------
    insured : (T, 3, 2, A) insured persons at 31 December (contributing or not).
    pensioners : (T, 3, 2, A) old-age pensioners at 31 December.
    amounts : (T, 3, 2, A) their monthly pensions, LAK.
    totals : (T, 3, 2, len(TOTALS)) yearly totals (:data:`engine.kernels.pensions.TOTALS`).
    rules : (T, 3, 2, len(RULES)) the yearly rules used.
    pension_age : (T, 3, 2) pension age by year (whole years).
    """

    insured: np.ndarray
    pensioners: np.ndarray
    amounts: np.ndarray
    totals: np.ndarray
    rules: np.ndarray
    pension_age: np.ndarray

    def total(self, name: str) -> np.ndarray:
        """One column of :data:`TOTALS` summed over sex, shape (T, 3)."""
        return self.totals[..., TOTALS.index(name)].sum(axis=2)


def index_factor(rule: str, inputs: FundsInputs, lag: int = 0) -> np.ndarray:
    """Yearly factor ``I[t - lag] / I[t - lag - 1]`` of prices or earnings, or 1; shape (T,)."""
    if rule == "prices":
        return inputs.prices.growth(inputs.years, lag)
    if rule == "earnings":
        return inputs.earnings.growth(inputs.years, lag)
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
    years = inputs.years
    n_years = len(years)
    rules = np.empty((n_years, len(SCHEMES), len(SEXES), N_RULES))
    common = {
        "revaluation": index_factor(old.revaluation, inputs),
        "indexation": index_factor(old.indexation, inputs, old.indexation_lag_years),
        "minimum_service": np.rint(old.minimum_service.values(years)),
        "full_service": old.full_service.values(years),
        "reduction_per_missing_year": old.reduction_per_missing_year.values(years),
        "lump_sum_months": old.lump_sum_months_per_year.values(years),
        "survivor_minimum_service": np.full(n_years, float(ben.survivors.minimum_service)),
        "disability_minimum_service": np.full(n_years, float(ben.disability.minimum_service)),
    }
    ages = pension_ages(scenario, years)
    for s, scheme in enumerate(SCHEMES):
        per_scheme = {"accrual_rate": getattr(old.accrual_rate, scheme).values(years),
                      "max_replacement": getattr(old.max_replacement, scheme).values(years)}
        for x in range(len(SEXES)):
            values = common | per_scheme | {"pension_age": ages[:, s, x]}
            rules[:, s, x, :] = np.stack([values[name] for name in RULES], axis=1)
    return rules


def _service_rule(scenario, inputs: FundsInputs, earnings_base: np.ndarray):
    """Initial insured persons and earnings sums by the service rule, (3, 2, A, K) each."""
    init = scenario.funds.initial
    ages = np.arange(N_AGES, dtype=np.float64)
    n0 = np.zeros((len(SCHEMES), len(SEXES), N_AGES, N_SERVICE))
    e0 = np.zeros_like(n0)
    for s, scheme in enumerate(SCHEMES):
        ratio = getattr(init.insured_per_contributor, scheme)
        entry = getattr(init.service_entry_age, scheme)
        density = getattr(init.service_density, scheme)
        since = getattr(init.service_since, scheme)
        service = density * np.clip(ages - entry, 0.0, max(inputs.base_year - since, 0.0))
        service = np.clip(service, 1.0, MAX_SERVICE)
        low = np.floor(service).astype(np.int64)
        high = np.minimum(low + 1, MAX_SERVICE)
        upper = service - low
        for x in range(len(SEXES)):
            persons = inputs.active[0, s, x] * ratio
            rows = np.arange(N_AGES)
            np.add.at(n0[s, x], (rows, low), persons * (1.0 - upper))
            np.add.at(n0[s, x], (rows, high), persons * upper)
            e0[s, x] = n0[s, x] * np.arange(N_SERVICE)[None, :] * earnings_base[s, x][:, None]
    return n0, e0


def read_insured_table(path: str, earnings_base: np.ndarray):
    """Insured persons from a CSV file (columns scheme, sex, age, service, persons and
    optionally average_earnings, LAK per month; '#' lines are comments).

    Returns (n0, e0, schemes listed). Service above :data:`MAX_SERVICE` goes to the open group.
    """
    try:
        frame = pd.read_csv(path, comment="#")
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path}: cannot read the insured table ({exc})") from None
    missing = {"scheme", "sex", "age", "service", "persons"} - set(frame.columns)
    if missing:
        raise DataFileError(f"{path}: the insured table lacks the column(s) {', '.join(sorted(missing))}")
    bad = frame.loc[~frame["scheme"].isin(SCHEMES) | ~frame["sex"].isin(SEXES)]
    if len(bad):
        raise DataFileError(f"{path}: row {bad.index[0] + 2}: scheme must be one of {', '.join(SCHEMES)} "
                            f"and sex one of {', '.join(SEXES)}")
    numbers = frame[["age", "service", "persons"]].apply(pd.to_numeric, errors="coerce")
    if numbers.isna().any().any() or (numbers < 0).any().any() or (numbers["age"] > N_AGES - 1).any():
        raise DataFileError(f"{path}: age (0..{N_AGES - 1}), service and persons must be numbers >= 0")
    n0 = np.zeros((len(SCHEMES), len(SEXES), N_AGES, N_SERVICE))
    e0 = np.zeros_like(n0)
    s_idx = frame["scheme"].map(SCHEMES.index).to_numpy()
    x_idx = frame["sex"].map(SEXES.index).to_numpy()
    a_idx = numbers["age"].to_numpy().astype(np.int64)
    k_idx = np.minimum(numbers["service"].to_numpy().astype(np.int64), MAX_SERVICE)
    persons = numbers["persons"].to_numpy(dtype=np.float64)
    if "average_earnings" in frame.columns:
        average = pd.to_numeric(frame["average_earnings"], errors="coerce").to_numpy()
        if np.isnan(average).any() or (average < 0).any():
            raise DataFileError(f"{path}: average_earnings must be numbers >= 0 (LAK per month)")
    else:
        average = earnings_base[s_idx, x_idx, a_idx]
    np.add.at(n0, (s_idx, x_idx, a_idx, k_idx), persons)
    np.add.at(e0, (s_idx, x_idx, a_idx, k_idx), persons * numbers["service"].to_numpy() * average)
    return n0, e0, set(frame["scheme"])


def initial_insured(scenario, inputs: FundsInputs, earnings_base: np.ndarray):
    """Insured persons and their revalued earnings sums at 31 December of the base year,
    (3, 2, A, K) each: the service rule, replaced scheme by scheme by the insured table."""
    n0, e0 = _service_rule(scenario, inputs, earnings_base)
    path = scenario.funds.initial.insured_table
    if path is not None:
        tn, te, listed = read_insured_table(path, earnings_base)
        for s, scheme in enumerate(SCHEMES):
            if scheme in listed:
                n0[s], e0[s] = tn[s], te[s]
    return n0, e0


def initial_pensioners(scenario, inputs: FundsInputs):
    """Old-age pensioners and the sum of their monthly pensions (LAK) at 31 December of the
    base year, (3, 2, A) each."""
    init = scenario.funds.initial
    first_ages = pension_ages(scenario, inputs.years[:1])[0]
    ages = np.arange(N_AGES)
    p0 = np.zeros((len(SCHEMES), len(SEXES), N_AGES))
    q0 = np.zeros_like(p0)
    for s, scheme in enumerate(SCHEMES):
        count = getattr(init.old_age_pensioners, scheme)
        female = getattr(init.female_share_of_pensioners, scheme)
        average = getattr(init.average_old_age_pension, scheme)
        for x, share in enumerate((1.0 - female, female)):
            weights = inputs.population_base[x] * (ages >= first_ages[s, x])
            if weights.sum() > 0:
                p0[s, x] = count * share * weights / weights.sum()
        q0[s] = p0[s] * average
    return p0, q0


def project_pensions(scenario, inputs: FundsInputs, earnings, disability_rate: np.ndarray,
                     parallel: bool | None = None) -> ServiceProjection:
    """Run the service-tracking kernel for the six (scheme, sex) units.

    ``earnings`` is the :class:`engine.funds.earnings.InsurableEarnings` of the run and
    ``disability_rate`` (T,) the yearly incidence of disability among insured persons.
    """
    n0, e0 = initial_insured(scenario, inputs, earnings.base)
    p0, q0 = initial_pensioners(scenario, inputs)
    rules = yearly_rules(scenario, inputs)
    n_years = len(inputs.years)
    survival = np.stack([inputs.survival[:, x] for _, x in UNITS])                  # (U, T, A)
    active = np.stack([inputs.active[:, s, x] for s, x in UNITS])
    wages = np.stack([earnings.projected[:, s, x] for s, x in UNITS])
    disability = np.broadcast_to(disability_rate[None, :, None], (len(UNITS), n_years, N_AGES))
    unit_rules = np.stack([rules[:, s, x] for s, x in UNITS])
    insured, pensioners, amounts, totals = project_service(
        np.stack([n0[s, x] for s, x in UNITS]), np.stack([e0[s, x] for s, x in UNITS]),
        np.stack([p0[s, x] for s, x in UNITS]), np.stack([q0[s, x] for s, x in UNITS]),
        survival, active, wages, disability, unit_rules, parallel=parallel)

    def by_scheme(x: np.ndarray) -> np.ndarray:          # (U, T, ...) -> (T, 3, 2, ...)
        x = x.reshape((len(SCHEMES), len(SEXES)) + x.shape[1:])
        return np.moveaxis(x, 2, 0)

    return ServiceProjection(by_scheme(insured), by_scheme(pensioners), by_scheme(amounts),
                             by_scheme(totals), rules, pension_ages(scenario, inputs.years))
