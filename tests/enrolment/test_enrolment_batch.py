"""A batch of variants in one enrolment kernel call: each variant's result is its own."""

import numpy as np
import pytest

from benchmarks.enrolment_batch import project_enrolment_batch
from engine.kernels.enrolment import rates_row

N_YEARS, N_AGE, N_GROUPS, N_CLASSES, N_PATTERNS = 6, 101, 4, 3, 2


def variant(rng, n_cells, exit_age, split, pattern):
    """Kernel inputs of one variant: its own cells, people and rates; policies by pattern."""
    eta = rng.normal(0.0, 1.0, (2, n_cells, 2, N_AGE))
    weight = rng.random((n_cells, 2, N_AGE))
    weight /= weight.sum(axis=0, keepdims=True)
    group = rng.integers(0, N_GROUPS, n_cells)
    klass = rng.integers(0, N_CLASSES, n_cells)
    income = rng.uniform(0.3e6, 3e6, (N_YEARS, n_cells))
    scale = rng.uniform(0.0, 0.6, (N_YEARS, n_cells, N_PATTERNS))
    pool = rng.uniform(1e3, 5e4, (N_YEARS, 2, N_AGE))
    survival = rng.uniform(0.9, 1.0, (N_YEARS, 2, N_AGE))
    transfers = rng.uniform(0.0, 50.0, (N_YEARS, 2, N_AGE))
    shift = rng.normal(0.0, 0.3, (N_YEARS, n_cells, N_PATTERNS))
    lapse = rng.uniform(0.0, 0.3, (N_YEARS, n_cells, N_PATTERNS))
    rates = rates_row(beta_below=rng.uniform(-3e-7, 0), beta_above=rng.uniform(-3e-7, 0),
                      threshold=1.1e6 if split else -np.inf, lapse=0.14, return_rate=rng.uniform(0, 0.4),
                      entry_age=rng.uniform(10, 20), exit_age=exit_age)
    members0 = rng.uniform(0.0, 5.0, (n_cells, 2, N_AGE))
    lapsed0 = rng.uniform(0.0, 2.0, (n_cells, 2, N_AGE))
    return ((eta, weight, group, klass, pattern), (income, scale, pool, survival, transfers, shift, lapse),
            rates, members0, lapsed0)


def test_a_batch_needs_shared_years_and_patterns():
    rng = np.random.default_rng(3)
    pattern = np.zeros((2, N_AGE), dtype=np.int64)
    first = variant(rng, 5, 60.0, True, pattern)
    other_pattern = variant(rng, 5, 60.0, True, pattern + 1)
    with pytest.raises(ValueError, match="variant 1 has other policy patterns"):
        project_enrolment_batch([first, other_pattern], N_GROUPS)
    cells, years, *rest = variant(rng, 5, 60.0, True, pattern)
    shorter = tuple(y[1:] for y in years)
    with pytest.raises(ValueError, match="variant 1 has other years or ages"):
        project_enrolment_batch([first, (cells, shorter, *rest)], N_GROUPS)
    assert project_enrolment_batch([], N_GROUPS) == []
