"""Property tests (Hypothesis) of what :mod:`tests.policies.test_retention` tests by
example: ``retention``: a lower lapse rate for eligible members, at a cost per member."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.policies.helpers import run_projected, run, with_policies
from tests.properties.strategies import SETTINGS, eligible_groups
from tests.policies.test_retention import BLOCK, voluntary


@settings(**SETTINGS)
@given(eligible_groups(), st.floats(0.01, 1.0))
def test_retention_never_lowers_enrolment(eligible, reduction):
    ds = run_projected(with_policies([{**BLOCK, "eligible": eligible, "lapse_reduction": reduction}]))
    base = run()
    assert np.all(voluntary(ds) >= voluntary(base) - 1e-9 * voluntary(base))
