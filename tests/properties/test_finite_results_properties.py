"""Property tests (Hypothesis) of what :mod:`tests.end_to_end.test_finite_results` tests by
example: results are finite wherever a value is expected: random valid scenarios give
finite numbers, and results that are not are refused before anything is written."""

import os
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.finite import check_finite
from tests.end_to_end.test_finite_results import BASELINE, LEVERS


@st.composite
def scenarios(draw):
    keys = draw(st.lists(st.sampled_from(sorted(LEVERS)), min_size=3, max_size=8, unique=True))
    return ["horizon.end_year=2034"] + [f"{key}={draw(LEVERS[key])}" for key in keys]


@settings(max_examples=int(os.environ.get('LAOSIM_PROPERTY_EXAMPLES', 12)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=scenarios())
def test_random_valid_scenarios_give_finite_results(overrides):
    results = engine.run(engine.load_scenario(BASELINE, overrides))
    check_finite(results)  # raises, naming the variable and the first year
