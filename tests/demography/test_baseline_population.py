"""The baseline's population against the published WPP2024 figures."""

import numpy as np
import pytest

from engine import demographic_inputs as wpp
from engine.demography import project_population
from engine.scenario.load import scenario_from_dict


@pytest.fixture(scope="module")
def projection():
    return project_population(scenario_from_dict({"name": "wpp_check"}))


def test_base_population_matches_wpp2024_end_2023(projection):
    assert np.isclose(projection.base.sum(), wpp.wpp_population_totals()[2023], rtol=1e-9)


def test_2024_population_within_half_a_percent_of_wpp2024(projection):
    totals = wpp.wpp_population_totals()
    end_2024 = projection.year_end[0].sum()
    mid_2024 = projection.mid_year[0].sum()
    assert abs(end_2024 / totals[2024] - 1) < 0.005
    assert abs(mid_2024 / (0.5 * (totals[2023] + totals[2024])) - 1) < 0.005


def test_projection_is_driven_only_by_its_rates(projection):
    """Zero fertility, mortality and migration multipliers freeze the base population's total."""
    closed = project_population(scenario_from_dict({"name": "closed", "horizon": {"end_year": 2040},
                                                    "demography": {"fertility_multiplier": 0,
                                                                   "mortality_multiplier": 0,
                                                                   "migration_multiplier": 0}}))
    np.testing.assert_allclose(closed.year_end.sum(axis=(1, 2)), projection.base.sum(), rtol=1e-12)


def test_fertility_lever_moves_births_proportionally(projection):
    higher = project_population(scenario_from_dict({"name": "hi", "horizon": {"end_year": 2025},
                                                    "demography": {"fertility_multiplier": 1.1}}))
    assert np.isclose(higher.births[0].sum() / projection.births[0].sum(), 1.1, rtol=1e-3)
