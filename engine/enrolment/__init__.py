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
Affordability: :func:`affordability`.

The stage's other modules are imported from their own homes, not re-exported here, so
that importing a leaf does not run the stage: :mod:`engine.enrolment.dynamics`
(:func:`project_membership`, :func:`run_history`), :mod:`engine.enrolment.calibration`,
:mod:`engine.enrolment.targets` (evaluation), :mod:`engine.enrolment.solver` (the lever
that meets a target) and :mod:`engine.enrolment.results`.
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
from engine.enrolment.income_fit import LognormalFit, fit_income_lognormal
from engine.enrolment.interest import average_interest, cell_interest, survey_average_interest
from engine.enrolment.ipf import ipf
from engine.enrolment.margins import profile_margins
from engine.enrolment.profile import CellTable, cell_income_2020, cell_income_real, informal_cells
from engine.enrolment.survey import (
    CELL_COVARIATES,
    DIMENSIONS,
    FREQUENCIES,
    PROVINCES,
    SPLIT_CHOICES,
    income_bands,
    married_share_by_age,
    survey_age_distribution,
)
from engine.enrolment.user_cells import load_cell_table
from engine.enrolment.affordability import affordability

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
    "affordability",
]
