"""The enrolment kernel with policy inputs (patterns, probit shifts, lapse rates, classes)
against its numpy reference; short inputs behave as before."""

import numpy as np
import pytest

from engine.enrolment.reference import project_enrolment_reference
from engine.kernels.enrolment import RATE_LAPSE, project_enrolment
from tests.enrolment.test_dynamics import assert_close, random_problem


def policy_problem(seed, n_patterns=3, n_classes=5):
    (eta, weight, group), years, rates, m0, x0 = random_problem(seed)
    rng = np.random.default_rng(seed + 100)
    n_years, n_cells = years[0].shape
    pattern = rng.integers(0, n_patterns, (2, weight.shape[2]))
    klass = rng.integers(0, n_classes, n_cells)
    scale = rng.uniform(0.0, 0.6, (n_years, n_cells, n_patterns))
    shift = rng.normal(0.0, 0.3, (n_years, n_cells, n_patterns))
    lapse = rng.uniform(0.05, 0.2, (n_years, n_cells, n_patterns))
    income, _, pool, survival, transfers = years
    return ((eta, weight, group, klass, pattern), (income, scale, pool, survival, transfers, shift, lapse),
            rates, m0, x0)


@pytest.mark.parametrize("parallel", [False, True])
def test_kernel_matches_reference_with_policy_inputs(parallel):
    args = policy_problem(5)
    fast = project_enrolment(*args, n_groups=4, parallel=parallel, n_classes=5)
    slow = project_enrolment_reference(*args, n_groups=4, n_classes=5)
    assert len(fast) == len(slow) == 5
    for a, b in zip(fast, slow):
        assert_close(a, b)
    # class sums add up to the income-group sums
    np.testing.assert_allclose(fast[4][:, 0].sum(axis=1), fast[0][:, 0].sum(axis=1), rtol=1e-12)


def test_one_pattern_without_shift_is_the_short_form_bit_for_bit():
    cells, years, rates, m0, x0 = random_problem(6)
    n_years, n_cells = years[0].shape
    long_cells = cells + (np.zeros(n_cells, dtype=np.int64), np.zeros((2, 101), dtype=np.int64))
    long_years = (years[0], years[1][:, :, None], *years[2:], np.zeros((n_years, n_cells, 1)),
                  np.full((n_years, n_cells, 1), rates[RATE_LAPSE]))
    short = project_enrolment(cells, years, rates, m0, x0, n_groups=4)
    full = project_enrolment(long_cells, long_years, rates, m0, x0, n_groups=4, n_classes=1)
    for a, b in zip(short, full[:4]):
        np.testing.assert_array_equal(a, b)
