"""Enrolment model: probit interest in the voluntary scheme and informal-worker cells.

Public API
----------
Probit (Oxfam in Laos 2021, Table 14):
    :data:`SPECIFICATIONS`, :func:`interest_probability`, :func:`interest_probability_split`,
    :func:`coefficients`, :func:`p_values`, :func:`standard_errors`,
    :func:`peak_interest_age`, :func:`peak_consistent_coefficients`,
    :func:`required_covariates`.
Informal workers as covariate cells:
    :class:`CellTable`, :func:`informal_cells`, :func:`load_cell_table`,
    :func:`cell_interest`, :func:`average_interest`, :func:`cell_income_2020`,
    :func:`cell_income_real`, :func:`fit_income_lognormal`, :func:`ipf`,
    :func:`profile_margins`, :func:`survey_age_distribution`,
    :func:`married_share_by_age`, :func:`survey_average_interest`.
Enrolment dynamics, calibration and targets:
    :func:`project_membership`, :func:`run_history`, :func:`affordability`,
    :func:`calibrate`, :class:`FitResult`, :func:`evaluate_targets`, :func:`solve_for`,
    :class:`Solution`.
"""

from engine.enrolment.probit import (
    COVARIATES,
    MINIMUM_WAGE_2020,
    PUBLISHED_PEAK_AGES,
    SPECIFICATIONS,
    coefficients,
    interest_probability,
    interest_probability_split,
    p_values,
    peak_consistent_coefficients,
    peak_interest_age,
    required_covariates,
    standard_errors,
)
from engine.enrolment.profile import (
    CELL_COVARIATES,
    DIMENSIONS,
    FREQUENCIES,
    PROVINCES,
    SPLIT_CHOICES,
    CellTable,
    LognormalFit,
    average_interest,
    cell_income_2020,
    cell_income_real,
    cell_interest,
    fit_income_lognormal,
    income_bands,
    informal_cells,
    ipf,
    load_cell_table,
    married_share_by_age,
    profile_margins,
    survey_age_distribution,
    survey_average_interest,
)
from engine.enrolment.dynamics import affordability, project_membership, run_history  # noqa: E402
from engine.enrolment.calibration import FitResult, calibrate  # noqa: E402
from engine.enrolment.targets import Solution, evaluate_targets, solve_for  # noqa: E402

__all__ = [
    "COVARIATES", "MINIMUM_WAGE_2020", "PUBLISHED_PEAK_AGES", "SPECIFICATIONS", "coefficients",
    "interest_probability", "interest_probability_split", "p_values",
    "peak_consistent_coefficients", "peak_interest_age",
    "required_covariates", "standard_errors",
    "CELL_COVARIATES", "DIMENSIONS", "FREQUENCIES", "PROVINCES", "SPLIT_CHOICES",
    "CellTable", "LognormalFit", "average_interest", "cell_income_2020", "cell_income_real",
    "cell_interest", "fit_income_lognormal", "income_bands", "informal_cells", "ipf",
    "load_cell_table", "married_share_by_age", "profile_margins",
    "survey_age_distribution", "survey_average_interest",
    "affordability", "project_membership", "run_history", "FitResult", "calibrate",
    "Solution", "evaluate_targets", "solve_for",
]
