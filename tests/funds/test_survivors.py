"""Survivors' pensions by type and age: spouses for life, orphans until the age limit."""

import numpy as np
import pytest

from engine.funds.survivors import project_survivor_pools
from engine.scenario.params import YearPath

N_AGE, N_YEARS = 101, 12


def one_death(default_scenario, sex: int, age: int, survival: float = 1.0):
    """A single qualifying insured person of ``sex`` aged ``age`` dies in the first year,
    average earnings 2 m LAK a month, in the enterprise scheme; everyone else lives."""
    survivors = default_scenario.benefits.survivors.model_copy(update={
        "probability": YearPath.constant(1.0), "earnings_rate": YearPath.constant(0.5)})
    deaths = np.zeros((N_YEARS, 3, 2, N_AGE))
    deaths[0, 1, sex, age] = 1.0
    earnings = deaths * 2e6
    alive = np.full((N_YEARS, 2, N_AGE), survival)
    pools = project_survivor_pools(survivors, np.arange(2024, 2024 + N_YEARS), alive, np.ones(N_YEARS),
                                   deaths, earnings, np.zeros_like(deaths), np.zeros_like(deaths))
    return survivors, pools


def test_a_young_parent_leaves_a_spouse_and_an_orphan_until_the_age_limit(default_scenario):
    """A man dying at 40 leaves a widow (pension 0.6 x 0.5 x 2 m for life) and a child aged
    13 at the year's end (0.4 x 0.5 x 2 m until 18: five more years)."""
    survivors, pools = one_death(default_scenario, sex=0, age=40)
    spouse, orphan = 0.6 * 0.5 * 2e6, 0.4 * 0.5 * 2e6
    assert survivors.spouse_share == 0.6 and survivors.orphan_age_limit == 18
    assert pools.new_count[0, 1] == 2.0 and pools.count[0, 1] == 2.0
    # first year: half a year of each pension (paid from mid-year on average)
    assert pools.spent[0, 1] == pytest.approx(12 * 0.5 * (spouse + orphan))
    years_with_orphan = 18 - 13                   # ages 13..17 at the years' ends
    assert pools.count[years_with_orphan - 1, 1] == 2.0 and pools.count[years_with_orphan, 1] == 1.0
    assert pools.spent[3, 1] == pytest.approx(12 * (spouse + orphan))
    assert pools.spent[-1, 1] == pytest.approx(12 * spouse)
    assert np.all(pools.count[:, [0, 2]] == 0)


def test_an_old_deceased_leaves_no_orphan_and_spouses_die(default_scenario):
    """A woman dying at 70 leaves a widower (73); with 90 % survival his pension falls 10 % a year."""
    _, pools = one_death(default_scenario, sex=1, age=70, survival=0.9)
    assert pools.new_count[0, 1] == 1.0
    np.testing.assert_allclose(pools.count[1:, 1] / pools.count[:-1, 1], 0.9)
