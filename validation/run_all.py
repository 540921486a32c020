"""Run every comparison of the validation folder on the baseline and print their tables.

Run: ``python validation/run_all.py``; exit status 1 when any comparison has an item
outside its band. The baseline runs once (5-15 s on two cores, more when numba first
compiles its kernels) and every comparison reads the same results.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validation.common import Row, baseline_results, compare, table  # noqa: E402

#: The comparisons, one script each (validation/<name>.py), in the order of validation/README.md.
COMPARISONS = ("population", "gdp_budget", "membership", "contributions", "nhi")


def run(name: str, ds) -> list[Row]:
    """The rows of comparison ``name`` for the results ``ds``."""
    module = importlib.import_module(f"validation.{name}")
    return compare(module.NAME, module.ITEMS, ds, getattr(module, "INPUTS", ()))


def main() -> int:
    ds = baseline_results()
    status = 0
    for name in COMPARISONS:
        rows = run(name, ds)
        failed = [r for r in rows if r.failed]
        skipped = [r for r in rows if r.skipped]
        print(f"\n== {name}: {len(rows) - len(failed) - len(skipped)} inside, {len(failed)} outside, "
              f"{len(skipped)} skipped")
        print(table(rows))
        status = 1 if failed else status
    return status


if __name__ == "__main__":
    sys.exit(main())
