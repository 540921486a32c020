"""Property tests (Hypothesis) of what :mod:`tests.data.test_data_graduation` tests by
example: tests.data.test_data_graduation."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.graduation import graduate, graduate_five_year
from tests.data.test_data_graduation import _group_sums


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, st.integers(2, 22), elements=st.one_of(
        st.just(0.0), st.floats(1e-6, 1e7, allow_nan=False, allow_infinity=False))),
    st.integers(1, 7),
)
def test_graduation_preserves_totals_and_is_non_negative(totals, width):
    edges = np.arange(totals.size + 1) * width
    single = graduate(totals, edges)
    assert single.shape == (totals.size * width,)
    assert np.all(single >= 0.0)
    np.testing.assert_allclose(_group_sums(single, np.diff(edges)), totals, rtol=1e-12, atol=1e-9)
    assert np.all(single[np.repeat(totals == 0, width)] == 0.0)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, (2, 21), elements=st.floats(0.0, 5e5, allow_nan=False)))
def test_five_year_groups_with_open_group(totals):
    single = graduate_five_year(totals)
    assert single.shape == (2, 101)
    assert np.all(single >= 0.0)
    np.testing.assert_allclose(_group_sums(single[:, :100], np.full(20, 5)), totals[:, :20],
                               rtol=1e-12, atol=1e-9)
    assert np.array_equal(single[:, 100], totals[:, 20])
