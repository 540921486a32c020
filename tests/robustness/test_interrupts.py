"""SIGINT and SIGTERM at several moments of `run`, `compare` and `sweep`, into a folder
that holds an earlier complete set: afterwards the folder holds the earlier set untouched
or a complete new one, never a mix; no temporary file or folder is left; standard error
ends with one line and no traceback; the status is 130 or 143."""

import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from .helpers import BASELINE, ROOT, UNCERTAINTY, laosim, start

SHORT = ["--set", "horizon.end_year=2040"]
SETS = {
    "run": {"results.nc", "summary.csv", "results.xlsx", "report.html"},
    "compare": {"compare.csv", "report.html"},
    "sweep": {"results.nc", "quantiles.csv", "depletion_probability.csv", "sensitivity.csv", "report.html"},
}
COMMANDS = {
    "run": ["run", BASELINE, *SHORT],
    "compare": ["compare", BASELINE, ROOT / "scenarios" / "subsidy_50.yaml", *SHORT],
    "sweep": ["sweep", UNCERTAINTY, "--draws", "8", "--set", "horizon.end_year=2035"],
}
# the stderr line after which a moment has come (None: a fixed delay after the start)
MOMENTS = {
    ("run", "computation"): "running 'baseline'",
    ("compare", "computation"): "[2/2] running",
    ("sweep", "cluster start"): "sweeping 'uncertainty'",
    ("sweep", "computation"): "sweep: 1/",
}


@pytest.fixture(scope="module")
def earlier_set(tmp_path_factory) -> Path:
    """A complete set of a run (a different scenario) to be found intact or replaced."""
    folder = tmp_path_factory.mktemp("earlier") / "set"
    status, _, err, _ = laosim("run", ROOT / "scenarios" / "subsidy_100.yaml", "--out", folder,
                               "--set", "horizon.end_year=2030")
    assert status == 0, err
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def interrupt(args, signum: int, moment: str, out: Path, key) -> tuple[int, str]:
    """Start the program, send ``signum`` at ``moment``; returns (status, stderr)."""
    proc = start(*args, "--out", out)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    marker = MOMENTS.get((key, moment))
    while proc.poll() is None and time.monotonic() < deadline:
        if moment == "start-up":
            time.sleep(1.0)
            break
        if moment == "writing" and any(p.name.endswith(".part") for p in out.parent.iterdir()):
            break
        if marker and any(marker in line for line in lines):
            break
        time.sleep(0.01)
    if proc.poll() is None:
        proc.send_signal(signum)
    proc.wait(timeout=120)
    reader.join(timeout=10)
    proc.stdout.close()
    return proc.returncode, "".join(lines)


CASES = [
    ("run", "start-up", signal.SIGINT), ("run", "computation", signal.SIGTERM),
    ("run", "writing", signal.SIGINT), ("run", "writing", signal.SIGTERM),
    ("compare", "computation", signal.SIGINT), ("compare", "writing", signal.SIGTERM),
    ("sweep", "start-up", signal.SIGTERM), ("sweep", "cluster start", signal.SIGINT),
    ("sweep", "computation", signal.SIGTERM), ("sweep", "writing", signal.SIGINT),
]


@pytest.mark.slow
@pytest.mark.parametrize("command, moment, signum", CASES,
                         ids=[f"{c}-{m.replace(' ', '_')}-{signal.Signals(s).name}" for c, m, s in CASES])
def test_interrupt_leaves_the_earlier_set_or_a_complete_new_one(tmp_path, earlier_set, command, moment, signum):
    out = tmp_path / "sets" / "out"
    shutil.copytree(earlier_set, out)
    before = snapshot(out)
    status, err = interrupt(COMMANDS[command], signum, moment, out, command)
    after = snapshot(out)
    finished = status == 0
    assert status == 128 + signum or (finished and moment == "writing"), (status, err)
    assert "Traceback" not in err and "Error" not in err, err
    if not finished:
        assert err.splitlines()[-1] == f"laosim: interrupted ({signal.Signals(signum).name})", err
        assert sum("interrupted" in line for line in err.splitlines()) == 1
    if after != before:  # a new set: complete, and nothing of the earlier one
        assert set(after) == SETS[command], sorted(after)
        assert all(after[name] for name in after)
    assert [p.name for p in out.parent.iterdir()] == ["out"], "no temporary folder beside --out"
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
