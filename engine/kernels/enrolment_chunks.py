"""How the enrolment kernel (:mod:`engine.kernels.enrolment`) cuts a batch of cells into
chunks, each projected in one call and summed into one slab of the outputs."""

from __future__ import annotations

import numpy as np

CELLS_PER_CHUNK = 288
"""Cells are split into chunks of about this many, at least 4 and at most 16; the number
depends on the number of cells only (never on the threads), so sums do not either. Four
chunks suit one baseline's 576 cells; a batch of several thousand cells balances better
over the threads in more, smaller chunks."""
MIN_CHUNKS, MAX_CHUNKS = 4, 16

def chunking(sizes) -> tuple[np.ndarray, np.ndarray]:
    """Chunks of cells for a batch of variants of ``sizes`` cells each: ``starts`` (ranks in
    the order of the income groups, where each variant's cells follow the previous
    variant's) and the output ``slabs`` they sum into.

    The batch is cut into as many chunks as its number of cells asks for
    (:data:`CELLS_PER_CHUNK`, at least :data:`MIN_CHUNKS`, at most :data:`MAX_CHUNKS`),
    spread over the variants: each variant into ``j`` parts of its own, part ``i`` summing
    into slab ``i``. Chunks of different variants write to different income groups, so
    they share slabs; ``j`` slabs (not one per chunk) keep the outputs small for a large
    batch. The chunks depend on the sizes only, never on the threads.
    """
    sizes = [int(n) for n in sizes]
    total = sum(sizes)
    n_chunks = min(max(MIN_CHUNKS, total // CELLS_PER_CHUNK), MAX_CHUNKS, max(total, 1))
    parts = max(1, -(-n_chunks // max(len(sizes), 1)))
    starts, slabs, offset = [0], [], 0
    for n in sizes:
        for i in range(min(parts, max(n, 1))):
            starts.append(offset + (i + 1) * n // min(parts, max(n, 1)))
            slabs.append(i)
        offset += n
    return np.array(starts, dtype=np.int64), np.array(slabs, dtype=np.int64)
