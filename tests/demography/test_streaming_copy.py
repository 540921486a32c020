"""The streaming copy of the benchmarks (``benchmarks/streaming_cohort.py``) writes exactly
the target, whatever its alignment and length."""

import numpy as np

from engine.kernels.jit import kernel
from benchmarks.streaming_cohort import stream_copy


@kernel()
def _copy(src, dst):
    stream_copy(src, dst)


def test_copies_a_contiguous_block_of_any_shape():
    source = np.arange(2 * 77 * 101, dtype=np.float64).reshape(77, 2, 101)
    target = np.zeros((3, 77, 2, 101))
    _copy(source, target[1])
    np.testing.assert_array_equal(target[1], source)
    assert not target[0].any() and not target[2].any()
