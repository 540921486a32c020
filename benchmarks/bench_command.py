"""What a user waits for: start-up, the whole ``laosim run``, and the first run on a fresh clone.

Run: ``python benchmarks/bench_command.py [--repeat N] [--skip-first-run]
[--first-run-against COMMIT --first-runs K]``. Every figure
is a fresh process, timed from outside (wall clock, and the CPU time of the process and its
children), measured side by side in this one run so that the ratios compare like with like:

- ``python -c "import engine"`` against a process importing only the libraries a run
  needs (numpy, pandas, xarray, numba, yaml, pydantic);
- ``laosim run scenarios/baseline.yaml`` (NetCDF, CSV, workbook and HTML report) against a
  process that imports the engine, loads and runs the same scenario and writes only
  ``results.nc`` and ``summary.csv`` (:func:`engine.output.write_data_files`), the two
  alternated ``--repeat`` times, numba's cache warm;
- the first ``laosim run`` on a fresh copy of the repository (no ``__pycache__``, so no
  numba cache: the kernels compile), as the README's Quick start runs it, then the second;
  with ``--first-run-against COMMIT``, the same on a fresh copy of that commit's code, the
  two alternated ``--first-runs`` times (a new copy of each every time).

Prints the machine (CPU model, cores), the load average before and after (the figures of a
busy machine vary), the median and range of each figure, and the ratios the project's
targets are stated in (run with report / data files only <= 1.5; import engine / libraries
<= 1.2; first run on a fresh clone).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_model, usable_cores

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LIBRARIES = "import numpy, pandas, xarray, numba, yaml, pydantic"
RUN_MODULES = "import engine.scenario, engine.data, engine.model, engine.output"
"""What ``laosim run`` imports before it projects (for information: scipy and pandera besides the libraries)."""
DATA_FILES_ONLY = """
import sys
from pathlib import Path
import engine
from engine.output import write_data_files
results = engine.run(engine.load_scenario(sys.argv[1]))
write_data_files(results, Path(sys.argv[2]))
"""
"""A fresh process that imports the engine, runs the projection and writes NetCDF and CSV only."""


def machine() -> str:
    """CPU model, cores usable by this process, memory, Python and numba versions."""
    model, cores = cpu_model(), usable_cores()
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = subprocess.run([PYTHON, "-c", "import numba, numpy; print(numba.__version__, numpy.__version__)"],
                              capture_output=True, text=True).stdout.split()
    numba = f", numba {versions[0]}, numpy {versions[1]}" if len(versions) == 2 else ""
    return f"{model}, {cores} cores{memory}; Python {platform.python_version()}{numba}"


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def timed(args: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one command; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(map(str, args))}\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def environment(root: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("LAOSIM_NO_JIT", None)
    return env


def paired(commands: dict[str, list[str]], repeat: int, env: dict) -> dict[str, list[tuple[float, float]]]:
    """Each command once per round, alternating, ``repeat`` rounds (after one unrecorded warm-up)."""
    for args in commands.values():
        timed(args, env=env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            times[name].append(timed(args, env=env))
    return times


def shown(samples: list[tuple[float, float]]) -> str:
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    return (f"{statistics.median(walls):6.2f} s wall ({min(walls):.2f}-{max(walls):.2f}), "
            f"{statistics.median(cpus):6.2f} s CPU")


def ratio(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> str:
    wall = statistics.median(s[0] for s in a) / statistics.median(s[0] for s in b)
    cpu = statistics.median(s[1] for s in a) / statistics.median(s[1] for s in b)
    return f"{wall:.2f}x wall, {cpu:.2f}x CPU"


def fresh_copy(into: Path) -> Path:
    """The repository's engine and scenarios without any ``__pycache__`` (no numba cache)."""
    root = into / "laosim"
    ignore = shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc", "*.pyc")
    for part in ("engine", "scenarios"):
        shutil.copytree(ROOT / part, root / part, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def commit_copy(commit: str, into: Path) -> Path:
    """The engine, scenarios and ``pyproject.toml`` of ``commit`` (``git archive``: no
    ``__pycache__``, so no numba cache)."""
    root = into / f"laosim-{commit}"
    root.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "engine", "scenarios", "pyproject.toml"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    return root


def first_runs(scenario: str, against: str | None, rounds: int, tmp: Path) -> dict[str, list[tuple[float, float]]]:
    """First and second runs on fresh copies of this tree (``now``) and of commit ``against``
    (if named), alternated ``rounds`` times, each round on new copies."""
    copies = {"now": lambda into: fresh_copy(into)}
    if against:
        copies[against] = lambda into: commit_copy(against, into)
    times: dict[str, list[tuple[float, float]]] = {}
    for i in range(rounds):
        for name, make in (copies.items() if i % 2 == 0 else reversed(list(copies.items()))):
            clone = make(tmp / f"round{i}-{name}")
            command = [PYTHON, "-m", "engine", "run", scenario, "--out", str(tmp / f"first-{i}-{name}")]
            times.setdefault(f"{name} first", []).append(timed(command, cwd=clone, env=environment(clone)))
            times.setdefault(f"{name} second", []).append(timed(command, cwd=clone, env=environment(clone)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each paired comparison (default 5)")
    parser.add_argument("--skip-first-run", action="store_true", help="leave out the fresh-clone first run")
    parser.add_argument("--first-run-against", metavar="COMMIT",
                        help="also time the first run of this commit's code, alternated with this tree's")
    parser.add_argument("--first-runs", type=int, default=1, help="rounds of first runs (default 1)")
    args = parser.parse_args()
    scenario = "scenarios/baseline.yaml"
    env = environment(ROOT)
    print(f"machine: {machine()}")
    print(f"load average at start: {load()}")
    with tempfile.TemporaryDirectory(prefix="laosim-bench-") as tmp:
        tmp = Path(tmp)
        imports = paired({"engine": [PYTHON, "-c", "import engine"], "libraries": [PYTHON, "-c", LIBRARIES],
                          "run modules": [PYTHON, "-c", RUN_MODULES]}, args.repeat, env)
        runs = paired({"run": [PYTHON, "-m", "engine", "run", scenario, "--out", str(tmp / "run")],
                       "data": [PYTHON, "-c", DATA_FILES_ONLY, scenario, str(tmp / "data")]},
                      args.repeat, env)
        first = None if args.skip_first_run else first_runs(scenario, args.first_run_against, args.first_runs, tmp)
    print(f"load average at end: {load()}")
    print()
    print(f"python -c 'import engine'                    {shown(imports['engine'])}")
    print(f"import numpy, pandas, xarray, numba, yaml, pydantic {shown(imports['libraries'])}")
    print(f"  ratio (target <= 1.2): {ratio(imports['engine'], imports['libraries'])}")
    print(f"import of what a run needs before projecting  {shown(imports['run modules'])}")
    print(f"laosim run {scenario} (with report)  {shown(runs['run'])}")
    print(f"import, run, write NetCDF and CSV only        {shown(runs['data'])}")
    print(f"  ratio (target <= 1.5): {ratio(runs['run'], runs['data'])}")
    if first is not None:
        print(f"first laosim run on a fresh copy (compiling)  {shown(first['now first'])}")
        print(f"second laosim run there (numba cache warm)    {shown(first['now second'])}")
        if args.first_run_against:
            old = args.first_run_against
            print(f"first run of {old} on a fresh copy     {shown(first[old + ' first'])}")
            print(f"second run of {old} there              {shown(first[old + ' second'])}")
            print(f"  ratio of the first runs (target < 1/3): {ratio(first['now first'], first[old + ' first'])}")
    print(f"({args.repeat} rounds each, first runs {args.first_runs}; medians and ranges; CPU includes child processes)")


if __name__ == "__main__":
    main()
