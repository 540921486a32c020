"""Running the program as a user does: a separate process, its status, its time, its lines."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
UNCERTAINTY = ROOT / "scenarios" / "uncertainty.yaml"


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAOSIM_DEBUG", "LAOSIM_DATA_DIR")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def laosim(*args: str, cwd: Path | None = None, timeout: float = 120, **env: str):
    """Run ``python -m engine ARGS``; returns (status, stdout, stderr, seconds)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "engine", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=environment(**env), timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start


def projection_started(*args: str, **kw) -> tuple[int, str, bool]:
    """Run ``python -m engine ARGS`` and tell whether it reached the projection: whether it
    imported :mod:`engine.model` (Python's import trace tells, whatever the machine's
    speed). Returns (status, standard error without the trace, started)."""
    status, _, err, _ = laosim(*args, PYTHONPROFILEIMPORTTIME="1", **kw)
    trace = [line for line in err.splitlines() if line.startswith("import time:")]
    rest = "\n".join(line for line in err.splitlines() if not line.startswith("import time:"))
    return status, rest, any(line.rstrip().endswith(("| engine.model", "|   engine.model")) or
                             line.split("|")[-1].strip() == "engine.model" for line in trace)


def start(*args: str, **env: str) -> subprocess.Popen:
    """Start ``python -m engine ARGS`` without waiting."""
    return subprocess.Popen([sys.executable, "-m", "engine", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=environment(**env))
