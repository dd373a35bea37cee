"""A worker's C heap: few glibc malloc arenas.

glibc gives threads that allocate at the same time arenas of their own, up to eight per
core, and memory freed in one arena is reused only by allocations in that arena. A worker
allocates from the event loop, the two model threads (onnxruntime, without its own memory
arena, allocates each operator's output with malloc) and the executor's threads: each
keeps a partly used arena, and ``malloc_trim`` can only give back whole free pages.
With two arenas, measured with ``python -m bench.memory`` on the 2-core target: ~8 MB
less resident in steady state (one arena saved no more).

``crosstrain run`` calls :func:`limit_malloc_arenas` first, before any thread starts. It
does what ``MALLOC_ARENA_MAX=2`` in the environment would; a ``MALLOC_ARENA_MAX`` set
there is left to glibc, which has read it already. Elsewhere than glibc: nothing to do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

# glibc's mallopt parameter for the most arenas (malloc.h: M_ARENA_MAX).
M_ARENA_MAX = -8
# One per core of the 2-core target: the model threads rarely wait on each other's arena.
WORKER_ARENAS = 2


def limit_malloc_arenas(count: int = WORKER_ARENAS) -> bool:
    """Let glibc's malloc use at most ``count`` arenas from now on; whether it was set.

    Call it before starting threads: arenas made before stay."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, count))
