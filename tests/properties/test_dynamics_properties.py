"""Property tests (Hypothesis) of what :mod:`tests.enrolment.test_dynamics` tests by
example: enrolment dynamics: kernel against the numpy reference, conservation,
monotonicity, the back-cast carried into the projection, and the scenario section's
validation."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.kernels.enrolment import project_enrolment
from tests.enrolment.test_dynamics import Q, membership_with, random_problem


def _vol(m):
    return m.voluntary.total, np.cumsum(m.voluntary.new_total)


@settings(max_examples=8, deadline=None)
@given(st.floats(0.0, 0.2), st.floats(0.0, 0.2))
def test_raising_reach_never_lowers_enrolment(r1, r2):
    lo, hi = sorted((r1, r2))
    a, b = _vol(membership_with(reach=lo)), _vol(membership_with(reach=hi))
    for x, y in zip(a, b):
        assert np.all(y >= x * (1 - 1e-12) - 1e-9)


@settings(max_examples=8, deadline=None)
@given(st.floats(0.0, 0.3), st.floats(0.0, 0.3), st.floats(0.0, 1.0))
def test_lowering_the_contribution_never_lowers_enrolment(c1, c2, subsidy):
    lo, hi = sorted((c1, c2))
    cheap, dear = _vol(membership_with(contribution_rate=lo)), _vol(membership_with(contribution_rate=hi))
    for x, y in zip(dear, cheap):
        assert np.all(y >= x * (1 - 1e-12) - 1e-9)
    subsidised = _vol(membership_with(subsidy_share=subsidy))
    plain = _vol(membership_with())
    for x, y in zip(plain, subsidised):
        assert np.all(y >= x * (1 - 1e-12) - 1e-9)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000), st.floats(1.0, 3.0))
def test_kernel_members_rise_with_the_join_scale_everywhere(seed, factor):
    cells, years, rates, m0, x0 = random_problem(seed, n_cells=5, n_years=6)
    low = years[1] * 0.3
    high = np.minimum(low * factor, 1.0)
    a = project_enrolment(cells, (years[0], low, *years[2:]), rates, m0, x0, n_groups=4)[0]
    b = project_enrolment(cells, (years[0], high, *years[2:]), rates, m0, x0, n_groups=4)[0]
    assert np.all(b[:, Q["members"]] >= a[:, Q["members"]] * (1 - 1e-12) - 1e-9)
