"""The bot's processes use one BLAS thread unless the operator chooses otherwise: its numpy
work is small products on which OpenBLAS's extra threads only spin (see bot/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# What the crosstrain command imports first, then numpy's BLAS as it was loaded.
_PROBE = ("import bot.cli, numpy, threadpoolctl; "
          "print([pool['num_threads'] for pool in threadpoolctl.threadpool_info() "
          "if pool['user_api'] == 'blas'])")


def _blas_threads(**env: str) -> str:
    clean = {name: value for name, value in os.environ.items()
             if name not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", _PROBE], env={**clean, **env,
                          "PYTHONPATH": str(REPO_ROOT)}, capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stdout.strip()


def test_the_command_loads_numpy_with_one_blas_thread() -> None:
    assert _blas_threads() == "[1]"


def test_an_operators_own_value_wins() -> None:
    assert _blas_threads(OPENBLAS_NUM_THREADS="2") == "[2]"
