"""The CONTRACT's enrolment model API: ``engine.enrolment.interest_probability(spec,
covariates)`` is the published probit of its home module, reached from the stage's name."""

import numpy as np

import engine.enrolment
from engine.profile import probit


def test_interest_probability_is_reachable_where_the_contract_names_it():
    covariates = {"female": np.array([0, 1]), "age": np.array([30.0, 45.0]), "married": 1, "yearly": 0,
                  "after_work": 0, "income": np.array([1.2e6, 2.5e6]), "provincial_capital": 1,
                  "collective_group": 0, "bokeo": 0, "champasak": 0, "luang_prabang": 0}
    got = engine.enrolment.interest_probability("all_a", covariates)
    assert engine.enrolment.interest_probability is probit.interest_probability
    np.testing.assert_array_equal(got, probit.interest_probability("all_a", covariates))
    assert ((0 < got) & (got < 1)).all()
    assert "interest_probability" in dir(engine.enrolment)
