"""A sweep's marginal quantile functions (written with ``scipy.special`` alone, so that a
sweep's client need not import ``scipy.stats``) give the draws ``scipy.stats`` gives, bit
for bit."""

import numpy as np
import pytest
from scipy import stats

from engine.scenario.schema_uncertainty import Distribution
from engine.uncertainty import marginal_ppf

Q = np.concatenate([[0.0, 1e-300, 1e-12, 0.25, 0.5, 0.75, 1 - 1e-12, 1.0],
                    np.random.default_rng(7).random(2000)])


def _scipy(dist: Distribution):
    if dist.distribution == "normal":
        mean = dist.mean if dist.mean is not None else (0.0 if dist.apply == "add" else 1.0)
        return stats.norm(loc=mean, scale=dist.sd)
    if dist.distribution == "lognormal":
        return stats.lognorm(s=dist.sd, scale=1.0)
    if dist.distribution == "uniform":
        return stats.uniform(loc=dist.low, scale=dist.high - dist.low)
    width = dist.high - dist.low
    return stats.triang(c=(dist.mode - dist.low) / width, loc=dist.low, scale=width)


@pytest.mark.parametrize("fields", [
    {"distribution": "normal", "sd": 0.013},
    {"distribution": "normal", "apply": "multiply", "sd": 0.2},
    {"distribution": "normal", "mean": -0.4, "sd": 3.5},
    {"distribution": "normal", "sd": 0.0},
    {"distribution": "lognormal", "apply": "multiply", "sd": 0.08},
    {"distribution": "lognormal", "apply": "multiply", "sd": 0.0},
    {"distribution": "uniform", "low": -0.02, "high": 0.03},
    {"distribution": "triangular", "low": -0.01, "mode": 0.0, "high": 0.03},
    {"distribution": "triangular", "low": 0.5, "mode": 0.5, "high": 1.5},
    {"distribution": "triangular", "low": 0.5, "mode": 1.5, "high": 1.5},
])
def test_marginal_quantiles_are_scipy_stats_bit_for_bit(fields):
    dist = Distribution(**fields)
    ours, theirs = marginal_ppf(dist, Q), _scipy(dist).ppf(Q)
    assert ours.dtype == theirs.dtype == np.float64
    np.testing.assert_array_equal(ours, theirs)
    assert np.array_equal(np.signbit(ours), np.signbit(theirs))
