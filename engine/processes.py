"""The cores this process may use, and whether it may fork a helper process beside itself.

A leaf: the sweep's workers, the report's figures drawn beside the data files and the
kernels compiled ahead all ask the same two questions.
"""

from __future__ import annotations

import os
import sys
import threading


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or a batch
    system may restrict below the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on this platform
        return max(1, os.cpu_count() or 1)


def can_fork_helper() -> bool:
    """Whether a forked helper process can work beside this one: on Linux, with two cores
    or more, from the main thread (forking beside other busy threads could copy a lock one
    of them holds)."""
    return (hasattr(os, "fork") and sys.platform.startswith("linux") and available_cores() > 1
            and threading.current_thread() is threading.main_thread())
