"""Targeting by every covariate of the probit: marital status, collective-group membership,
income frequency, provincial capital, province, sex, age and income band."""

import numpy as np
import pytest

import engine
from engine.policies.eligibility import cell_mask, cell_attributes
from engine.scenario.schema_policies import Eligibility
from tests.policies.helpers import run_projected, with_policies

BASE = {"type": "contribution_subsidy", "start_year": 2026, "share": 0.5}
SEED_GROUP = {"sex": "female", "marital_status": "married", "income": "bands", "income_bands": ["lt_1_1m"],
              "age": [25, 58], "collective_group": "member"}
"""The seed's recommendation: female and married low-income informal workers aged 25-58 in
production groups (Oxfam in Laos 2021, section 6.6.3)."""


def _mask(**eligible):
    cells = cell_attributes()
    return cell_mask(Eligibility(**eligible), cells, np.tile(cells.income_2020, (1, 1)), np.array([1.1e6]))[0]


@pytest.mark.parametrize("key, values, attribute", [
    ("marital_status", ("married", "not_married"), "married"),
    ("collective_group", ("member", "non_member"), "collective_group"),
])
def test_a_covariate_splits_the_cells_in_two(key, values, attribute):
    first, second = (_mask(**{key: v}) for v in values)
    assert not np.any(first & second) and np.all(first | second)
    np.testing.assert_array_equal(first, getattr(cell_attributes(), attribute))


def test_yearly_and_after_work_make_up_the_seasonal_earners():
    assert np.array_equal(_mask(income_frequency="yearly") | _mask(income_frequency="after_work"),
                          _mask(income_frequency="seasonal"))
    assert _mask(income_frequency="yearly").any() and _mask(income_frequency="after_work").any()


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def test_subsidies_of_the_married_and_the_others_add_up_to_everyone():
    split = run_projected(with_policies([{**BASE, "name": "married", "eligible": {"marital_status": "married"}},
                                      {**BASE, "name": "others", "eligible": {"marital_status": "not_married"}}]))
    everyone = run_projected(with_policies([{**BASE, "name": "all"}]))
    np.testing.assert_allclose(voluntary(split), voluntary(everyone), rtol=1e-10)
    np.testing.assert_allclose(split["subsidy_cost"], everyone["subsidy_cost"], rtol=1e-10)
    np.testing.assert_allclose(split["subsidy_block_subsidised_members"].sum("subsidy_block"),
                               everyone["subsidised_members"], rtol=1e-10)


def test_the_seed_recommendation_is_one_block():
    ds = run_projected(with_policies([{**BASE, "name": "seed_group", "eligible": SEED_GROUP}]))
    wide = run_projected(with_policies([{**BASE, "name": "women", "eligible": {"sex": "female"}}]))
    subsidised = float(ds["subsidised_members"].sel(year=2030))
    assert 0 < subsidised < float(wide["subsidised_members"].sel(year=2030))
    assert float(ds["subsidy_block_additional_members"].sel(year=2030, subsidy_block="seed_group")) > 0
