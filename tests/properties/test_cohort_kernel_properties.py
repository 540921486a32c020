"""Property tests (Hypothesis) of what :mod:`tests.demography.test_cohort_kernel` tests by
example: the numba cohort kernel: agreement with the numpy reference and demographic
invariants."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.streaming_cohort import project_cohorts_into
from engine.cohort_reference import project_cohorts_reference
from engine.demography import one_year_survival
from engine.kernels.cohort import PARALLEL_THRESHOLD, project_cohorts
from tests.demography.test_cohort_kernel import A, random_inputs

mixed_sharing = st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()).map(
    lambda s: (s[0], s[0]) + s[1:])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), batch=st.integers(1, 2 * PARALLEL_THRESHOLD),
       years=st.integers(1, 30), shared=mixed_sharing, scale=st.sampled_from([0.0, 50.0, 5e4]))
def test_kernel_matches_numpy_reference(seed, batch, years, shared, scale):
    inputs = random_inputs(seed, batch, years, shared, scale)
    fast = project_cohorts(*inputs)
    slow = project_cohorts_reference(*inputs)
    for f, s in zip(fast, slow):
        np.testing.assert_allclose(f, s, rtol=1e-10, atol=1e-6)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31), batch=st.integers(1, 3 * PARALLEL_THRESHOLD),
       years=st.integers(1, 30), shared=mixed_sharing)
@pytest.mark.parametrize("streaming", [False, True])
def test_reused_buffers_match_numpy_reference(seed, batch, years, shared, streaming):
    """Writing into reused buffers: the engine's ordinary stores, and the benchmarks'
    streaming stores (``benchmarks/streaming_cohort.py``) forced on at any size."""
    inputs = random_inputs(seed, batch, years, shared)
    end = np.full((batch, years, 2, A), np.nan)
    births = np.full((batch, years, 2), np.nan)
    if streaming:
        fast = project_cohorts_into(inputs, (end, births), threshold=0)
    else:
        fast = project_cohorts(*inputs, out=(end, births))
    assert fast[0] is end and fast[1] is births
    slow = project_cohorts_reference(*inputs, out=(np.full_like(end, np.nan), np.full_like(births, np.nan)))
    for f, s in zip(fast, slow):
        np.testing.assert_allclose(f, s, rtol=1e-10, atol=1e-6)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), batch=st.integers(1, 12), years=st.integers(1, 120))
def test_closed_population_ages_exactly_and_is_conserved(seed, batch, years):
    """No deaths, births or migrants: each cohort moves up one age a year; the total stays."""
    pop0, survival, survival_birth, asfr, migration, male_share = random_inputs(seed, batch, years)
    survival, _ = one_year_survival(np.zeros_like(survival))
    end, births = project_cohorts(pop0, survival, survival_birth, np.zeros_like(asfr),
                                  np.zeros_like(migration), male_share)
    assert np.all(births == 0)
    np.testing.assert_allclose(end.sum(axis=(2, 3)), pop0.sum(axis=(1, 2))[:, None] * np.ones(years),
                               rtol=1e-12)
    for t in range(years):
        k = t + 1
        if k < A - 1:
            np.testing.assert_array_equal(end[:, t, :, k:A - 1], pop0[:, :, :A - 1 - k])
            np.testing.assert_array_equal(end[:, t, :, :k], 0.0)
        np.testing.assert_allclose(end[:, t, :, A - 1], pop0[:, :, max(A - 1 - k, 0):].sum(axis=-1), rtol=1e-12)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), years=st.integers(1, 40))
def test_counts_never_negative_even_with_heavy_emigration(seed, years):
    inputs = list(random_inputs(seed, 3, years, migration_scale=1e5))
    inputs[4] = -np.abs(inputs[4])
    end, births = project_cohorts(*inputs)
    assert np.all(end >= 0) and np.all(births >= 0)
