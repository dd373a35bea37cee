"""A worker's threads share at most two glibc malloc arenas (bot/malloc.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# Eight threads allocate at the same time, then glibc describes its arenas ("<heap nr=").
PROCESS = """
import ctypes, ctypes.util, sys, tempfile, threading
from bot.malloc import limit_malloc_arenas

if sys.argv[1] == "limited":
    assert limit_malloc_arenas()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
barrier = threading.Barrier(8)

def allocate():
    barrier.wait()
    blocks = [libc.malloc(4096) for _ in range(2000)]
    barrier.wait()
    for block in blocks:
        libc.free(block)

threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
libc.fopen.restype = ctypes.c_void_p
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
with tempfile.NamedTemporaryFile(suffix=".xml") as out:
    handle = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, handle)
    libc.fclose(handle)
    print(open(out.name).read().count("<heap nr="))
"""


def arenas(mode: str) -> int:
    env = {name: value for name, value in os.environ.items() if name != "MALLOC_ARENA_MAX"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    done = subprocess.run([sys.executable, "-c", PROCESS, mode], capture_output=True,
                          text=True, env=env, check=True, timeout=60)
    return int(done.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_threads_allocating_at_once_share_two_arenas_once_limited() -> None:
    assert arenas("plain") > 2  # glibc's default: an arena per thread, up to 8 per core
    assert arenas("limited") <= 2


def test_a_malloc_arena_max_in_the_environment_is_left_to_glibc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.malloc import limit_malloc_arenas

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
