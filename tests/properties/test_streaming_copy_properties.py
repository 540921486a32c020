"""Property tests (Hypothesis) of what :mod:`tests.demography.test_streaming_copy` tests by
example: the streaming copy of the benchmarks (``benchmarks/streaming_cohort.py``) writes
exactly the target, whatever its alignment and length."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.demography.test_streaming_copy import _copy


@settings(max_examples=60, deadline=None)
@given(length=st.integers(0, 300), offset=st.integers(0, 15), seed=st.integers(0, 2**31))
def test_copies_every_value_and_nothing_around_it(length, offset, seed):
    source = np.random.default_rng(seed).normal(size=length)
    buffer = np.full(length + 32, -1.0)
    _copy(source, buffer[offset:offset + length])
    np.testing.assert_array_equal(buffer[offset:offset + length], source)
    assert np.all(buffer[:offset] == -1.0) and np.all(buffer[offset + length:] == -1.0)
