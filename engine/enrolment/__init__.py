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
