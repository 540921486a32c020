"""Named columns of the service kernel's inputs and outputs (:mod:`engine.kernels.pensions`).

Callers and tests say which column they mean by name: ``rules[..., RULES.index(
"pension_age")]`` or ``rules[..., R_PENSION_AGE]``, never by position. The tuples give the
order of the columns (or of the arrays passed as a tuple); the ``R_`` and ``T_`` constants
index the rules and totals columns inside the kernel.
"""

from __future__ import annotations

RULES: tuple[str, ...] = (
    "revaluation", "indexation", "pension_age", "minimum_service", "protected_minimum_service",
    "accrual_rate", "max_replacement", "full_service", "protected_full_service",
    "reduction_per_missing_year",
    "lump_sum_months", "survivor_minimum_service", "disability_minimum_service", "density",
    "minimum_pension", "reentry_share", "protect_entrants", "legacy_years",
)
"""Columns of the yearly rules array: revaluation and indexation factors (ratio to the year
before), pension age (years, whole), minimum service for a pension of those insured from
the rule change and of the protected (years, whole), accrual rate, maximum replacement,
full service of those insured from the rule change and of the protected (years),
reduction per missing year, lump-sum months per year of service, minimum service for
survivors' and disability benefits, years of service credited per year of contribution,
minimum pension (LAK per month), share of a net inflow that comes from the inactive
insured, whether the year's entrants are protected (1) or not (0), and the years of
service counted from the year's end back to the legacy date (service beyond them is
legacy; a large number: none)."""

TOTALS: tuple[str, ...] = (
    "new_pensioners", "new_pension_amount", "lump_sums", "lump_sum_amount",
    "disabled", "disabled_earnings", "insured_deaths", "insured_deaths_earnings",
    "pensioner_deaths", "pensioner_deaths_amount", "entrants", "service_years",
    "pension_amount_start", "contributors_over_pension_age", "lapses", "returns",
    "leavers", "legacy_amount_start", "legacy_new_amount",
)
"""Columns of the yearly totals: new old-age pensioners (persons) and their monthly pensions
(LAK); lump sums (persons, LAK); new disabled persons and the sum of their average monthly
earnings (LAK); deaths of insured persons qualifying for survivors' benefits and the sum of
their average monthly earnings; deaths of pensioners and their monthly pensions; new
entrants (persons); completed years of service of the insured (active and inactive) at 31
December; monthly pensions at the start of the year after indexation (LAK, before deaths);
contributing members at or above the pension age, who defer their retirement (persons);
lapses, returns (the enrolment stage's and re-entries of net inflows) and net leavers
(persons); the legacy part of the monthly pensions at the year's start after indexation
and of the new pensions (LAK)."""

N_RULES, N_TOTALS = len(RULES), len(TOTALS)
(R_REVALUATION, R_INDEXATION, R_PENSION_AGE, R_MIN_SERVICE, R_PROTECTED_MIN, R_ACCRUAL,
 R_MAX_REPLACEMENT, R_FULL_SERVICE, R_PROTECTED_FULL, R_REDUCTION, R_LUMP_SUM, R_SURVIVOR_MIN, R_DISABILITY_MIN,
 R_DENSITY, R_MIN_PENSION, R_REENTRY, R_PROTECT, R_LEGACY) = range(N_RULES)
(T_NEW, T_NEW_AMOUNT, T_LUMP, T_LUMP_AMOUNT, T_DISABLED, T_DISABLED_EARNINGS, T_DEATHS,
 T_DEATHS_EARNINGS, T_PENSIONER_DEATHS, T_PENSIONER_DEATHS_AMOUNT, T_ENTRANTS, T_SERVICE,
 T_AMOUNT_START, T_DEFERRING, T_LAPSES, T_RETURNS, T_LEAVERS, T_LEGACY_START,
 T_LEGACY_NEW) = range(N_TOTALS)


STATE: tuple[str, ...] = ("active", "active_earnings", "active_protected", "inactive",
                          "inactive_earnings", "inactive_protected", "pensioners", "amounts",
                          "legacy_amounts")
"""The initial state, in the kernel's order: (U, A, K) for the insured, (U, A) for pensioners."""
PATHS: tuple[str, ...] = ("survival", "active", "lapses", "returns", "earnings", "disability")
"""The yearly inputs by age, in the kernel's order, each (U, T, A)."""
OUTPUTS: tuple[str, ...] = ("insured", "inactive", "pensioners", "amounts", "legacy", "deaths",
                            "deaths_earnings", "pensioner_deaths", "pensioner_deaths_amount")
"""The outputs by age, each (U, T, A): active and inactive insured persons, old-age
pensioners at 31 December, their monthly pensions and the legacy part of them (LAK); and by
age at the year's start, deaths of insured persons qualifying for survivors' benefits and
the sum of their average monthly earnings (LAK), deaths of old-age pensioners and their
monthly pensions (LAK)."""


