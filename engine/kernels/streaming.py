"""Copying a kernel's finished block of output to memory with non-temporal stores.

An ordinary store to memory first reads the cache line it writes into (read for
ownership), so a kernel whose output is far larger than the cache moves every byte twice.
A non-temporal (streaming) store writes whole 64-byte lines past the cache, moving each
byte once. Kernels that produce such output compute one block at a time in a small
scratch array that stays in cache, then :func:`stream_copy` it to its place in the output.

Streaming stores skip the cache, so use them only for output that is not read back soon:
for small outputs ordinary stores are faster. With ``LAOSIM_NO_JIT`` set,
:func:`stream_copy` is a plain array assignment.
"""

from __future__ import annotations

from engine.kernels import NO_JIT, kernel

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
