import numpy as np
import pytest

from engine.graduation import graduate


def _group_sums(single, widths):
    return np.add.reduceat(single, np.r_[0, np.cumsum(widths)[:-1]], axis=-1)


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
