"""Shared fixtures of the funds tests: scenarios, a baseline run, synthetic inputs."""

from __future__ import annotations

import numpy as np
import pytest

import engine
from engine.scenario.load import load_scenario, scenario_from_dict
from tests.funds.helpers import BASELINE, projected


@pytest.fixture(scope="session")
def baseline_scenario():
    return load_scenario(BASELINE)


@pytest.fixture(scope="session")
def baseline_full(baseline_scenario):
    """The baseline's results from the base year (stocks at its end, flows NaN)."""
    return engine.run(baseline_scenario)


@pytest.fixture(scope="session")
def baseline_run(baseline_full):
    """The baseline's results over the projected years."""
    return projected(baseline_full)


@pytest.fixture(scope="session")
def default_scenario():
    """Every parameter at its default (no file), horizon to 2100."""
    return scenario_from_dict({"name": "defaults"})


@pytest.fixture
def rng():
    return np.random.default_rng(20240601)

