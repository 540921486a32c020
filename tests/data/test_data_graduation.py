import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.graduation import graduate, graduate_five_year


def _group_sums(single, widths):
    return np.add.reduceat(single, np.r_[0, np.cumsum(widths)[:-1]], axis=-1)


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


def test_uneven_edges_and_smooth_linear_data():
    edges = np.array([0, 1, 5, 10, 20])
    totals = np.array([3.0, 10.0, 12.0, 30.0])
    single = graduate(totals, edges)
    np.testing.assert_allclose(_group_sums(single, np.diff(edges)), totals, rtol=1e-13)
    # data from a constant density come back constant
    flat = graduate(np.full(6, 10.0), np.arange(0, 31, 5))
    np.testing.assert_allclose(flat, 2.0, rtol=1e-12)


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="group totals must be finite and non-negative"):
        graduate([1.0, -1.0], [0, 5, 10])
    with pytest.raises(ValueError, match="edges must be a strictly increasing"):
        graduate([1.0, 1.0], [0, 5, 5])
    with pytest.raises(ValueError, match="totals has 3 groups, edges define 2"):
        graduate([1.0, 1.0, 1.0], [0, 5, 10])
