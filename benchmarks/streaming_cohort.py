"""Writing the cohort kernel's output into large reused buffers with non-temporal stores.

An ordinary store to memory first reads the cache line it writes into (read for
ownership), so a kernel whose output is far larger than the cache moves every byte twice.
A non-temporal (streaming) store writes whole 64-byte lines past the cache, moving each
byte once. :func:`project_cohorts_into` projects each population into a small scratch
array that stays in cache, then :func:`stream_copy` copies it to its place in the output.

Measured on the benchmark machine (``benchmarks/README.md``): into reused buffers of the
1,000-population grid (124 MB) streaming stores take the kernel from 10.8-12 ms to
7.5-8.0 ms. A fresh output is another matter: the system zero-fills each new page in cache
as it is first touched, so ordinary stores already write it once, and streaming past those
cached lines measured 1.6x slower; that is why the engine, which allocates its output,
does not use them. Streaming stores skip the cache, so they suit only output that is not
read back soon. With ``LAOSIM_NO_JIT`` set, :func:`stream_copy` is a plain assignment.

The benchmarks import this module as ``streaming_cohort`` (run from ``benchmarks/``); the
tests as ``benchmarks.streaming_cohort``.
"""

from __future__ import annotations

import numpy as np

from engine.kernels.cohort import cohort_inputs, project_cohorts, project_member
from engine.kernels.jit import NO_JIT, kernel, prange

LINE_BYTES = 64
"""A cache line; a streaming store writes one whole, aligned line."""

DOUBLES_PER_LINE = LINE_BYTES // 8

if NO_JIT:

    def stream_copy(src, dst):
        """``dst[...] = src`` (the plain-Python form of the streaming copy)."""
        dst[...] = src

else:
    from llvmlite import ir
    from numba import types
    from numba.core.extending import intrinsic

    @intrinsic
    def _store_line(typingctx, dst, i, src, j):
        """``dst[i:i+8] = src[j:j+8]`` as one non-temporal store of a cache line.

        ``dst`` and ``src`` are 1-D float64 arrays; ``&dst[i]`` must be 64-byte aligned.
        """
        signature = types.void(dst, types.intp, src, types.intp)

        def codegen(context, builder, sig, args):
            dst_value, i_value, src_value, j_value = args
            dst_array = context.make_array(sig.args[0])(context, builder, dst_value)
            src_array = context.make_array(sig.args[2])(context, builder, src_value)
            line = ir.VectorType(ir.DoubleType(), DOUBLES_PER_LINE)
            source = builder.bitcast(builder.gep(src_array.data, [j_value]), line.as_pointer())
            target = builder.bitcast(builder.gep(dst_array.data, [i_value]), line.as_pointer())
            store = builder.store(builder.load(source, align=8), target, align=LINE_BYTES)
            store.set_metadata("nontemporal", builder.module.add_metadata([ir.Constant(ir.IntType(32), 1)]))
            return context.get_dummy_value()

        return signature, codegen

    @intrinsic
    def _store_fence(typingctx):
        """A memory fence: streaming stores are weakly ordered, and this makes them visible
        to other threads before anything written after it."""

        def codegen(context, builder, sig, args):
            builder.fence("seq_cst")
            return context.get_dummy_value()

        return types.void(), codegen

    @kernel(inline=True)
    def stream_copy(src, dst):
        """``dst[...] = src`` for C-contiguous float64 arrays of the same size (8-byte
        aligned, as numpy allocates them).

        The part of ``dst`` that covers whole aligned cache lines is written with
        streaming stores; the few values before the first and after the last such line
        with ordinary ones.
        """
        source, target = src.reshape(-1), dst.reshape(-1)
        n = target.size
        head = min(n, ((LINE_BYTES - target.ctypes.data % LINE_BYTES) % LINE_BYTES) // 8)
        for k in range(head):
            target[k] = source[k]
        i = head
        while i + DOUBLES_PER_LINE <= n:
            _store_line(target, i, source, i)
            i += DOUBLES_PER_LINE
        for k in range(i, n):
            target[k] = source[k]
        _store_fence()


STREAMING_THRESHOLD = 32 * 2**20
"""Reused output buffers of more bytes than this are written with streaming stores: they
could not stay in cache anyway, and streaming halves the memory traffic of writing them."""

STREAMING_BLOCKS = 64
"""Blocks of batch members a streaming run is split into, each with its own scratch."""


@kernel(parallel=True, fastmath=True)
def project_streaming(pop0, survival, survival_birth, asfr, migration, male_birth_share, end, births):
    """As the cohort kernel's parallel run, but each member is projected into a scratch array
    that stays in cache and then streamed to ``end``."""
    n_batch = pop0.shape[0]
    n_blocks = min(n_batch, STREAMING_BLOCKS)
    for b in prange(n_blocks):
        scratch = np.empty(end.shape[1:])
        for v in range(b * n_batch // n_blocks, (b + 1) * n_batch // n_blocks):
            project_member(v, pop0, (survival, survival_birth, asfr, migration, male_birth_share), scratch, births)
            stream_copy(scratch, end[v])


def project_cohorts_into(inputs, out, threshold: int = STREAMING_THRESHOLD):
    """:func:`engine.kernels.cohort.project_cohorts` of ``inputs`` (its six arrays) written
    into the reused buffers ``out = (end, births)``: with streaming stores when ``end`` is
    larger than ``threshold`` bytes, with ordinary ones otherwise. Returns ``out``."""
    end, births = out
    if end.nbytes <= threshold:
        return project_cohorts(*inputs, out=out)
    project_streaming(*cohort_inputs(*inputs), end, births)
    return end, births
