"""Property tests (Hypothesis) of what :mod:`tests.enrolment.test_enrolment_batch` tests by
example: a batch of variants in one enrolment kernel call: each variant's result is its
own."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.enrolment.reference import project_enrolment_reference
from benchmarks.enrolment_batch import project_enrolment_batch
from engine.kernels.enrolment import project_enrolment
from tests.enrolment.test_enrolment_batch import N_AGE, N_CLASSES, N_GROUPS, N_PATTERNS, variant


def assert_close(a, b, rtol=1e-10):
    scale = max(float(np.max(np.abs(b))), 1e-300)
    assert float(np.max(np.abs(np.asarray(a) - np.asarray(b)))) <= rtol * scale


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31), n_cells=st.lists(st.integers(1, 40), min_size=1, max_size=5),
       exit_ages=st.lists(st.sampled_from([15.0, 60.0, 65.5, 101.0]), min_size=5, max_size=5),
       split=st.booleans(), parallel=st.booleans())
def test_each_variant_of_a_batch_gets_its_own_result(seed, n_cells, exit_ages, split, parallel):
    rng = np.random.default_rng(seed)
    pattern = rng.integers(0, N_PATTERNS, (2, N_AGE))
    variants = [variant(rng, n, exit_ages[i], split, pattern) for i, n in enumerate(n_cells)]
    batch = project_enrolment_batch(variants, N_GROUPS, parallel=parallel, n_classes=N_CLASSES)
    assert len(batch) == len(variants)
    for inputs, result in zip(variants, batch):
        alone = project_enrolment(*inputs, n_groups=N_GROUPS, n_classes=N_CLASSES)
        slow = project_enrolment_reference(*inputs, n_groups=N_GROUPS, n_classes=N_CLASSES)
        assert len(result) == len(alone) == len(slow) == 5
        for fast, one, reference in zip(result, alone, slow):
            assert fast.shape == one.shape == reference.shape
            assert_close(fast, one)
            assert_close(fast, reference)
