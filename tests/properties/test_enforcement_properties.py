"""Property tests (Hypothesis) of what :mod:`tests.policies.test_enforcement` tests by
example: ``enforcement``: enterprise compliance raised by licence linkage or inspections,
at a cost."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.policies.helpers import run_projected, run, with_policies
from tests.properties.strategies import SETTINGS
from tests.policies.test_enforcement import BLOCK


def enterprise(ds):
    return ds["active_members"].sel(scheme="enterprise").to_numpy()


@settings(**SETTINGS)
@given(st.floats(0.0, 1.0), st.integers(2025, 2032), st.integers(0, 4))
def test_enforcement_never_lowers_compliance_and_adds_exactly_what_it_reports(gain, start, phase_in):
    ds = run_projected(with_policies([{**BLOCK, "compliance_gain": gain, "start_year": start,
                                    "phase_in_years": phase_in}]))
    base = run()
    added = enterprise(ds) - enterprise(base)
    assert np.all(added >= -1e-9 * enterprise(base))
    np.testing.assert_allclose(ds["enforcement_added_members"], added, rtol=1e-9, atol=1e-6)
    assert np.all(added[ds["year"].to_numpy() < start] == 0)
