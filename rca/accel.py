"""The optional C accelerators: whether one is in use.

Each accelerator (rca/sources/_fastrow.c, rca/mining/_fastmine.c, rca/mining/_fastbatch.c) does
what a Python function next to it does, faster; tests compare the two. They are compiled by
`pip install` when a C compiler is there (hatch_build.py). `RCA_PURE_PYTHON=1` turns them all off,
to compare or to rule them out.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def pure_python() -> bool:
    """True when RCA_PURE_PYTHON asks for the Python implementations only."""
    return os.environ.get("RCA_PURE_PYTHON", "") not in ("", "0")


def load(name: str) -> ModuleType | None:
    """The compiled module `name` (say "rca.mining._fastmine"), or None when it was not built or
    RCA_PURE_PYTHON=1: the caller then uses its Python implementation."""
    if pure_python():
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
