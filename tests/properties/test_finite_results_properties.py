"""Property tests (Hypothesis) of what :mod:`tests.end_to_end.test_finite_results` tests by
example: results are finite wherever a value is expected: random valid scenarios give
finite numbers, and results that are not are refused before anything is written."""

import os

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.finite import check_finite
from tests.end_to_end.test_finite_results import BASELINE


def number(lo, hi):
    return st.floats(lo, hi, allow_nan=False).map(lambda v: np.format_float_positional(v, trim="0"))


LEVERS = {
    "demography.fertility_multiplier": number(0, 5),
    "demography.mortality_multiplier": number(0, 10),
    "demography.migration_multiplier": number(-20, 20),
    "demography.sex_ratio_at_birth": number(0.8, 1.3),
    "macro.real_gdp_growth": number(-0.5, 0.5),
    "macro.inflation": number(-0.5, 5),
    "macro.real_earnings_growth_gap": number(-0.2, 0.2),
    "macro.government_expenditure_share": number(0.01, 1),
    "labour.participation_multiplier": number(0.01, 2),
    "labour.unemployment_rate": number(0, 0.99),
    "labour.formalisation_rate": number(-0.05, 0.05),
    "labour.civil_servant_growth": number(-0.2, 0.2),
    "enrolment.reach": number(0, 1),
    "enrolment.registration_friction": number(0, 1),
    "enrolment.contribution_rate": number(0, 1),
    "enrolment.subsidy_share": number(0, 1),
    "funds.investment_return.rate": number(-0.5, 1),
    "nhi.coverage": number(0, 1),
}


@st.composite
def scenarios(draw):
    keys = draw(st.lists(st.sampled_from(sorted(LEVERS)), min_size=3, max_size=8, unique=True))
    return ["horizon.end_year=2034"] + [f"{key}={draw(LEVERS[key])}" for key in keys]


@settings(max_examples=int(os.environ.get('LAOSIM_PROPERTY_EXAMPLES', 12)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=scenarios())
def test_random_valid_scenarios_give_finite_results(overrides):
    results = engine.run(engine.load_scenario(BASELINE, overrides))
    check_finite(results)  # raises, naming the variable and the first year
