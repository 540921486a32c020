"""Observed stocks stand where the charts put the model's stocks of the same date."""

import pytest

from engine.report.figures import stock_position
from engine.report.observations import voluntary_observations


def test_an_end_of_year_observation_stands_at_its_year():
    """The model's members at 31 December of year t are drawn at t; so are the observed
    8,007 members of 31 December 2018 and 26,793 of 31 December 2023."""
    positions = {round(p.value): stock_position(p.year) for p in voluntary_observations()}
    assert positions[8007] == pytest.approx(2018.0, abs=0.01)
    assert positions[26793] == pytest.approx(2023.0, abs=0.01)
    assert 2019.5 < positions[11492] < 2020.0            # 9 November 2020: late in the year 2020
