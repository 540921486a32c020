"""The enrolment stage: voluntary-scheme dynamics, the compulsory schemes' members,
calibration to the membership history, targets and the solver that meets them.

Its modules are imported from their own homes (:mod:`engine.enrolment.dynamics`,
:mod:`engine.enrolment.calibration`, :mod:`engine.enrolment.targets`,
:mod:`engine.enrolment.solver`, :mod:`engine.enrolment.results`), so importing one of
them does not run the stage.

The enrolment model API of the CONTRACT stays reachable here, loaded on first use: the
published probit model (:func:`interest_probability` and the rest of
:mod:`engine.profile.probit`) and the informal-worker cells (:mod:`engine.profile`).
"""

from importlib import import_module

_PROFILE_API = {
    "engine.profile.probit": ("COVARIATES", "MINIMUM_WAGE_2020", "PUBLISHED_PEAK_AGES", "SPECIFICATIONS",
                              "coefficients", "interest_probability", "interest_probability_split", "p_values",
                              "peak_consistent_coefficients", "peak_interest_age", "required_covariates",
                              "standard_errors"),
    "engine.profile.profile": ("CellTable", "cell_income_2020", "cell_income_real", "informal_cells"),
    "engine.profile.interest": ("average_interest", "cell_interest", "survey_average_interest"),
    "engine.profile.user_cells": ("load_cell_table",),
}
_HOMES = {name: module for module, names in _PROFILE_API.items() for name in names}


def __getattr__(name: str):
    """The CONTRACT's enrolment model API, imported from its home on first use."""
    if name in _HOMES:
        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'engine.enrolment' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_HOMES))
